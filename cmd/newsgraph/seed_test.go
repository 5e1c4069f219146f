package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

// seedPath is the example page analysts start from; it lives in ../shared,
// outside the repository, and is read at test time only.
var seedPath = filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt")

func analyzeSeed(t *testing.T) article.Article {
	t.Helper()
	if _, err := os.Stat(seedPath); err != nil {
		t.Skip("seed page not available:", err)
	}
	stdout, stderr, err := runCmd(t, "", "analyze", "--json", seedPath)
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSeedRecord checks the article record of the seed page: clean text,
// section, tags, related headlines and the page clock.
func TestSeedRecord(t *testing.T) {
	a := analyzeSeed(t)
	if !strings.HasPrefix(a.Text, "The Obama administration has expressed") {
		t.Errorf("text starts %q", a.Text[:min(60, len(a.Text))])
	}
	if !strings.HasSuffix(a.Text, "achieve concrete results.\"") {
		t.Errorf("text ends %q", a.Text[max(0, len(a.Text)-60):])
	}
	if n := len(strings.Split(a.Text, "\n\n")); n != 16 || len(a.Paragraphs) != 16 {
		t.Errorf("%d text paragraphs, %d paragraph spans, want 16", n, len(a.Paragraphs))
	}
	for _, chrome := range []string{"Listen Live", "Get short URL", "Comment via", "Community standards", "GMT"} {
		if strings.Contains(a.Text, chrome) {
			t.Errorf("text keeps page chrome %q", chrome)
		}
	}
	if a.Section != "Middle East" {
		t.Errorf("section %q", a.Section)
	}
	if len(a.Tags) != 17 || a.Tags[0] != "US-Russia relations" || a.Tags[16] != "Russia" {
		t.Errorf("tags %q", a.Tags)
	}
	if len(a.Related) != 3 {
		t.Errorf("related %q", a.Related)
	}
	want := time.Date(2020, 1, 23, 2, 30, 0, 0, time.FixedZone("", 3*3600))
	if a.PageTime == nil || !a.PageTime.Equal(want) {
		t.Errorf("page_time %v, want %v", a.PageTime, want)
	} else if _, off := a.PageTime.Zone(); off != 3*3600 {
		t.Errorf("page_time offset %d, want +3h", off)
	}
	if a.Published != nil {
		t.Errorf("the page clock must not be taken as the publication date: %v", a.Published)
	}
	if a.Language != "en" {
		t.Errorf("language %q", a.Language)
	}
	// The page has no headline: the title is the first sentence, marked.
	if !a.TitleDerived || a.Title == "" || !strings.HasPrefix(a.Text, a.Title) || len(a.Sentences) == 0 || a.Sentences[0].End < len(a.Title) {
		t.Errorf("title %q (derived %v): want the first sentence, marked derived", a.Title, a.TitleDerived)
	}
}

// TestSeedEntities checks the people of the seed article: exactly these
// eight, short mentions clustered under the full names, genders right.
func TestSeedEntities(t *testing.T) {
	a := analyzeSeed(t)
	want := map[string]article.Gender{
		"Barack Obama": article.Male, "John Kerry": article.Male, "Bashar al-Assad": article.Male,
		"Jason Ditz": article.Male, "Mark Sleboda": article.Male, "Peter Lavelle": article.Male,
		"Maria Zakharova": article.Female, "Vladimir Putin": article.Male,
	}
	got := map[string]article.Gender{}
	for _, ec := range a.EntitySummary {
		if ec.Type == article.Person {
			got[ec.Name] = ec.Gender
		}
	}
	for name, g := range want {
		if gg, ok := got[name]; !ok {
			t.Errorf("person %q not found", name)
		} else if gg != g {
			t.Errorf("%s: gender %q, want %q", name, gg, g)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected person %q", name)
		}
	}
	// Short forms are clustered under the full names, and every mention's
	// span holds its text.
	short := map[string]string{"Obama": "Barack Obama", "Kerry": "John Kerry", "Assad": "Bashar al-Assad", "Putin": "Vladimir Putin"}
	seen := map[string]bool{}
	for _, e := range a.Entities {
		if a.Text[e.Start:e.End] != e.Text {
			t.Fatalf("entity span %d-%d holds %q, not %q", e.Start, e.End, a.Text[e.Start:e.End], e.Text)
		}
		if full, ok := short[e.Text]; ok && e.Type == article.Person {
			if e.Name != full {
				t.Errorf("mention %q named %q, want %q", e.Text, e.Name, full)
			}
			seen[e.Text] = true
		}
	}
	for _, s := range []string{"Obama", "Kerry", "Assad"} {
		if !seen[s] {
			t.Errorf("no short person mention %q found", s)
		}
	}
}

// TestSeedQuotes checks who said what on the seed page: each expected quote
// is found with its speaker, and no one else is quoted.
func TestSeedQuotes(t *testing.T) {
	a := analyzeSeed(t)
	want := []struct {
		speaker string
		kind    article.SpeakerKind
		part    string
	}{
		{"Jason Ditz", article.SpeakerPerson, "regime change on the Assad government"},
		{"Mark Sleboda", article.SpeakerPerson, "Whether this is an actual outreach"},
		{"Mark Sleboda", article.SpeakerPerson, "The CIA and Pentagon are actually in a proxy war"},
		{"Peter Lavelle", article.SpeakerPerson, "If you look at what the Russians have said"},
		{"Peter Lavelle", article.SpeakerPerson, "The problem is, that’s not what the West wants."},
		{"Peter Lavelle", article.SpeakerPerson, "They’re more than willing"},
		{"Maria Zakharova", article.SpeakerPerson, "We are not satisfied"},
		{"Maria Zakharova", article.SpeakerPerson, "while the US appears interested"},
		{"Maria Zakharova", article.SpeakerPerson, "This ideological stance"},
		{"Maria Zakharova", article.SpeakerPerson, "And we believe"},
		{"Vladimir Putin", article.SpeakerPerson, "Judging by my latest talks"},
		{"Vladimir Putin", article.SpeakerPerson, "but also want to achieve concrete results."},
		{"US Defense Department officials", article.SpeakerAnonymous, "old-guard contingent doesn’t trust Russia"},
	}
	for _, w := range want {
		found := false
		for _, q := range a.Quotes {
			// The page uses no-break spaces in places; compare with plain ones.
			if strings.Contains(strings.ReplaceAll(q.Content.Text, "\u00a0", " "), w.part) {
				found = true
				if q.Speaker.Name != w.speaker || q.Speaker.Kind != w.kind {
					t.Errorf("quote %q: speaker %q (%s), want %q (%s)", w.part, q.Speaker.Name, q.Speaker.Kind, w.speaker, w.kind)
				}
			}
		}
		if !found {
			t.Errorf("no quote contains %q", w.part)
		}
	}
	allowed := map[string]bool{}
	for _, w := range want {
		allowed[w.speaker] = true
	}
	for _, q := range a.Quotes {
		if !allowed[q.Speaker.Name] {
			t.Errorf("unexpected speaker %q for %q", q.Speaker.Name, q.Content.Text)
		}
		for _, s := range []*article.Span{&q.Content, q.Speaker.Mention, q.Cue} {
			if s != nil && a.Text[s.Start:s.End] != s.Text {
				t.Fatalf("span %d-%d holds %q, not %q", s.Start, s.End, a.Text[s.Start:s.End], s.Text)
			}
		}
	}
}
