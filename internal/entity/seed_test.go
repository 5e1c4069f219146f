package entity

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// seedBody reads the seed page and keeps its article body: the lines
// between the "Get short URL" line and the first related headline (the
// first line after an empty-line run of two or more). A crude extraction,
// good enough for this test only.
func seedBody(tb testing.TB) string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt"))
	if err != nil {
		tb.Skip("seed page absent:", err)
	}
	lines := strings.Split(string(raw), "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "Get short URL" {
			start = i + 1
			break
		}
	}
	if start < 0 {
		tb.Skip("seed page has no Get short URL line")
	}
	var paras []string
	blank := 0
	for _, l := range lines[start:] {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			continue
		}
		if blank >= 2 && len(paras) > 0 {
			break
		}
		blank = 0
		paras = append(paras, l)
	}
	return strings.Join(paras, "\n\n")
}

func loadTagger(tb testing.TB) *ner.Tagger {
	tb.Helper()
	tg, err := ner.Load()
	if err != nil {
		tb.Skip("no NER model:", err)
	}
	return tg
}

func TestSeedPersons(t *testing.T) {
	body := seedBody(t)
	tg := loadTagger(t)
	a := newArticle(body)
	if err := testResolver(t).Resolve(a, tg); err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		for _, e := range a.EntitySummary {
			t.Logf("%-30s %-6s %-7s %d", e.Name, e.Type, e.Gender, e.Mentions)
		}
		for _, e := range a.Entities {
			t.Logf("mention %q %s → %s", e.Text, e.Type, e.Name)
		}
		for _, r := range a.References {
			t.Logf("ref %q@%d → %s", r.Text, r.Start, r.Name)
		}
	}
	want := map[string]article.Gender{
		"Barack Obama": article.Male, "John Kerry": article.Male, "Bashar al-Assad": article.Male,
		"Jason Ditz": article.Male, "Mark Sleboda": article.Male, "Peter Lavelle": article.Male,
		"Maria Zakharova": article.Female, "Vladimir Putin": article.Male,
	}
	var got []string
	for _, e := range a.EntitySummary {
		if e.Type != article.Person {
			continue
		}
		got = append(got, e.Name)
		if g, ok := want[e.Name]; ok && e.Gender != g {
			t.Errorf("%s: gender %s, want %s", e.Name, e.Gender, g)
		}
	}
	var wantNames []string
	for n := range want {
		wantNames = append(wantNames, n)
	}
	slices.Sort(got)
	slices.Sort(wantNames)
	if !slices.Equal(got, wantNames) {
		t.Errorf("persons\n got %q\nwant %q", got, wantNames)
	}
	// The short forms are clustered under the full names.
	for short, full := range map[string]string{"Obama": "Barack Obama", "Kerry": "John Kerry", "Assad": "Bashar al-Assad", "Putin": "Vladimir Putin"} {
		for _, e := range a.Entities {
			if e.Text == short && e.Type == article.Person && e.Name != full {
				t.Errorf("mention %q@%d named %q, want %q", short, e.Start, e.Name, full)
			}
		}
	}
}
