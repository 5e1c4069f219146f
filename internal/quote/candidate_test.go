package quote

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// fixedSource proposes the candidates it holds, whatever the article.
type fixedSource []Candidate

func (s fixedSource) Candidates(*article.Article) []Candidate { return s }

// rangeOf returns the byte range of the first sub in text.
func rangeOf(text, sub string) article.Range {
	i := strings.Index(text, sub)
	return article.Range{Start: i, End: i + len(sub)}
}

func TestCandidateSource(t *testing.T) {
	text := "Jane Doe reckons the budget will pass easily this year. “We are ready,” she said."
	src := fixedSource{
		{ // a clause the rules leave out ("reckons" is no cue without "that")
			Kind:    article.Indirect,
			Content: rangeOf(text, "the budget will pass easily this year"),
			Cue:     rangeOf(text, "reckons"),
			Mention: rangeOf(text, "Jane Doe"),
		},
		{ // overlaps the rule-based direct quotation: dropped
			Kind:    article.Direct,
			Content: rangeOf(text, "We are ready"),
		},
		{Kind: article.Direct, Content: article.Range{Start: -1, End: 3}}, // out of the text: dropped
	}
	a := &article.Article{Text: text}
	// the entity stage's reference for "she" (quote resolves no pronoun itself)
	a.References = []article.Reference{{Span: article.NewSpan(text, strings.Index(text, "she"), strings.Index(text, "she")+3), Name: "Jane Doe", Type: article.Person}}
	qs := Extract(a, Options{Candidates: src})
	if len(qs) != 2 {
		t.Fatalf("got %d quotes, want 2: %+v", len(qs), qs)
	}
	q := qs[0]
	if q.Kind != article.Indirect || q.Content.Text != "the budget will pass easily this year" || q.Speaker.Name != "Jane Doe" {
		t.Errorf("candidate quote = %+v", q)
	}
	if q.Cue == nil || q.Cue.Text != "reckons" || q.Speaker.Mention == nil || q.Speaker.Mention.Text != "Jane Doe" {
		t.Errorf("candidate cue or mention = %+v", q)
	}
	if qs[1].Kind != article.Direct || qs[1].Speaker.Name != "Jane Doe" {
		t.Errorf("rule-based quote = %+v", qs[1])
	}
}
