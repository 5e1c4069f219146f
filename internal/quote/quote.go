package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Options tune the extractor. The zero value works.
type Options struct {
	// MinSpeechWords is the number of words an unattributed quotation
	// that is not a whole sentence needs to count as speech; shorter
	// quoted phrases without a speech cue are scare quotes or titles and
	// are left out. Default 6.
	MinSpeechWords int
	// MaxCueDistance is how many words may separate a quotation from its
	// attribution's reporting verb. Default 20.
	MaxCueDistance int
	// MinIndirectWords is the fewest words a reported clause needs.
	// Default 3.
	MinIndirectWords int
	// KeepScareQuotes keeps short quoted phrases without a speech cue, as
	// direct quotes with an unknown speaker. Default false.
	KeepScareQuotes bool
}

func (o *Options) applyDefaults() {
	if o.MinSpeechWords <= 0 {
		o.MinSpeechWords = 6
	}
	if o.MaxCueDistance <= 0 {
		o.MaxCueDistance = 20
	}
	if o.MinIndirectWords <= 0 {
		o.MinIndirectWords = 3
	}
}

// Extractor finds quotations and their speakers. It is safe for
// concurrent use: Extract keeps its state on the stack.
type Extractor struct {
	opts Options
	cues english.Map[english.Cue]
}

// New returns an Extractor with opts (defaults applied).
func New(opts Options) *Extractor {
	opts.applyDefaults()
	return &Extractor{opts: opts, cues: english.ReportingVerbs()}
}

// Extract returns the quotations of a, in text order. It is a shortcut
// for New(opts).Extract(a); reuse an Extractor for many articles.
func Extract(a *article.Article, opts Options) []article.Quote {
	return New(opts).Extract(a)
}

// cand is a quotation found but not yet given a resolved speaker.
type cand struct {
	kind        article.QuoteKind
	cs, ce      int // content bytes
	ms, me      int // mention tokens [ms,me) in the article's tokens; ms < 0: none
	cue, cueEnd int // cue tokens [cue,cueEnd); cue < 0: none
	cont        bool
	para        int
	speaker     article.Speaker
}

// doc is one article being processed.
type doc struct {
	x     *Extractor
	a     *article.Article
	text  string
	toks  []tok
	paras []article.Range
	pt    [][2]int // token range of each paragraph
	sents []article.Range
	cands []cand
	names map[string][]nameAt // last word (lower) → full names in text order, fallback coreference
	// inQuote marks tokens inside speech quotations.
	inQuote []bool
	sentCur int                 // first sentence not before the current paragraph
	ents    []article.Entity    // a.Entities sorted by start
	refs    []article.Reference // a.References sorted by start
	// usedCue marks cue tokens already attributing a direct quotation.
	usedCue map[int]bool
}

// Extract returns the quotations of a, in text order. Content, cue and
// mention spans are byte offsets into a.Text.
func (x *Extractor) Extract(a *article.Article) []article.Quote {
	if a == nil || a.Text == "" {
		return nil
	}
	d := &doc{x: x, a: a, text: a.Text}
	d.paras = a.Paragraphs
	if len(d.paras) == 0 {
		d.paras = paragraphs(a.Text)
	}
	d.toks = make([]tok, 0, len(a.Text)/5)
	for _, p := range d.paras {
		if p.Start < 0 || p.End > len(a.Text) || p.Start > p.End {
			continue
		}
		s := len(d.toks)
		d.toks = tokenize(a.Text, p.Start, p.End, d.toks)
		d.pt = append(d.pt, [2]int{s, len(d.toks)})
	}
	if len(d.pt) != len(d.paras) { // drop out-of-bounds paragraphs
		var ps []article.Range
		for _, p := range d.paras {
			if p.Start >= 0 && p.End <= len(a.Text) && p.Start <= p.End {
				ps = append(ps, p)
			}
		}
		d.paras = ps
	}
	d.inQuote = make([]bool, len(d.toks))
	d.usedCue = map[int]bool{}
	d.sents = a.Sentences
	if len(d.sents) == 0 {
		for i, p := range d.paras {
			d.sents = append(d.sents, sentences(a.Text, d.toks[d.pt[i][0]:d.pt[i][1]], p)...)
		}
	}
	d.buildNames()
	d.ents = append([]article.Entity(nil), a.Entities...)
	sort.SliceStable(d.ents, func(i, j int) bool { return d.ents[i].Start < d.ents[j].Start })
	d.refs = append([]article.Reference(nil), a.References...)
	sort.SliceStable(d.refs, func(i, j int) bool { return d.refs[i].Start < d.refs[j].Start })

	carry := famNone
	var pieces []piece
	for pi, p := range d.paras {
		lo, hi := d.pt[pi][0], d.pt[pi][1]
		pieces, carry = scanMarks(a.Text, d.toks[lo:hi], p.Start, p.End, carry, pieces[:0])
		for k := range pieces {
			pieces[k].open += lo
			if pieces[k].close >= 0 {
				pieces[k].close += lo
			}
		}
		d.paragraph(pi, pieces)
	}
	sort.SliceStable(d.cands, func(i, j int) bool { return d.cands[i].cs < d.cands[j].cs })
	d.resolveAll()
	out := make([]article.Quote, 0, len(d.cands))
	for _, c := range d.cands {
		q := article.Quote{Kind: c.kind, Content: article.NewSpan(a.Text, c.cs, c.ce), Speaker: c.speaker}
		if c.cue >= 0 {
			sp := article.NewSpan(a.Text, d.toks[c.cue].s, d.toks[c.cueEnd-1].e)
			q.Cue = &sp
		}
		out = append(out, q)
	}
	return out
}

// paragraph finds the quotations of paragraph pi.
func (d *doc) paragraph(pi int, pieces []piece) {
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	first := len(d.cands)
	// 1. direct quotations: decide each piece's role and attribution.
	for k := range pieces {
		d.direct(pi, pieces, k)
	}
	for _, c := range d.cands[first:] {
		if c.cue >= 0 {
			for k := c.cue; k < c.cueEnd; k++ {
				d.usedCue[k] = true
			}
		}
	}
	for _, p := range pieces {
		if p.role == roleSpeech {
			e := p.close
			if e < 0 {
				e = hi - 1
			}
			for i := p.open; i <= e && i < hi; i++ {
				d.inQuote[i] = true
			}
		}
	}
	// 2. indirect and mixed quotations, sentence by sentence.
	para := d.paras[pi]
	for d.sentCur < len(d.sents) && d.sents[d.sentCur].End <= para.Start {
		d.sentCur++
	}
	for k := d.sentCur; k < len(d.sents) && d.sents[k].Start < para.End; k++ {
		s := d.sents[k]
		if s.End <= para.Start {
			continue
		}
		s0 := d.tokAt(lo, hi, max(s.Start, para.Start))
		s1 := d.tokAt(lo, hi, min(s.End, para.End))
		if s0 < s1 {
			d.indirect(pi, s0, s1, pieces)
		}
	}
	// 3. embedded quotations that no clause took: a quoted phrase joined
	// to an attributed quotation of the same sentence ("…,” and the plan
	// “…”) is a mixed quote of that speaker; else keep long ones.
	for k, p := range pieces {
		if p.role != roleEmbedded || p.used {
			continue
		}
		if c, ok := d.joinedTo(pi, pieces, k); ok {
			d.cands = append(d.cands, c)
			continue
		}
		pend := p.close
		if pend < 0 {
			pend = hi
		}
		if d.words(p.open, pend) >= d.x.opts.MinSpeechWords*2 || d.x.opts.KeepScareQuotes {
			d.cands = append(d.cands, cand{kind: article.Direct, cs: p.s, ce: p.e, ms: -1, cue: -1, para: pi})
		}
	}
}

// joinedTo makes embedded piece k a mixed quote when it follows, in the
// same sentence, a speech quotation with a speaker mention.
func (d *doc) joinedTo(pi int, pieces []piece, k int) (cand, bool) {
	if k == 0 {
		return cand{}, false
	}
	prev := pieces[k-1]
	if prev.role != roleSpeech || prev.close < 0 {
		return cand{}, false
	}
	for i := prev.close + 1; i < pieces[k].open; i++ {
		if d.isTerminal(i) {
			return cand{}, false
		}
	}
	var src *cand
	for j := len(d.cands) - 1; j >= 0; j-- {
		if d.cands[j].cs == prev.s && d.cands[j].ms >= 0 {
			src = &d.cands[j]
			break
		}
	}
	if src == nil {
		return cand{}, false
	}
	j := prev.close + 1
	for j < pieces[k].open && (d.toks[j].kind == tPunct || d.toks[j].lower == "and" || d.toks[j].lower == "but") {
		j++
	}
	return cand{kind: article.Mixed, cs: d.toks[j].s, ce: pieces[k].e, ms: src.ms, me: src.me, cue: src.cue, cueEnd: src.cueEnd, para: pi}, true
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

// lastInner returns the last rune inside a closed piece, before its
// closing mark.
func (d *doc) lastInner(p piece) rune {
	if p.close < 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(d.text[p.s:d.toks[p.close].s], " "))
	return r
}

// direct decides whether pieces[k] is speech and finds its attribution.
func (d *doc) direct(pi int, pieces []piece, k int) {
	p := &pieces[k]
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	// the words before the opening mark back to the sentence start or the
	// previous quotation.
	preStart := lo
	if k > 0 && pieces[k-1].close >= 0 {
		preStart = pieces[k-1].close + 1
	}
	if preStart < p.open-200 {
		preStart = p.open - 200
	}
	for i := p.open - 1; i >= preStart; i-- {
		if d.isTerminal(i) {
			preStart = i + 1
			break
		}
	}
	if j := p.open - 1; j >= preStart && d.toks[j].kind == tWord && strings.HasSuffix(d.text[d.toks[j].s:d.toks[j].e], ".") && p.open+1 < hi && d.toks[p.open+1].cap {
		// "… in Washington, D.C. “We …": an abbreviation's dot ended
		// the sentence before a capitalised quotation.
		preStart = p.open
	}
	pre := d.words(preStart-1, p.open)
	// the words after the closing mark up to the sentence end or the next
	// quotation.
	postEnd := hi
	if p.close >= 0 {
		postEnd = min(hi, p.close+1+4*d.x.opts.MaxCueDistance)
		for i := p.close + 1; i < postEnd; i++ {
			if d.isTerminal(i) || d.toks[i].kind == tQuote && k+1 < len(pieces) && pieces[k+1].open == i {
				postEnd = i
				break
			}
		}
	} else {
		postEnd = p.close
	}
	inner := d.lastInner(*p)
	pend := p.close
	if pend < 0 {
		pend = hi
	}
	nw := d.words(p.open, pend)
	c := cand{kind: article.Direct, cs: p.s, ce: p.e, ms: -1, cue: -1, cont: p.cont, para: pi}

	// "X," he said, "Y." and "X" (continued): the previous piece in the
	// paragraph was speech and this one follows its attribution.
	if p.cont {
		p.role = roleSpeech
		if p.close >= 0 {
			d.attribAfter(&c, p.close+1, postEnd)
		}
		d.cands = append(d.cands, c)
		return
	}
	if pre == 0 && p.open == lo && p.close == hi-1 && nw < 15 && inner != '.' && inner != '?' && inner != '!' && inner != '…' && inner != ',' && inner != '-' && inner != '—' {
		// a paragraph that is only a short quotation without final
		// punctuation is a headline or subheading citing a quote.
		p.role = roleNone
		return
	}
	if pre == 0 {
		// quotation opens the sentence: attribution follows, or none.
		if p.close >= 0 && postEnd > p.close+1 && d.attribAfter(&c, p.close+1, postEnd) {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		postWords := 0
		if p.close >= 0 {
			postWords = d.words(p.close, postEnd)
		}
		endsSentence := inner == '.' || inner == '?' || inner == '!' || inner == '…' || p.close < 0
		listed := k > 0 && pieces[k-1].role != roleSpeech && pieces[k-1].close >= 0 && d.words(pieces[k-1].close, p.open) == 0
		if (inner == ',' || inner == '!' || inner == '?') && nw >= 1 && !listed && p.close+1 < postEnd && d.attribInverted(&c, p.close+1, postEnd) {
			// “…!” beamed Jane Doe: a verb outside the lexicon before
			// the speaker's name.
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		if (postWords == 0 || endsSentence) && !listed {
			if endsSentence && nw >= 3 || nw >= d.x.opts.MinSpeechWords {
				p.role = roleSpeech
				d.cands = append(d.cands, c)
				return
			}
		}
		if (inner == ',' || inner == '!' || inner == '?') && nw >= 3 && !listed {
			// “…,” NAME VERBED: a reporting verb outside the lexicon.
			if d.attribUnknownVerb(&c, p.close+1, postEnd) {
				p.role = roleSpeech
				d.cands = append(d.cands, c)
				return
			}
		}
		if nw >= d.x.opts.MinSpeechWords*2 {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		p.role = roleNone
		return
	}
	// words before the mark: an introduction ("She said: “…”") or the
	// quotation is inside a clause.
	if d.attribBefore(&c, preStart, p.open) {
		p.role = roleSpeech
		d.cands = append(d.cands, c)
		return
	}
	// colon introduction without a reporting verb.
	if j := p.open - 1; j >= preStart && d.toks[j].kind == tPunct && d.toks[j].r == ':' && (nw >= 4 || inner == '.') {
		if p.close >= 0 && postEnd > p.close+1 && d.attribAfter(&c, p.close+1, postEnd) {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		if ms, me := d.npForward(preStart, j); ms >= 0 && d.plausibleNP(ms, me) && d.headish(ms, me) && d.toks[ms].cap {
			c.ms, c.me = ms, me
		}
		p.role = roleSpeech
		d.cands = append(d.cands, c)
		return
	}
	p.role = roleEmbedded
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

// attribAfter looks for "he said", "said Smith", "Smith, a lawyer, said"
// in tokens [a,b) right after a quotation.
func (d *doc) attribAfter(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && (d.toks[a].r == ',' || d.toks[a].r == '—' || d.toks[a].r == '–' || d.toks[a].r == '-') {
		a++
	}
	if a >= b {
		return false
	}
	all := english.CueSpeech | english.CueDirect | english.CueObject
	nw := 0
	for i := a; i < b && nw <= d.x.opts.MaxCueDistance; i++ {
		t := d.toks[i]
		if t.kind == tQuote {
			return false
		}
		if t.kind != tWord {
			continue
		}
		nw++
		if !d.isCue(i, all) {
			continue
		}
		if i > a && english.CueBlockers().Has(d.toks[i-1].lower) && d.toks[i-1].lower != "to" {
			continue
		}
		end := i + 1
		if part, ok := english.PhrasalParticles().Lookup(t.lower); ok && end < len(d.toks) && d.toks[end].lower == part {
			end++
		}
		if i == a {
			// said Smith / added the minister
			ms, me := d.npForward(end, b)
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i, end
			return true
		}
		// Smith said / Smith, a lawyer, said: subject from the start.
		me := d.skipAuxBack(i, a)
		ms := a
		for j := a; j < me; j++ {
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if j > a && (d.toks[j-1].cap || english.SpeakerPronouns().Has(d.toks[j-1].lower)) {
					me = j
				}
				break
			}
		}
		if ms >= me {
			return false
		}
		if !d.plausibleNP(ms, me) {
			return false
		}
		c.ms, c.me, c.cue, c.cueEnd = ms, me, i, end
		return true
	}
	return false
}

// attribUnknownVerb accepts “…,” NP VERB where VERB is not in the
// lexicon but looks like a past or present tense verb.
func (d *doc) attribUnknownVerb(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && d.toks[a].r == ',' {
		a++
	}
	for i := a + 1; i < b && i <= a+4; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			return false
		}
		if !t.cap && (strings.HasSuffix(t.lower, "ed") || strings.HasSuffix(t.lower, "s")) && !english.PhraseBoundaries().Has(t.lower) {
			if english.SpeakerPronouns().Has(d.toks[a].lower) && i == a+1 || d.toks[a].cap && d.plausibleNP(a, i) {
				c.ms, c.me, c.cue, c.cueEnd = a, i, i, i+1
				return true
			}
			return false
		}
	}
	return false
}

// attribInverted accepts “…,” VERBED NAME after a quotation: a lower-case
// past-tense verb right after the closing mark, then a capitalised name
// that ends the sentence or is followed by a comma.
func (d *doc) attribInverted(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && d.toks[a].r == ',' {
		a++
	}
	if a+1 >= b {
		return false
	}
	v := d.toks[a]
	if v.kind != tWord || v.cap || !strings.HasSuffix(v.lower, "ed") || len(v.lower) < 5 || english.PhraseBoundaries().Has(v.lower) || english.AuxWords().Has(v.lower) {
		return false
	}
	ms, me := d.npForward(a+1, b)
	if ms != a+1 || !d.toks[ms].cap || english.NameStops().Has(d.toks[ms].lower) || !d.plausibleNP(ms, me) {
		return false
	}
	if me < b && !(d.toks[me].kind == tPunct && (d.toks[me].r == ',' || d.isTerminal(me))) {
		return false
	}
	c.ms, c.me, c.cue, c.cueEnd = ms, me, a, a+1
	return true
}

// skipAuxBack returns the end of the subject before cue token i: it steps
// back over auxiliaries and adverbs ("has also said").
func (d *doc) skipAuxBack(i, lo int) int {
	j := i
	for j > lo && d.toks[j-1].kind == tWord && !d.toks[j-1].cap && (english.AuxWords().Has(d.toks[j-1].lower) || strings.HasSuffix(d.toks[j-1].lower, "ly")) {
		j--
	}
	return j
}

// plausibleNP reports whether tokens [a,b) can be a speaker: a pronoun, a
// name, or a short noun phrase with no verb-like boundary words.
func (d *doc) plausibleNP(a, b int) bool {
	if b-a == 1 && (d.toks[a].lower == "i" || d.toks[a].lower == "we" || d.toks[a].lower == "you") {
		return false // first and second person: the writer or the reader
	}
	if b-a == 1 && english.SpeakerPronouns().Has(d.toks[a].lower) {
		return true
	}
	if b-a > 12 {
		return false
	}
	words := 0
	allTime := true
	for i := a; i < b; i++ {
		if d.toks[i].kind == tWord && !english.TimeWords().Has(d.toks[i].lower) {
			allTime = false
		}
	}
	if allTime {
		return false
	}
	if txt := d.text[d.toks[a].s:d.toks[b-1].e]; len(txt) > 3 && (b-a == 1 || len(txt) > 8) && strings.ToUpper(txt) == txt && strings.ToLower(txt) != txt {
		return false // a dateline or heading: "OTTAWA —", "ANALYST'S VIEW"
	}
	for i := a; i < b; i++ {
		t := d.toks[i]
		switch t.kind {
		case tQuote:
			if isApos(t.r) && i > a && d.toks[i-1].e == t.s && strings.HasSuffix(d.toks[i-1].lower, "s") && i+1 < b {
				continue // "the nurses' union"
			}
			return false
		case tPunct:
			if t.r != '.' && t.r != '-' && t.r != '&' && t.r != '\'' && t.r != '(' && t.r != ')' {
				return false
			}
			continue
		}
		words++
		if !t.cap && (t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "is" || t.lower == "was" || t.lower == "it" || t.lower == "there") {
			return false
		}
	}
	return words > 0
}

// npForward returns the noun phrase starting at token a ("Smith", "the
// minister", "oil and gas worker Jane Doe", "Policy Options editor Jane
// Doe"), stopping at punctuation or the first word after a name.
func (d *doc) npForward(a, b int) (int, int) {
	for a < b && d.toks[a].kind == tWord && english.TimeWords().Has(d.toks[a].lower) && !(d.toks[a].lower == "may" && a+1 < b && d.toks[a+1].cap) {
		a++ // "said Tuesday afternoon Jane Doe …"
	}
	if a < b && english.SpeakerPronouns().Has(d.toks[a].lower) && !d.toks[a].cap || a < b && d.toks[a].lower == "he" || a < b && d.toks[a].lower == "she" {
		return a, a + 1
	}
	// a name within the next few words, before any punctuation
	first := -1
	for i, n := a, 0; i < b && n < 8; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			if t.kind == tPunct && t.r == '.' {
				continue
			}
			break
		}
		n++
		if t.cap && !english.NameStops().Has(t.lower) {
			first = i
			break
		}
		if t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "to" {
			break
		}
	}
	if first >= 0 {
		i := first
		for i < b {
			t := d.toks[i]
			if t.kind == tPunct && t.r == '.' || t.kind == tWord && t.cap {
				i++
				continue
			}
			if t.kind == tWord && (english.NameTitles().Has(t.lower) || english.GroupNouns().Has(t.lower)) && i+1 < b && d.toks[i+1].cap {
				i++
				continue
			}
			if t.kind == tWord && (t.lower == "of" || t.lower == "de" || t.lower == "van" || t.lower == "von" || t.lower == "al") && i+1 < b && d.toks[i+1].cap {
				i++
				continue
			}
			break
		}
		return a, i
	}
	i := a
	for i < b && i-a < 6 {
		t := d.toks[i]
		if t.kind != tWord || english.PhraseBoundaries().Has(t.lower) || i > a && (english.AuxWords().Has(t.lower) || english.CueBlockers().Has(t.lower) || strings.HasSuffix(t.lower, "ed") && !english.Determiners().Has(d.toks[i-1].lower) || d.x.cues.Get(t.lower) != 0) {
			break
		}
		i++
	}
	if i == a {
		return -1, -1
	}
	return a, i
}

// npBackward returns the noun phrase that ends at token e (exclusive),
// not reaching before lo: "the mayor", "US officials", "a spokesperson
// for the city", "Jane Doe". Appositions are handled by the caller.
func (d *doc) npBackward(e, lo int) (int, int) {
	j := e
	if j > lo && english.SpeakerPronouns().Has(d.toks[j-1].lower) && !d.toks[j-1].cap || j > lo && english.SpeakerPronouns().Has(d.toks[j-1].lower) && j-1 == lo {
		return j - 1, j
	}
	seenDet := false
	for j > lo {
		t := d.toks[j-1]
		if t.kind == tPunct {
			if t.r == '.' || t.r == '&' || t.r == '-' {
				j--
				continue
			}
			break
		}
		if t.kind == tQuote && isApos(t.r) && j-1 < e && j-2 >= lo && d.toks[j-2].kind == tWord && d.toks[j-2].e == t.s && strings.HasSuffix(d.toks[j-2].lower, "s") {
			j-- // a plural possessive: "the nurses' union"
			continue
		}
		if t.kind != tWord {
			break
		}
		if seenDet {
			if t.lower == "of" || t.lower == "for" || t.lower == "at" {
				seenDet = false
				j--
				continue
			}
			break
		}
		if english.PhraseBoundaries().Has(t.lower) && !(t.lower == "for" || t.lower == "of" || t.lower == "at") {
			break
		}
		if t.cap && english.NameStops().Has(t.lower) && !english.Determiners().Has(t.lower) {
			break
		}
		if j < e && english.SpeakerPronouns().Has(t.lower) {
			break
		}
		if english.Determiners().Has(t.lower) {
			seenDet = true
		}
		if e-j >= 10 {
			break
		}
		j--
	}
	// drop a leading "of/for/at" left by the scan
	for j < e && (d.toks[j].lower == "of" || d.toks[j].lower == "for" || d.toks[j].lower == "at") {
		j++
	}
	if j >= e {
		return -1, -1
	}
	return j, e
}

// attribBefore looks for an introduction in tokens [a,b) before an
// opening mark: "Smith said: “", "she told reporters, “", "As Smith put
// it, “", "According to Smith, “".
func (d *doc) attribBefore(c *cand, a, b int) bool {
	all := english.CueSpeech | english.CueDirect | english.CueObject
	// a short quoted phrase running on into the sentence is a title
	// ("told NBC's “Today” show that …"), not an introduced quotation.
	if d.shortQuote(b) {
		for k := b + 1; k < len(d.toks); k++ {
			if d.toks[k].kind == tQuote {
				if k+1 < len(d.toks) && d.toks[k+1].kind == tWord && !d.toks[k+1].cap {
					return false
				}
				break
			}
		}
	}
	// the introduction must end right before the mark (allowing , : that)
	// and the cue must be at most a few words before it.
	end := b
	for end > a && (d.toks[end-1].kind == tPunct && (d.toks[end-1].r == ',' || d.toks[end-1].r == ':' || d.toks[end-1].r == '—') || d.toks[end-1].lower == "that") {
		end--
	}
	gap := 0
	for i := end - 1; i >= a && gap <= 10; i-- {
		t := d.toks[i]
		if t.kind == tQuote {
			break
		}
		if t.kind == tWord && t.lower == "to" && i > a && d.toks[i-1].lower == "according" {
			ms, me := d.npForward(i+1, end)
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i-1, i+1
			return true
		}
		if t.kind == tPunct && t.r != '.' && t.r != ',' {
			break
		}
		if t.kind != tWord {
			continue
		}
		if d.isCue(i, all) {
			if i > a && english.CueBlockers().Has(d.toks[i-1].lower) {
				gap++
				continue
			}
			if namingVerb(t.lower) || !(t.lower == "put" && d.toks[i+1].lower == "it") && d.gapIsClause(i+1, end, d.x.cues.Get(t.lower)&english.CueObject != 0) || i+1 == end && b-1 >= 0 && d.toks[b-1].kind == tWord && d.shortQuote(b) && !d.closesSentence(b) || gap > 6 && d.toks[i+1].lower != "of" && d.toks[i+1].lower != "about" && d.toks[i+1].lower != "in" && d.toks[i+1].lower != "on" {
				return false
			}
			// "said Smith, “…”"
			if ms, me := d.npForward(i+1, end); ms >= 0 && d.toks[ms].cap && gap > 0 && d.plausibleNP(ms, me) {
				c.ms, c.me, c.cue, c.cueEnd = ms, me, i, i+1
				return true
			}
			ms, me := d.subjectBefore(i, a)
			if strings.HasSuffix(t.lower, "ing") && i > a && d.toks[i-1].kind == tPunct && d.toks[i-1].r == ',' {
				// "Jane Doe posted the news, writing “…”": the subject
				// of the main clause.
				ms, me = d.npForward(a, i-1)
				if ms >= 0 && !(d.plausibleNP(ms, me) && d.headish(ms, me)) {
					ms = -1
				}
			}
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i, i+1
			return true
		}
		gap++
	}
	return false
}

// closesSentence reports whether the quotation opening at token b is
// closed with its own final punctuation and ends the sentence: "the
// crowd chanted “Resign now!”" is speech however short it is.
func (d *doc) closesSentence(b int) bool {
	for k := b + 1; k < len(d.toks) && k < b+30; k++ {
		if d.toks[k].kind != tQuote {
			continue
		}
		if k == b+1 || !d.isTerminal(k-1) || d.toks[k-1].r == ';' {
			return false
		}
		// nothing but punctuation may follow before the sentence ends
		return k+1 >= len(d.toks) || d.toks[k+1].kind != tWord || d.toks[k+1].cap
	}
	return false
}

// namingVerb reports whether w is a form of a verb that names rather than
// reports ("called it “a disgrace”"): its quotation is a mixed quote.
func namingVerb(w string) bool {
	switch w {
	case "call", "calls", "called", "calling", "describe", "describes", "described",
		"describing", "dub", "dubs", "dubbed", "label", "labels", "labelled", "labeled", "brand",
		"brands", "branded", "term", "termed", "terms":
		return true
	}
	return false
}

// shortQuote reports whether the quotation opening at token b is a short
// phrase rather than a sentence (fewer than four words and no final
// punctuation), which makes "said “…”" without a comma a mixed quote.
func (d *doc) shortQuote(b int) bool {
	n := 0
	for i := b + 1; i < len(d.toks) && d.toks[i].kind != tQuote; i++ {
		if d.toks[i].kind == tWord {
			n++
		}
	}
	return n < 4
}

// gapIsClause reports whether the words between a cue and a quotation
// hold a clause of their own ("said she was “…”"), which makes the
// quotation part of a reported clause rather than introduced by the cue.
func (d *doc) gapIsClause(a, b int, objectCue bool) bool {
	var first *tok
	n := 0
	for i := a; i < b; i++ {
		if d.toks[i].kind == tWord {
			if first == nil {
				first = &d.toks[i]
			}
			n++
		}
	}
	if first != nil && n >= 2 && !first.cap && !english.AdjunctPrepositions().Has(first.lower) && (!english.AddresseeWords().Has(first.lower) && !english.ClauseAdjuncts().Has(first.lower) || english.Determiners().Has(first.lower) && !objectCue) {
		return true // "said the news came as a “…”"
	}
	for i := a; i < b; i++ {
		switch d.toks[i].lower {
		case "he", "she", "they", "we", "i", "it", "there", "is", "was", "were", "are", "will",
			"would", "has", "had", "have", "could", "can", "should", "be", "been":
			return true
		}
		if d.toks[i].kind == tWord && !d.toks[i].cap && strings.HasSuffix(d.toks[i].lower, "ed") && i > a {
			return true
		}
	}
	return false
}

// subjectBefore finds the subject of cue token i within [lo, i), handling
// auxiliaries and appositions ("Jane Doe, who …, said").
func (d *doc) subjectBefore(i, lo int) (int, int) {
	e := d.skipAuxBack(i, lo)
	if e > lo && d.toks[e-1].kind == tWord && (d.toks[e-1].lower == "who" || d.toks[e-1].lower == "which" || d.toks[e-1].lower == "that") {
		e--
		if e > lo && d.toks[e-1].kind == tPunct && d.toks[e-1].r == ',' {
			e--
		}
	}
	if e > lo && d.toks[e-1].kind == tPunct && (d.toks[e-1].r == ',' || d.toks[e-1].r == ')') {
		// apposition: the subject is the first noun phrase of the clause
		// that is followed by a comma.
		lo0 := lo
		for j := lo; j < e; j++ {
			if j == e-1 {
				// "The director of operations for Acme, Jane Doe, said":
				// a name standing alone between the last two commas is
				// the subject the role before it describes.
				if lo > lo0 && d.toks[lo].cap && !english.NameStops().Has(d.toks[lo].lower) {
					if ms, me := d.npBackward(j, lo); ms == lo && d.toks[me-1].cap && d.plausibleNP(ms, me) && !d.hasOrgWord(ms, me) {
						return ms, me
					}
				}
				break
			}
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if ms, me := d.npBackward(j, lo); ms >= 0 && !d.toks[me-1].cap {
					// "Smith's agent, Jane Doe, said": the name wins.
					k := j + 1
					for k < e-1 && d.toks[k].kind == tWord && d.toks[k].cap {
						k++
					}
					if k > j+1 && k < e && d.toks[k].kind == tPunct && d.toks[k].r == ',' && ms == lo {
						return j + 1, k
					}
				}
				if ms, me := d.npBackward(j, lo); ms >= 0 && (ms == lo || ms == lo+1 && english.NameStops().Has(d.toks[lo].lower) && !english.PhraseBoundaries().Has(d.toks[lo].lower) && d.toks[lo].lower != "for") && d.plausibleNP(ms, me) && d.headish(ms, me) {
					return ms, me
				}
				lo = j + 1
			}
		}
		// no segment opens with a noun phrase: take the first segment's
		// last noun phrase ("A statement by Jane Doe, who …, said").
		for j := lo0; j < e-1; j++ {
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if ms, me := d.npBackward(j, lo0); ms >= 0 && d.plausibleNP(ms, me) && d.headish(ms, me) {
					return ms, me
				}
				break
			}
		}
		return -1, -1
	}
	ms, me := d.npBackward(e, lo)
	if ms < 0 || !d.plausibleNP(ms, me) {
		return -1, -1
	}
	if a := d.postmodified(ms, lo); a >= 0 && d.plausibleNP(a, me) {
		ms = a // "Jane Doe with the health authority", "sources familiar with the talks"
	}
	if ms > lo && !d.toks[ms].cap && d.toks[ms-1].kind == tWord && (english.AdjunctPrepositions().Has(d.toks[ms-1].lower) || d.toks[ms-1].lower == "than") && d.toks[ms-1].lower != "as" && d.toks[ms-1].lower != "while" && d.toks[ms-1].lower != "when" {
		return -1, -1 // "more than 50 member states that …": an object, not a subject
	}
	if english.AbstractNouns().Has(stripPossessive(d.toks[me-1].lower)) {
		return -1, -1 // "a common belief says …"
	}
	// "Jane Doe, an expert who writes about X, noted": the name before
	// the relative clause is the subject.
	for k := ms - 1; k > lo; k-- {
		if w := d.toks[k].lower; w == "who" || w == "which" {
			for j := lo; j < k; j++ {
				if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
					if a, b := d.npBackward(j, lo); a == lo && d.toks[b-1].cap && d.plausibleNP(a, b) {
						return a, b
					}
					break
				}
			}
			break
		}
	}
	return ms, me
}

// postmodified returns the start of the noun phrase that the
// prepositional phrase opening at token ms-1 modifies, when the subject
// is "NP with/from/at/of/for NP" ("Jane Doe with the health authority",
// "sources familiar with the talks", "a spokesperson for the city"), or
// -1. The modified phrase must be a name, a plural noun, or a phrase
// opening with a determiner, and nothing but a clause boundary may
// precede it.
func (d *doc) postmodified(ms, lo int) int {
	if ms-1 <= lo {
		return -1
	}
	switch d.toks[ms-1].lower {
	case "with", "from", "at", "of", "for", "on", "in", "by":
	default:
		return -1
	}
	p := d.toks[ms-2]
	if d.toks[ms-1].lower == "by" && !english.DocumentNouns().Has(p.lower) {
		return -1 // "a report by the institute"; not "hit by the storm"
	}
	// "officials speaking on condition of anonymity": a participle
	// between the head and the preposition.
	participle := !p.cap && p.kind == tWord && strings.HasSuffix(p.lower, "ing") && len(p.lower) > 5 && ms-2 > lo && d.toks[ms-3].kind == tWord && (english.GroupNouns().Has(d.toks[ms-3].lower) || !d.toks[ms-3].cap && strings.HasSuffix(d.toks[ms-3].lower, "s"))
	if (d.toks[ms-1].lower == "on" || d.toks[ms-1].lower == "in") && !participle {
		return -1
	}
	if p.kind != tWord || p.cap && english.NameStops().Has(p.lower) || !p.cap && !participle && !(p.lower == "familiar" || p.lower == "close" || english.GroupNouns().Has(p.lower) || english.NameTitles().Has(p.lower) || english.SpeakerOrgNouns().Has(p.lower) || english.DocumentNouns().Has(p.lower)) {
		return -1
	}
	a, _ := d.npBackward(ms-1, lo)
	if a < 0 {
		return -1
	}
	if a > lo {
		q := d.toks[a-1]
		if !(q.kind == tPunct && (q.r == ',' || q.r == ';' || q.r == '—') || q.lower == "and" || q.lower == "but" || q.lower == "while" || q.lower == "as" || q.lower == "because" || q.lower == "that") {
			return -1
		}
	}
	if t := d.toks[a]; !(t.cap && !english.NameStops().Has(t.lower) || english.Determiners().Has(t.lower) || english.GroupNouns().Has(t.lower)) {
		return -1
	}
	return a
}

// headish reports whether an apposition candidate can head a subject (a
// name, pronoun or determiner phrase, not "In a statement").
func (d *doc) headish(ms, me int) bool {
	t := d.toks[ms]
	return t.cap && !english.NameStops().Has(t.lower) || english.SpeakerPronouns().Has(t.lower) || english.Determiners().Has(t.lower) || t.cap && english.Determiners().Has(t.lower)
}

// isClause is a cheap test that tokens [a,b) hold a finite clause, not a
// bare noun phrase ("the plan was dead" vs "the deal").
func (d *doc) isClause(a, b int) bool {
	n := 0
	for i := a; i < b && n < 30; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			continue
		}
		n++
		switch t.lower {
		case "is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had",
			"should", "may", "might", "must", "did", "does", "do", "won't", "isn't", "wasn't",
			"aren't", "don't", "doesn't", "didn't", "can't", "couldn't", "wouldn't", "hasn't",
			"haven't", "shall", "needs", "plans", "wants", "remains", "there", "he", "she",
			"they", "it", "we", "i", "you", "it's", "he's", "she's", "they're", "we're", "i'm":
			return true
		}
		if i > a && !t.cap && (strings.HasSuffix(t.lower, "ed") || english.IrregularPast().Has(t.lower)) && !english.Determiners().Has(d.toks[i-1].lower) && !english.AdjunctPrepositions().Has(d.toks[i-1].lower) {
			return true
		}
		if i > a && !t.cap && strings.HasSuffix(t.lower, "s") && len(t.lower) > 3 && !strings.HasSuffix(t.lower, "ss") && d.toks[i-1].kind == tWord && !english.Determiners().Has(d.toks[i-1].lower) && !english.AdjunctPrepositions().Has(d.toks[i-1].lower) && i+1 < b && d.toks[i+1].kind == tWord && (english.Determiners().Has(d.toks[i+1].lower) || d.toks[i+1].lower == "to" || d.toks[i+1].lower == "that") {
			return true
		}
		if k := strings.IndexAny(t.lower, "’'"); k > 0 && english.SpeakerPronouns().Has(t.lower[:k]) {
			return true // he’ll, they'd
		}
		if strings.HasSuffix(t.lower, "’s") || strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’re") || strings.HasSuffix(t.lower, "'re") {
			if !unicode.IsUpper(t.r) || i > a {
				return true
			}
		}
	}
	return false
}
