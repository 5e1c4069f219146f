package technique

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
)

// tokInfo is what the features see of one token.
type tokInfo struct {
	start, end int
	word       string // as written
	lower      string // lower case; digits folded to 0; quotes and dashes to ASCII
	stem       string // lower with a crude English suffix stripped
	shape      string
	ent        byte  // entity type initial (P, O, L, M) or 0
	sent       int   // index in docInfo.sents
	inQ        bool  // inside a quotation (quotation marks or a quote's content)
	qmark      bool  // a double quotation mark
	content    bool  // a word that is not a function word
	rep        int   // occurrences of stem in the article
	stemID     int32 // the stem's number in the article
	// biNext counts the article's occurrences of the stem bigram this
	// token starts (its stem and the next token's).
	biNext int
	// cl is the word cluster of lower (hasCl: it has one).
	cl    uint16
	hasCl bool
}

// docInfo is an article prepared for feature extraction.
type docInfo struct {
	text  string
	toks  []tokInfo
	sents [][2]int // token range of each sentence
	// sentMark holds per sentence: has '!', has '?'.
	sentExcl, sentQ []bool
	// words are the stem numbers of the word tokens (letters or numbers)
	// in order, wordAt maps a token to its index there (-1: not a word),
	// and where lists each stem number's indices.
	words  []int32
	wordAt []int
	where  [][]int // by stem number
}

// wordKey is a token's text and kind: what prepare derives from a word
// alone depends on nothing else.
type wordKey struct {
	w    string
	kind article.TokenKind
}

// wordForms is what prepare derives from a word alone.
type wordForms struct {
	lower, stem, shape string
	content            bool
	cl                 uint16
	hasCl              bool
}

// wordCache keeps the wordForms of the words met, for one goroutine at a
// time (Model.words).
type wordCache map[wordKey]*wordForms

// maxCachedWords bounds a wordCache; words met once it is full are
// derived afresh each time.
const maxCachedWords = 1 << 14

func newWordForms(w string, kind article.TokenKind, clusters map[string]uint16) *wordForms {
	f := &wordForms{lower: normWord(w, kind)}
	f.stem = stem(f.lower)
	f.shape = shape(w)
	f.content = kind == article.TokenWord && !stopWords[f.lower] && len(f.lower) > 2
	if clusters != nil {
		f.cl, f.hasCl = clusters[f.lower]
	}
	return f
}

// forms returns the forms of w, derived the first time. The cached
// strings are copies: the words are cut from an article's text, which
// the cache must not keep alive.
func (c wordCache) forms(w string, kind article.TokenKind, clusters map[string]uint16) *wordForms {
	if c == nil {
		return newWordForms(w, kind, clusters)
	}
	if f := c[wordKey{w, kind}]; f != nil {
		return f
	}
	f := newWordForms(w, kind, clusters)
	if len(c) < maxCachedWords {
		f.lower, f.stem = strings.Clone(f.lower), strings.Clone(f.stem)
		c[wordKey{strings.Clone(w), kind}] = f
	}
	return f
}

// prepare derives the features' view of a; words, if not nil, keeps the
// forms of words across articles.
func prepare(a *article.Article, clusters map[string]uint16, words wordCache) *docInfo {
	d := &docInfo{text: a.Text, toks: make([]tokInfo, len(a.Tokens))}
	// stems are numbered in order of appearance: counts per number, and
	// bigrams as pairs of numbers
	stemID := map[string]int32{}
	var counts []int
	for i, t := range a.Tokens {
		w := a.Text[t.Start:t.End]
		ti := &d.toks[i]
		ti.start, ti.end = t.Start, t.End
		ti.word = w
		f := words.forms(w, t.Kind, clusters)
		ti.lower, ti.stem, ti.shape = f.lower, f.stem, f.shape
		ti.content, ti.cl, ti.hasCl = f.content, f.cl, f.hasCl
		ti.qmark = t.Kind == article.TokenQuote && isDoubleQuote(w)
		id, ok := stemID[ti.stem]
		if !ok {
			id = int32(len(counts))
			stemID[ti.stem] = id
			counts = append(counts, 0)
		}
		ti.stemID = id
		counts[id]++
	}
	bigram := map[uint64]int{}
	pair := func(i int) uint64 { return uint64(d.toks[i].stemID)<<32 | uint64(d.toks[i+1].stemID) }
	for i := range d.toks {
		d.toks[i].rep = counts[d.toks[i].stemID]
		if i+1 < len(d.toks) {
			bigram[pair(i)]++
		}
	}
	for i := 0; i+1 < len(d.toks); i++ {
		d.toks[i].biNext = bigram[pair(i)]
	}
	// sentences as token ranges; tokens between sentences go with the
	// one before
	j := 0
	for _, r := range a.Sentences {
		for j < len(d.toks) && d.toks[j].start < r.Start {
			d.toks[j].sent = max(len(d.sents)-1, 0)
			j++
		}
		s := j
		for j < len(d.toks) && d.toks[j].start < r.End {
			d.toks[j].sent = len(d.sents)
			j++
		}
		if s < j {
			d.sents = append(d.sents, [2]int{s, j})
		}
	}
	if j < len(d.toks) {
		for k := j; k < len(d.toks); k++ {
			d.toks[k].sent = len(d.sents)
		}
		d.sents = append(d.sents, [2]int{j, len(d.toks)})
	}
	// the word tokens, and where each stem occurs among them
	d.wordAt = make([]int, len(d.toks))
	d.where = make([][]int, len(counts))
	for i := range d.toks {
		d.wordAt[i] = -1
		if isWordLike(d.toks[i].lower) {
			id := d.toks[i].stemID
			d.wordAt[i] = len(d.words)
			d.where[id] = append(d.where[id], len(d.words))
			d.words = append(d.words, id)
		}
	}
	d.sentExcl = make([]bool, len(d.sents))
	d.sentQ = make([]bool, len(d.sents))
	for k, s := range d.sents {
		for i := s[0]; i < s[1]; i++ {
			switch d.toks[i].lower {
			case "!":
				d.sentExcl[k] = true
			case "?":
				d.sentQ[k] = true
			}
		}
	}
	// quotation marks: parity within each line
	in := false
	for i := range d.toks {
		t := &d.toks[i]
		if i > 0 && strings.Contains(d.text[d.toks[i-1].end:t.start], "\n") {
			in = false
		}
		if t.qmark {
			switch t.word {
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
	mark := func(start, end int, f func(ti *tokInfo)) {
		for i := tokenAt(d.toks, start); i < len(d.toks) && d.toks[i].start < end; i++ {
			if d.toks[i].end > start {
				f(&d.toks[i])
			}
		}
	}
	for _, q := range a.Quotes {
		mark(q.Content.Start, q.Content.End, func(ti *tokInfo) { ti.inQ = true })
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

// tokenRange returns the tokens overlapping the byte range [start, end).
func (d *docInfo) tokenRange(start, end int) (int, int) {
	s := tokenAt(d.toks, start)
	e := s
	for e < len(d.toks) && d.toks[e].start < end {
		e++
	}
	return s, e
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

// stem strips a common English inflection, enough to count "migrant" and
// "migrants" as one word when measuring repetition.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

// shape maps a word to a short class: Xx, XX, x, 0, punctuation as is.
func shape(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r):
		if len(w) > 1 && strings.ToUpper(w) == w {
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

func isWordLike(lower string) bool {
	return lower == "0" || unicode.IsLetter(firstRune(lower))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an and or but if of to in on at by for with from as is are was were be been being
	this that these those it its he she they them his her their we our you your i me my not no so than then there here
	what which who whom whose when where why how all any each some such can could would should will shall may might must
	do does did has have had into about over after before under between out up down off also just more most very said says`) {
		m[w] = true
	}
	return m
}()
