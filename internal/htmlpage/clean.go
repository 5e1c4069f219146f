package htmlpage

import (
	"strings"
	"unicode"
)

// dropHeadings removes the page's headline, and the standfirst right after
// it, from the start of the main text: Result carries them as Title and
// Description, and the text is the article body. Only the first few
// paragraphs are looked at, so a body that merely quotes its title later is
// left alone. A paragraph is the headline when it equals the title, or one
// side of a title of the form "Headline | Site"; it is the standfirst when
// it equals the page's description, directly follows the headline and is
// shorter than maxStandfirstWords: a longer "description" is the article's
// first paragraph, which many sites copy into the description meta tag.
func dropHeadings(paras []string, title, desc string) []string {
	const window = 3
	t, d := foldText(title), foldText(desc)
	if t == "" || len(paras) < 2 {
		return paras
	}
	for i := 0; i < len(paras) && i < window; i++ {
		if !isTitle(foldText(paras[i]), t) {
			continue
		}
		out := append([]string(nil), paras[:i]...)
		rest := paras[i+1:]
		if d != "" && len(rest) > 1 && foldText(rest[0]) == d && len(strings.Fields(d)) < maxStandfirstWords {
			rest = rest[1:]
		}
		return append(out, rest...)
	}
	return paras
}

// maxStandfirstWords is the length from which a paragraph equal to the
// page's description is taken for the article's lede rather than a
// standfirst (a dek is one or two short sentences).
const maxStandfirstWords = 30

// isTitle reports whether the folded paragraph p is the folded title t, or
// its headline part (t = p + separator + site name, or the reverse).
func isTitle(p, t string) bool {
	if p == "" {
		return false
	}
	if p == t {
		return true
	}
	// The separators of "Headline | Site" were folded away, so compare
	// prefixes and suffixes; the headline must be most of the title.
	if len(p)*2 < len(t) {
		return false
	}
	return strings.HasPrefix(t, p+" ") || strings.HasSuffix(t, " "+p)
}

// foldText lower-cases s and keeps only its words (letters and digits),
// separated by single spaces, so that punctuation and quotes do not decide a
// comparison.
func foldText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}
