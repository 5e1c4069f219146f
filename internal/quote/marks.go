package quote

import (
	"unicode"
	"unicode/utf8"
)

// family groups quotation marks that close each other.
type family uint8

const (
	famNone   family = iota
	famDouble        // “ ” " ‟ and „ … “ (German low-high)
	famGuil          // « … »
	famGuilR         // » … « (German guillemets)
	famSingle        // ‘ … ’ and ' … ' used as top-level marks
)

// piece is one run of quoted text inside a paragraph: from an opening
// mark to its closing mark, or to the paragraph's end when unclosed.
type piece struct {
	open, close int // token indices of the marks; close < 0 when unclosed
	s, e        int // byte span including the marks
	fam         family
	// cont is set when the piece continues a quotation left open at the
	// end of the previous paragraph (the news convention for quotes that
	// run over several paragraphs).
	cont bool
	// role is decided later: speech, embedded (inside a clause), or not
	// speech at all (scare quotes, titles).
	role pieceRole
	used bool // consumed by a mixed quote
}

type pieceRole uint8

const (
	roleUnknown pieceRole = iota
	roleSpeech
	roleEmbedded
	roleNone
)

// flank reports whether the mark at [s,e) can open (left-flanking: text
// follows it, space or an opening bracket precedes it) and whether it can
// close (right-flanking: text precedes it, and no letter or digit
// follows). lo and hi bound the paragraph.
func flank(text string, s, e, lo, hi int) (canOpen, canClose bool) {
	prev, next := ' ', ' '
	if s > lo {
		prev, _ = utf8.DecodeLastRuneInString(text[lo:s])
	}
	if e < hi {
		next, _ = utf8.DecodeRuneInString(text[e:hi])
	}
	prevSpace := s <= lo || unicode.IsSpace(prev) || isOpenPunct(prev) || isQuoteRune(prev)
	nextSpace := e >= hi || unicode.IsSpace(next)
	canOpen = !nextSpace && prevSpace
	canClose = !(s <= lo || unicode.IsSpace(prev)) && (nextSpace || !(unicode.IsLetter(next) || unicode.IsDigit(next)))
	return canOpen, canClose
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', '\u00a0':
		return true
	}
	return false
}

// markFamily returns the family a mark opens, and whether it may open or
// close at all.
func openFamily(r rune) family {
	switch r {
	case '“', '"', '‟', '„', '”', '＂':
		return famDouble
	case '«':
		return famGuil
	case '»':
		return famGuilR
	case '‘', '\'', '‚', '‛':
		return famSingle
	}
	return famNone
}

func closes(f family, r rune) bool {
	switch f {
	case famDouble:
		return r == '”' || r == '"' || r == '“' || r == '＂'
	case famGuil:
		return r == '»'
	case famGuilR:
		return r == '«'
	case famSingle:
		return r == '’' || r == '\''
	}
	return false
}

// scanMarks finds the quoted pieces of one paragraph. toks are the
// paragraph's tokens, [lo,hi) its bytes. carry is the family of a
// quotation left open at the end of the previous paragraph (famNone if
// none). It returns the pieces and the family left open at the end.
//
// Apostrophes ("don’t", "students’"), primes and inch marks (6'2", a 55"
// screen) are told from quotation marks by flanking: an opening mark
// must have text after it and space or an opening bracket before it.
// Single marks are top-level quotation marks only in paragraphs without
// double marks; inside a double quotation they are nested quotes and are
// skipped. Unbalanced marks never fail: a stray closing mark is ignored,
// an opening mark inside an open quotation of the same kind closes the
// open one first, and an open quotation ends at the paragraph's end.
func scanMarks(text string, toks []tok, lo, hi int, carry family, out []piece) ([]piece, family) {
	hasDouble := false
	for _, t := range toks {
		if t.kind == tQuote {
			if f := openFamily(t.r); f != famNone && f != famSingle {
				hasDouble = true
				break
			}
		}
	}
	cur := -1 // index in out of the open piece
	var fam family
	first := true
	for i, t := range toks {
		if t.kind != tQuote {
			first = false
			continue
		}
		canOpen, canClose := flank(text, t.s, t.e, lo, hi)
		if cur >= 0 {
			if closes(fam, t.r) && (canClose || !canOpen) {
				out[cur].close = i
				out[cur].e = t.e
				cur = -1
				first = false
				continue
			}
			// a new opener of the same kind: the old quotation lost its
			// closing mark.
			if canOpen && openFamily(t.r) == fam && (fam != famSingle) && t.r != '”' {
				out[cur].e = trimEnd(text, out[cur].s, t.s)
			} else {
				first = false
				continue
			}
			cur = -1
		}
		f := openFamily(t.r)
		if f == famNone || !canOpen {
			first = false
			continue
		}
		if f == famSingle {
			if hasDouble {
				first = false
				continue
			}
			// ’90s, 'em: not an opening mark.
			if next, _ := utf8.DecodeRuneInString(text[t.e:hi]); !unicode.IsLetter(next) {
				first = false
				continue
			}
			if !hasCloser(text, toks[i+1:], lo, hi) {
				first = false
				continue
			}
		}
		if (t.r == '”' || t.r == '»') && !canOpen {
			first = false
			continue
		}
		out = append(out, piece{open: i, close: -1, s: t.s, e: hi, fam: f, cont: first && carry != famNone && (carry == f || carry == famDouble && f == famDouble)})
		cur = len(out) - 1
		fam = f
		first = false
	}
	if cur >= 0 {
		out[cur].e = trimEnd(text, out[cur].s, hi)
		return out, fam
	}
	return out, famNone
}

// hasCloser reports whether a right-flanking single closing mark follows.
func hasCloser(text string, toks []tok, lo, hi int) bool {
	for _, t := range toks {
		if t.kind == tQuote && (t.r == '’' || t.r == '\'') {
			_, c := flank(text, t.s, t.e, lo, hi)
			if c {
				return true
			}
		}
	}
	return false
}

func trimEnd(text string, s, e int) int {
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return e
}
