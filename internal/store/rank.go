package store

// bm25 and snippets on PostgreSQL, computed as SQLite's FTS5 computes them
// (fts5_aux.c), from the words of each match (fts.go's tokenizer).

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/fulltext"
	"github.com/newsgraph/newsgraph/internal/query"
)

// ftsPhrase is one FTS5 phrase of a query: its folded words, the last a
// prefix when prefix, in the columns of cols. tsquery is the phrase alone.
type ftsPhrase struct {
	words   []string
	prefix  bool
	cols    uint8
	tsquery string
}

// phraseOf is the phrase of an FTS leaf term; ok is false for a term the
// full-text index does not answer.
func (d dialect) phraseOf(t *query.Term) (ftsPhrase, bool) {
	e, ok := d.ftsLeaf(t)
	if !ok || t.Field == ftsField {
		return ftsPhrase{}, false
	}
	var cols uint8
	switch t.Field {
	case query.Text:
		cols = ftsColumns[ftsText]
	case query.Title:
		cols = ftsColumns[ftsTitle]
	case query.Speaker:
		cols = ftsColumns[ftsSpeakers]
	}
	return ftsPhrase{words: words(t.Value), prefix: t.Prefix, cols: cols, tsquery: e}, true
}

// appendPhrases appends the phrases of an FTS subtree that can count for a
// matching article, in the order ftsExpr writes them: a phrase under NOT
// never occurs in a match (FTS5 gives it no instances) and is left out.
func (d dialect) appendPhrases(out []ftsPhrase, n query.Node) []ftsPhrase {
	switch n := n.(type) {
	case *query.Term:
		if ph, ok := d.phraseOf(n); ok {
			out = append(out, ph)
		}
	case *query.Or:
		for _, c := range n.Children {
			out = d.appendPhrases(out, c)
		}
	case *query.And:
		for _, c := range n.Children {
			if _, ok := c.(*query.Not); !ok {
				out = d.appendPhrases(out, c)
			}
		}
	}
	return out
}

// freeTextPhrases are the phrases of collectFreeText: the free-text and
// title terms that are not negated.
func (d dialect) freeTextPhrases(n query.Node, negated bool, out []ftsPhrase) []ftsPhrase {
	switch n := n.(type) {
	case *query.Term:
		if !negated && (n.Field == query.Text || n.Field == query.Title) {
			if ph, ok := d.phraseOf(n); ok {
				out = append(out, ph)
			}
		}
	case *query.And:
		for _, c := range n.Children {
			out = d.freeTextPhrases(c, negated, out)
		}
	case *query.Or:
		for _, c := range n.Children {
			out = d.freeTextPhrases(c, negated, out)
		}
	case *query.Not:
		out = d.freeTextPhrases(n.Child, !negated, out)
	}
	return out
}

// at reports whether the phrase starts at token i of toks.
func (ph ftsPhrase) at(toks []token, i int) bool {
	if len(ph.words) == 0 || i+len(ph.words) > len(toks) {
		return false
	}
	for k, w := range ph.words {
		got := toks[i+k].word
		if ph.prefix && k == len(ph.words)-1 {
			if !strings.HasPrefix(got, w) {
				return false
			}
		} else if got != w {
			return false
		}
	}
	return true
}

// count is the number of instances of the phrase in toks.
func (ph ftsPhrase) count(toks []token) int {
	n := 0
	for i := range toks {
		if ph.at(toks, i) {
			n++
		}
	}
	return n
}

// bm25Weights are the column weights of the SQLite ranking (search.go's
// bm25 expression): title, text, speaker names, entity names.
var bm25Weights = [nColumns]float64{3.0, 1.0, 0.5, 0.5}

// bm25Corpus is what bm25 needs of the whole index: the number of rows,
// their tokens, and each phrase's IDF.
type bm25Corpus struct {
	avgdl float64
	idf   []float64
}

// newBM25 computes the averages and IDFs as FTS5 does: IDF =
// log((N - nHit + 0.5) / (nHit + 0.5)), at least 1e-6, where nHit is the
// number of rows with at least one instance of the phrase.
func newBM25(rows, tokens int64, hits []int64) bm25Corpus {
	c := bm25Corpus{avgdl: float64(tokens) / float64(max(rows, 1))}
	for _, h := range hits {
		c.idf = append(c.idf, fulltext.IDF(rows, h))
	}
	return c
}

// score is FTS5's bm25 of one row (higher is better: the negation of what
// bm25() returns), from its columns' tokens.
func (c bm25Corpus) score(phrases []ftsPhrase, cols *[nColumns][]token) float64 {
	nTok := 0
	for _, t := range cols {
		nTok += len(t)
	}
	D := float64(nTok)
	score := 0.0
	for i, ph := range phrases {
		freq := 0.0
		for col := range nColumns {
			if ph.cols&(1<<col) != 0 {
				freq += bm25Weights[col] * float64(ph.count(cols[col]))
			}
		}
		// The index's arithmetic, which is FTS5's bit for bit (its log
		// is the C library's, not math.Log).
		score += c.idf[i] * fulltext.TermWeight(freq, D, c.avgdl)
	}
	return score
}

// snippet is FTS5's snippet() of the text column (fts5_aux.c), with the
// same choices: of the windows of n tokens around each phrase instance
// (1000 points for each phrase seen first, 1 for each repeat) and those
// starting at the sentence before it (100 points more, 120 at the text's
// start), the best scoring, earliest first; instances in it between open
// and close (overlapping ones joined), … where the text goes on.
func snippet(text string, phrases []ftsPhrase, open, close string, n int) string {
	const ellipsis = "…"
	toks := tokenize(text, nil)
	nDoc := len(toks)
	type instance struct{ phrase, off int }
	var insts []instance // in token order, then phrase order
	for i := range toks {
		for p, ph := range phrases {
			if ph.cols&(1<<colText) != 0 && ph.at(toks, i) {
				insts = append(insts, instance{p, i})
			}
		}
	}
	// The first token of each sentence: after whitespace that follows
	// '.' or ':'.
	var first []int
	for i, t := range toks {
		if i == 0 {
			first = append(first, 0)
			continue
		}
		j := t.start - 1
		for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j--
		}
		if j != t.start-1 && j >= 0 && (text[j] == '.' || text[j] == ':') {
			first = append(first, i)
		}
	}
	score := func(pos int, adjust bool) (int, int) {
		seen := make([]bool, len(phrases))
		total, iFirst, iLast := 0, -1, 0
		for _, in := range insts {
			if in.off >= pos && in.off < pos+n {
				if seen[in.phrase] {
					total++
				} else {
					total += 1000
				}
				seen[in.phrase] = true
				if iFirst < 0 {
					iFirst = in.off
				}
				iLast = in.off + len(phrases[in.phrase].words)
			}
		}
		adj := 0
		if adjust {
			adj = iFirst - (n-(iLast-iFirst))/2
			if adj+n > nDoc {
				adj = nDoc - n
			}
			adj = max(adj, 0)
		}
		return total, adj
	}
	bestScore, bestStart := 0, 0
	for _, in := range insts {
		if sc, adj := score(in.off, true); sc > bestScore {
			bestScore, bestStart = sc, adj
		}
		if len(first) > 0 && nDoc > n {
			jj := 0
			for ; jj < len(first)-1; jj++ {
				if first[jj+1] > in.off {
					break
				}
			}
			if first[jj] < in.off {
				sc, _ := score(first[jj], false)
				if first[jj] == 0 {
					sc += 120
				} else {
					sc += 100
				}
				if sc > bestScore {
					bestScore, bestStart = sc, first[jj]
				}
			}
		}
	}

	// The instances, overlapping ones joined, from the window's start.
	ci, iterStart, iterEnd := 0, -1, -1
	next := func() {
		iterStart, iterEnd = -1, -1
		for ; ci < len(insts); ci++ {
			in := insts[ci]
			end := in.off - 1 + len(phrases[in.phrase].words)
			if iterStart < 0 {
				iterStart, iterEnd = in.off, end
			} else if in.off <= iterEnd {
				iterEnd = max(iterEnd, end)
			} else {
				break
			}
		}
	}
	next()
	for iterStart >= 0 && iterStart < bestStart {
		next()
	}
	rangeStart, rangeEnd := bestStart, bestStart+n-1
	var b strings.Builder
	if bestStart > 0 {
		b.WriteString(ellipsis)
	}
	off, isOpen := 0, false
	for pos, t := range toks {
		if pos < rangeStart || pos > rangeEnd {
			continue
		}
		if rangeStart != 0 && pos == rangeStart {
			off = t.start
		}
		if isOpen && (pos <= iterStart || iterStart < 0) && t.start > off {
			b.WriteString(close)
			isOpen = false
		}
		if pos == iterStart && !isOpen {
			b.WriteString(text[off:t.start])
			b.WriteString(open)
			off, isOpen = t.start, true
		}
		if pos == iterEnd {
			if !isOpen {
				b.WriteString(open)
				isOpen = true
			}
			b.WriteString(text[off:t.end])
			off = t.end
			next()
		}
		if pos == rangeEnd {
			if isOpen {
				if iterStart >= 0 && pos >= iterStart {
					b.WriteString(text[off:t.end])
					off = t.end
				}
				b.WriteString(close)
				isOpen = false
			}
			b.WriteString(text[off:t.end])
			off = t.end
		}
	}
	if isOpen {
		b.WriteString(close)
	}
	if rangeEnd >= nDoc-1 {
		b.WriteString(text[off:])
	} else {
		b.WriteString(ellipsis)
	}
	return b.String()
}
