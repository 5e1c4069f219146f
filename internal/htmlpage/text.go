package htmlpage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that end the paragraph before them and start
// a new one. Everything else is inline and joins its text to the current
// paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true,
	atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Html: true,
}

// cellAtoms separate their text from the next cell's by a space but stay in
// the row's paragraph.
var cellAtoms = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// skipAtoms hold no readable text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// paragraphs lays out the text of an extracted content tree as paragraphs:
// one per block element (a table row is one paragraph, its cells joined by
// spaces; a <br> ends a paragraph). Whitespace inside a paragraph is
// collapsed to single spaces and soft hyphens are removed.
func paragraphs(root *html.Node) []string {
	var w paraWriter
	w.walk(root)
	w.flush()
	return w.out
}

// paraWriter accumulates the paragraphs of a tree.
type paraWriter struct {
	out []string
	cur strings.Builder
	// boundary is set when an inline element started or ended since the
	// last text was written. go-trafilatura trims the text around inline
	// elements ("a <b>bold</b> word" comes out as "a<b>bold</b>word"), so
	// a boundary between two words is taken as a space; see join.
	boundary bool
	// last is the last rune written to cur, and lastInline how many runes
	// the text inside the inline element that just ended had.
	last       rune
	lastInline int
	// inline lays everything out as one paragraph: block edges become
	// spaces (see textOf).
	inline bool
	// flushes counts the paragraphs ended, so that an inline element can
	// tell whether a block inside it ended one.
	flushes int
}

func (w *paraWriter) flush() {
	if p := normalizeSpace(w.cur.String()); p != "" {
		w.out = append(w.out, p)
	}
	w.cur.Reset()
	w.boundary, w.last = false, 0
	w.flushes++
}

func (w *paraWriter) text(s string) {
	if s == "" {
		return
	}
	if w.boundary && w.last != 0 {
		first, _ := utf8.DecodeRuneInString(s)
		if needSpace(w.last, first, w.lastInline) {
			w.cur.WriteByte(' ')
		}
	}
	w.boundary = false
	w.cur.WriteString(s)
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

func (w *paraWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		a := tagAtom(n)
		switch {
		case skipAtoms[a]:
			return
		case cellAtoms[a]:
			w.cur.WriteByte(' ')
			w.children(n)
			w.cur.WriteByte(' ')
			return
		case blockAtoms[a] && w.inline:
			w.cur.WriteByte(' ')
			w.children(n)
			w.cur.WriteByte(' ')
			return
		case blockAtoms[a]:
			w.flush()
			w.children(n)
			w.flush()
			return
		}
		// An inline element.
		w.boundary = true
		before, flushes := w.cur.Len(), w.flushes
		w.children(n)
		w.boundary = true
		w.lastInline = 0
		if w.flushes == flushes { // no block inside: cur only grew
			w.lastInline = utf8.RuneCountInString(w.cur.String()[before:])
		}
		return
	}
	w.children(n)
}

func (w *paraWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// needSpace reports whether a space belongs between the runes a and b that
// meet at an inline element's edge. inlineLen is the length of the inline
// element's text when b follows its end.
func needSpace(a, b rune, inlineLen int) bool {
	switch {
	case unicode.IsSpace(a) || unicode.IsSpace(b):
		return false
	case strings.ContainsRune(".,;:!?)]}%”’»", b):
		return false
	case strings.ContainsRune("([{“‘«/#@$", a):
		return false
	case inlineLen == 1 && unicode.IsUpper(a) && unicode.IsLower(b):
		return false // a drop capital: <span>T</span>he
	case noSpaceScript(a) && noSpaceScript(b):
		return false
	}
	return true
}

// noSpaceScript reports whether r belongs to a script written without
// spaces between words (Chinese, Japanese, Thai …).
func noSpaceScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// normalizeSpace collapses every run of white space (including no-break
// and other Unicode spaces) to one ASCII space, trims the ends, drops soft
// hyphens, zero-width spaces, word joiners and byte-order marks (but keeps
// the joiners ZWJ and ZWNJ, which scripts and emoji need), and replaces
// invalid UTF-8.
func normalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			r = unicode.ReplacementChar
		case r == '\u00ad' || r == '\u200b' || r == '\u2060' || r == '\ufeff':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tagAtom is n's element name as an atom. go-trafilatura builds the nodes
// of its output tree by name only, leaving DataAtom zero.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
