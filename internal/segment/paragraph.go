package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
)

// isSpace reports whether r is white space for segmentation: Unicode white
// space plus the invisible zero-width space, word joiner and byte order mark.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	switch r {
	case 0x200B, 0x2060, 0xFEFF:
		return true
	}
	return unicode.IsSpace(r)
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// isLineBreak reports whether r ends a line: "\n", the Unicode line
// separator U+2028 and next line U+0085 ("\r" is taken as white space, so
// "\r\n" is one line break). U+2029, the paragraph separator, is handled
// by Paragraphs as a blank line.
func isLineBreak(r rune) bool { return r == '\n' || r == 0x2028 || r == 0x85 }

// Paragraphs returns the paragraphs of text in order. Paragraphs are
// separated by one or more blank lines (lines holding only white space) or
// by U+2029 PARAGRAPH SEPARATOR; a single line break inside a paragraph
// does not split it. Each range is trimmed of surrounding white space and
// is never empty.
func Paragraphs(text string) []article.Range {
	var out []article.Range
	start, end := -1, 0 // the current paragraph's first and past-last non-space bytes
	breaks := 0         // line breaks seen since end
	for i := 0; i < len(text); {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == 0x2029:
			breaks += 2
		case isLineBreak(r):
			breaks++
		case isSpace(r):
		default:
			if start >= 0 && breaks >= 2 {
				out = append(out, article.Range{Start: start, End: end})
				start = -1
			}
			if start < 0 {
				start = i
			}
			end = i + size
			breaks = 0
		}
		i += size
	}
	if start >= 0 {
		out = append(out, article.Range{Start: start, End: end})
	}
	return out
}
