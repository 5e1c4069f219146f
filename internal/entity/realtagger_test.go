package entity

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// TestRealTagger runs the embedded statistical tagger on short texts
// written for this test and checks the resolution on its tags.
func TestRealTagger(t *testing.T) {
	tg := loadTagger(t)
	r := testResolver(t)
	for _, tc := range []struct {
		name    string
		text    string
		persons map[string]article.Gender
		named   []string
	}{
		{
			name:    "president and surname",
			text:    "Russian President Vladimir Putin met German Chancellor Angela Merkel in Berlin on Tuesday. Putin said the talks were useful, and Merkel's spokesman agreed.",
			persons: map[string]article.Gender{"Vladimir Putin": article.Male, "Angela Merkel": article.Female},
			named:   []string{"Putin→Vladimir Putin", "Merkel→Angela Merkel"},
		},
		{
			name:    "spokeswoman",
			text:    "Foreign Ministry spokeswoman Jane Halloway told reporters on Friday that the talks would continue. She added that Halloway's team had left for Geneva.",
			persons: map[string]article.Gender{"Jane Halloway": article.Female},
			named:   []string{"Halloway→Jane Halloway"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newArticle(tc.text)
			if err := r.Resolve(a, tg); err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			got := map[string]article.Gender{}
			for _, e := range a.EntitySummary {
				if e.Type == article.Person {
					got[e.Name] = e.Gender
				}
			}
			for n, g := range tc.persons {
				if gg, ok := got[n]; !ok || gg != g {
					t.Errorf("person %q: got %q (present %v), want %q; all %v", n, gg, ok, g, got)
				}
			}
			for _, pair := range tc.named {
				found := false
				for _, e := range a.Entities {
					if e.Text+"→"+e.Name == pair {
						found = true
					}
				}
				if !found {
					t.Errorf("no mention %s in %v", pair, mentions(a))
				}
			}
		})
	}
}
