package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a 64-bit FNV-1a hash of its template
// byte and its string values, so extraction allocates little and the same
// code serves training and tagging.
const (
	fBias byte = iota + 1
	fWord
	fLower
	fShape
	fShort
	fPrefix
	fSuffix
	fWordM1
	fWordP1
	fLowerM2
	fLowerP2
	fShortM1
	fShortP1
	fShortM2
	fShortP2
	fBigramL
	fBigramR
	fShape3
	fInitCap
	fFirstName
	fFirstNameM1
	fGaz
	fCluster
	fClusterM1
	fClusterP1
	fCapRatio
	fDocCase
	fDocSeq
	fAllCaps
	fHist
	fHistShape
	fLowerM1
	fLowerP1
	fClusterShape
	fWordShortM1
	fNoCluster
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type fhash uint64

func hstart(t byte) fhash { return (fhash(fnvOffset) ^ fhash(t)) * fnvPrime }

func (h fhash) str(s string) fhash {
	for i := 0; i < len(s); i++ {
		h = (h ^ fhash(s[i])) * fnvPrime
	}
	return h
}

func (h fhash) b(c byte) fhash { return (h ^ fhash(c)) * fnvPrime }

// normalizeWord maps typographic quotes, apostrophes and dashes to the
// ASCII forms CoNLL data uses.
func normalizeWord(w string) string {
	if isASCII(w) {
		return w
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`':
			return '\''
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
			return '"'
		case '\u2013', '\u2014', '\u2012', '\u2015', '\u2212':
			return '-'
		case '\u00a0':
			return ' '
		}
		return r
	}, w)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordShape maps letters to X/x, digits to d and keeps other characters;
// runs longer than four are cut to four. shortShape collapses every run to
// one character ("Xxxx" → "Xx", "1996-08-22" → "d-d-d").
func wordShape(w string) (shape, short string) {
	var sb, ss strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r) || unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
		} else {
			run = 1
			ss.WriteRune(c)
		}
		if run <= 4 {
			sb.WriteRune(c)
		}
		last = c
	}
	return sb.String(), ss.String()
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// token is one word with everything features need of it.
type token struct {
	w, lower, shape, short string
	initial                bool // first word of its sentence (after opening punctuation)
	cap                    bool
	letter                 bool // w has a letter
	capsW                  bool // w is in capitals (isAllCaps)
	// What the model's resources say of the word, looked up once by
	// prepareDocument (lookUp): first-name band of lower, clusters of w
	// (hasCl: listed), capitalisation band of lower (hasCR: listed).
	fn           uint8
	cl           [3]uint16
	hasCl, hasCR bool
	cr           uint8
	// info is the tagger's cache entry of the word; nil in training.
	info *wordInfo
}

// newToken returns the token of a word as written, but for its place in
// the sentence (initial) and the resources' verdicts.
func newToken(raw string) token {
	w := normalizeWord(raw)
	if w == "" {
		w = "_"
	}
	sh, short := wordShape(w)
	return token{w: w, lower: strings.ToLower(w), shape: sh, short: short, cap: isCapitalized(w),
		letter: hasLetter(w), capsW: isAllCaps(w)}
}

// lookUp sets what the resources r say of the token's word.
func (t *token) lookUp(r *resources) {
	t.fn = r.firstNames[t.lower]
	t.cl, t.hasCl = r.clusters[t.w]
	t.cr, t.hasCR = r.capRatio[t.lower]
}

// sentence is a sentence prepared for feature extraction.
type sentence struct {
	toks    []token
	allCaps bool // headline in capitals: case carries no information
	gaz     [][]gazHit
}

type gazHit struct {
	typ byte // entity type index 0..3
	pos byte // 'B', 'I', 'L', 'U'
}

// document is a sequence of sentences plus the facts collected over all
// of them (how each word is cased elsewhere, capitalised runs it is in).
type document struct {
	sents   []sentence
	docCase map[string]uint8 // lower-case word → caseSeen bits
	docSeq  map[string]uint8 // word → seqBits
	// res holds the resources the tokens were looked up in; nil for none.
	res *resources
	// hist holds, per sentence and token, the first-stage prediction
	// summary of the other occurrences of the token in the document
	// (-1: none); nil before the second stage.
	hist [][]int8
}

// Bits of document.docCase.
const (
	caseLower   = 1 << iota // seen in lower case
	caseTitle               // seen capitalised, not sentence-initial, in a mixed-case sentence
	caseAllCaps             // seen in capitals in a mixed-case sentence
)

// Bits of document.docSeq.
const (
	seqFirst   = 1 << iota // first word of a run of two or more capitalised words
	seqLast                // last word of such a run
	seqMid                 // inside such a run
	seqAfterFN             // in a run that starts with a known first name
	seqAlone               // a capitalised single word, not sentence-initial
)

func prepareSentence(words []string) sentence {
	toks := make([]token, len(words))
	for i, raw := range words {
		toks[i] = newToken(raw)
	}
	return sentenceOf(toks)
}

// sentenceOf makes a sentence of tokens made by newToken: it marks the
// initial word and whether the sentence is in capitals.
func sentenceOf(toks []token) sentence {
	s := sentence{toks: toks}
	letters, caps := 0, 0
	initial := true
	for i := range toks {
		t := &toks[i]
		if t.letter {
			t.initial = initial
			initial = false
			letters++
			if t.capsW {
				caps++
			}
		} else if initial && !strings.ContainsAny(t.w, "\"'([-") {
			initial = false
		}
	}
	s.allCaps = letters >= 3 && caps == letters
	return s
}

// prepareDocument builds a document from tokenised sentences and the
// resources (first names, clusters, gazetteer) of the model; r may be
// nil. With a wordCache (r not nil) the tokens come from it.
func prepareDocument(sents [][]string, r *resources, gaz gazLookup, words *wordCache) *document {
	d := &document{sents: make([]sentence, len(sents)), docCase: map[string]uint8{}, docSeq: map[string]uint8{}, res: r}
	for i, ws := range sents {
		if words != nil {
			toks := make([]token, len(ws))
			for k, raw := range ws {
				toks[k] = words.token(raw, r)
			}
			d.sents[i] = sentenceOf(toks)
		} else {
			d.sents[i] = prepareSentence(ws)
			if r != nil {
				for k := range d.sents[i].toks {
					d.sents[i].toks[k].lookUp(r)
				}
			}
		}
		if gaz != nil {
			d.sents[i].gaz = matchGazetteer(d.sents[i].toks, gaz, r.gazMaxLen, r.gazLonger)
		}
	}
	for _, s := range d.sents {
		if s.allCaps {
			continue
		}
		for i, t := range s.toks {
			switch {
			case !t.letter:
			case t.w == t.lower:
				d.docCase[t.lower] |= caseLower
			case !t.initial && t.capsW && len(t.w) > 1:
				d.docCase[t.lower] |= caseAllCaps
			case !t.initial && t.cap:
				d.docCase[t.lower] |= caseTitle
			}
			_ = i
		}
		// capitalised runs
		for i := 0; i < len(s.toks); {
			if !s.toks[i].cap || !s.toks[i].letter {
				i++
				continue
			}
			j := i + 1
			for j < len(s.toks) && s.toks[j].cap && s.toks[j].letter {
				j++
			}
			if j-i == 1 {
				if !s.toks[i].initial {
					d.docSeq[s.toks[i].w] |= seqAlone
				}
			} else {
				fn := isFirstName(s.toks[i].fn)
				for k := i; k < j; k++ {
					var b uint8
					switch k {
					case i:
						b = seqFirst
					case j - 1:
						b = seqLast
					default:
						b = seqMid
					}
					if fn && k > i {
						b |= seqAfterFN
					}
					d.docSeq[s.toks[k].w] |= b
				}
			}
			i = j
		}
	}
	return d
}

// gazLookup returns the entity-type bits (1<<type) a phrase is listed
// with, 0 when it is not listed.
type gazLookup func(phrase string) uint8

// matchGazetteer marks the tokens that are in phrases of the gazetteer.
// With longer (the phrases a longer one starts with), it stops extending
// a phrase that no listed phrase starts with.
func matchGazetteer(toks []token, gaz gazLookup, maxLen int, longer map[string]struct{}) [][]gazHit {
	var out [][]gazHit
	var b strings.Builder
	for i := range toks {
		if !toks[i].cap && !isDigitStart(toks[i].w) {
			continue
		}
		b.Reset()
		for l := 1; l <= maxLen && i+l <= len(toks); l++ {
			if l > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(toks[i+l-1].w)
			p := b.String()
			m := gaz(p)
			last := false // no listed phrase is longer
			if longer != nil {
				_, more := longer[p]
				last = !more
			}
			if m == 0 {
				if last {
					break
				}
				continue
			}
			if out == nil {
				out = make([][]gazHit, len(toks))
			}
			for typ := byte(0); typ < 4; typ++ {
				if m&(1<<typ) == 0 {
					continue
				}
				if l == 1 {
					out[i] = append(out[i], gazHit{typ, 'U'})
					continue
				}
				for k := i; k < i+l; k++ {
					p := byte('I')
					if k == i {
						p = 'B'
					} else if k == i+l-1 {
						p = 'L'
					}
					out[k] = append(out[k], gazHit{typ, p})
				}
			}
			if last {
				break
			}
		}
	}
	return out
}

func isDigitStart(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// extract appends the features of token i of sentence si to out: those
// of extractLocal, then those of extractHist once the document has a
// history.
func extract(d *document, si, i int, out []uint64) []uint64 {
	out = extractLocal(d, si, i, out)
	if d.hist != nil {
		out = extractHist(d, si, i, out)
	}
	return out
}

// The bytes features use for a sentence in capitals ('C', else 'm'), a
// sentence's initial word ('i', else 'n') and a capitalised word ('c',
// else 'l').
func capsByte(allCaps bool) byte {
	if allCaps {
		return 'C'
	}
	return 'm'
}

func initByte(initial bool) byte {
	if initial {
		return 'i'
	}
	return 'n'
}

func capByte(capitalised bool) byte {
	if capitalised {
		return 'c'
	}
	return 'l'
}

// extractHist appends the features of token i of sentence si that read
// the previous stage's tags of the token's other occurrences (d.hist).
func extractHist(d *document, si, i int, out []uint64) []uint64 {
	t := &d.sents[si].toks[i]
	init := initByte(t.initial)
	h := d.hist[si][i]
	out = append(out, uint64(hstart(fHist).b(byte(h))))
	return append(out, uint64(hstart(fHistShape).b(byte(h)).str(t.short).b(init)))
}

// extractLocal appends the features of token i of sentence si that do not
// depend on tags: the same in every stage. They are those of wordFeatures
// followed by those of contextFeatures.
func extractLocal(d *document, si, i int, out []uint64) []uint64 {
	out = wordFeatures(&d.sents[si].toks[i], d.sents[si].allCaps, out)
	return contextFeatures(d, si, i, out)
}

// wordFeatures appends the features that depend only on the word as
// written and on whether its sentence is in capitals: the same wherever
// the word occurs, in any document.
func wordFeatures(t *token, allCaps bool, out []uint64) []uint64 {
	caps := capsByte(allCaps)
	out = append(out,
		uint64(hstart(fBias)),
		uint64(hstart(fWord).str(t.w)),
		uint64(hstart(fLower).str(t.lower)),
		uint64(hstart(fShape).str(t.shape)),
		uint64(hstart(fShort).str(t.short).b(caps)))
	n := len(t.lower)
	for k := 1; k <= 4 && k <= n; k++ {
		out = append(out,
			uint64(hstart(fPrefix).b(byte(k)).str(t.lower[:k])),
			uint64(hstart(fSuffix).b(byte(k)).str(t.lower[n-k:])))
	}
	return out
}

// contextFeatures appends the features of token i of sentence si that
// read its neighbours, the resources and the document.
func contextFeatures(d *document, si, i int, out []uint64) []uint64 {
	r := d.res
	s := &d.sents[si]
	toks := s.toks
	t := &toks[i]
	add := func(h fhash) { out = append(out, uint64(h)) }
	at := func(k int) *token {
		if k < 0 || k >= len(toks) {
			return nil
		}
		return &toks[k]
	}
	word := func(k int) string {
		if tk := at(k); tk != nil {
			return tk.w
		}
		if k < 0 {
			return "<s>"
		}
		return "</s>"
	}
	lower := func(k int) string {
		if tk := at(k); tk != nil {
			return tk.lower
		}
		if k < 0 {
			return "<s>"
		}
		return "</s>"
	}
	short := func(k int) string {
		if tk := at(k); tk != nil {
			return tk.short
		}
		if k < 0 {
			return "<s>"
		}
		return "</s>"
	}
	caps := capsByte(s.allCaps)

	add(hstart(fWordM1).str(word(i - 1)))
	add(hstart(fWordP1).str(word(i + 1)))
	add(hstart(fLowerM1).str(lower(i - 1)))
	add(hstart(fLowerP1).str(lower(i + 1)))
	add(hstart(fLowerM2).str(lower(i - 2)))
	add(hstart(fLowerP2).str(lower(i + 2)))
	add(hstart(fShortM1).str(short(i - 1)))
	add(hstart(fShortP1).str(short(i + 1)))
	add(hstart(fShortM2).str(short(i - 2)))
	add(hstart(fShortP2).str(short(i + 2)))
	add(hstart(fBigramL).str(lower(i - 1)).b(0).str(t.lower))
	add(hstart(fBigramR).str(t.lower).b(0).str(lower(i + 1)))
	add(hstart(fShape3).str(short(i - 1)).b(0).str(t.short).b(0).str(short(i + 1)).b(caps))
	add(hstart(fWordShortM1).str(lower(i - 1)).b(0).str(t.short))
	init := initByte(t.initial)
	capb := capByte(t.cap)
	add(hstart(fInitCap).b(init).b(capb).b(caps))

	if r != nil {
		cluster := func(k int) ([3]uint16, bool) {
			if tk := at(k); tk != nil {
				return tk.cl, tk.hasCl
			}
			c, ok := r.clusters[word(k)]
			return c, ok
		}
		if b := t.fn; b > 0 && t.cap {
			add(hstart(fFirstName).b(b))
		}
		if tk := at(i - 1); tk != nil && tk.cap {
			if b := tk.fn; b > 0 {
				add(hstart(fFirstNameM1).b(b).b(capb))
			}
		}
		if t.hasCl {
			c := t.cl
			for g, id := range c {
				add(hstart(fCluster).b(byte(g)).b(byte(id)).b(byte(id >> 8)))
			}
			add(hstart(fClusterShape).b(byte(c[1])).b(byte(c[1] >> 8)).b(init).b(caps))
		} else {
			add(hstart(fNoCluster).str(t.short).b(init))
		}
		if c, ok := cluster(i - 1); ok {
			add(hstart(fClusterM1).b(byte(c[1])).b(byte(c[1] >> 8)))
		}
		if c, ok := cluster(i + 1); ok {
			add(hstart(fClusterP1).b(byte(c[1])).b(byte(c[1] >> 8)))
		}
		if t.hasCR {
			add(hstart(fCapRatio).b(t.cr).b(init).b(capb))
		}
	}
	if s.gaz != nil {
		for _, g := range s.gaz[i] {
			add(hstart(fGaz).b(g.typ).b(g.pos))
		}
	}
	if t.letter {
		dc := d.docCase[t.lower]
		add(hstart(fDocCase).b(dc).b(init).b(capb).b(caps))
		if t.cap {
			add(hstart(fDocSeq).b(d.docSeq[t.w]).b(init))
		}
	}
	return out
}
