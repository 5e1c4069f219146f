package evaluate

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       bool
	}{
		{"Darian Lonechild", "Darian Lonechild", true},
		{"Lonechild", "Darian Lonechild", true},
		{"Dr. José Núñez", "jose nunez", true},
		{"Mr. Fry", "Pete Fry", true},
		{"a spokesperson for the city", "a spokesperson", true},
		{"Pete Fry", "Peter Fry", false},
		{"", "Pete Fry", false},
		{"Ms.", "Ms.", false},
	}
	for _, tc := range tests {
		if got := SameSpeaker(tc.pred, tc.gold); got != tc.want {
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.pred, tc.gold, got, tc.want)
		}
	}
}

// A gold line with a multi-byte character before the spans checks the
// code point → byte conversion; the second line for the same document by
// a higher annotator id must be ignored.
const goldJSONL = `{"id":"d1","annotator":"a2","text":"x","quotes":[]}
{"id":"d1","annotator":"a1","text":"Café: “No,” Ana Ruiz said.\n\nShe added that it was over.","quotes":[` +
	`{"type":"direct","contents":[{"start":6,"end":11,"text":"“No,”"}],"sources":[{"start":12,"end":20,"text":"Ana Ruiz"}],"cues":[],"speaker_name":"Ana Ruiz"},` +
	`{"type":"indirect","contents":[{"start":43,"end":54,"text":"it was over"}],"sources":[{"start":28,"end":31,"text":"She"}],"cues":[],"speaker_name":"Ana Ruiz"}]}
`

func TestReadQuoteGold(t *testing.T) {
	docs, err := ReadQuoteGold(strings.NewReader(goldJSONL))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Annotator != "a1" || len(docs[0].Quotes) != 2 {
		t.Fatalf("got %+v", docs)
	}
	d := docs[0]
	q := d.Quotes[0]
	if got := d.Text[q.Contents[0].Start:q.Contents[0].End]; got != "“No,”" {
		t.Errorf("content %q", got)
	}
	if got := d.Text[q.Sources[0].Start:q.Sources[0].End]; got != "Ana Ruiz" {
		t.Errorf("source %q", got)
	}
	if _, err := ReadQuoteGold(strings.NewReader(`{"id":"x","text":"ab","quotes":[{"contents":[{"start":0,"end":9}]}]}`)); !errors.Is(err, ErrQuoteGold) {
		t.Errorf("out-of-range span: err %v", err)
	}
}

func TestQuoteScore(t *testing.T) {
	docs, err := ReadQuoteGold(strings.NewReader(goldJSONL))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	span := func(s string) article.Span {
		i := strings.Index(d.Text, s)
		return article.NewSpan(d.Text, i, i+len(s))
	}
	m := span("She")
	preds := []article.Quote{
		{Kind: article.Direct, Content: span("“No,”"), Speaker: article.Speaker{Name: "Ruiz"}},
		// wrong speaker, right span
		{Kind: article.Indirect, Content: span("it was over"), Speaker: article.Speaker{Name: "Bob", Mention: &m}},
		// a prediction running over the paragraph break: two pieces, one unmatched
		{Kind: article.Direct, Content: span("said.\n\nShe")},
	}
	c := NewQuoteCounts()
	c.AddDoc(d.Text, d.Quotes, preds, true)
	s := c.Score()
	if s.Quote.Predicted != 4 || s.Quote.Gold != 2 || s.Quote.Right != 2 {
		t.Errorf("quote counts %+v", s.Quote)
	}
	if s.WhoSaidWhat.Right != 1 {
		t.Errorf("who-said-what %+v", s.WhoSaidWhat)
	}
	if math.Abs(s.WhoSaidWhat.P-0.25) > 1e-9 || math.Abs(s.WhoSaidWhat.R-0.5) > 1e-9 {
		t.Errorf("P/R %+v", s.WhoSaidWhat)
	}
	// PolNeAR mode: the mention decides.
	c = NewQuoteCounts()
	c.AddDoc(d.Text, d.Quotes, preds, false)
	if s := c.Score(); s.WhoSaidWhat.Right != 1 || s.MentionAccuracy.N != 1 || s.MentionAccuracy.Of != 2 {
		t.Errorf("polnear mode %+v", s)
	}
	if r := s.BySpeaker["pronoun"]; r.Gold != 1 || r.Matched != 1 || r.Right != 0 {
		t.Errorf("pronoun breakdown %+v", r)
	}
}
