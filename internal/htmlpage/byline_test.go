package htmlpage

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTextBylines: bylines found by their words, whatever their markup.
func TestTextBylines(t *testing.T) {
	tests := []struct {
		name, header, after string
		want                []string
	}{
		{"by-word and name in separate spans", `<h1>Harbour walls to be raised</h1><div class="meta-info"><span class="sr">| By </span><span>Nora Vance</span> | <time>April 13, 2020</time></div>`, "",
			[]string{"Nora Vance"}},
		{"posted by, then a category", `<h2>Harbour walls to be raised</h2> Posted by Otto Quill under <a href="/c/news">Local news</a>`, "",
			[]string{"Otto Quill"}},
		{"German, name in a link, a date after", `<span class="itemPoster">Geschrieben von <a href="/userinfo?uid=6">Pia Ruhl</a></span> <span>am 25.08.2015</span>`, "",
			[]string{"Pia Ruhl"}},
		{"French", `<p><strong>Par Léon Marchetti</strong></p>`, "", []string{"Léon Marchetti"}},
		{"a by-word in a sentence is no byline", `<p>Von Eulen inspirierte Flügel könnten Windparks leiser machen, sagen Forscher.</p>`, "", nil},
		{"a photo credit is no byline", `<figure><figcaption>Photo by Rhea Stone</figcaption></figure>`, "", nil},
		{"a list of links in a sidebar is no byline", "", `<aside><ul><li>By Sam Tate</li></ul></aside>`, nil},
		{"a title by someone in a list is no byline", `<ul><li><a href="/x">Harbour history</a> by Sam Tate</li></ul>`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractMeta(t, metaPage("", tt.header, tt.after), "")
			if !reflect.DeepEqual(r.Authors, tt.want) {
				t.Errorf("Authors = %q, want %q", r.Authors, tt.want)
			}
		})
	}
}

func TestTextByline(t *testing.T) {
	tests := []struct{ html, want string }{
		{`<p>By <a href="/a/jd">Jane Doe</a>, Staff</p>`, "By Jane Doe, Staff"},
		{`<p>Posted by Jane Doe under <a href="/c">A very long category name that goes on and on</a></p>`, "Posted by Jane Doe under"},
		{`<p>Photo by Jane Doe</p>`, ""},
		{`<p>Harbour news by Jane Doe</p>`, ""},
		{`<p>` + strings.Repeat("By the harbour wall ", 10) + `</p>`, ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode && got == "" {
				got = textByline(n)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if got != tt.want {
			t.Errorf("textByline(%s) = %q, want %q", tt.html, got, tt.want)
		}
	}
}

func TestByWords(t *testing.T) {
	for _, w := range []string{"by", "von", "posted", "geschrieben", "przez", "opublikowano", "publié"} {
		if !byWords[w] {
			t.Errorf("byWords lacks %q", w)
		}
	}
	if byWords["photo"] || len(byWords) > 60 {
		t.Errorf("byWords = %v", byWords)
	}
}

func TestSignOff(t *testing.T) {
	body := "The harbour wall will be raised by a metre before the winter storms, the council decided on Tuesday."
	tests := []struct {
		paras []string
		want  []string
	}{
		{[]string{body, "Stefan Wasmer"}, []string{"Stefan Wasmer"}},
		{[]string{body, "Benni", "10. September 2017"}, []string{"Benni"}},
		{[]string{body, "Laura Kent", "Chairwoman"}, []string{"Laura Kent"}},
		{[]string{body, "Benni"}, nil},
		{[]string{body, "Mehr Informationen"}, nil},
		{[]string{body, "Related Stories"}, nil},
		{[]string{body, "Read more: Harbour news"}, nil},
		{[]string{"Stefan Wasmer"}, nil},
	}
	for _, tt := range tests {
		if got := signOff(tt.paras); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("signOff(%q) = %q, want %q", tt.paras[1:], got, tt.want)
		}
	}
	page := metaPage("", "", "")
	page = strings.Replace(page, "</article>", "<p><b><i>Laura Kent</i></b></p></article>", 1)
	if r := extractMeta(t, page, ""); !reflect.DeepEqual(r.Authors, []string{"Laura Kent"}) {
		t.Errorf("Authors = %q, want the sign-off", r.Authors)
	}
}

func TestDatelineAgency(t *testing.T) {
	tests := []struct{ first, want string }{
		{"Hamburg (dpa/lno) – Trotz eines Gesprächs blieb der Hörsaal besetzt.", "dpa/lno"},
		{"PARIS (AFP) - The museum reopened on Monday.", "AFP"},
		{"Berlin (Reuters) - Shares rose.", "Reuters"},
		{"(epd) Die Kirche lädt ein.", "epd"},
		{"Berlin (Germany) – a capitalised word is no agency.", ""},
		{"The council (which met on Monday) agreed.", ""},
	}
	for _, tt := range tests {
		got := strings.Join(datelineAgency([]string{tt.first}), "; ")
		if got != tt.want {
			t.Errorf("datelineAgency(%q) = %q, want %q", tt.first, got, tt.want)
		}
	}
	page := strings.Replace(metaPage("", "", ""), "<article>", "<article><p>Kiel (dpa) – Die Fähre fährt wieder nach Plan, teilte die Reederei am Morgen mit.</p>", 1)
	if r := extractMeta(t, page, ""); !reflect.DeepEqual(r.Authors, []string{"dpa"}) {
		t.Errorf("Authors = %q, want the dateline's agency", r.Authors)
	}
	page = metaPage(`<meta name="author" content="Name">`, "", "")
	if r := extractMeta(t, page, ""); len(r.Authors) != 0 {
		t.Errorf("Authors = %q, want none for a placeholder", r.Authors)
	}
}
