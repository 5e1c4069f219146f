package fulltext

// phraseM runs a phrase.
type phraseM struct {
	x      *Index
	terms  []string
	prefix bool
	cols   uint8
	idx    int
	w      [numCols]float64
	toks   []tokIter   // nil when a term is not in the index: no match
	one    *postIter   // toks[0] when it is the only one, a word
	posts  []*postIter // toks, when every one is a word (no prefix)
	// rec, when not nil, holds the phrase's matches, read from rec[at]
	// on instead of from toks.
	rec     []phraseHit
	at      int
	started bool
	doc     uint32
	inst    [numCols]uint32
	bufs    [][]uint32
	pat     []int
	// bi is the list of the phrase's pair of common words, when it is
	// one (biword.go): the phrase is then read as one word.
	bi *postings
}

// single is the postings of a phrase read as one word (a word, or a pair
// of common words), nil when it is not one or the word is not indexed;
// isSingle says whether it is one.
func (p *phraseM) single() *postings {
	if p.bi != nil {
		return p.bi
	}
	return p.x.terms[p.terms[0]]
}

func (p *phraseM) isSingle() bool { return !p.prefix && (p.bi != nil || len(p.terms) == 1) }

// open makes the phrase's token iterators.
func (p *phraseM) open() {
	p.toks = nil
	if len(p.terms) == 0 {
		return
	}
	if p.bi != nil {
		it := newPostIter(p.bi)
		p.toks, p.one, p.posts = []tokIter{it}, it, []*postIter{it}
		p.bufs = make([][]uint32, 1)
		return
	}
	toks := make([]tokIter, len(p.terms))
	for i, t := range p.terms {
		if i == len(p.terms)-1 && p.prefix {
			u := &unionIter{}
			for _, term := range p.x.withPrefix(t) {
				u.its = append(u.its, newPostIter(p.x.terms[term]))
			}
			if len(u.its) == 0 {
				return
			}
			toks[i] = u
			continue
		}
		pl := p.x.terms[t]
		if pl == nil {
			return
		}
		toks[i] = newPostIter(pl)
	}
	p.toks = toks
	if it, ok := toks[0].(*postIter); ok && len(toks) == 1 {
		p.one = it
	}
	if !p.prefix {
		p.posts = make([]*postIter, len(toks))
		for i, t := range toks {
			p.posts[i] = t.(*postIter)
		}
	}
	p.bufs = make([][]uint32, len(toks))
}

// fresh is a copy of the phrase with new iterators.
func (p *phraseM) fresh() *phraseM {
	q := &phraseM{x: p.x, terms: p.terms, prefix: p.prefix, cols: p.cols, w: p.w, bi: p.bi}
	q.open()
	return q
}

func (p *phraseM) advance(target uint32) uint32 {
	if p.started && p.doc >= target {
		return p.doc
	}
	p.started = true
	p.doc = p.find(target)
	return p.doc
}

// replay makes the phrase read its matches from rec.
func (p *phraseM) replay(rec []phraseHit) {
	if rec == nil {
		rec = []phraseHit{}
	}
	p.rec, p.at = rec, 0
}

func (p *phraseM) find(target uint32) uint32 {
	if p.rec != nil {
		for p.at < len(p.rec) && p.rec[p.at].doc < target {
			p.at++
		}
		if p.at == len(p.rec) {
			return eof
		}
		p.inst = p.rec[p.at].inst
		return p.rec[p.at].doc
	}
	if p.toks == nil {
		return eof
	}
	if p.posts != nil {
		return p.findWords(target)
	}
	for {
		d := intersect(p.toks, target)
		if d == eof {
			return eof
		}
		if p.instances() {
			return d
		}
		target = d + 1
	}
}

// findWords is find for a phrase of whole words (no prefix), on the
// words' own iterators.
func (p *phraseM) findWords(target uint32) uint32 {
	if it := p.one; it != nil {
		// One word: its mask says which columns hold it.
		for {
			d := it.advance(target)
			if d == eof {
				return eof
			}
			if it.mask&p.cols != 0 {
				for c := range numCols {
					p.inst[c] = 0
					if p.cols&(1<<c) != 0 {
						p.inst[c] = it.counts[c]
					}
				}
				return d
			}
			target = d + 1
		}
	}
	for {
		d := intersect(p.posts, target)
		if d == eof {
			return eof
		}
		if p.instances() {
			return d
		}
		target = d + 1
	}
}

// instances counts the phrase's instances in each of its columns of the
// current document; false when there are none.
func (p *phraseM) instances() bool {
	any := false
	for c := range numCols {
		p.inst[c] = 0
		if p.cols&(1<<c) == 0 {
			continue
		}
		if p.one != nil {
			p.inst[c] = p.one.counts[c]
		} else if len(p.toks) == 1 {
			p.inst[c] = p.toks[0].count(c)
		} else {
			p.inst[c] = p.phraseCount(c)
		}
		any = any || p.inst[c] > 0
	}
	return any
}

// phraseCount counts the positions in col where the phrase's tokens
// follow each other.
func (p *phraseM) phraseCount(col int) uint32 {
	if p.posts != nil {
		for _, t := range p.posts {
			if t.counts[col] == 0 {
				return 0
			}
		}
		for i, t := range p.posts {
			p.bufs[i] = t.positions(col, p.bufs[i][:0])
		}
	} else {
		for _, t := range p.toks {
			if t.count(col) == 0 {
				return 0
			}
		}
		for i, t := range p.toks {
			p.bufs[i] = t.positions(col, p.bufs[i][:0])
		}
	}
	var n uint32
	if cap(p.pat) < len(p.toks) {
		p.pat = make([]int, len(p.toks))
	}
	at := p.pat[:len(p.toks)]
	clear(at)
next:
	for _, start := range p.bufs[0] {
		for k := 1; k < len(p.toks); k++ {
			want := start + uint32(k)
			b := p.bufs[k]
			for at[k] < len(b) && b[at[k]] < want {
				at[k]++
			}
			if at[k] == len(b) {
				break next
			}
			if b[at[k]] != want {
				continue next
			}
		}
		n++
	}
	return n
}

func (p *phraseM) collect(doc uint32, freq []float64) {
	// FTS5 adds a column's weight once per instance; for a weight that
	// is a multiple of 1/2 (the default ones) the product is that sum,
	// exactly.
	f := 0.0
	for c := range numCols {
		n := p.inst[c]
		if n == 0 {
			continue
		}
		if w := p.w[c]; w*2 == float64(int64(w*2)) && w < 1<<20 {
			f += w * float64(n)
			continue
		}
		for range n {
			f += p.w[c]
		}
	}
	freq[p.idx] += f
}

// andM runs an And.
type andM struct {
	must, not []matcher
	started   bool
	doc       uint32
}

func (a *andM) advance(target uint32) uint32 {
	if a.started && a.doc >= target {
		return a.doc
	}
	a.started = true
	a.doc = a.find(target)
	return a.doc
}

func (a *andM) find(target uint32) uint32 {
	for {
		d := intersect(a.must, target)
		if d == eof {
			return eof
		}
		excluded := false
		for _, m := range a.not {
			if m.advance(d) == d {
				excluded = true
				break
			}
		}
		if !excluded {
			return d
		}
		target = d + 1
	}
}

func (a *andM) collect(doc uint32, freq []float64) {
	for _, m := range a.must {
		m.collect(doc, freq)
	}
}

// orM runs an Or.
type orM struct {
	any     []matcher
	at      []uint32 // each node's current document
	started bool
	doc     uint32
}

func (o *orM) advance(target uint32) uint32 {
	if o.started && o.doc >= target {
		return o.doc
	}
	best := eof
	for i, m := range o.any {
		if !o.started || o.at[i] < target {
			o.at[i] = m.advance(target)
		}
		best = min(best, o.at[i])
	}
	o.started = true
	o.doc = best
	return best
}

func (o *orM) collect(doc uint32, freq []float64) {
	for i, m := range o.any {
		if o.at[i] == doc {
			m.collect(doc, freq)
		}
	}
}

// intersect returns the first document >= target that every iterator of
// its has (eof when there is none), leapfrogging: each iterator advances
// to the latest candidate, and a later one moves the candidate on.
func intersect[T interface{ advance(uint32) uint32 }](its []T, target uint32) uint32 {
next:
	for {
		d := its[0].advance(target)
		if d == eof {
			return eof
		}
		for _, t := range its[1:] {
			if e := t.advance(d); e != d {
				if e == eof {
					return eof
				}
				target = e
				continue next
			}
		}
		return d
	}
}
