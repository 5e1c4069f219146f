package entity

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// capTagger tags runs of capitalised words, cycling through the entity
// types by the run's first letter, so that fuzzed text yields mentions of
// every type.
type capTagger struct{}

func (capTagger) Tag(words []string) []string {
	types := []string{"PER", "ORG", "LOC", "MISC"}
	tags := make([]string, len(words))
	prev := ""
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			tags[i], prev = "O", ""
			continue
		}
		if prev != "" {
			tags[i] = "I-" + prev
			continue
		}
		prev = types[int(r)%len(types)]
		tags[i] = "B-" + prev
	}
	return tags
}

func FuzzResolve(f *testing.F) {
	for _, tc := range resolveCases {
		f.Add(tc.text)
	}
	f.Add("Mr. [A] B's (C) the D E, the F G's. \"H,\" he said. She, the spokeswoman, agreed.")
	r := testResolver(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 4000 {
			return
		}
		for _, tg := range []Tagger{capTagger{}, dictTagger{}} {
			a := newArticle(text)
			if err := r.Resolve(a, tg); err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			for _, e := range a.Entities {
				if strings.TrimSpace(e.Name) != e.Name || e.Name == "" {
					t.Errorf("bad name %q", e.Name)
				}
			}
		}
	})
}
