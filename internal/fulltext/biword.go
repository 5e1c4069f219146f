package fulltext

import (
	"cmp"
	"slices"
)

// Common words and their pairs. A phrase of two words that are both
// frequent ("of the", or any two of the corpus's most frequent words)
// matches in most articles, and matching it means reading both words'
// positions in each: tens of milliseconds on 100,000 articles, and bm25
// needs its exact count of matching articles before the first hit is
// scored. So the index keeps, for its commonK most frequent words (by
// articles holding them in title or text), a posting list for each pair
// of them that occurs side by side: per article, how many times in each
// column, without positions. A phrase of two common words is then read
// like one word, with its count from the list and its blocks pruned.
//
// The common words are chosen from the words' counts once the index has
// commonMinDocs documents, and again whenever it has doubled since; the
// pair lists are then made from the words' postings (every document,
// dead ones too, as words' lists hold them), and kept in step by Put. A
// snapshot does not hold them: they are made again when it is read.
const (
	commonK       = 128
	commonMinDocs = 512
)

// biKey is the key of the pair list of the words a and b (a token never
// holds a NUL).
func biKey(a, b string) string { return a + "\x00" + b }

// biwordsOf returns the postings of the phrase of exactly the two words
// terms, when both are common, else nil.
func (x *Index) biwordsOf(terms []string) *postings {
	if len(terms) != 2 || x.common == nil || !x.common[terms[0]] || !x.common[terms[1]] {
		return nil
	}
	if p := x.biwords[biKey(terms[0], terms[1])]; p != nil {
		return p
	}
	return &postings{} // the pair never occurs
}

// maybeChooseCommon chooses the common words again when the index has
// grown enough since the last choice. The caller holds the write lock.
func (x *Index) maybeChooseCommon() {
	n := len(x.ids)
	if x.commonOff || n < commonMinDocs || n < 2*x.commonAt {
		return
	}
	x.chooseCommon()
}

// chooseCommon picks the commonK words held by the most documents and
// makes the lists of their pairs from their postings.
func (x *Index) chooseCommon() {
	x.commonAt = max(len(x.ids), 1)
	words := x.words(commonK)
	x.common = make(map[string]bool, len(words))
	x.biwords = map[string]*postings{}
	if len(words) == 0 {
		return
	}
	its := make([]*postIter, len(words))
	for i, w := range words {
		x.common[w] = true
		its[i] = newPostIter(x.terms[w])
		its[i].step()
	}
	avgdl := 1.0
	if x.live > 0 {
		avgdl = float64(x.tokens) / float64(x.live)
	}
	var at []wordAt
	var buf []uint32
	pairs := map[string]*[numCols]uint32{}
	for {
		doc := eof
		for _, it := range its {
			if it.doc != eof {
				doc = min(doc, it.doc)
			}
		}
		if doc == eof {
			break
		}
		at = at[:0]
		for i, it := range its {
			if it.doc != doc {
				continue
			}
			for c := range numCols {
				buf = it.positions(c, buf[:0])
				for _, pos := range buf {
					at = append(at, wordAt{col: uint8(c), pos: pos, word: int32(i)})
				}
			}
			it.step()
		}
		x.addPairs(doc, at, func(i int32) string { return words[i] }, pairs, avgdl)
	}
}

// wordAt is a common word at a position of a column.
type wordAt struct {
	col  uint8
	pos  uint32
	word int32
}

// addPairs adds document doc's pairs of common words, from their
// positions, to the pair lists.
func (x *Index) addPairs(doc uint32, at []wordAt, word func(int32) string, pairs map[string]*[numCols]uint32, avgdl float64) {
	slices.SortFunc(at, func(a, b wordAt) int { return cmp.Or(cmp.Compare(a.col, b.col), cmp.Compare(a.pos, b.pos)) })
	clear(pairs)
	var keys []string
	for i := 1; i < len(at); i++ {
		a, b := at[i-1], at[i]
		if a.col != b.col || b.pos != a.pos+1 {
			continue
		}
		k := biKey(word(a.word), word(b.word))
		c := pairs[k]
		if c == nil {
			c = &[numCols]uint32{}
			pairs[k] = c
			keys = append(keys, k)
		}
		c[a.col]++
	}
	slices.Sort(keys) // postings are added in a fixed order: the lists do not depend on map order
	var none [numCols][]uint32
	for _, k := range keys {
		p := x.biwords[k]
		if p == nil {
			p = &postings{}
			x.biwords[k] = p
		}
		p.add(doc, x.length[doc], pairs[k], &none, avgdl)
	}
}

// putPairs adds the pairs of common words of an article being added (as
// document doc) to the pair lists. The caller holds the write lock.
func (x *Index) putPairs(doc uint32, a *analysed, avgdl float64) {
	if x.common == nil {
		return
	}
	var at []wordAt
	var words []string
	for _, t := range a.order {
		if !x.common[t] {
			continue
		}
		h := a.terms[t]
		for c := range numCols {
			for _, pos := range h.positions[c] {
				at = append(at, wordAt{col: uint8(c), pos: pos, word: int32(len(words))})
			}
		}
		words = append(words, t)
	}
	x.addPairs(doc, at, func(i int32) string { return words[i] }, map[string]*[numCols]uint32{}, avgdl)
}
