package web

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Node is one piece of highlighted article text: a text leaf (Tag "") or
// an element (Tag "p", "mark" or "span") with children. The templates
// render Nodes with html/template, so every piece of text is escaped by
// the template engine; the renderer never builds HTML strings itself.
type Node struct {
	Tag   string
	Class string
	Title string
	Text  string
	Kids  []*Node
}

// layer orders the kinds of span from outermost to innermost: a paragraph
// holds quotes, a quote holds speaker mentions and cues, entities are
// innermost.
type layer int

const (
	layerParagraph layer = iota
	layerQuote
	layerTechnique
	layerMention
	layerEntity
)

// hlSpan is a byte range of the text to mark.
type hlSpan struct {
	Start, End int
	Layer      layer
	Tag        string // element name: p, mark or span
	Class      string
	Title      string
}

// highlight splits text at every span boundary and returns the element
// tree that marks the spans. Spans that overlap without nesting are split
// where they cross, so the elements always nest: a span is closed and
// opened again around an inner boundary. Spans are clamped to the text and
// moved to UTF-8 character boundaries; empty ones are dropped. Every byte
// of text appears in exactly one text leaf, in order.
func highlight(text string, spans []hlSpan) []*Node {
	ss := make([]hlSpan, 0, len(spans))
	for _, s := range spans {
		s.Start = runeStart(text, max(0, min(s.Start, len(text))))
		s.End = runeEnd(text, max(0, min(s.End, len(text))))
		if s.Start < s.End {
			ss = append(ss, s)
		}
	}
	// Rank: outer layers first, then earlier start, then longer.
	slices.SortStableFunc(ss, func(a, b hlSpan) int {
		if c := cmp.Compare(a.Layer, b.Layer); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	bounds := make([]int, 0, 2*len(ss)+2)
	bounds = append(bounds, 0, len(text))
	for _, s := range ss {
		bounds = append(bounds, s.Start, s.End)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	root := &Node{}
	type open struct {
		span int
		node *Node
	}
	var stack []open
	var active []int
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]
		active = active[:0]
		for j, s := range ss {
			if s.Start <= lo && s.End >= hi {
				active = append(active, j)
			}
		}
		// Keep the open elements that are still a prefix of the active
		// list; close the rest and open the new ones.
		k := 0
		for k < len(stack) && k < len(active) && stack[k].span == active[k] {
			k++
		}
		stack = stack[:k]
		for _, j := range active[k:] {
			parent := root
			if len(stack) > 0 {
				parent = stack[len(stack)-1].node
			}
			s := ss[j]
			n := &Node{Tag: s.Tag, Class: s.Class, Title: s.Title}
			parent.Kids = append(parent.Kids, n)
			stack = append(stack, open{j, n})
		}
		parent := root
		if len(stack) > 0 {
			parent = stack[len(stack)-1].node
		}
		parent.Kids = append(parent.Kids, &Node{Text: text[lo:hi]})
	}
	return root.Kids
}

// runeStart moves i back to the start of the character it is in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// runeEnd moves i forward to the end of the character it is in.
func runeEnd(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}
