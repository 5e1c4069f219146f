package fulltext

import (
	"slices"
	"strings"
)

// Snippets are made as FTS5's snippet() makes them for one column
// (internal/corpus asks for snippet(articles_fts, 1, open, close, '…', n)
// on the text column), from the article's columns and the query, without
// the index: the phrases' instances are found by tokenizing the article.

// inst is a phrase instance: phrase number, column, token position.
type inst struct{ phrase, col, pos int }

// SnippetOptions are snippet()'s arguments after the column.
type SnippetOptions struct {
	Open, Close, Ellipsis string
	// Tokens is the snippet's length in tokens.
	Tokens int
}

// colTokens is a column tokenized: the folded tokens end to end in buf,
// token i ending at ends[i], and each token's span in the column.
type colTokens struct {
	buf   []byte
	ends  []int
	spans [][2]int
}

func tokenizeCol(s string) colTokens {
	// Room for the tokens of a text of words of five or more bytes with
	// their separators, so the lists are seldom grown.
	n := len(s)/5 + 1
	c := colTokens{buf: make([]byte, 0, len(s)), ends: make([]int, 0, n), spans: make([][2]int, 0, n)}
	TokenSpans(s, func(tok []byte, _, start, end int) {
		c.buf = append(c.buf, tok...)
		c.ends = append(c.ends, len(c.buf))
		c.spans = append(c.spans, [2]int{start, end})
	})
	return c
}

// tok is token i.
func (c *colTokens) tok(i int) []byte {
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.buf[start:c.ends[i]]
}

// leaf is a phrase of the query with its number and tokens.
type leaf struct {
	p     *Phrase
	terms []string
	n     int
}

// Snippet returns FTS5's snippet() of column col of an article with the
// given columns, for the query q, which the article matches.
func Snippet(q Node, cols [numCols]string, col int, o SnippetOptions) string {
	var toks [numCols]colTokens
	for c := range numCols {
		toks[c] = tokenizeCol(cols[c])
	}
	// Every phrase's instances, in every column of its column set.
	var leaves []*leaf
	var walk func(Node)
	walk = func(n Node) {
		switch n := n.(type) {
		case *Phrase:
			l := &leaf{p: n, n: len(leaves)}
			Tokens(n.Text, func(tok []byte, _ int) { l.terms = append(l.terms, string(tok)) })
			leaves = append(leaves, l)
		case *And:
			for _, c := range n.Must {
				walk(c)
			}
			for _, c := range n.Not {
				walk(c)
			}
		case *Or:
			for _, c := range n.Any {
				walk(c)
			}
		}
	}
	walk(q)
	found := make([][]inst, len(leaves))
	for _, l := range leaves {
		for c := range numCols {
			if l.p.Cols&(1<<c) == 0 || len(l.terms) == 0 {
				continue
			}
			ct := &toks[c]
			for p := 0; p+len(l.terms) <= len(ct.ends); p++ {
				ok := true
				for k, t := range l.terms {
					tok := ct.tok(p + k)
					if k == len(l.terms)-1 && l.p.Prefix {
						ok = len(tok) >= len(t) && string(tok[:len(t)]) == t
					} else {
						ok = string(tok) == t
					}
					if !ok {
						break
					}
				}
				if ok {
					found[l.n] = append(found[l.n], inst{l.n, c, p})
				}
			}
		}
	}
	// The instances FTS5 reports for the row: those of the phrases a
	// matching row reaches (not below NOT, not below an Or's node that
	// does not match).
	next := 0
	var matches func(Node) bool
	matches = func(n Node) bool {
		switch n := n.(type) {
		case *Phrase:
			i := next
			next++
			return len(found[i]) > 0
		case *And:
			ok := true
			for _, c := range n.Must {
				ok = matches(c) && ok
			}
			for _, c := range n.Not {
				ok = !matches(c) && ok
			}
			return ok
		case *Or:
			ok := false
			for _, c := range n.Any {
				ok = matches(c) || ok
			}
			return ok
		}
		return false
	}
	var insts []inst
	next = 0
	var reach func(Node, bool)
	reach = func(n Node, on bool) {
		switch n := n.(type) {
		case *Phrase:
			if on {
				insts = append(insts, found[next]...)
			}
			next++
		case *And:
			ok := on
			if on {
				save := next
				ok = matches(n)
				next = save
			}
			for _, c := range n.Must {
				reach(c, ok)
			}
			for _, c := range n.Not {
				reach(c, false)
			}
		case *Or:
			for _, c := range n.Any {
				ok := on
				if on {
					save := next
					ok = matches(c)
					next = save
				}
				reach(c, ok)
			}
		}
	}
	reach(q, true)
	slices.SortFunc(insts, func(a, b inst) int {
		if a.col != b.col {
			return a.col - b.col
		}
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		return a.phrase - b.phrase
	})
	size := func(phrase int) int { return len(leaves[phrase].terms) }
	return snippetOf(insts, size, len(leaves), cols[col], toks[col], col, o)
}

// snippetOf is FTS5's snippet algorithm for one column: each instance,
// and the start of its sentence, is a candidate start; a window scores
// 1000 for each phrase it holds and 1 for each repeat, a window from a
// sentence start 100 more (120 from the text's start); the best window,
// centred on its instances, is highlighted.
func snippetOf(insts []inst, size func(int) int, nPhrase int, text string, ct colTokens, col int, o SnippetOptions) string {
	nDoc := len(ct.ends)
	// Sentence starts: the first token, and every token after
	// whitespace that follows '.' or ':'.
	var first []int
	for p, sp := range ct.spans {
		if p == 0 {
			first = append(first, 0)
			continue
		}
		i := sp[0] - 1
		var c byte
		for ; i >= 0; i-- {
			c = text[i]
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				break
			}
		}
		if i != sp[0]-1 && (c == '.' || c == ':') {
			first = append(first, p)
		}
	}
	seen := make([]bool, nPhrase)
	score := func(start int, adjust bool) (int, int) {
		clear(seen)
		n, iFirst, iLast := 0, -1, 0
		end := start + o.Tokens
		for _, in := range insts {
			if in.col != col || in.pos < start || in.pos >= end {
				continue
			}
			if seen[in.phrase] {
				n++
			} else {
				n += 1000
			}
			seen[in.phrase] = true
			if iFirst < 0 {
				iFirst = in.pos
			}
			iLast = in.pos + size(in.phrase)
		}
		if !adjust {
			return n, 0
		}
		adj := iFirst - (o.Tokens-(iLast-iFirst))/2
		if adj+o.Tokens > nDoc {
			adj = nDoc - o.Tokens
		}
		return n, max(adj, 0)
	}
	best, bestStart := 0, 0
	for _, in := range insts {
		if in.col != col {
			continue
		}
		n, adj := score(in.pos, true)
		if n > best {
			best, bestStart = n, adj
		}
		if len(first) > 0 && nDoc > o.Tokens {
			j := 0
			for ; j < len(first)-1; j++ {
				if first[j+1] > in.pos {
					break
				}
			}
			if first[j] < in.pos {
				n, _ := score(first[j], false)
				if first[j] == 0 {
					n += 120
				} else {
					n += 100
				}
				if n > best {
					best, bestStart = n, first[j]
				}
			}
		}
	}
	// Highlight the window [bestStart, bestStart+Tokens-1].
	var b strings.Builder
	if bestStart > 0 {
		b.WriteString(o.Ellipsis)
	}
	// Coalesced instances of the column: overlapping ones are one.
	var cinst [][2]int
	for _, in := range insts {
		if in.col != col {
			continue
		}
		end := in.pos - 1 + size(in.phrase)
		if n := len(cinst); n > 0 && in.pos <= cinst[n-1][1] {
			cinst[n-1][1] = max(cinst[n-1][1], end)
			continue
		}
		cinst = append(cinst, [2]int{in.pos, end})
	}
	ci := 0
	cur := func() (int, int) {
		if ci < len(cinst) {
			return cinst[ci][0], cinst[ci][1]
		}
		return -1, -1
	}
	for ci < len(cinst) && cinst[ci][0] < bestStart {
		ci++
	}
	rangeStart, rangeEnd := bestStart, bestStart+o.Tokens-1
	off, open := 0, false
	for pos, sp := range ct.spans {
		startOff, endOff := sp[0], sp[1]
		if pos < rangeStart || pos > rangeEnd {
			continue
		}
		if rangeStart > 0 && pos == rangeStart {
			off = startOff
		}
		is, ie := cur()
		if open && (pos <= is || is < 0) && startOff > off {
			b.WriteString(o.Close)
			open = false
		}
		if pos == is && !open {
			b.WriteString(text[off:startOff])
			b.WriteString(o.Open)
			off, open = startOff, true
		}
		if pos == ie {
			if !open {
				b.WriteString(o.Open)
				open = true
			}
			b.WriteString(text[off:endOff])
			off = endOff
			ci++
			is, _ = cur()
		}
		if pos == rangeEnd {
			if open {
				if is >= 0 && pos >= is {
					b.WriteString(text[off:endOff])
					off = endOff
				}
				b.WriteString(o.Close)
				open = false
			}
			b.WriteString(text[off:endOff])
			off = endOff
		}
	}
	if open {
		b.WriteString(o.Close)
	}
	if rangeEnd >= nDoc-1 {
		b.WriteString(text[off:])
	} else {
		b.WriteString(o.Ellipsis)
	}
	return b.String()
}
