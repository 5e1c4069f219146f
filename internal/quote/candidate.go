package quote

import (
	"sort"

	"github.com/newsgraph/newsgraph/internal/article"
)

// A Candidate is a quotation found outside the rules, for the extractor
// to give a speaker. Spans are byte offsets into the article text,
// end-exclusive; a zero Cue or Mention (Start == End) means none. Without
// a mention the speaker is found as for a quotation with no attribution
// (the previous speaker, or the person introduced just before).
type Candidate struct {
	Kind    article.QuoteKind // required
	Content article.Range     // what was said
	Cue     article.Range     // the reporting verb or noun, if any
	Mention article.Range     // who the text says said it, if any
}

// A CandidateSource proposes quotations found by other means than the
// rules, such as a learned attribution model. It sees the article after
// the segment and entity stages. Its candidates join the rule-based ones
// before speaker resolution; one whose content overlaps a rule-based
// quotation, or whose spans are out of the text or empty, is dropped.
type CandidateSource interface {
	Candidates(a *article.Article) []Candidate
}

// addCandidates adds cs to d.cands as token-indexed candidates.
func (d *doc) addCandidates(cs []Candidate) {
	rules := len(d.cands)
	for _, c := range cs {
		if c.Kind == "" || !d.validRange(c.Content) || c.Content.Start == c.Content.End {
			continue
		}
		overlaps := false
		for _, r := range d.cands[:rules] {
			if r.cs < c.Content.End && c.Content.Start < r.ce {
				overlaps = true
				break
			}
		}
		if overlaps {
			continue
		}
		n := cand{kind: c.Kind, cs: c.Content.Start, ce: c.Content.End, ms: -1, cue: -1}
		n.para = sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End > c.Content.Start })
		if n.para >= len(d.paras) {
			continue
		}
		if a, b, ok := d.tokRange(c.Cue); ok {
			n.cue, n.cueEnd = a, b
		}
		if a, b, ok := d.tokRange(c.Mention); ok {
			n.ms, n.me = a, b
		}
		d.cands = append(d.cands, n)
	}
}

func (d *doc) validRange(r article.Range) bool {
	return r.Start >= 0 && r.End <= len(d.text) && r.Start <= r.End
}

// tokRange returns the tokens [a,b) that lie within r; ok is false when
// there are none.
func (d *doc) tokRange(r article.Range) (a, b int, ok bool) {
	if !d.validRange(r) || r.Start == r.End {
		return 0, 0, false
	}
	a = d.tokAt(0, len(d.toks), r.Start)
	b = a
	for b < len(d.toks) && d.toks[b].e <= r.End {
		b++
	}
	return a, b, a < b
}
