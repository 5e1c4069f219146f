package htmlpage

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

// testPage is a small article page written for these tests.
const testPage = `<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Harbour reopens after repairs | The Coastal Gazette</title>
<meta property="og:site_name" content="The Coastal Gazette">
<meta property="og:title" content="Harbour reopens after repairs">
<meta name="description" content="The old harbour is open again.">
<meta name="author" content="Jane Fisher; Tom Boatwright">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="article:section" content="Local news">
<link rel="canonical" href="https://gazette.example/local/harbour-reopens">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour reopens after repairs</h1>
<p>The old harbour reopened on Monday after two years of repairs, and the first
   boats were back at the quay before <b>sunrise</b>, their crews cheering.</p>
<p>“It is wider than before,” said the harbour master, who has worked there for
   thirty years. The new quay can take twice as many boats as the old one did.</p>
<p>The council paid for most of the work. A small part of the money came from a
   fund for coastal towns, which also paid for new lights along the sea wall.</p>
<p>Fishermen said the repairs had come just in time for the spring season, when
   the catch is at its best and the harbour is at its busiest.</p>
</article>
<footer>Copyright The Coastal Gazette. All rights reserved.</footer>
</body></html>`

func TestExtractPage(t *testing.T) {
	r, err := Extract(testPage, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Paragraphs) != 4 {
		t.Fatalf("got %d paragraphs, want 4:\n%s", len(r.Paragraphs), r.Text)
	}
	if r.Text != strings.Join(r.Paragraphs, "\n\n") {
		t.Errorf("Text is not the paragraphs joined by one blank line")
	}
	if !strings.HasPrefix(r.Text, "The old harbour reopened") {
		t.Errorf("Text should start with the body, not the headline: %.60q", r.Text)
	}
	if !strings.Contains(r.Text, "before sunrise, their crews") {
		t.Errorf("inline element spacing lost: %q", r.Paragraphs[0])
	}
	for _, bad := range []string{"Home", "Copyright", "  ", "\n\n\n", "\t"} {
		if strings.Contains(r.Text, bad) {
			t.Errorf("Text contains %q", bad)
		}
	}
	if r.Title != "Harbour reopens after repairs" {
		t.Errorf("Title = %q", r.Title)
	}
	if want := []string{"Jane Fisher", "Tom Boatwright"}; !reflect.DeepEqual(r.Authors, want) {
		t.Errorf("Authors = %q, want %q", r.Authors, want)
	}
	if r.Published == nil || !r.Published.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) && !r.Published.Equal(time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("Published = %v, want 2024-03-05", r.Published)
	}
	if r.Site != "The Coastal Gazette" || r.Section != "Local news" || r.Language != "en" {
		t.Errorf("Site %q, Section %q, Language %q", r.Site, r.Section, r.Language)
	}
	if r.URL != "https://gazette.example/local/harbour-reopens" {
		t.Errorf("URL = %q", r.URL)
	}
	if r.Description != "The old harbour is open again." {
		t.Errorf("Description = %q", r.Description)
	}
}

func TestExtractNoContent(t *testing.T) {
	for _, src := range []string{"", "<html><body></body></html>", "<html><body><script>var x = 1;</script></body></html>"} {
		if _, err := Extract(src, Options{}); !errors.Is(err, ErrNoContent) {
			t.Errorf("Extract(%q) err = %v, want ErrNoContent", src, err)
		}
	}
}

func TestExtractTooDeep(t *testing.T) {
	src := "<html><body>" + strings.Repeat("<div>", 600) + "text"
	if _, err := Extract(src, Options{}); !errors.Is(err, ErrParse) {
		t.Fatalf("err = %v, want ErrParse", err)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"blocks and breaks", "<div><p>One\n  two</p>three<br>four<h2>Five</h2></div>", []string{"One two", "three", "four", "Five"}},
		{"soft hyphen and nbsp", "<p>extra\u00adordinary\u00a0news\u200b</p>", []string{"extraordinary news"}},
		{"trimmed inline edges get a space", "<p>a<b>bold</b>word, <i>italic</i>.</p>", []string{"a bold word, italic."}},
		{"drop capital", "<p><span>T</span>he start</p>", []string{"The start"}},
		{"no space in Japanese", "<p>東京<b>大学</b>です</p>", []string{"東京大学です"}},
		{"table row is a paragraph", "<table><tr><td>Name</td><td>Score</td></tr><tr><td>Ann</td><td>3</td></tr></table>", []string{"Name Score", "Ann 3"}},
		{"script skipped", "<p>kept<script>dropped()</script></p>", []string{"kept"}},
		{"lists", "<ul><li>first</li><li>second</li></ul>", []string{"first", "second"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("<html><body>" + tt.html + "</body></html>")
			if err != nil {
				t.Fatal(err)
			}
			if got := paragraphs(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("paragraphs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDropHeadings(t *testing.T) {
	body := []string{"The first paragraph of the story.", "The second paragraph."}
	longLede := "The harbour master has guided more than ten thousand ships into the old port since he took the job as a young man, and on Friday he will hand the keys of the harbour office to his deputy of twelve years."
	tests := []struct {
		name        string
		paras       []string
		title, desc string
		want        []string
	}{
		{"headline", append([]string{"Big News Today"}, body...), "Big News Today", "", body},
		{"headline with site suffix", append([]string{"Big News Today"}, body...), "Big News Today | Daily Paper", "", body},
		{"headline and standfirst", append([]string{"Big News Today", "A short summary."}, body...), "Big News Today", "A short summary.", body},
		{"long description is the lede", append([]string{"Big News Today", longLede}, body...), "Big News Today", longLede, append([]string{longLede}, body...)},
		{"standfirst alone is body", append([]string{"A short summary."}, body...), "Big News Today", "A short summary.", append([]string{"A short summary."}, body...)},
		{"title later in text kept", []string{"a", "b", "c", "Big News Today", "d"}, "Big News Today", "", []string{"a", "b", "c", "Big News Today", "d"}},
		{"short fragment of title kept", append([]string{"News"}, body...), "Big News Today from the Daily Paper", "", append([]string{"News"}, body...)},
		{"only the headline", []string{"Big News Today"}, "Big News Today", "", []string{"Big News Today"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropHeadings(tt.paras, tt.title, tt.desc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dropHeadings = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPrimaryLanguage(t *testing.T) {
	for in, want := range map[string]string{"en-US": "en", "pt_BR": "pt", "DE": "de", "": "", "eng": "", "x1": ""} {
		if got := primaryLanguage(in); got != want {
			t.Errorf("primaryLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFallbackExtract: a short main text is checked against the fallback
// extractors; their longer text replaces it unless it is the comments.
func TestFallbackExtract(t *testing.T) {
	doc, err := Parse(testPage)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		res  *trafilatura.ExtractResult
		want bool
	}{
		{"no main text", nil, true},
		{"a short box", &trafilatura.ExtractResult{ContentText: "Subscribe for 1 euro a week"}, true},
		{"the fallback found the comments", &trafilatura.ExtractResult{ContentText: "Subscribe for 1 euro a week",
			CommentsText: "Great news!\nThe old harbour reopened on Monday after two years of repairs, and the first boats were back at the quay before sunrise, their crews cheering."}, false},
		{"the main text is longer", &trafilatura.ExtractResult{ContentText: strings.Repeat("The harbour is open again. ", 40)}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			alt := fallbackExtract(doc, trafilatura.Options{HtmlDateMode: trafilatura.Disabled}, tt.res)
			if got := alt != nil; got != tt.want {
				t.Fatalf("replaced = %v, want %v", got, tt.want)
			}
			if alt != nil && !strings.Contains(alt.ContentText, "The old harbour reopened on Monday") {
				t.Errorf("ContentText = %q", alt.ContentText)
			}
		})
	}
	for _, tt := range []struct {
		text, comments string
		want           bool
	}{
		{"Hi Gary,\nWe detailed the arguments", "Gary says: why give now?\nHi Gary,\nWe detailed the arguments", true},
		{"The harbour reopened.", "", false},
		{"The harbour reopened.", "Nice photos!", false},
		{"The harbour reopened on Monday after two years of repairs.", "Yes", false},
		{"Repairs to the quay. The harbour reopened on Monday after two years of work.", "I agree: The harbour reopened on Monday after two years of work.", true},
		{"Repairs to the quay. The harbour reopened on Monday after two years of repairs.", "It was two years of repairs.", false},
	} {
		if got := fromComments(tt.text, tt.comments); got != tt.want {
			t.Errorf("fromComments(%q, %q) = %v, want %v", tt.text, tt.comments, got, tt.want)
		}
	}
}
