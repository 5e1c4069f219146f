package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// tokKind classifies the extractor's own tokens.
type tokKind uint8

const (
	tWord  tokKind = iota
	tPunct         // one punctuation rune (or "..." / "…")
	tQuote         // a quotation mark or apostrophe-like mark
)

// tok is one token of the text. The extractor tokenises on its own (it
// does not need the Penn Treebank split of article.Tokens, which cuts
// "Russia's" in two) so that it works on any article.
type tok struct {
	s, e  int
	kind  tokKind
	lower string // lower-cased word, "" for punctuation
	cap   bool   // word starts with an upper-case letter
	r     rune   // first rune
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '‟', '‛', '＂':
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// tokenize splits text[start:end] into tokens.
func tokenize(text string, start, end int, out []tok) []tok {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < end {
				c, m := utf8.DecodeRuneInString(text[j:end])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) {
					j += m
					continue
				}
				if c == '-' || c == '.' || isApos(c) || c == '&' || c == '‐' || c == '/' {
					d, _ := utf8.DecodeRuneInString(text[j+m : end])
					if j+m < end && (unicode.IsLetter(d) || unicode.IsDigit(d)) {
						j += m
						continue
					}
				}
				break
			}
			// keep the dot of an abbreviation or an initial
			if j < end && text[j] == '.' {
				w := strings.ToLower(text[i:j])
				if english.DottedAbbreviations().Has(w) || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)) || strings.Contains(w, ".") {
					j++
				}
			}
			w := text[i:j]
			out = append(out, tok{s: i, e: j, kind: tWord, lower: strings.ReplaceAll(strings.ToLower(w), "’", "'"), cap: unicode.IsUpper(r), r: r})
			i = j
		case r == '\'' && i+1 < end && text[i+1] == '\'', r == '`' && i+1 < end && text[i+1] == '`':
			// '' and `` stand for a double quotation mark in some wire
			// and newspaper archives.
			out = append(out, tok{s: i, e: i + 2, kind: tQuote, r: '"'})
			i += 2
		case isQuoteRune(r):
			out = append(out, tok{s: i, e: i + n, kind: tQuote, r: r})
			i += n
		default:
			j := i + n
			if r == '.' {
				for j < end && text[j] == '.' {
					j++
				}
			}
			out = append(out, tok{s: i, e: j, kind: tPunct, r: r})
			i = j
		}
	}
	return out
}

// paragraphs splits text at blank lines; it is the fallback when the
// article has no paragraphs yet.
func paragraphs(text string) []article.Range {
	var out []article.Range
	start := -1
	lastNonSpace := 0
	newlines := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\n':
			newlines++
			continue
		case ' ', '\t', '\r':
			continue
		}
		if newlines >= 2 && start >= 0 {
			out = append(out, article.Range{Start: start, End: lastNonSpace})
			start = -1
		}
		newlines = 0
		if start < 0 {
			start = i
		}
		lastNonSpace = i + 1
	}
	if start >= 0 {
		out = append(out, article.Range{Start: start, End: lastNonSpace})
	}
	// lastNonSpace may fall inside a multi-byte rune only if the rune's
	// trailing bytes are ASCII whitespace, which UTF-8 never produces.
	return out
}

// sentences is the fallback sentence splitter: a sentence ends at . ! ? or
// … (with any closing quotation marks and brackets after it) followed by
// a capitalised word, a quotation mark or the paragraph's end.
func sentences(text string, toks []tok, para article.Range) []article.Range {
	var out []article.Range
	s := -1
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if s < 0 {
			s = t.s
		}
		if t.kind != tPunct || !(t.r == '.' || t.r == '!' || t.r == '?' || t.r == '…') {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].kind == tQuote && isCloser(toks[j].r) || toks[j].kind == tPunct && (toks[j].r == ')' || toks[j].r == ']')) {
			j++
		}
		if j < len(toks) {
			n := toks[j]
			if !(n.kind == tWord && n.cap || n.kind == tQuote || n.kind == tPunct && (n.r == '(' || n.r == '—' || n.r == '-')) {
				continue
			}
		}
		out = append(out, article.Range{Start: s, End: toks[j-1].e})
		s = -1
		i = j - 1
	}
	if s >= 0 {
		out = append(out, article.Range{Start: s, End: para.End})
	}
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '”', '’', '\'', '»', '«', '›':
		return true
	}
	return false
}
