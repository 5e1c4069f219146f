package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Some sites cut an article body into several containers with the same
// class, with advertisements or "most popular" rails between them
// (<div class="article__body">…</div> <div class="ad"> <div
// class="article__body">…</div>). go-trafilatura keeps the first one only.
// joinSplitBody finds the container that holds the extracted text in the
// original tree, looks for its siblings in the same article (same tag and
// class, no other headline between), and merges their paragraphs into the
// text in document order.

const (
	// minAnchorLen is the shortest paragraph used to find the container.
	minAnchorLen = 80
	// minPartText is the least prose (in bytes of <p> text) a sibling
	// container must hold to be taken as a part of the body.
	minPartText = 200
	// maxPartLinkShare is the largest share of a part's text in links.
	maxPartLinkShare = 0.3
	// maxPartUp is how far above the body's container the common
	// ancestor of its parts may be.
	maxPartUp = 2
)

// bodyContainer are the elements a body is cut into.
var bodyContainer = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
}

// joinSplitBody returns paras with the paragraphs of the body's sibling
// containers merged in, or paras unchanged when there are none.
func joinSplitBody(doc *html.Node, paras []string) []string {
	anchor := ""
	for _, p := range paras {
		if len(p) >= minAnchorLen && len(p) > len(anchor) {
			anchor = p
		}
	}
	if anchor == "" {
		return paras
	}
	want := foldText(anchor)
	var home *html.Node
	var order []*html.Node // elements in document order
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode {
			order = append(order, n)
			if home == nil && n.DataAtom == atom.P && foldText(textOf(n)) == want {
				home = n.Parent
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if home == nil || !bodyContainer[home.DataAtom] || attr(home, "class") == "" {
		return paras
	}
	class := attr(home, "class")

	// Walk the document in order: collect the parts before and after home
	// that share its tag and class, stopping at a headline (another
	// article) in either direction.
	idx := -1
	for i, n := range order {
		if n == home {
			idx = i
			break
		}
	}
	// The parts must be near relatives of home: their common ancestor
	// at most maxPartUp levels above it.
	scope := home
	for i := 0; i < maxPartUp && scope.Parent != nil; i++ {
		scope = scope.Parent
	}
	isPart := func(n *html.Node) bool {
		return n != home && n.DataAtom == home.DataAtom && n.Data == home.Data && attr(n, "class") == class &&
			contains(scope, n) && !contains(home, n) && !contains(n, home) && !inChrome(n)
	}
	var before, after []*html.Node
	for i := idx - 1; i >= 0; i-- {
		n := order[i]
		if n.DataAtom == atom.H1 && !contains(n, home) {
			break
		}
		if isPart(n) {
			before = append([]*html.Node{n}, before...)
		}
	}
	for i := idx + 1; i < len(order); i++ {
		n := order[i]
		if n.DataAtom == atom.H1 {
			break
		}
		if isPart(n) {
			after = append(after, n)
		}
	}
	if len(before) == 0 && len(after) == 0 {
		return paras
	}
	have := make(map[string]bool, len(paras))
	for _, p := range paras {
		have[foldText(p)] = true
	}
	var head, tail []string
	for _, n := range before {
		head = append(head, partParagraphs(n, have)...)
	}
	for _, n := range after {
		tail = append(tail, partParagraphs(n, have)...)
	}
	if len(head) == 0 && len(tail) == 0 {
		return paras
	}
	out := make([]string, 0, len(head)+len(paras)+len(tail))
	out = append(out, head...)
	out = append(out, paras...)
	return append(out, tail...)
}

// partParagraphs returns the paragraphs of the <p> elements of a sibling
// container that are not already in the text (have), or nil when the
// container is not prose: too little text, or mostly links.
func partParagraphs(n *html.Node, have map[string]bool) []string {
	var out []string
	total, linked := 0, 0
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode {
			switch {
			case skipAtoms[c.DataAtom] || inChromeTag(c):
				return
			case c.DataAtom == atom.P:
				t := normalizeSpace(textOf(c))
				if t == "" {
					return
				}
				total += len(t)
				linked += linkTextLen(c)
				if f := foldText(t); !have[f] {
					have[f] = true
					out = append(out, t)
				}
				return
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	if total < minPartText || float64(linked) > maxPartLinkShare*float64(total) {
		return nil
	}
	return out
}

// textOf is the text of n laid out like the extracted text (inline edges
// spaced the same way), as one paragraph.
func textOf(n *html.Node) string {
	var w paraWriter
	w.inline = true
	w.walk(n)
	return w.cur.String()
}

func linkTextLen(n *html.Node) int {
	l := 0
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			l += len(normalizeSpace(textOf(c)))
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return l
}

// contains reports whether n is a or an ancestor of it.
func contains(n, a *html.Node) bool {
	for ; a != nil; a = a.Parent {
		if a == n {
			return true
		}
	}
	return false
}

// inChrome reports whether n lies inside page chrome or comments, or is
// hidden.
func inChrome(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if inChromeTag(a) {
			return true
		}
	}
	return false
}

func inChromeTag(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Aside, atom.Nav, atom.Footer, atom.Form:
		return true
	}
	id := strings.ToLower(attr(n, "id") + " " + attr(n, "class"))
	if strings.Contains(id, "comment") {
		return true
	}
	return isHidden(n)
}

// isHidden reports whether an element is hidden from readers by its
// attributes: hidden, aria-hidden="true" or an inline display:none.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// relayoutWhole restores the paragraphs of a short page. When
// go-trafilatura finds too little text it falls back to the whole text of
// the page's <article> (or <main>, or <body>) as one paragraph; if paras is
// exactly that, the element's own paragraphs are returned instead.
func relayoutWhole(doc *html.Node, paras []string) []string {
	if len(paras) != 1 {
		return paras
	}
	want := foldText(paras[0])
	for _, a := range []atom.Atom{atom.Article, atom.Main, atom.Body} {
		n := firstElement(doc, a)
		if n == nil {
			continue
		}
		alt := paragraphs(n)
		if len(alt) > 1 && foldText(strings.Join(alt, " ")) == want {
			return alt
		}
	}
	return paras
}

func firstElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := firstElement(c, a); f != nil {
			return f
		}
	}
	return nil
}
