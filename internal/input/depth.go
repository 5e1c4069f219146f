package input

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// voidAtoms never have an end tag, so they never add to the depth.
var voidAtoms = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
	atom.Keygen: true, atom.Frame: true, atom.Basefont: true, atom.Bgsound: true,
}

// selfClosing are elements whose start tag closes an open element of the
// same name (an unclosed <p> before the next <p>, <li> before <li> …), so
// that pages that never close their paragraphs are not mistaken for deep
// ones.
var selfClosing = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Optgroup: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Rp: true,
	atom.Rt: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

// closesP are block elements whose start tag closes an open <p>.
var closesP = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Div: true, atom.Dl: true, atom.Fieldset: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Ul: true,
}

// checkDepth tokenizes an HTML page (without building a tree) and returns
// ErrTooDeep when its elements nest deeper than max. It keeps a stack of
// open elements and applies the parser's commonest implied end tags, so
// that its depth follows the tree the parser would build closely; the
// contents of <script>, <style> and the like are raw text to the tokenizer
// and do not count.
func checkDepth(body string, max int) error {
	z := html.NewTokenizer(strings.NewReader(body))
	var stack []string // element names; custom elements have no atom
	top := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1]
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil // io.EOF: the tokenizer has no other error on a string
		case html.StartTagToken:
			a, name := tagName(z)
			if voidAtoms[a] {
				continue
			}
			if selfClosing[a] && top() == name || closesP[a] && top() == "p" {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, name)
			// +2 for the <html> and <body> the parser adds when missing.
			if len(stack)+2 > max {
				return ErrTooDeep
			}
		case html.EndTagToken:
			_, name := tagName(z)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// tagName returns the current tag's atom and name, without allocating for
// known elements.
func tagName(z *html.Tokenizer) (atom.Atom, string) {
	b, _ := z.TagName()
	if a := atom.Lookup(b); a != 0 {
		return a, a.String()
	}
	return 0, string(b)
}
