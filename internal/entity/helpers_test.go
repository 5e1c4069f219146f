package entity

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// dictTagger is a deterministic stand-in for the statistical tagger: it
// tags the longest listed phrase at each word ("Vladimir Putin" → B-PER
// I-PER). Phrases are written with spaces between tokens.
type dictTagger map[string]string

func (dt dictTagger) Tag(words []string) []string {
	tags := make([]string, len(words))
	for i := 0; i < len(words); {
		n, typ := 0, ""
		for l := min(8, len(words)-i); l > 0; l-- {
			if t, ok := dt[strings.Join(words[i:i+l], " ")]; ok {
				n, typ = l, t
				break
			}
		}
		if n == 0 {
			tags[i] = "O"
			i++
			continue
		}
		for j := range n {
			p := "I-"
			if j == 0 {
				p = "B-"
			}
			tags[i+j] = p + typ
		}
		i += n
	}
	return tags
}

// newArticle segments text with the real segmenter.
func newArticle(text string) *article.Article {
	a := &article.Article{ID: "test", Text: text}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)
	return a
}

func testResolver(tb testing.TB) *Resolver {
	tb.Helper()
	r, err := NewResolver(Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// summary renders the entity summary as "Name/TYPE/gender×n" lines.
func summaryOf(a *article.Article) map[string]article.EntityCount {
	out := map[string]article.EntityCount{}
	for _, e := range a.EntitySummary {
		out[e.Name] = e
	}
	return out
}
