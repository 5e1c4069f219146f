package technique

import (
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// bucket maps a count to a small class: 0, 1, 2, 3, 4-5, 6-9, 10+.
func bucket(n int) string {
	switch {
	case n <= 3:
		return strconv.Itoa(n)
	case n <= 5:
		return "4"
	case n <= 9:
		return "6"
	case n <= 19:
		return "10"
	case n <= 39:
		return "20"
	}
	return "40"
}

// Feature hashing: FNV-1a over a template byte and its values.
// fh is a feature hash (perceptron.Hash).
type fh = perceptron.Hash

func h0(t byte) fh { return perceptron.Template(t) }

// Feature templates of the span tagger (f…) and the classifier (g…).
const (
	fBias byte = iota + 1
	fW
	fStem
	fShape
	fSuf
	fWm1
	fWp1
	fWm2
	fWp2
	fBiL
	fBiR
	fInQ
	fEnt
	fRep
	fRepW
	fBiRep
	fExcl
	fQues
	fSentLen
	fPos
	fTitle
	fCl
	fClm1
	fClp1
	fShapeW
	fSentCls
	fSentClsW
	fPre
	fDensity
	// sentence classifier
	hBias
	hW
	hBi
	hExcl
	hQues
	hQmark
	hLen
	hTitle
	hRep
	hCl
	hCaps
	// classifier
	gBias
	gW
	gBi
	gFirst
	gLast
	gLen
	gChars
	gSpanRep
	gMaxRep
	gCtxL
	gCtxR
	gExcl
	gQues
	gQmark
	gCaps
	gEnt
	gEntAll
	gInQ
	gWholeSent
	gCl
	gTitle
	gLenRep
	gSentExcl
	gPrevQ
	gNextQ
	gFirstLast
	gCtxBiL
	gRepBefore
	gListSame
	gListDup
	gListOverlap
	gSuf
	gPre
	gCtxCl
	gFull
	gCover
)

func (d *docInfo) cluster(i int) (uint16, bool) {
	if i < 0 || i >= len(d.toks) {
		return 0, false
	}
	return d.toks[i].cl, d.toks[i].hasCl
}

// tokenFeatures are the span tagger's features of token i of sentence s
// (index k in the article's sentences).
func (d *docInfo) tokenFeatures(k int, s [2]int, i int, out []uint64) []uint64 {
	t := &d.toks[i]
	word := func(j int) string {
		if j < s[0] {
			return "<s>"
		}
		if j >= s[1] {
			return "</s>"
		}
		return d.toks[j].lower
	}
	add := func(h fh) { out = append(out, uint64(h)) }
	add(h0(fBias))
	add(h0(fW).Str(t.lower))
	add(h0(fStem).Str(t.stem))
	add(h0(fShape).Str(t.shape))
	if n := len(t.lower); n > 3 {
		add(h0(fSuf).Str(t.lower[n-3:]))
		if n > 5 {
			add(h0(fPre).Str(t.lower[:4]))
		}
	}
	add(h0(fWm1).Str(word(i - 1)))
	add(h0(fWp1).Str(word(i + 1)))
	add(h0(fWm2).Str(word(i - 2)))
	add(h0(fWp2).Str(word(i + 2)))
	add(h0(fBiL).Str(word(i - 1)).Str(t.lower))
	add(h0(fBiR).Str(t.lower).Str(word(i + 1)))
	if t.inQ {
		add(h0(fInQ))
	}
	if t.ent != 0 {
		add(h0(fEnt).Byte(t.ent))
	}
	if t.content {
		add(h0(fRep).Str(bucket(t.rep)))
		if t.rep > 1 {
			add(h0(fRepW).Str(t.stem))
		}
	}
	if i+1 < s[1] {
		if n := t.biNext; n > 1 && (t.content || d.toks[i+1].content) {
			add(h0(fBiRep).Str(bucket(n)))
		}
	}
	if i > s[0] {
		if n := d.toks[i-1].biNext; n > 1 && (t.content || d.toks[i-1].content) {
			add(h0(fBiRep).Byte('L').Str(bucket(n)))
		}
	}
	if d.sentExcl[k] {
		add(h0(fExcl))
	}
	if d.sentQ[k] {
		add(h0(fQues))
	}
	add(h0(fSentLen).Str(bucket((s[1] - s[0]) / 4)))
	switch {
	case i == s[0]:
		add(h0(fPos).Byte('F'))
	case i == s[1]-1:
		add(h0(fPos).Byte('L'))
	case i == s[1]-2:
		add(h0(fPos).Byte('l'))
	}
	if k == 0 {
		add(h0(fTitle))
	}
	if c, ok := d.cluster(i); ok {
		add(h0(fCl).Byte(byte(c)).Byte(byte(c >> 8)))
	}
	if i > s[0] {
		if c, ok := d.cluster(i - 1); ok {
			add(h0(fClm1).Byte(byte(c)).Byte(byte(c >> 8)))
		}
	}
	if i+1 < s[1] {
		if c, ok := d.cluster(i + 1); ok {
			add(h0(fClp1).Byte(byte(c)).Byte(byte(c >> 8)))
		}
	}
	add(h0(fShapeW).Str(t.shape).Str(word(i - 1)))
	return out
}

// sentenceFeatures returns the tagger's features of sentence k, whose
// sentence classifier band is band, in an article of density band dens
// (-1: none).
func (d *docInfo) sentenceFeatures(k, band, dens int) [][]uint64 {
	return d.sentenceFeaturesInto(k, band, dens, nil, nil)
}

// sentenceFeaturesInto is sentenceFeatures writing into the storage of
// feats and back when they are large enough, so that tagging an article
// sentence by sentence reuses one buffer.
func (d *docInfo) sentenceFeaturesInto(k, band, dens int, feats [][]uint64, back []uint64) [][]uint64 {
	s := d.sents[k]
	feats = feats[:0]
	back = back[:0]
	for i := s[0]; i < s[1]; i++ {
		var f []uint64
		inBack := cap(back)-len(back) >= 40
		if inBack {
			f = d.tokenFeatures(k, s, i, back[len(back):len(back):len(back)+40])
		} else {
			f = d.tokenFeatures(k, s, i, make([]uint64, 0, 40))
		}
		if band >= 0 {
			f = append(f, uint64(h0(fSentCls).Byte(byte(band))), uint64(h0(fSentClsW).Byte(byte(band)).Str(d.toks[i].lower)),
				uint64(h0(fDensity).Byte(byte(dens))), uint64(h0(fDensity).Byte(byte(dens)).Byte(byte(band))))
		}
		// f stays in back unless it outgrew its 40 places (append copied it)
		if inBack && len(f) <= 40 {
			back = back[:len(back)+len(f)]
		}
		feats = append(feats, f)
	}
	return feats
}

// sentClassFeatures are the sentence classifier's features of sentence k:
// does the sentence hold a persuasive fragment at all?
func (d *docInfo) sentClassFeatures(k int) []uint64 {
	s := d.sents[k]
	out := make([]uint64, 0, 3*(s[1]-s[0])+8)
	add := func(h fh) { out = append(out, uint64(h)) }
	add(h0(hBias))
	maxRep, caps := 0, 0
	for i := s[0]; i < s[1]; i++ {
		t := &d.toks[i]
		add(h0(hW).Str(t.stem))
		if i+1 < s[1] {
			add(h0(hBi).Str(t.lower).Str(d.toks[i+1].lower))
		}
		if c, ok := d.cluster(i); ok {
			add(h0(hCl).Byte(byte(c)).Byte(byte(c >> 8)))
		}
		if t.content {
			maxRep = max(maxRep, t.rep)
		}
		if t.qmark {
			add(h0(hQmark))
		}
		if t.shape == "XX" && len(t.word) > 2 {
			caps++
		}
	}
	if d.sentExcl[k] {
		add(h0(hExcl))
	}
	if d.sentQ[k] {
		add(h0(hQues))
	}
	if caps > 0 {
		add(h0(hCaps))
	}
	add(h0(hLen).Str(bucket((s[1] - s[0]) / 3)))
	add(h0(hRep).Str(bucket(maxRep)))
	if k == 0 {
		add(h0(hTitle))
	}
	return out
}

// spanFeatures are the classifier's features of the tokens [s, e).
func (d *docInfo) spanFeatures(s, e int) []uint64 {
	out := make([]uint64, 0, 64)
	add := func(h fh) { out = append(out, uint64(h)) }
	add(h0(gBias))
	if s >= e || e > len(d.toks) {
		return out
	}
	n := e - s
	words := 0
	maxRep, caps, excl, ques, qm, ent := 0, 0, false, false, false, 0
	ents := map[byte]bool{}
	for i := s; i < e; i++ {
		t := &d.toks[i]
		add(h0(gW).Str(t.stem))
		if i+1 < e {
			add(h0(gBi).Str(t.lower).Str(d.toks[i+1].lower))
		}
		if c, ok := d.cluster(i); ok {
			add(h0(gCl).Byte(byte(c)).Byte(byte(c >> 8)))
		}
		if n := len(t.lower); n > 3 && t.shape != "p" {
			add(h0(gSuf).Str(t.lower[n-3:]))
			add(h0(gPre).Str(t.lower[:3]))
			if n > 6 {
				add(h0(gSuf).Byte(4).Str(t.lower[n-4:]))
				add(h0(gPre).Byte(5).Str(t.lower[:5]))
			}
		}
		if t.content {
			words++
			maxRep = max(maxRep, t.rep)
		}
		if t.shape == "XX" && len(t.word) > 2 {
			caps++
		}
		switch t.lower {
		case "!":
			excl = true
		case "?":
			ques = true
		}
		if t.qmark {
			qm = true
		}
		if t.ent != 0 {
			ent++
			ents[t.ent] = true
		}
	}
	add(h0(gFirst).Str(d.toks[s].lower))
	if n <= 5 {
		f := h0(gFull)
		for i := s; i < e; i++ {
			f = f.Str(d.toks[i].lower)
		}
		add(f)
	}
	add(h0(gLast).Str(d.toks[e-1].lower))
	add(h0(gFirstLast).Str(d.toks[s].lower).Str(d.toks[e-1].lower))
	lb := bucket(n)
	add(h0(gLen).Str(lb))
	add(h0(gChars).Str(bucket((d.toks[e-1].end - d.toks[s].start) / 8)))
	rep, before := d.spanRepeats(s, e)
	add(h0(gSpanRep).Str(bucket(rep)))
	add(h0(gLenRep).Str(lb).Str(bucket(rep)))
	add(h0(gRepBefore).Str(bucket(min(before, 3))).Str(bucket(min(rep, 4))))
	add(h0(gMaxRep).Str(bucket(maxRep)))
	for k := 1; k <= 2; k++ {
		if c, ok := d.cluster(s - k); ok {
			add(h0(gCtxCl).Byte(byte(k)).Byte(byte(c)).Byte(byte(c >> 8)))
		}
		if c, ok := d.cluster(e - 1 + k); ok {
			add(h0(gCtxCl).Byte(byte(k + 8)).Byte(byte(c)).Byte(byte(c >> 8)))
		}
	}
	for k := 1; k <= 3; k++ {
		if j := s - k; j >= 0 {
			add(h0(gCtxL).Byte(byte(k)).Str(d.toks[j].lower))
		}
		if j := e - 1 + k; j < len(d.toks) {
			add(h0(gCtxR).Byte(byte(k)).Str(d.toks[j].lower))
		}
	}
	if s >= 2 {
		add(h0(gCtxBiL).Str(d.toks[s-2].lower).Str(d.toks[s-1].lower))
	}
	if excl {
		add(h0(gExcl))
	}
	if ques {
		add(h0(gQues))
	}
	if qm {
		add(h0(gQmark))
	}
	if s > 0 && d.toks[s-1].qmark {
		add(h0(gPrevQ))
	}
	if e < len(d.toks) && d.toks[e].qmark {
		add(h0(gNextQ))
	}
	if caps > 0 {
		add(h0(gCaps))
	}
	for _, c := range []byte{'P', 'O', 'L', 'M'} {
		if ents[c] {
			add(h0(gEnt).Byte(c))
		}
	}
	if ent == n {
		add(h0(gEntAll))
	}
	if d.toks[s].inQ {
		add(h0(gInQ))
	}
	if si := d.toks[s].sent; si < len(d.sents) {
		sr := d.sents[si]
		if s == sr[0] && e >= sr[1]-1 {
			add(h0(gWholeSent))
		}
		// how much of its sentence the span covers
		add(h0(gCover).Byte(byte(min(4*n/max(sr[1]-sr[0], 1), 4))))
		if d.sentExcl[si] {
			add(h0(gSentExcl))
		}
		if si == 0 {
			add(h0(gTitle))
		}
	}
	return out
}

// maxCandidates bounds the places spanRepeats looks at, so that a huge
// input stays linear; counts past it are well beyond the top feature band.
const maxCandidates = 512

// spanRepeats counts the occurrences of the stems of the word tokens of
// [s, e) in the whole article, the span itself included, and those that
// start before it. It looks only where the span's rarest stem occurs.
func (d *docInfo) spanRepeats(s, e int) (n, before int) {
	var pat []int32
	first := -1
	for i := s; i < e; i++ {
		if w := d.wordAt[i]; w >= 0 {
			if first < 0 {
				first = w
			}
			pat = append(pat, d.toks[i].stemID)
		}
	}
	if len(pat) == 0 {
		return 0, 0
	}
	anchor := 0
	for k, st := range pat {
		if len(d.where[st]) < len(d.where[pat[anchor]]) {
			anchor = k
		}
	}
	cands := d.where[pat[anchor]]
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	for _, p := range cands {
		start := p - anchor
		if start < 0 || start+len(pat) > len(d.words) {
			continue
		}
		if slices.Equal(d.words[start:start+len(pat)], pat) {
			n++
			if start < first {
				before++
			}
		}
	}
	return n, before
}

// listFeatures are the classifier's features of each token range of rs
// that come from the other ranges of the same article (the spans to
// classify, found by the tagger or given by a template): how many others
// have the same words (Repetition), cover the same tokens (a span with
// two techniques) or overlap it.
func (d *docInfo) listFeatures(rs [][2]int) [][]uint64 {
	keys := make([]string, len(rs))
	for k, r := range rs {
		var b strings.Builder
		for i := r[0]; i < r[1] && i < len(d.toks); i++ {
			b.WriteString(d.toks[i].stem)
			b.WriteByte(' ')
		}
		keys[k] = b.String()
	}
	byKey := map[string]int{}
	byRange := map[[2]int]int{}
	for k, r := range rs {
		if keys[k] != "" {
			byKey[keys[k]]++
		}
		byRange[r]++
	}
	// overlaps: a sweep over the ranges in start order, looking at most
	// maxCandidates ahead
	order := make([]int, len(rs))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(x, y int) int { return rs[x][0] - rs[y][0] })
	over := make([]int, len(rs))
	for a, k := range order {
		for b := a + 1; b < len(order) && b-a <= maxCandidates && rs[order[b]][0] < rs[k][1]; b++ {
			if j := order[b]; rs[j] != rs[k] && rs[j][0] < rs[j][1] {
				over[k]++
				over[j]++
			}
		}
	}
	out := make([][]uint64, len(rs))
	for k, r := range rs {
		dup := byRange[r] - 1
		same := 0
		if keys[k] != "" {
			same = byKey[keys[k]] - byRange[r]
		}
		over := over[k]
		out[k] = []uint64{
			uint64(h0(gListSame).Str(bucket(min(same, 4)))),
			uint64(h0(gListDup).Str(bucket(min(dup, 2)))),
			uint64(h0(gListOverlap).Str(bucket(min(over, 3)))),
		}
	}
	return out
}
