package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// tokInfo is what the features see of one token.
type tokInfo struct {
	start, end int
	lower      string // lower case; digits folded to 0; quotes and dashes to ASCII
	shape      string
	ent        byte // entity type initial (P, O, L, M) or 0
	ref        bool // a pronoun or role noun the entity stage linked
	sent, para int
	inQ        bool // inside double quotation marks
	qmark      bool // a double quotation mark
	comma      bool
	sentStart  bool
}

// docInfo is an article prepared for feature extraction.
type docInfo struct {
	text  string
	toks  []tokInfo
	sents [][2]int // token range of each sentence
	paras [][2]int // token range of each paragraph
}

func prepare(a *article.Article) *docInfo {
	d := &docInfo{text: a.Text, toks: make([]tokInfo, len(a.Tokens))}
	for i, t := range a.Tokens {
		w := a.Text[t.Start:t.End]
		ti := &d.toks[i]
		ti.start, ti.end = t.Start, t.End
		ti.lower = normWord(w, t.Kind)
		ti.shape = shape(w)
		ti.qmark = t.Kind == article.TokenQuote && isDoubleQuote(w)
		ti.comma = w == ","
	}
	// sentences and paragraphs as token ranges
	ranges := func(rs []article.Range, set func(ti *tokInfo, k int)) [][2]int {
		out := make([][2]int, 0, len(rs))
		j := 0
		for k, r := range rs {
			for j < len(d.toks) && d.toks[j].start < r.Start {
				set(&d.toks[j], max(k-1, 0))
				j++
			}
			s := j
			for j < len(d.toks) && d.toks[j].start < r.End {
				set(&d.toks[j], k)
				j++
			}
			out = append(out, [2]int{s, j})
		}
		for ; j < len(d.toks); j++ {
			set(&d.toks[j], max(len(rs)-1, 0))
		}
		return out
	}
	d.sents = ranges(a.Sentences, func(ti *tokInfo, k int) { ti.sent = k })
	d.paras = ranges(a.Paragraphs, func(ti *tokInfo, k int) { ti.para = k })
	for _, s := range d.sents {
		if s[0] < s[1] {
			d.toks[s[0]].sentStart = true
		}
	}
	// quotation parity within each paragraph
	for _, p := range d.paras {
		in := false
		for i := p[0]; i < p[1]; i++ {
			t := &d.toks[i]
			if t.qmark {
				w := d.text[t.start:t.end]
				switch w {
				case "“", "«", "„":
					in = true
				case "”", "»":
					in = false
				default:
					in = !in
				}
				continue
			}
			t.inQ = in
		}
	}
	// entities and references
	mark := func(start, end int, f func(ti *tokInfo)) {
		for i := tokenAt(d.toks, start); i < len(d.toks) && d.toks[i].start < end; i++ {
			if d.toks[i].end > start {
				f(&d.toks[i])
			}
		}
	}
	for _, e := range a.Entities {
		var c byte
		switch e.Type {
		case article.Person:
			c = 'P'
		case article.Organization:
			c = 'O'
		case article.Place:
			c = 'L'
		default:
			c = 'M'
		}
		mark(e.Start, e.End, func(ti *tokInfo) { ti.ent = c })
	}
	for _, r := range a.References {
		mark(r.Start, r.End, func(ti *tokInfo) { ti.ref = true })
	}
	return d
}

// tokenAt returns the index of the first token ending after off.
func tokenAt(toks []tokInfo, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].end <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func isDoubleQuote(w string) bool {
	switch w {
	case "\"", "“", "”", "«", "»", "„", "''", "``":
		return true
	}
	return false
}

func normWord(w string, k article.TokenKind) string {
	switch k {
	case article.TokenQuote:
		if isDoubleQuote(w) {
			return "\""
		}
		return "'"
	case article.TokenNumber:
		return "0"
	case article.TokenURL:
		return "<url>"
	}
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		case r == '–' || r == '—':
			b.WriteByte('-')
		case unicode.IsDigit(r):
			b.WriteByte('0')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// shape maps a word to a short class: Xx, XX, x, 0, punctuation as is.
func shape(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r):
		if len(w) > 1 && !hasLower(w) {
			return "XX"
		}
		return "Xx"
	case unicode.IsLower(r):
		return "x"
	case unicode.IsDigit(r):
		return "0"
	}
	if len(w) <= 3 {
		return w
	}
	return "p"
}

// Feature templates, hashed with their values (FNV-1a).
const (
	fBias byte = iota + 1
	fW
	fShape
	fSuf
	fWm1
	fWp1
	fWm2
	fWp2
	fBiL
	fBiR
	fInQ
	fInQW
	fEntM1
	fEntP1
	fRefM1
	fSentQ
	fFirst
	fThatNext
	fEnt
	fQmarkM1W
	// stage B
	gDir
	gDist
	gSent
	gW
	gWm1
	gWp1
	gShape
	gInQ
	gInQSent
	gQmark
	gEnt
	gEntDist
	gRef
	gRefDist
	gCueHead
	gCueHeadDist
	gCueHeadInQ
	gCueKey
	gCuesBetween
	gCommas
	gThat
	gSentStart
	gQuoteBetween
	gNearW
	gCuePrev
	gCueNext
	gCueInQ
	gEntSent
	gInQQuoteBetween
	gCueTail
	gCueLead
)

// fh is a feature hash (perceptron.Hash).
type fh = perceptron.Hash

func h0(t byte) fh { return perceptron.Template(t) }

func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// cueFeatures returns the features of token i for the cue stage; s is its
// sentence's token range.
func (d *docInfo) cueFeatures(i int, s [2]int, sentHasQ bool, out []uint64) []uint64 {
	t := &d.toks[i]
	w := func(k int) string {
		if k < s[0] {
			return "<s>"
		}
		if k >= s[1] {
			return "</s>"
		}
		return d.toks[k].lower
	}
	ent := func(k int) byte {
		if k < s[0] || k >= s[1] {
			return '-'
		}
		if d.toks[k].ent == 0 {
			return '.'
		}
		return d.toks[k].ent
	}
	add := func(h fh) { out = append(out, uint64(h)) }
	add(h0(fBias))
	add(h0(fW).Str(t.lower))
	add(h0(fShape).Str(t.shape))
	add(h0(fSuf).Str(suffix(t.lower, 3)))
	add(h0(fWm1).Str(w(i - 1)))
	add(h0(fWp1).Str(w(i + 1)))
	add(h0(fWm2).Str(w(i - 2)))
	add(h0(fWp2).Str(w(i + 2)))
	add(h0(fBiL).Str(w(i - 1)).Str(t.lower))
	add(h0(fBiR).Str(t.lower).Str(w(i + 1)))
	add(h0(fInQ).Byte(boolByte(t.inQ)))
	add(h0(fInQW).Byte(boolByte(t.inQ)).Str(t.lower))
	add(h0(fEntM1).Byte(ent(i - 1)).Str(t.lower))
	add(h0(fEntP1).Byte(ent(i + 1)))
	add(h0(fRefM1).Byte(boolByte(i > s[0] && d.toks[i-1].ref)).Str(t.lower))
	add(h0(fSentQ).Byte(boolByte(sentHasQ)).Str(t.lower))
	add(h0(fFirst).Byte(boolByte(i == s[0])).Str(t.shape))
	add(h0(fThatNext).Str(t.lower).Byte(boolByte(w(i+1) == "that")))
	add(h0(fEnt).Byte(ent(i)))
	qm := i > s[0] && (d.toks[i-1].qmark || d.toks[i-1].comma && i-1 > s[0] && d.toks[i-2].qmark)
	add(h0(fQmarkM1W).Byte(boolByte(qm)).Str(t.lower))
	return out
}

func distBucket(n int) int {
	switch {
	case n <= 3:
		return n
	case n <= 5:
		return 4
	case n <= 8:
		return 5
	case n <= 12:
		return 6
	case n <= 20:
		return 7
	case n <= 35:
		return 8
	}
	return 9
}

func clip(n, lo, hi int) int { return max(lo, min(hi, n)) }

// cueCtx is what the second stage knows of the cue it labels for.
type cueCtx struct {
	s, e int // cue token range
	head string
	key  string
	prev string
	next string
	inQ  bool
	sent int
	// tail and lead are the words between the cue and the end, and the
	// start, of its sentence (bucketed).
	tail, lead int
}

func (d *docInfo) newCueCtx(s, e int) cueCtx {
	c := cueCtx{s: s, e: e, sent: d.toks[s].sent, inQ: d.toks[s].inQ}
	var ws []string
	for k := s; k < e && len(ws) < 3; k++ {
		ws = append(ws, d.toks[k].lower)
	}
	c.head = ws[0]
	c.key = strings.Join(ws, " ")
	st := d.sents[d.toks[s].sent]
	c.tail = distBucket(max(st[1]-e-1, 0))
	c.lead = distBucket(max(s-st[0], 0))
	c.prev, c.next = "<p>", "</p>"
	if s > 0 && d.toks[s-1].para == d.toks[s].para {
		c.prev = d.toks[s-1].lower
	}
	if e < len(d.toks) && d.toks[e].para == d.toks[s].para {
		c.next = d.toks[e].lower
	}
	return c
}

// window returns the token range the second stage labels for a cue.
func (d *docInfo) window(s, e int) (int, int) {
	p := d.paras[d.toks[s].para]
	lo, hi := max(p[0], s-maxLeft), min(p[1], e+maxRight)
	// at most one sentence before the cue's and two after it
	si := d.toks[s].sent
	if k := si - 1; k >= 0 && d.sents[k][0] > lo {
		lo = d.sents[k][0]
	}
	if k := d.toks[max(e-1, s)].sent + 2; k < len(d.sents) && d.sents[k][1] < hi {
		hi = d.sents[k][1]
	}
	return lo, hi
}

// spanFeatureCount is the most features spanFeatures gives a token.
const spanFeatureCount = 32

const (
	maxLeft  = 80
	maxRight = 120
)

// spanFeatures returns the features of every token of the window [lo,hi)
// for the cue c; cueAt marks tokens of other cues (by absolute index).
func (d *docInfo) spanFeatures(c cueCtx, lo, hi int, cueAt func(int) bool) [][]uint64 {
	feats := make([][]uint64, hi-lo)
	backing := make([]uint64, 0, (hi-lo)*spanFeatureCount)
	// running counts between token and cue
	n := hi - lo
	cuesBetween := make([]int, n)
	commas := make([]int, n)
	quotes := make([]int, n)
	thatSeen := make([]bool, n)
	// left side: walk from cue leftwards
	cb, cm, qb := 0, 0, 0
	for i := c.s - 1; i >= lo; i-- {
		cuesBetween[i-lo], commas[i-lo], quotes[i-lo] = cb, cm, qb
		if cueAt(i) {
			cb++
		}
		if d.toks[i].comma {
			cm++
		}
		if d.toks[i].qmark {
			qb++
		}
	}
	cb, cm, qb = 0, 0, 0
	that := false
	for i := c.e; i < hi; i++ {
		cuesBetween[i-lo], commas[i-lo], quotes[i-lo], thatSeen[i-lo] = cb, cm, qb, that
		if cueAt(i) {
			cb++
		}
		if d.toks[i].comma {
			cm++
		}
		if d.toks[i].qmark {
			qb++
		}
		if d.toks[i].lower == "that" && i <= c.e+1 {
			that = true
		}
	}
	for i := lo; i < hi; i++ {
		t := &d.toks[i]
		var dir byte
		var dist int
		switch {
		case i < c.s:
			dir, dist = 'L', c.s-i
		case i >= c.e:
			dir, dist = 'R', i-c.e+1
		default:
			dir = 'C'
		}
		db := distBucket(dist)
		sd := clip(t.sent-c.sent, -2, 3)
		ent := t.ent
		if ent == 0 {
			ent = '.'
		}
		wm1, wp1 := "<w>", "</w>"
		if i > lo {
			wm1 = d.toks[i-1].lower
		}
		if i+1 < hi {
			wp1 = d.toks[i+1].lower
		}
		k := i - lo
		out := backing[len(backing):len(backing):cap(backing)]
		add := func(h fh) { out = append(out, uint64(h)) }
		base := h0(0).Byte(dir)
		add(base.Byte(gDir))
		add(base.Byte(gDist).Int(db))
		add(base.Byte(gSent).Int(sd))
		add(base.Byte(gW).Str(t.lower))
		add(base.Byte(gWm1).Str(wm1))
		add(base.Byte(gWp1).Str(wp1))
		add(base.Byte(gShape).Str(t.shape))
		add(base.Byte(gInQ).Byte(boolByte(t.inQ)))
		add(base.Byte(gInQSent).Byte(boolByte(t.inQ)).Int(sd))
		add(base.Byte(gQmark).Byte(boolByte(t.qmark)).Int(min(db, 3)))
		add(base.Byte(gEnt).Byte(ent))
		add(base.Byte(gEntDist).Byte(ent).Int(db))
		add(base.Byte(gRef).Byte(boolByte(t.ref)))
		add(base.Byte(gRefDist).Byte(boolByte(t.ref)).Int(db))
		add(base.Byte(gCueHead).Str(c.head))
		add(base.Byte(gCueHeadDist).Str(c.head).Int(db))
		add(base.Byte(gCueHeadInQ).Str(c.head).Byte(boolByte(t.inQ)))
		add(base.Byte(gCueKey).Str(c.key))
		add(base.Byte(gCuesBetween).Int(min(cuesBetween[k], 2)))
		add(base.Byte(gCommas).Int(min(commas[k], 3)).Int(sd))
		add(base.Byte(gThat).Byte(boolByte(thatSeen[k])).Int(sd))
		add(base.Byte(gSentStart).Byte(boolByte(t.sentStart)).Int(min(db, 4)))
		add(base.Byte(gQuoteBetween).Int(min(quotes[k], 2)).Byte(boolByte(t.inQ)))
		if db <= 3 {
			add(base.Byte(gNearW).Int(db).Str(t.lower))
		}
		add(base.Byte(gCuePrev).Str(c.prev).Int(min(db, 5)))
		add(base.Byte(gCueNext).Str(c.next).Int(min(db, 5)))
		add(base.Byte(gCueInQ).Byte(boolByte(c.inQ)).Byte(boolByte(t.inQ)))
		add(base.Byte(gEntSent).Byte(ent).Int(sd).Int(min(commas[k], 2)))
		add(base.Byte(gInQQuoteBetween).Byte(boolByte(t.inQ)).Int(min(quotes[k], 3)).Int(sd))
		add(base.Byte(gCueTail).Int(c.tail).Int(sd))
		add(base.Byte(gCueLead).Int(c.lead).Int(sd))
		feats[k] = out
		if len(backing)+len(out) <= cap(backing) {
			backing = backing[:len(backing)+len(out)]
		}
	}
	return feats
}

func hasLower(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}
