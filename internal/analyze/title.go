package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
)

// MaxDerivedTitleBytes bounds a title taken from the text: a first sentence
// longer than this is cut at a word boundary and ends with "…".
const MaxDerivedTitleBytes = 140

// DeriveTitle returns a title for an article that has none: its first
// sentence (sentences are spans of text, as segment.Segment returns them),
// whitespace folded, a final full stop dropped, cut to MaxDerivedTitleBytes.
// It returns "" when the text has no sentence with a letter in it.
func DeriveTitle(text string, sentences []article.Range) string {
	for _, s := range sentences {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		t := strings.Join(strings.Fields(text[s.Start:s.End]), " ")
		if strings.IndexFunc(t, unicode.IsLetter) < 0 {
			continue
		}
		return shortenTitle(t)
	}
	return ""
}

// shortenTitle drops one final full stop (not "..." or "?" or "!") and cuts
// t to MaxDerivedTitleBytes at the last space before the limit.
func shortenTitle(t string) string {
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		t = strings.TrimSuffix(t, ".")
	}
	if len(t) <= MaxDerivedTitleBytes {
		return t
	}
	limit := MaxDerivedTitleBytes - len("…")
	for limit > 0 && !utf8.RuneStart(t[limit]) {
		limit--
	}
	cut := strings.LastIndexByte(t[:limit], ' ')
	if cut < limit/2 {
		cut = limit
	}
	return strings.TrimRightFunc(t[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}
