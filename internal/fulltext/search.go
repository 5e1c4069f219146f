package fulltext

import (
	"errors"
	"math/bits"

	"modernc.org/libc"
	"slices"
)

// Node is a full-text query: *Phrase, *And or *Or, the shapes of the FTS5
// expressions internal/query compiles free text to.
type Node interface{ node() }

// Phrase matches articles whose columns Cols (a mask of 1<<Title …) hold
// the tokens of Text in order, in one column; with Prefix, the last token
// is a prefix (FTS5 `"…" *`). A single word is a phrase of one token.
type Phrase struct {
	Text   string
	Prefix bool
	Cols   uint8
}

// And matches what every Must node matches and no Not node does.
type And struct {
	Must []Node
	Not  []Node
}

// Or matches what any of its nodes matches.
type Or struct{ Any []Node }

func (*Phrase) node() {}
func (*And) node()    {}
func (*Or) node()     {}

// ErrQuery is returned for a query the index cannot run (an And without
// a Must node, an empty Or).
var ErrQuery = errors.New("fulltext: query shape not supported")

// Options says what Search returns. The zero value returns the 20 best
// matches among every article, with the default column weights.
type Options struct {
	// K is how many best matches to return (0: 20).
	K int
	// Latest keeps only the latest version of each article's URL.
	Latest bool
	// Keep, when not nil, keeps only the articles it returns true for
	// (the conditions of a query on other fields).
	Keep func(id int64) bool
	// Window, when > 0 and more articles match, ranks only the Window
	// matches with the highest ids (the most recently ingested).
	Window int
	// Weights are the bm25 weights of the columns (zero: 3, 1, 0.5, 0.5,
	// as internal/corpus ranks).
	Weights [numCols]float64
	// CountLimit, when > 0, lets Search stop counting past it: with more
	// matches, Total is CountLimit + 1 and TotalCapped is set, and the
	// best matches are found without scoring every match (see prune.go).
	CountLimit int
	// NoTotal says the caller needs no Total (it is then a lower bound).
	NoTotal bool
}

// Hit is a match with its bm25 score (higher is better: FTS5's bm25()
// negated).
type Hit struct {
	ID    int64
	Score float64
}

// Result is the best matches, best first (ties: highest id first), and
// the number of matches.
type Result struct {
	Hits  []Hit
	Total int
	// RankedWithin is Options.Window when it applied, else 0.
	RankedWithin int
	// TotalCapped says more than Options.CountLimit articles match: Total
	// is then CountLimit + 1 (or, with NoTotal, a lower bound).
	TotalCapped bool
}

// DefaultWeights are the column weights of internal/corpus's ranking.
var DefaultWeights = [numCols]float64{3, 1, 0.5, 0.5}

// bm25 parameters, as FTS5 sets them. They are variables so that Go
// computes k1 + 1 at run time, rounding as FTS5's C does.
var (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// ftsLog is the natural logarithm as FTS5 computes it in the store's
// SQLite (modernc.org/sqlite calls modernc.org/libc's log, musl's, which
// rounds differently from math.Log in the last bit now and then): the
// same function gives the same bm25 scores bit for bit, so the same order.
func ftsLog(v float64) float64 { return libc.Xlog(nil, v) }

// matcher is a query node being run.
type matcher interface {
	// advance moves to the first matching document >= target.
	advance(target uint32) uint32
	// collect adds the weighted instance counts of its phrases at doc,
	// which it matched, to freq.
	collect(doc uint32, freq []float64)
}

type run struct {
	x       *Index
	weights [numCols]float64
	phrases []*phraseM
}

// Search runs the query.
func (x *Index) Search(q Node, opts Options) (*Result, error) {
	res, err := x.search(q, opts)
	if err == nil && opts.CountLimit > 0 && res.Total > opts.CountLimit {
		res.Total, res.TotalCapped = opts.CountLimit+1, true
	}
	return res, err
}

func (x *Index) search(q Node, opts Options) (*Result, error) {
	if opts.K <= 0 {
		opts.K = 20
	}
	if opts.Weights == ([numCols]float64{}) {
		opts.Weights = DefaultWeights
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	r := &run{x: x, weights: opts.Weights}
	m, err := r.build(q)
	if err != nil {
		return nil, err
	}
	// IDF of each phrase, from the number of live articles it matches
	// in its columns, as FTS5's bm25() computes it.
	nRow := x.live
	idf := make([]float64, len(r.phrases))
	for i, p := range r.phrases {
		idf[i] = IDF(nRow, r.hits(p))
	}
	avgdl := float64(x.tokens) / float64(nRow)
	if p, ok := m.(*phraseM); ok && len(r.phrases) == 1 {
		if res, ok := x.searchTerm(p, idf[0], avgdl, opts); ok {
			return res, nil
		}
	}
	sc := &scorer{x: x, idf: idf, avgdl: avgdl, freq: make([]float64, len(r.phrases))}
	if res, ok := x.searchWords(r, m, sc, opts); ok {
		return res, nil
	}
	score := func(doc uint32) float64 {
		clear(sc.freq)
		m.collect(doc, sc.freq)
		return sc.score(doc)
	}
	res := &Result{}
	var all []Hit // every match, with Window
	top := topK{k: opts.K}
	for doc := m.advance(0); doc != eof; doc = m.advance(doc + 1) {
		if x.isDead(doc) {
			continue
		}
		id := x.ids[doc]
		if opts.Latest && x.replaced[id] > 0 {
			continue
		}
		if opts.Keep != nil && !opts.Keep(id) {
			continue
		}
		res.Total++
		h := Hit{ID: id, Score: score(doc)}
		if opts.Window > 0 {
			all = append(all, h)
			continue
		}
		top.push(h)
	}
	if opts.Window > 0 {
		if len(all) > opts.Window {
			slices.SortFunc(all, func(a, b Hit) int { return cmpInt(b.ID, a.ID) })
			all = all[:opts.Window]
			res.RankedWithin = opts.Window
		}
		for _, h := range all {
			top.push(h)
		}
	}
	res.Hits = top.sorted()
	return res, nil
}

// scorer computes bm25 from the weighted instance counts of a query's
// phrases at a document, as FTS5's bm25() does, term by term in the
// phrases' order, so that every path of Search gives the same bits.
type scorer struct {
	x     *Index
	idf   []float64
	avgdl float64
	freq  []float64
}

func (s *scorer) score(doc uint32) float64 {
	d := float64(s.x.length[doc])
	v := 0.0
	for i, f := range s.freq {
		v += s.idf[i] * termWeight(f, d, s.avgdl)
	}
	return v
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// maxPruned is the most superseded versions searchTerm tests one by one
// to correct a word's count; with more, Search scores every match.
const maxPruned = 4096

// searchTerm runs a query of one word (no prefix) without reading every
// match: the total is the word's document count in the columns (less
// the superseded versions that hold it, when Latest), and a block of
// postings whose best possible score (from its largest counts and
// shortest document) cannot enter the hits found so far is skipped
// undecoded. ok is false when the query is not of that kind, or the
// index has more than maxPruned dead documents (the word's counts hold
// them: each is tested).
func (x *Index) searchTerm(p *phraseM, idf, avgdl float64, opts Options) (res *Result, ok bool) {
	if !p.isSingle() || opts.Keep != nil || opts.Window > 0 || opts.Latest && len(x.replaced) > maxPruned {
		return nil, false
	}
	for _, w := range p.w {
		if w*2 != float64(int64(w*2)) || w >= 1<<20 {
			return nil, false // weighted counts as products would not be FTS5's sums
		}
	}
	t := p.single()
	res = &Result{Hits: []Hit{}}
	if t == nil {
		return res, true
	}
	n, ok := x.liveCount(t, p.cols, opts.Latest)
	if !ok {
		return nil, false
	}
	res.Total = int(n)
	w := p.w
	weighted := func(counts *[numCols]uint32) float64 {
		f := 0.0
		for c := range numCols {
			if p.cols&(1<<c) != 0 {
				f += w[c] * float64(counts[c])
			}
		}
		return f
	}
	top := topK{k: opts.K}
	it := newPostIter(t)
	for i := range t.skips {
		sk := &t.skips[i]
		if len(top.h) == top.k {
			ub := idf * p.blockWeight(sk, avgdl)
			if ub*(1+1e-9) < top.h[0].Score {
				continue
			}
		}
		it.i, it.doc, it.next, it.posEnd = sk.firstAt-1, sk.prev, int(sk.docOff), int(sk.posOff)
		end := min(sk.firstAt+skipEvery, t.n)
		for it.i+1 < end && it.step() {
			if x.ndead > 0 && x.isDead(it.doc) {
				continue
			}
			id := x.ids[it.doc]
			if opts.Latest && x.replaced[id] > 0 {
				continue
			}
			f := weighted(&it.counts)
			if f == 0 {
				continue
			}
			d := float64(x.length[it.doc])
			top.push(Hit{ID: id, Score: idf * termWeight(f, d, avgdl)})
		}
	}
	res.Hits = top.sorted()
	return res, true
}

// better says a ranks before b: a higher score, or the same and a higher id.
func better(a, b Hit) bool {
	return a.Score > b.Score || a.Score == b.Score && a.ID > b.ID
}

// topK keeps the k best hits: a heap with the worst kept on top.
type topK struct {
	k int
	h []Hit
}

func (t *topK) push(x Hit) {
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !better(t.h[p], t.h[i]) {
				break
			}
			t.h[p], t.h[i] = t.h[i], t.h[p]
			i = p
		}
		return
	}
	if !better(x, t.h[0]) {
		return
	}
	t.h[0] = x
	for i := 0; ; {
		l, w := 2*i+1, i
		if l < len(t.h) && better(t.h[w], t.h[l]) {
			w = l
		}
		if r := l + 1; r < len(t.h) && better(t.h[w], t.h[r]) {
			w = r
		}
		if w == i {
			break
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

func (t *topK) sorted() []Hit {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b Hit) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	if out == nil {
		out = []Hit{}
	}
	return out
}

// hits is the number of live articles the phrase matches in its columns
// (FTS5's nHit): from the term's counts for one word when no article is
// dead, else by running the phrase alone, which also records its matches
// for the ranking pass to replay rather than match them twice.
func (r *run) hits(p *phraseM) int64 {
	x := r.x
	if p.isSingle() {
		t := p.single()
		if t == nil {
			return 0
		}
		if n, ok := wordCount(t, p.cols); ok {
			if x.ndead == 0 {
				return n
			}
			if dead, ok := x.deadDocs(); ok {
				return n - holding(t, dead, p.cols)
			}
		}
	}
	q := p.fresh()
	var rec []phraseHit
	for doc := q.advance(0); doc != eof; doc = q.advance(doc + 1) {
		if !x.isDead(doc) {
			rec = append(rec, phraseHit{doc: doc, inst: q.inst})
		}
	}
	p.replay(rec)
	return int64(len(rec))
}

// deadDocs is the dead documents in order, nil when there are more than
// maxPruned of them.
func (x *Index) deadDocs() ([]uint32, bool) {
	if x.ndead > maxPruned {
		return nil, false
	}
	var out []uint32
	for w, word := range x.dead {
		for word != 0 {
			b := word & -word
			out = append(out, uint32(w*64+bits.TrailingZeros64(b)))
			word &^= b
		}
	}
	return out, true
}

// holding counts the documents of docs (in order) that hold the word of
// postings p in the columns cols.
func holding(p *postings, docs []uint32, cols uint8) int64 {
	var n int64
	it := newPostIter(p)
	for _, d := range docs {
		if it.advance(d) == d {
			for c := range numCols {
				if cols&(1<<c) != 0 && it.counts[c] > 0 {
					n++
					break
				}
			}
		}
	}
	return n
}

// wordCount is the number of documents, dead ones included, holding the
// word of p in the columns cols, from its counts; false for a column set
// it has no count of.
func wordCount(p *postings, cols uint8) (int64, bool) {
	switch cols {
	case TitleText:
		return int64(p.dfTT), true
	case TitleOnly:
		return int64(p.df[Title]), true
	case SpeakersOnly:
		return int64(p.df[Speakers]), true
	case EntitiesOnly:
		return int64(p.df[Entities]), true
	}
	return 0, false
}

// phraseHit is a document a phrase matched, with its instances per column.
type phraseHit struct {
	doc  uint32
	inst [numCols]uint32
}

func (r *run) build(q Node) (matcher, error) {
	switch q := q.(type) {
	case *Phrase:
		var terms []string
		Tokens(q.Text, func(tok []byte, _ int) { terms = append(terms, string(tok)) })
		p := &phraseM{x: r.x, terms: terms, prefix: q.Prefix, cols: q.Cols & allCols, idx: len(r.phrases), w: r.weights}
		if !q.Prefix {
			p.bi = r.x.biwordsOf(terms)
		}
		r.phrases = append(r.phrases, p)
		p.open()
		return p, nil
	case *And:
		if len(q.Must) == 0 {
			return nil, ErrQuery
		}
		a := &andM{}
		for _, c := range q.Must {
			m, err := r.build(c)
			if err != nil {
				return nil, err
			}
			a.must = append(a.must, m)
		}
		for _, c := range q.Not {
			m, err := r.build(c)
			if err != nil {
				return nil, err
			}
			a.not = append(a.not, m)
		}
		return a, nil
	case *Or:
		if len(q.Any) == 0 {
			return nil, ErrQuery
		}
		o := &orM{}
		for _, c := range q.Any {
			m, err := r.build(c)
			if err != nil {
				return nil, err
			}
			o.any = append(o.any, m)
			o.at = append(o.at, 0)
		}
		return o, nil
	}
	return nil, ErrQuery
}
