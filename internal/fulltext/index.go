package fulltext

import (
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The columns of the index, in FTS5's order (articles_fts): a query names
// the columns it searches as a mask of 1<<Title … 1<<Entities.
const (
	Title = iota
	Text
	Speakers
	Entities
	numCols
)

// Column masks of the column sets internal/query searches.
const (
	TitleText    = 1<<Title | 1<<Text
	TitleOnly    = 1 << Title
	SpeakersOnly = 1 << Speakers
	EntitiesOnly = 1 << Entities
	allCols      = 1<<numCols - 1
)

// Doc is an article as the index sees it: its id, the text of its four
// columns, and the article version it replaces (0 for none), so the index
// knows which versions are latest.
type Doc struct {
	ID       int64
	Cols     [numCols]string
	Previous int64
}

// skipEvery is how many documents a skip entry covers.
const skipEvery = 64

// postings is one term's list of documents, in document number order,
// compressed:
//
//	docs: per document, uvarint(doc - previous doc), a byte with bit c set
//	      when column c holds the term, uvarint(count) for each such
//	      column, uvarint(length of the document's positions in pos)
//	pos:  per document, for each column of its mask, its count of
//	      positions as uvarint deltas (the first from 0)
//
// A skip entry every skipEvery documents holds where a block starts, so
// an iterator jumps to a target without decoding what lies before it.
type postings struct {
	docs, pos []byte
	skips     []skip
	n         int32  // documents, dead ones included
	last      uint32 // the last document's number
	// df counts documents (dead included) holding the term in each
	// column, and in title or text.
	df   [numCols]int32
	dfTT int32
}

type skip struct {
	prev    uint32 // the document before the block (the delta base)
	docOff  uint32
	posOff  uint32
	firstAt int32 // the index of the block's first document
	// maxCount is the most times a document of the block holds the term
	// in each column, minLen the fewest tokens a document of the block
	// has: together they bound the block's bm25 scores (Search skips a
	// block that cannot reach the best hits found so far).
	maxCount [numCols]uint32
	minLen   uint32
	// bestTT is the best bm25 term weight (the score over idf) a
	// document of the block has for the word in title or text with the
	// default column weights, computed with the mean document length
	// refLen; it bounds the block's scores while the index's mean length
	// is at most refLen (a longer mean only raises a term weight), far
	// closer than maxCount and minLen, which come from different
	// documents. refLen is set when the block starts, a twentieth above
	// the mean length then.
	bestTT, refLen float64
}

// TermWeight is bm25's weight of a phrase with the weighted count f in a
// document of length d (tokens), over its idf, as FTS5's bm25() computes
// it, bit for bit (with IDF, for the store's other rankers).
func TermWeight(f, d, avgdl float64) float64 { return termWeight(f, d, avgdl) }

// IDF is bm25's idf of a phrase found in hits of rows documents, as
// FTS5's bm25() computes it: log((rows - hits + 0.5) / (hits + 0.5)), at
// least 1e-6.
func IDF(rows, hits int64) float64 {
	v := ftsLog((float64(rows-hits) + 0.5) / (float64(hits) + 0.5))
	if v <= 0 {
		v = 1e-6
	}
	return v
}

// termWeight is bm25's weight of a term with the weighted count f in a
// document of length d, over its idf, as Search computes it.
func termWeight(f, d, avgdl float64) float64 {
	k1, b := bm25K1, bm25B
	return float64(f*(k1+1.0)) / (f + float64(k1*(float64(1-b)+float64(b*d)/avgdl)))
}

func (p *postings) add(doc uint32, length uint32, counts *[numCols]uint32, positions *[numCols][]uint32, avgdl float64) {
	if p.n%skipEvery == 0 {
		p.skips = append(p.skips, skip{prev: p.last, docOff: uint32(len(p.docs)), posOff: uint32(len(p.pos)), firstAt: p.n, minLen: length,
			refLen: avgdl * 1.05})
	}
	sk := &p.skips[len(p.skips)-1]
	sk.minLen = min(sk.minLen, length)
	if f := DefaultWeights[Title]*float64(counts[Title]) + DefaultWeights[Text]*float64(counts[Text]); f > 0 {
		sk.bestTT = max(sk.bestTT, termWeight(f, float64(length), sk.refLen))
	}
	for c := range numCols {
		sk.maxCount[c] = max(sk.maxCount[c], counts[c])
	}
	p.docs = binary.AppendUvarint(p.docs, uint64(doc-p.last))
	var mask byte
	for c := range numCols {
		if counts[c] > 0 {
			mask |= 1 << c
			p.df[c]++
		}
	}
	if mask&TitleText != 0 {
		p.dfTT++
	}
	p.docs = append(p.docs, mask)
	start := len(p.pos)
	for c := range numCols {
		if counts[c] == 0 {
			continue
		}
		p.docs = binary.AppendUvarint(p.docs, uint64(counts[c]))
		prev := uint32(0)
		for _, x := range positions[c] {
			p.pos = binary.AppendUvarint(p.pos, uint64(x-prev))
			prev = x
		}
	}
	p.docs = binary.AppendUvarint(p.docs, uint64(len(p.pos)-start))
	p.last = doc
	p.n++
}

// Index is the inverted index. It is safe for concurrent use: searches
// share a read lock, changes take the write lock.
type Index struct {
	mu    sync.RWMutex
	terms map[string]*postings
	// sorted is every term in order, for prefixes; rebuilt when
	// sortedStale.
	sortMu      sync.Mutex
	sorted      []string
	sortedStale bool
	// By document number (documents are numbered in the order they were
	// added; a changed article is a new document, the old one dead):
	ids    []int64  // article id
	length []uint32 // tokens in all columns
	prev   []int64  // Doc.Previous
	dead   []uint64 // bitset
	// byID is the live document of each article id.
	byID map[int64]uint32
	// replaced counts, per article id, the live documents whose Previous
	// names it: an article with a count is not the latest version.
	replaced map[int64]int32
	live     int64
	tokens   int64 // tokens of the live documents
	ndead    int
	// seq is the store change sequence the index reflects.
	seq int64
	// common is the common words, biwords the lists of their pairs
	// (biword.go), chosen when the index had commonAt documents;
	// commonOff keeps them from being made (tests compare with them).
	common    map[string]bool
	biwords   map[string]*postings
	commonAt  int
	commonOff bool
}

// New returns an empty index.
func New() *Index {
	return &Index{terms: map[string]*postings{}, byID: map[int64]uint32{}, replaced: map[int64]int32{}}
}

// Len is the number of articles indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return int(x.live)
}

// Seq is the store change sequence the index reflects (SetSeq).
func (x *Index) Seq() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.seq
}

// analysed is a document tokenized, ready to be added under the lock.
type analysed struct {
	doc    Doc
	length uint32
	terms  map[string]*termHits
	order  []string
}

type termHits struct {
	counts    [numCols]uint32
	positions [numCols][]uint32
}

func analyse(d Doc) *analysed {
	a := &analysed{doc: d, terms: map[string]*termHits{}}
	for c := range numCols {
		Tokens(d.Cols[c], func(tok []byte, pos int) {
			h := a.terms[string(tok)]
			if h == nil {
				h = &termHits{}
				s := string(tok)
				a.terms[s] = h
				a.order = append(a.order, s)
			}
			h.counts[c]++
			h.positions[c] = append(h.positions[c], uint32(pos))
			a.length++
		})
	}
	a.doc.Cols = [numCols]string{} // the text is not kept
	return a
}

// Put adds or replaces articles (by Doc.ID). Tokenizing happens before
// the write lock is taken.
func (x *Index) Put(docs ...Doc) {
	as := make([]*analysed, len(docs))
	for i, d := range docs {
		as[i] = analyse(d)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, a := range as {
		x.put(a)
	}
}

func (x *Index) put(a *analysed) {
	x.remove(a.doc.ID)
	doc := uint32(len(x.ids))
	x.ids = append(x.ids, a.doc.ID)
	x.length = append(x.length, a.length)
	x.prev = append(x.prev, a.doc.Previous)
	if int(doc/64) >= len(x.dead) {
		x.dead = append(x.dead, 0)
	}
	x.byID[a.doc.ID] = doc
	if a.doc.Previous != 0 {
		x.replaced[a.doc.Previous]++
	}
	x.live++
	x.tokens += int64(a.length)
	avgdl := float64(x.tokens) / float64(x.live)
	for _, t := range a.order {
		p := x.terms[t]
		if p == nil {
			p = &postings{}
			x.terms[t] = p
			x.sortedStale = true
		}
		h := a.terms[t]
		p.add(doc, a.length, &h.counts, &h.positions, avgdl)
	}
	x.putPairs(doc, a, avgdl)
	x.maybeChooseCommon()
}

// Delete removes articles.
func (x *Index) Delete(ids ...int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range ids {
		x.remove(id)
	}
}

func (x *Index) remove(id int64) {
	doc, ok := x.byID[id]
	if !ok {
		return
	}
	delete(x.byID, id)
	x.dead[doc/64] |= 1 << (doc % 64)
	x.ndead++
	x.live--
	x.tokens -= int64(x.length[doc])
	if p := x.prev[doc]; p != 0 {
		if x.replaced[p]--; x.replaced[p] <= 0 {
			delete(x.replaced, p)
		}
	}
}

func (x *Index) isDead(doc uint32) bool { return x.dead[doc/64]&(1<<(doc%64)) != 0 }

// Latest reports whether the article is the latest version of its URL as
// far as the index knows (no indexed article replaces it).
func (x *Index) Latest(id int64) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.replaced[id] == 0
}

// Words returns the n words held by the most articles in title or text,
// most first (ties in byte order): a corpus's own vocabulary, for load
// tests that send its words.
func (x *Index) Words(n int) []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.words(n)
}

// words is Words for a caller that holds a lock (chooseCommon, the
// write lock).
func (x *Index) words(n int) []string {
	type wd struct {
		w  string
		df int32
	}
	ws := make([]wd, 0, len(x.terms))
	for t, p := range x.terms {
		if p.dfTT > 0 {
			ws = append(ws, wd{t, p.dfTT})
		}
	}
	slices.SortFunc(ws, func(a, b wd) int {
		if a.df != b.df {
			return int(b.df - a.df)
		}
		return strings.Compare(a.w, b.w)
	})
	out := make([]string, 0, min(n, len(ws)))
	for _, w := range ws[:min(n, len(ws))] {
		out = append(out, w.w)
	}
	return out
}

// withPrefix returns the terms starting with prefix. The caller holds
// the read lock; the sorted list is rebuilt under its own lock when stale.
func (x *Index) withPrefix(prefix string) []string {
	sorted := x.sortedTerms()
	i := sort.SearchStrings(sorted, prefix)
	j := i
	for j < len(sorted) && len(sorted[j]) >= len(prefix) && sorted[j][:len(prefix)] == prefix {
		j++
	}
	return sorted[i:j]
}

func (x *Index) sortedTerms() []string {
	x.sortMu.Lock()
	defer x.sortMu.Unlock()
	if x.sortedStale || len(x.sorted) != len(x.terms) {
		s := make([]string, 0, len(x.terms))
		for t := range x.terms {
			s = append(s, t)
		}
		slices.Sort(s)
		x.sorted, x.sortedStale = s, false
	}
	return x.sorted
}
