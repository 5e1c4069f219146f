package store

// bm25 and snippets on PostgreSQL, computed as SQLite's FTS5 computes them
// (fts5_aux.c), from the words of each match (fts.go's tokenizer).

import (
	"math"
	"strings"

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
		idf := math.Log((float64(rows) - float64(h) + 0.5) / (float64(h) + 0.5))
		if idf <= 0.0 {
			idf = 1e-6
		}
		c.idf = append(c.idf, idf)
	}
	return c
}

// score is FTS5's bm25 of one row (higher is better: the negation of what
// bm25() returns), from its columns' tokens.
func (c bm25Corpus) score(phrases []ftsPhrase, cols *[nColumns][]token) float64 {
	const k1, b = 1.2, 0.75
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
		score += c.idf[i] * ((freq * (k1 + 1.0)) / (freq + k1*(1-b+b*D/c.avgdl)))
	}
	return score
}

// snippet is a passage of text of about n words around the phrases'
// instances in the text column, each instance between open and close, with
// … where the text goes on; the opening words when nothing occurs. It
// picks the window with the most distinct phrases, then the most
// instances, earliest first (as FTS5's snippet(), though not always the
// same window).
func snippet(text string, phrases []ftsPhrase, open, close string, n int) string {
	toks := tokenize(text, nil)
	hit := make([]int, len(toks)) // phrase index + 1 starting here, 0 none
	var starts []int
	for i := range toks {
		for p, ph := range phrases {
			if ph.cols&(1<<colText) != 0 && ph.at(toks, i) {
				hit[i] = p + 1
				starts = append(starts, i)
				break
			}
		}
	}
	from := 0
	if len(starts) > 0 {
		best, bestDistinct, bestCount := 0, -1, -1
		for _, s := range starts {
			w := max(0, min(s-n/4, len(toks)-n))
			seen := map[int]bool{}
			cnt := 0
			for i := w; i < min(w+n, len(toks)); i++ {
				if hit[i] > 0 {
					seen[hit[i]] = true
					cnt++
				}
			}
			if len(seen) > bestDistinct || len(seen) == bestDistinct && cnt > bestCount {
				best, bestDistinct, bestCount = w, len(seen), cnt
			}
		}
		from = best
	}
	to := min(from+n, len(toks))
	if from >= to {
		return ""
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := toks[from].start
	for i := from; i < to; i++ {
		if hit[i] == 0 || toks[i].start < pos {
			continue
		}
		end := toks[min(i+len(phrases[hit[i]-1].words), to)-1].end
		b.WriteString(text[pos:toks[i].start])
		b.WriteString(open)
		b.WriteString(text[toks[i].start:end])
		b.WriteString(close)
		pos = end
	}
	b.WriteString(text[pos:toks[to-1].end])
	if to < len(toks) {
		b.WriteString("…")
	}
	return b.String()
}
