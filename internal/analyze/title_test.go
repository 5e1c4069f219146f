package analyze

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func TestDeriveTitle(t *testing.T) {
	long := strings.Repeat("Ministers argued about the budget again ", 8) + "today."
	tests := []struct {
		name, text, want string
	}{
		{"first sentence, stop dropped", "The council voted on Tuesday. It met again later.", "The council voted on Tuesday"},
		{"question kept", "Who pays for the bridge? Nobody knows.", "Who pays for the bridge?"},
		{"whitespace folded", "Rain   fell\nall day. Then it stopped.", "Rain fell all day"},
		{"no letters skipped", "12:30\n\nThe mayor resigned on Monday.", "The mayor resigned on Monday"},
		{"long cut at a word", long, "Ministers argued about the budget again Ministers argued about the budget again Ministers argued about the budget again Ministers argued…"},
		{"empty", "", ""},
		{"only digits", "2020 - 12 - 01", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, sents, _ := segment.Segment(tt.text)
			got := DeriveTitle(tt.text, sents)
			if got != tt.want {
				t.Errorf("DeriveTitle = %q, want %q", got, tt.want)
			}
			if len(got) > MaxDerivedTitleBytes || !utf8.ValidString(got) {
				t.Errorf("title of %d bytes (valid UTF-8 %v)", len(got), utf8.ValidString(got))
			}
		})
	}
}

func TestShortenTitleMultibyte(t *testing.T) {
	s := strings.Repeat("é", 200)
	got := shortenTitle(s)
	if !utf8.ValidString(got) || len(got) > MaxDerivedTitleBytes || !strings.HasSuffix(got, "…") {
		t.Errorf("shortenTitle cut badly: %d bytes, %q", len(got), got)
	}
}

// TestDocumentTitleDerived checks that the pipeline marks a title taken
// from the text, and leaves a declared one alone.
func TestDocumentTitleDerived(t *testing.T) {
	p, err := New(Options{Plain: true, SkipEntities: true, SkipQuotes: true, SkipTechniques: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Document(&input.Document{Name: "x.txt", Kind: input.Text, Body: "The harbour bridge reopened on Monday after repairs. Traffic was light."})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "The harbour bridge reopened on Monday after repairs" || !a.TitleDerived {
		t.Errorf("title %q derived %v", a.Title, a.TitleDerived)
	}
	page := "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>" +
		strings.Repeat("<p>The harbour bridge reopened on Monday after three months of repairs, the city said in a statement.</p>", 5) +
		"</article></body></html>"
	hp, err := New(Options{SkipEntities: true, SkipQuotes: true, SkipTechniques: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err = hp.Document(&input.Document{Name: "x.html", Kind: input.HTML, Body: page})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Bridge reopens" || a.TitleDerived {
		t.Errorf("declared title %q derived %v", a.Title, a.TitleDerived)
	}
}
