package quote

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// cand is a quotation found but not yet given a resolved speaker.
type cand struct {
	kind        article.QuoteKind
	cs, ce      int  // content bytes
	ms, me      int  // mention tokens [ms,me) in doc.toks; ms < 0: none
	cue, cueEnd int  // cue tokens [cue,cueEnd); cue < 0: none
	cont        bool // continues the previous paragraph's quotation
	para        int
	speaker     article.Speaker
}

// doc is one article as every step sees it: the token view of its
// segment tokens (words.go), paragraphs and sentences, entities and
// references sorted by start, the candidate quotations found so far, and
// what the direct step marked for the later ones (tokens inside speech
// quotations, cue tokens already used).
type doc struct {
	x     *Extractor
	a     *article.Article
	text  string
	toks  []tok
	paras []article.Range
	pt    [][2]int // token range of each paragraph
	sents []article.Range
	cands []cand
	// inQuote marks tokens inside speech quotations.
	inQuote []bool
	ents    []article.Entity    // a.Entities sorted by start
	refs    []article.Reference // a.References sorted by start
	// usedCue marks cue tokens already attributing a direct quotation.
	usedCue map[int]bool
}

// tokAt returns the index of the first token in [lo,hi) starting at or
// after byte off.
func (d *doc) tokAt(lo, hi, off int) int {
	return lo + sort.Search(hi-lo, func(i int) bool { return d.toks[lo+i].s >= off })
}

// words counts word tokens strictly between token indices a and b.
func (d *doc) words(a, b int) int {
	n := 0
	for i := a + 1; i < b && i < len(d.toks); i++ {
		if d.toks[i].kind == tWord {
			n++
		}
	}
	return n
}

// isTerminal reports whether token i ends a sentence.
func (d *doc) isTerminal(i int) bool {
	t := d.toks[i]
	return t.kind == tPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == '…' || t.r == ';')
}

// isCue reports whether token i is a reporting verb of the given classes.
func (d *doc) isCue(i int, classes english.Cue) bool {
	t := d.toks[i]
	if t.kind != tWord || t.cap || d.usedCue[i] {
		return false
	}
	c := d.x.cues.Get(t.lower)
	if c == 0 || c&classes == 0 {
		return false
	}
	if i > 0 {
		// a noun, not a verb: "the claim", "Smith's remarks"
		if p := d.toks[i-1]; p.kind == tWord && (english.Determiners().Has(p.lower) && p.lower != "that" && p.lower != "all" && p.lower != "both" && p.lower != "some" && p.lower != "many" && p.lower != "most" && p.lower != "others" || strings.HasSuffix(p.lower, "’s") || strings.HasSuffix(p.lower, "'s")) {
			return false
		}
	}
	if part, ok := english.PhrasalParticles().Lookup(t.lower); ok || strings.HasPrefix(t.lower, "point") || strings.HasPrefix(t.lower, "chim") {
		if !ok {
			part = "out"
			if strings.HasPrefix(t.lower, "chim") {
				part = "in"
			}
		}
		if i+1 >= len(d.toks) || d.toks[i+1].lower != part {
			return c&^english.CueThat&classes != 0 && !strings.HasPrefix(t.lower, "point")
		}
	}
	return true
}

// stripPossessive drops a final 's / ’s.
func stripPossessive(w string) string {
	for _, s := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// entityAt returns the entity of a overlapping [s,e) with the largest
// overlap, or nil.
func (d *doc) entityAt(s, e int) *article.Entity {
	var best *article.Entity
	bo := 0
	// entities are sorted by start; one can start up to its length
	// before s, and names are short.
	k0 := d.entityBefore(s - 200)
	for k := max(k0, 0); k < len(d.ents) && d.ents[k].Start < e; k++ {
		en := &d.ents[k]
		if en.End <= s || en.Start >= e {
			continue
		}
		o := min(en.End, e) - max(en.Start, s)
		if o > bo {
			best, bo = en, o
		}
	}
	return best
}

// entityBefore returns the index of the last entity starting before byte
// off, or -1.
func (d *doc) entityBefore(off int) int {
	return sort.Search(len(d.ents), func(i int) bool { return d.ents[i].Start >= off }) - 1
}

func (d *doc) referenceAt(s, e int) *article.Reference {
	k := sort.Search(len(d.refs), func(i int) bool { return d.refs[i].Start >= s-200 })
	for ; k < len(d.refs) && d.refs[k].Start < e; k++ {
		if r := &d.refs[k]; r.Start < e && s < r.End {
			return r
		}
	}
	return nil
}

func (d *doc) inQuoteAt(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	return i < len(d.toks) && d.inQuote[i]
}

// inParens reports whether byte off lies inside parentheses opened in its
// paragraph: photo credits, asides.
func (d *doc) inParens(off int) bool {
	k := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End > off })
	if k >= len(d.paras) {
		return false
	}
	seg := d.text[d.paras[k].Start:off]
	return strings.LastIndexByte(seg, '(') > strings.LastIndexByte(seg, ')')
}

// paraStart reports whether byte off starts a paragraph.
func (d *doc) paraStart(off int) bool {
	k := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].Start >= off })
	return k < len(d.paras) && d.paras[k].Start == off
}

// newDoc prepares a for the steps: its paragraphs, tokens and sentences
// from internal/segment (a.Paragraphs, a.Tokens and a.Sentences, or
// segment.Segment when the article has none yet), the word view of the
// tokens per paragraph, and the entities and references sorted by start.
func newDoc(x *Extractor, a *article.Article) *doc {
	d := &doc{x: x, a: a, text: a.Text}
	d.paras, d.sents = a.Paragraphs, a.Sentences
	segToks := a.Tokens
	if len(segToks) == 0 || len(d.paras) == 0 || len(d.sents) == 0 {
		paras, sents, toks := segment.Segment(a.Text)
		if len(segToks) == 0 {
			segToks = toks
		}
		if len(d.paras) == 0 {
			d.paras = paras
		}
		if len(d.sents) == 0 {
			d.sents = sents
		}
	}
	var ps []article.Range
	for _, p := range d.paras { // drop out-of-bounds paragraphs
		if p.Start >= 0 && p.End <= len(a.Text) && p.Start <= p.End {
			ps = append(ps, p)
		}
	}
	d.paras = ps
	d.toks = make([]tok, 0, len(segToks))
	k := 0
	for _, p := range d.paras {
		for k < len(segToks) && segToks[k].Start < p.Start {
			k++
		}
		s := len(d.toks)
		for ; k < len(segToks) && segToks[k].End <= p.End; k++ {
			d.toks = d.appendTok(d.toks, segToks[k])
		}
		d.pt = append(d.pt, [2]int{s, len(d.toks)})
	}
	d.inQuote = make([]bool, len(d.toks))
	d.usedCue = map[int]bool{}
	d.ents = append([]article.Entity(nil), a.Entities...)
	sort.SliceStable(d.ents, func(i, j int) bool { return d.ents[i].Start < d.ents[j].Start })
	d.refs = append([]article.Reference(nil), a.References...)
	sort.SliceStable(d.refs, func(i, j int) bool { return d.refs[i].Start < d.refs[j].Start })
	return d
}

// marks scans the quotation marks of paragraph pi into pieces, with token
// indices into d.toks; carry is the mark family of a quotation still open
// at the end of the previous paragraph.
func (d *doc) marks(pi int, carry family, pieces []piece) ([]piece, family) {
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	p := d.paras[pi]
	pieces, carry = scanMarks(d.text, d.toks[lo:hi], p.Start, p.End, carry, pieces)
	for k := range pieces {
		pieces[k].open += lo
		if pieces[k].close >= 0 {
			pieces[k].close += lo
		}
	}
	return pieces, carry
}

// quotes turns the resolved candidates into the article's quotations.
func (d *doc) quotes() []article.Quote {
	out := make([]article.Quote, 0, len(d.cands))
	for _, c := range d.cands {
		q := article.Quote{Kind: c.kind, Content: article.NewSpan(d.text, c.cs, c.ce), Speaker: c.speaker}
		if c.cue >= 0 {
			sp := article.NewSpan(d.text, d.toks[c.cue].s, d.toks[c.cueEnd-1].e)
			q.Cue = &sp
		}
		out = append(out, q)
	}
	return out
}
