package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Tokenize splits text into tokens, in order, never overlapping and never
// holding white space. Every non-space byte of text belongs to exactly one
// token; an invalid UTF-8 byte is a one-byte TokenSymbol.
//
// The rules follow the Penn Treebank / CoNLL conventions the entity tagger
// is trained on:
//
//   - Clitics are split PTB-style: "don't" → "do" "n't", "can't" → "ca"
//     "n't", "Russia's" → "Russia" "'s" (also 'm 'd 'll 're 've, with a
//     straight or curly apostrophe). Clitic tokens are TokenWord. Other inner
//     apostrophes stay in the word: "O'Brien", "rock'n'roll".
//   - A plural possessive apostrophe ("the Russians’ plan") is its own
//     TokenWord "’". Rule: an apostrophe (' or ’) right after a word ending
//     in s/S and not followed by a letter is possessive, unless a single
//     quotation opened earlier in the paragraph is still open, in which case
//     it closes that quotation (TokenQuote). After any other word it is a
//     closing quotation mark.
//   - ‘ is always a quotation mark; ' and ’ before a letter and not after a
//     letter open a quotation; ’90s / '90s (apostrophe + two digits) is one
//     TokenNumber.
//   - Abbreviations keep their dot: a fixed list (Mr., Dr., Gov., Jan.,
//     Inc., Co., St., vs., etc., …), dotted letter groups (U.S., U.K., e.g.,
//     a.m., Ph.D.), single capital initials (J.), and No./Nos. before a
//     number.
//   - Hyphenated words (al-Assad, Jean-Claude, US-Russia, COVID-19,
//     U.S.-led) are one token, as in CoNLL (UD/GUM split them); em and en dashes and runs of hyphens ("--") are TokenPunct.
//   - Numbers keep inner separators: 1,000.50, 24/7, 10:30, 2-1; ordinals
//     and decades (21st, 1990s) are TokenNumber too. As in CoNLL, a percent
//     sign is its own TokenPunct ("3.5" "%") and currency signs are
//     separate TokenSymbol tokens ("$" "5").
//   - URLs (scheme:// or www.), e-mail addresses and lower-case domain
//     names (example.com, bit.ly/x) are one TokenURL, trailing sentence
//     punctuation excluded. A capitalised "Amazon.com" is a TokenWord.
//   - "..." (two or more dots) and "…" are one TokenPunct; so is a run of
//     ! and ? ("?!"). Brackets are separate TokenPunct.
//   - Emoji with their modifiers, variation selectors and zero-width-joiner
//     sequences, and flag pairs, are one TokenSymbol.
func Tokenize(text string) []article.Token {
	// News prose has about one token per 4.5 bytes.
	t := tokenizer{text: text, toks: make([]article.Token, 0, len(text)/4+8)}
	t.run()
	return t.toks
}

type tokenizer struct {
	text string
	toks []article.Token
	// openSingle counts single quotation marks opened and not yet closed
	// in the current paragraph; it decides whether ’ after "s" closes a
	// quotation or marks a plural possessive.
	openSingle int
	// noEmailBefore is the end of a run of e-mail address characters
	// known to hold no address start, so that a long run is scanned once.
	noEmailBefore int
}

func (t *tokenizer) emit(start, end int, kind article.TokenKind) {
	t.toks = append(t.toks, article.Token{Start: start, End: end, Kind: kind})
}

// decode returns the rune at i and its width. Invalid bytes decode as
// utf8.RuneError with width 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune ending at i (exclusive) and its width, or
// (-1, 0) at the start of s.
func decodeLast(s string, i int) (rune, int) {
	if i <= 0 {
		return -1, 0
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// prevRune returns the rune ending at i, or -1 at the start of s.
func prevRune(s string, i int) rune {
	r, _ := decodeLast(s, i)
	return r
}

// runeAt returns the rune at i, or -1 past the end.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	r, _ := decode(s, i)
	return r
}

const (
	cOther uint8 = iota
	cSpace
	cUpper
	cLower
	cDigit
	cPunct
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for i := range c {
		switch b := byte(i); {
		case asciiSpace[b]:
			c[i] = cSpace
		case b >= 'A' && b <= 'Z':
			c[i] = cUpper
		case b >= 'a' && b <= 'z':
			c[i] = cLower
		case b >= '0' && b <= '9':
			c[i] = cDigit
		case b > ' ' && b < 0x7f:
			c[i] = cPunct
		}
	}
	// Symbols in the ASCII range.
	for _, b := range "$+<=>^`|~" {
		c[b] = cOther
	}
	return c
}()

// isAlnum reports whether r is a letter or a number.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		if r < 0 {
			return false
		}
		k := asciiClass[r]
		return k == cUpper || k == cLower || k == cDigit
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isLetter reports whether r is a letter.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		if r < 0 {
			return false
		}
		k := asciiClass[r]
		return k == cUpper || k == cLower
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWordCont reports whether r continues a word without being a separator:
// letters, numbers and combining marks.
func isWordCont(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(r)
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '〝', '〞', '「', '」', '『', '』', '＂':
		return true
	}
	return false
}

func (t *tokenizer) run() {
	s := t.text
	breaks := 0
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		r, size := decode(s, i)
		if isSpace(r) {
			if isLineBreak(r) || r == 0x2029 {
				breaks++
				if breaks >= 2 || r == 0x2029 {
					t.openSingle = 0 // a new paragraph
				}
			}
			i += size
			continue
		}
		breaks = 0
		switch {
		case isAlnum(r):
			i = t.word(i)
		case r == '\'' || r == '’' || r == '‘' || r == '‛':
			i = t.single(i, r, size)
		case isDoubleQuote(r):
			t.emit(i, i+size, article.TokenQuote)
			i += size
		case r == '`':
			j := i + 1
			if j < len(s) && s[j] == '`' {
				j++
			}
			t.emit(i, j, article.TokenQuote)
			i = j
		case r == '.' && i+1 < len(s) && isDigit(rune(s[i+1])) && !isAlnum(prevRune(s, i)):
			// A number with a leading point: .45, a batting average .324.
			i = t.word(i)
		case r == '.':
			j := i + 1
			for j < len(s) && s[j] == '.' {
				j++
			}
			t.emit(i, j, article.TokenPunct)
			i = j
		case r == '!' || r == '?':
			j := i + 1
			for j < len(s) && (s[j] == '!' || s[j] == '?') {
				j++
			}
			t.emit(i, j, article.TokenPunct)
			i = j
		case r == '-':
			j := i + 1
			for j < len(s) && s[j] == '-' {
				j++
			}
			t.emit(i, j, article.TokenPunct)
			i = j
		case r == '—' || r == '–' || r == '―':
			j := i + size
			for j < len(s) {
				r2, sz := decode(s, j)
				if r2 != r {
					break
				}
				j += sz
			}
			t.emit(i, j, article.TokenPunct)
			i = j
		case r < utf8.RuneSelf && asciiClass[r] == cPunct, r >= utf8.RuneSelf && unicode.IsPunct(r):
			t.emit(i, i+size, article.TokenPunct)
			i += size
		default:
			i = t.symbol(i, r, size)
		}
	}
}

// symbol emits one symbol token starting at i: an emoji with its
// modifiers and joined parts, a flag pair, or any other single rune.
func (t *tokenizer) symbol(i int, r rune, size int) int {
	s := t.text
	j := i + size
	if r == utf8.RuneError && size == 1 {
		t.emit(i, j, article.TokenSymbol)
		return j
	}
	if isRegional(r) {
		if r2, sz := decode2(s, j); isRegional(r2) {
			j += sz
		}
	}
	for j < len(s) {
		r2, sz := decode(s, j)
		switch {
		case r2 == 0x200D: // zero-width joiner: take the next rune too
			if j+sz < len(s) {
				r3, sz3 := decode(s, j+sz)
				if !isSpace(r3) && !(r3 == utf8.RuneError && sz3 == 1) {
					j += sz + sz3
					continue
				}
			}
			j += sz
			continue
		case r2 >= 0xFE00 && r2 <= 0xFE0F, // variation selectors
			r2 >= 0x1F3FB && r2 <= 0x1F3FF, // skin tones
			r2 >= 0xE0020 && r2 <= 0xE007F, // tag sequences
			r2 == 0x20E3,                   // combining keycap
			r2 >= utf8.RuneSelf && (unicode.Is(unicode.Mn, r2) || unicode.Is(unicode.Me, r2)):
			j += sz
			continue
		}
		break
	}
	t.emit(i, j, article.TokenSymbol)
	return j
}

func decode2(s string, i int) (rune, int) {
	if i >= len(s) {
		return -1, 0
	}
	return decode(s, i)
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// single handles a single quotation mark or apostrophe at i that is not
// inside a word.
func (t *tokenizer) single(i int, r rune, size int) int {
	s := t.text
	j := i + size
	// ’90s, '90s, ‘90s: an elided century.
	if r != '‛' {
		prev, _ := decodeLast(s, i)
		if !isAlnum(prev) && j+1 < len(s) && isDigit(rune(s[j])) && isDigit(rune(s[j+1])) &&
			(j+2 == len(s) || !isWordCont(runeAt(s, j+2)) || s[j+2] == 's') {
			e := j + 2
			if e < len(s) && s[e] == 's' && !isWordCont(runeAt(s, e+1)) {
				e++
			}
			if e == len(s) || !isWordCont(runeAt(s, e)) {
				t.emit(i, e, article.TokenNumber)
				return e
			}
		}
	}
	if r == '‘' || r == '‛' {
		t.openSingle++
		t.emit(i, j, article.TokenQuote)
		return j
	}
	prev, _ := decodeLast(s, i)
	next := runeAt(s, j)
	switch {
	case isAlnum(prev):
		// After a word, not followed by a letter (the word scanner took
		// inner apostrophes).
		if (prev == 's' || prev == 'S') && t.openSingle == 0 && !isLetter(next) {
			t.emit(i, j, article.TokenWord) // plural possessive
			return j
		}
		if t.openSingle > 0 {
			t.openSingle--
		}
	case prev == -1 || isSpace(prev) || prev == '(' || prev == '[' || isDoubleQuote(prev) || prev == '—' || prev == '–':
		if next != -1 && !isSpace(next) {
			t.openSingle++ // an opening quotation mark
		}
	default:
		// After punctuation: closing.
		if t.openSingle > 0 {
			t.openSingle--
		}
	}
	t.emit(i, j, article.TokenQuote)
	return j
}

// word scans a word, number, abbreviation, URL or e-mail address starting
// with the letter or digit at i, emits it (and any clitic split off it) and
// returns where scanning goes on.
func (t *tokenizer) word(i int) int {
	s := t.text
	if hasURLPrefix(s, i) {
		e := scanURL(s, i)
		t.emit(i, e, article.TokenURL)
		return e
	}
	j := i
	if s[i] == '.' {
		j++ // a leading decimal point
	}
	innerDot := false // letter.letter seen
	seg := 0          // runes in the current dot-separated segment
	maxSeg := 0       // longest dot-separated segment
	lastSeg := i      // start of the current segment
	numeric := true   // s[i:j] is digits and numeric separators only
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			// Fast path for ASCII letters and digits.
			switch asciiClass[c] {
			case cUpper, cLower:
				numeric = false
				fallthrough
			case cDigit:
				j++
				seg++
				continue
			}
		}
		r, size := decode(s, j)
		if isWordCont(r) {
			if r < '0' || r > '9' {
				numeric = false
			}
			j += size
			seg++
			continue
		}
		prev, _ := decodeLast(s, j)
		next := runeAt(s, j+size)
		switch r {
		case '-', 0x2011, 0xAD: // hyphen, non-breaking hyphen, soft hyphen
			if isAlnum(next) && isAlnum(prev) {
				if r != '-' {
					numeric = false
				}
				j += size
				seg++
				continue
			}
		case '\'', '’', '‘', 0x2BC: // ‘ is a common typo for ’ inside words
			if isLetter(next) && isLetter(prev) {
				k := j + size
				for k < len(s) {
					r2, sz := decode(s, k)
					if !isWordCont(r2) {
						break
					}
					k += sz
				}
				end := !isWordCont(runeAt(s, k)) && !(k < len(s) && (s[k] == '-' || s[k] == '\'')) && !(k+2 < len(s) && s[k:k+3] == "’")
				if end {
					switch suffix := s[j+size : k]; {
					case (suffix == "t" || suffix == "T") && (prev == 'n' || prev == 'N') && j-1 > i:
						t.finishWord(i, j-1, false)
						t.emit(j-1, k, article.TokenWord)
						return k
					case isClitic(suffix):
						t.finishWord(i, j, false)
						t.emit(j, k, article.TokenWord)
						return k
					}
				}
				seg += k - j
				j = k
				numeric = false
				continue
			}
		case '.':
			if isDigit(prev) && isDigit(next) {
				j += size
				seg++
				continue
			}
			if isLetter(prev) && isLetter(next) {
				nseg := segmentLen(s, j+size)
				if (seg <= 2 && nseg <= 2) || unicode.IsLower(next) {
					innerDot = true
					numeric = false
					if seg > maxSeg {
						maxSeg = seg
					}
					seg = 0
					j += size
					lastSeg = j
					continue
				}
			}
		case ',':
			if isDigit(prev) && j+3 < len(s)+0 && isDigit(next) && isDigit(runeAt(s, j+2)) && isDigit(runeAt(s, j+3)) && !isDigit(runeAt(s, j+4)) {
				j += 4
				seg += 4
				continue
			}
		case ':', '/':
			if isDigit(prev) && isDigit(next) && numeric {
				j += size
				seg++
				continue
			}
		case '@', '_', '+':
			if i >= t.noEmailBefore {
				e, run := matchEmail(s, i)
				if e > 0 {
					t.emit(i, e, article.TokenURL)
					return e
				}
				// No address starts anywhere in this run of
				// address characters.
				t.noEmailBefore = run
			}
		}
		break
	}
	if seg > maxSeg {
		maxSeg = seg
	}
	// A domain name: lower-case, dotted, ending in a known top-level domain.
	if innerDot && maxSeg > 2 && isDomain(s[i:j], s[lastSeg:j]) {
		e := j
		if j < len(s) && s[j] == '/' {
			e = scanURL(s, i)
		}
		t.emit(i, e, article.TokenURL)
		return e
	}
	// Does the word keep a following dot?
	keepDot := false
	if j < len(s) && s[j] == '.' && (j+1 == len(s) || s[j+1] != '.') {
		w := s[i:j]
		switch {
		case innerDot && maxSeg <= 2:
			keepDot = true // U.S. e.g. a.m. Ph.D.
		case isAbbrev(w):
			keepDot = true
		case english.BeforeNumber(w) && nextIsDigit(s, j+1):
			keepDot = true
		default:
			r, size := decode(s, i)
			// An initial (J.), or a lower-case letter opening a
			// parenthesis: (b. 1970), (d. 2001), (m. 1949).
			keepDot = size == j-i && (unicode.IsUpper(r) || unicode.IsLower(r) && prevRune(s, i) == '(')
		}
	}
	if keepDot && innerDot && j+2 < len(s) && s[j+1] == '-' && isAlnum(runeAt(s, j+2)) {
		// A compound on a dotted abbreviation: U.S.-led, U.K.-based.
		e := j + 2
		for e < len(s) {
			r, size := decode(s, e)
			if isWordCont(r) || (r == '-' && isAlnum(runeAt(s, e+1))) {
				e += size
				continue
			}
			break
		}
		t.emit(i, e, article.TokenWord)
		return e
	}
	t.finishWord(i, j, keepDot)
	if keepDot {
		return j + 1
	}
	return j
}

// finishWord emits the word text[i:j], with its following dot if keepDot.
func (t *tokenizer) finishWord(i, j int, keepDot bool) {
	kind := article.TokenWord
	if isNumberWord(t.text[i:j]) {
		kind = article.TokenNumber
	}
	if keepDot {
		j++
	}
	t.emit(i, j, kind)
}

// segmentLen returns the number of letters starting at i.
func segmentLen(s string, i int) int {
	n := 0
	for i < len(s) {
		r, size := decode(s, i)
		if !isLetter(r) {
			break
		}
		n++
		i += size
	}
	return n
}

func nextIsDigit(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i < len(s) && isDigit(rune(s[i]))
}

// allNumeric reports whether w is digits with numeric separators.
func allNumeric(w string) bool {
	if w == "" || !isDigit(rune(w[0])) {
		return false
	}
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9', c == ',', c == '.', c == ':', c == '/', c == '-':
		default:
			return false
		}
	}
	return true
}

// isNumberWord reports whether w is a number: digits with separators, an
// ordinal (21st) or a decade (1990s).
func isNumberWord(w string) bool {
	if len(w) > 1 && w[0] == '.' {
		w = w[1:] // .45
	}
	if w == "" || !isDigit(rune(w[0])) {
		return false
	}
	if allNumeric(w) {
		return true
	}
	n := len(w)
	switch {
	case n >= 3 && (hasSuffixFold(w, "st") || hasSuffixFold(w, "nd") || hasSuffixFold(w, "rd") || hasSuffixFold(w, "th")):
		return allNumeric(w[:n-2]) && isDigit(rune(w[n-3]))
	case n >= 2 && w[n-1] == 's':
		return allNumeric(w[:n-1]) && isDigit(rune(w[n-2]))
	}
	return false
}

func hasSuffixFold(w, suf string) bool {
	if len(w) < len(suf) {
		return false
	}
	t := w[len(w)-len(suf):]
	for i := 0; i < len(suf); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != suf[i] {
			return false
		}
	}
	return true
}

// Clitic reports whether t, a token of text, is a clitic that Tokenize
// split from the word right before it: the "'s" of "Russia's", the "n't"
// of "don't", "'ll", "’re" and the like. A stage that reads a word with its
// clitic ("Russia's" as one word, a possessive) joins such a token to the
// token before it. The lone apostrophe of a plural possessive ("the
// Russians’ plan") is not a clitic: it has no letters.
func Clitic(text string, t article.Token) bool {
	if t.Kind != article.TokenWord || t.Start < 0 || t.End > len(text) || t.Start >= t.End {
		return false
	}
	w := text[t.Start:t.End]
	r, n := decode(w, 0)
	switch r {
	case '\'', '’', '‘', 0x2BC:
		return isClitic(w[n:])
	case 'n', 'N':
		a, m := decode(w, 1)
		return (a == '\'' || a == '’' || a == '‘' || a == 0x2BC) && (w[1+m:] == "t" || w[1+m:] == "T")
	}
	return false
}

// isClitic reports whether suffix, the letters after an inner apostrophe,
// is a clitic split off in PTB style.
func isClitic(suffix string) bool {
	switch suffix {
	case "s", "S", "m", "M", "d", "D", "ll", "LL", "re", "RE", "ve", "VE":
		return true
	}
	return false
}

// hasURLPrefix reports whether a URL with a scheme or "www." starts at i.
func hasURLPrefix(s string, i int) bool {
	switch s[i] {
	case 'h', 'H', 'f', 'F', 'w', 'W':
	default:
		return false
	}
	rest := s[i:]
	for _, p := range [...]string{"http://", "https://", "ftp://", "www."} {
		if len(rest) > len(p) && hasPrefixFold(rest, p) && isAlnum(runeAt(rest, len(p))) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, p string) bool {
	for k := 0; k < len(p); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

// scanURL returns the end of the URL starting at i: up to white space, a
// quotation mark or angle bracket, less trailing sentence punctuation and
// unbalanced closing brackets.
func scanURL(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := decode(s, j)
		if r < utf8.RuneSelf {
			if r <= ' ' || r == 0x7f || r == '"' || r == '\'' || r == '<' || r == '>' || r == '`' || r == '{' || r == '}' || r == '|' || r == '\\' || r == '^' {
				break
			}
		} else if !(unicode.IsLetter(r) || unicode.IsNumber(r)) {
			break
		}
		j += size
	}
	openP, closeP := countByte(s[i:j], '('), countByte(s[i:j], ')')
	openB, closeB := countByte(s[i:j], '['), countByte(s[i:j], ']')
	for j > i {
		switch s[j-1] {
		case '.', ',', ';', ':', '!', '?':
			j--
			continue
		case ')':
			if openP < closeP {
				closeP--
				j--
				continue
			}
		case ']':
			if openB < closeB {
				closeB--
				j--
				continue
			}
		}
		break
	}
	return j
}

func countByte(s string, b byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			n++
		}
	}
	return n
}

// matchEmail returns the end of the e-mail address starting at i, or -1,
// and the end of the run of local-part characters starting at i.
func matchEmail(s string, i int) (end, run int) {
	j := i
	for j < len(s) && isEmailLocal(s[j]) {
		j++
	}
	run = j
	if j == i || j >= len(s) || s[j] != '@' {
		return -1, run
	}
	j++
	dots, label, end := 0, 0, -1
	for j < len(s) {
		c := s[j]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
			label++
			j++
			if dots > 0 && label >= 2 {
				end = j
			}
			continue
		case c == '.' && label > 0:
			dots++
			label = 0
			j++
			continue
		}
		break
	}
	return end, run
}

func isEmailLocal(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// isDomain reports whether w, a dotted word whose last segment is tld, is a
// lower-case domain name.
func isDomain(w, tld string) bool {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	switch tld {
	case "com", "net", "org", "edu", "gov", "mil", "int", "io", "co", "uk", "us", "ca", "au", "de", "fr",
		"ru", "ua", "cn", "jp", "in", "info", "biz", "news", "tv", "me", "ly", "eu", "it", "es", "nl",
		"ch", "se", "no", "pl", "be", "at", "br", "mx", "ie", "nz", "za", "il", "tr", "kr", "gl", "gd", "app", "ai":
		return true
	}
	return false
}
