package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// tokKind classifies the extractor's view of a token.
type tokKind uint8

const (
	tWord  tokKind = iota // a word, number or URL
	tPunct                // punctuation or a symbol
	tQuote                // a quotation mark or apostrophe-like mark
)

// tok is the extractor's view of one segment token (article.Token): a
// clitic is joined to its word ("Russia's", "don't" are one tok, see
// appendTok), and the word's lower case, capitalisation and first rune
// are kept for the rules.
type tok struct {
	s, e  int
	kind  tokKind
	lower string // lower-cased word with straight apostrophes, "" for punctuation
	cap   bool   // word starts with an upper-case letter
	r     rune   // first rune
}

// appendTok appends segment token t to toks: a clitic ("'s", "n't") joins
// the word right before it, so that "Russia's" and "don't" are one word
// for the rules; two straight apostrophes in a row are one double mark;
// numbers and URLs are words, symbols are punctuation, and the lone
// apostrophe of a plural possessive ("the Russians’ plan") is a mark
// after the word.
func (d *doc) appendTok(toks []tok, t article.Token) []tok {
	w := d.text[t.Start:t.End]
	if n := len(toks); n > 0 && toks[n-1].kind == tWord && toks[n-1].e == t.Start && segment.Clitic(d.text, t) {
		last := &toks[n-1]
		last.e = t.End
		last.lower += lowerWord(w)
		return toks
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch t.Kind {
	case article.TokenQuote:
		// '' and `` stand for a double quotation mark in some wire and
		// newspaper archives; the segmenter splits '' in two.
		if n := len(toks); w == "'" && n > 0 && toks[n-1].e == t.Start && d.text[toks[n-1].s:toks[n-1].e] == "'" {
			toks[n-1].e, toks[n-1].r = t.End, '"'
			return toks
		}
		if w == "``" {
			r = '"'
		}
		return append(toks, tok{s: t.Start, e: t.End, kind: tQuote, r: r})
	case article.TokenPunct, article.TokenSymbol:
		return append(toks, tok{s: t.Start, e: t.End, kind: tPunct, r: r})
	}
	if utf8.RuneCountInString(w) == 1 && isApos(r) {
		return append(toks, tok{s: t.Start, e: t.End, kind: tQuote, r: r})
	}
	return append(toks, tok{s: t.Start, e: t.End, kind: tWord, lower: lowerWord(w), cap: unicode.IsUpper(r), r: r})
}

// lowerWord lower-cases w with straight apostrophes.
func lowerWord(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '‟', '‛', '＂':
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }
