package fulltext

import (
	"slices"
	"sort"
)

// searchWords runs an And (without Not) or an Or of single words (no
// prefix) when the total may stop at Options.CountLimit (or is not
// wanted): it scores every match until more than CountLimit have matched
// (an Or skips that when one of its words alone matches more), and from
// then on skips, undecoded, each stretch of documents where the sum of
// the words' block bounds (their largest counts and shortest document in
// the block, as searchTerm bounds one word) cannot reach the hits found
// so far. The hits are the exhaustive path's, score for score. ok is
// false when the query is not of that kind.
func (x *Index) searchWords(r *run, m matcher, sc *scorer, opts Options) (res *Result, ok bool) {
	if opts.Keep != nil || opts.Window > 0 || opts.CountLimit <= 0 && !opts.NoTotal {
		return nil, false
	}
	var nodes []matcher
	conj := false
	switch m := m.(type) {
	case *andM:
		if len(m.not) > 0 {
			return nil, false
		}
		nodes, conj = m.must, true
	case *orM:
		nodes = m.any
	default:
		return nil, false
	}
	var words []*phraseM
	for _, n := range nodes {
		p, ok := n.(*phraseM)
		if !ok || p.rec != nil || !p.isSingle() {
			return nil, false
		}
		for _, w := range p.w {
			if w*2 != float64(int64(w*2)) || w >= 1<<20 {
				return nil, false // weighted counts as products would not be FTS5's sums
			}
		}
		if p.one == nil { // a word not in the index: it matches nothing
			if conj {
				return &Result{Hits: []Hit{}}, true
			}
			continue
		}
		words = append(words, p)
	}
	if len(words) == 0 {
		return &Result{Hits: []Hit{}}, true
	}
	res = &Result{}
	top := topK{k: opts.K}
	start := uint32(0)
	counted := false
	if !conj && !opts.NoTotal {
		for _, p := range words {
			if n, ok := x.liveCount(p.one.p, p.cols, opts.Latest); ok && n > int64(opts.CountLimit) {
				res.Total, res.TotalCapped, counted = opts.CountLimit+1, true, true
				break
			}
		}
	}
	if !opts.NoTotal && !counted {
		// Every match until the count passes the limit.
		for doc := m.advance(0); ; doc = m.advance(doc + 1) {
			if doc == eof {
				res.Hits = top.sorted()
				return res, true
			}
			if !x.counts(doc, opts.Latest) {
				continue
			}
			res.Total++
			clear(sc.freq)
			m.collect(doc, sc.freq)
			top.push(Hit{ID: x.ids[doc], Score: sc.score(doc)})
			if res.Total > opts.CountLimit {
				res.TotalCapped = true
				start = doc + 1
				break
			}
		}
	}
	b := &blockBounds{words: words, idf: sc.idf, avgdl: sc.avgdl, at: make([]int, len(words))}
	if !conj {
		x.wand(words, b, sc, &top, start, opts.Latest)
		res.Hits = top.sorted()
		return res, true
	}
	for target := start; target != eof; {
		ub, end, alive := b.bound(target, conj)
		if alive == 0 {
			break
		}
		if len(top.h) == top.k && ub*(1+1e-9) < top.h[0].Score {
			target = end + 1 // every document up to end scores below the hits: skip them undecoded
			continue
		}
		var d uint32
		if conj {
			d = intersect(words, target)
		} else {
			d = eof
			for _, p := range words {
				d = min(d, p.advance(target))
			}
		}
		if d == eof {
			break
		}
		if d > end {
			target = d // past the stretch: bound the next one first
			continue
		}
		target = d + 1
		if !x.counts(d, opts.Latest) {
			continue
		}
		clear(sc.freq)
		for _, p := range words {
			if p.advance(d) == d {
				p.collect(d, sc.freq)
			}
		}
		top.push(Hit{ID: x.ids[d], Score: sc.score(d)})
	}
	res.Hits = top.sorted()
	return res, true
}

// counts reports whether doc is a live document (and, with latest, the
// latest version of its article): one Search counts and ranks.
func (x *Index) counts(doc uint32, latest bool) bool {
	if x.isDead(doc) {
		return false
	}
	return !latest || x.replaced[x.ids[doc]] == 0
}

// blockBounds follows, for each word of a query, the skip block that
// holds the first of its documents at or after a target.
type blockBounds struct {
	words []*phraseM
	idf   []float64
	avgdl float64
	at    []int // per word, the index of its current block
}

// bound moves each word's block to the first one that ends at or after
// target and returns the sum of their best possible scores (an upper
// bound of the score of every document from target to end), end (the
// earliest of their last documents) and how many words have a block
// left. With conj, a word without one ends the search (alive 0).
func (b *blockBounds) bound(target uint32, conj bool) (ub float64, end uint32, alive int) {
	end = eof - 1
	for i, p := range b.words {
		t := p.one.p
		k := b.at[i]
		for k < len(t.skips) && blockEnd(t, k) < target {
			k++
		}
		b.at[i] = k
		if k == len(t.skips) {
			if conj {
				return 0, 0, 0
			}
			continue
		}
		alive++
		ub += b.blockScore(i, k)
		end = min(end, blockEnd(t, k))
	}
	return ub, end, alive
}

// blockEnd is the last document of block k of t.
func blockEnd(t *postings, k int) uint32 {
	if k+1 < len(t.skips) {
		return t.skips[k+1].prev
	}
	return t.last
}

// liveCount is the number of live articles (only latest versions, with
// latest) holding the word of t in the columns cols, from its counts and
// the dead and superseded documents; false when there are too many of
// those to test (maxPruned) or cols has no count.
func (x *Index) liveCount(t *postings, cols uint8, latest bool) (int64, bool) {
	if latest && len(x.replaced) > maxPruned {
		return 0, false
	}
	dead, ok := x.deadDocs()
	if !ok {
		return 0, false
	}
	n, ok := wordCount(t, cols)
	if !ok {
		return 0, false
	}
	n -= holding(t, dead, cols)
	if latest && len(x.replaced) > 0 {
		var docs []uint32
		for id := range x.replaced {
			if d, ok := x.byID[id]; ok { // live, so not among the dead
				docs = append(docs, d)
			}
		}
		slices.Sort(docs)
		n -= holding(t, docs, cols)
	}
	return n, true
}

// wand ranks the documents from start on that hold any of words (an Or)
// by block-max WAND: the words are kept in the order of their current
// documents; the pivot is the first document at which the words up to it
// could reach the hits found so far by their best scores anywhere; a
// document before it is skipped, and so is a stretch where the words'
// block bounds fall short.
func (x *Index) wand(words []*phraseM, b *blockBounds, sc *scorer, top *topK, start uint32, latest bool) {
	// order is the words' indexes by current document (insertion sort:
	// a query has a few words, and one step moves a few of them).
	gmax := make([]float64, len(words))
	order := make([]int, len(words))
	for i, p := range words {
		t := p.one.p
		for k := range t.skips {
			gmax[i] = max(gmax[i], b.blockScore(i, k))
		}
		p.advance(start)
		order[i] = i
	}
	for {
		for i := 1; i < len(order); i++ {
			for j := i; j > 0 && words[order[j]].doc < words[order[j-1]].doc; j-- {
				order[j], order[j-1] = order[j-1], order[j]
			}
		}
		full := len(top.h) == top.k
		theta := 0.0
		if full {
			theta = top.h[0].Score
		}
		pivot := -1
		acc := 0.0
		for i, w := range order {
			if words[w].doc == eof {
				break
			}
			acc += gmax[w]
			if !full || acc*(1+1e-9) >= theta {
				pivot = i
				break
			}
		}
		if pivot < 0 {
			return
		}
		pd := words[order[pivot]].doc
		if full {
			// The block bounds at pd of every word that may hold it.
			ub := 0.0
			next := eof
			for i, p := range words {
				if p.doc > pd {
					next = min(next, p.doc)
					continue
				}
				k := b.blockOf(i, pd)
				ub += b.blockScore(i, k)
				next = min(next, blockEnd(p.one.p, k)+1)
			}
			if ub*(1+1e-9) < theta {
				for _, p := range words {
					if p.doc < next {
						p.advance(next)
					}
				}
				continue
			}
		}
		if words[order[0]].doc != pd {
			for _, w := range order[:pivot] {
				words[w].advance(pd)
			}
			continue
		}
		if x.counts(pd, latest) {
			clear(sc.freq)
			for _, p := range words {
				if p.doc == pd {
					p.collect(pd, sc.freq)
				}
			}
			top.push(Hit{ID: x.ids[pd], Score: sc.score(pd)})
		}
		for _, p := range words {
			if p.doc == pd {
				p.advance(pd + 1)
			}
		}
	}
}

// blockOf is the block of word i that holds its first document at or
// after d (its last one when none does).
func (b *blockBounds) blockOf(i int, d uint32) int {
	t := b.words[i].one.p
	k := b.at[i]
	if k >= len(t.skips) || k > 0 && t.skips[k].prev >= d {
		k = sort.Search(len(t.skips), func(j int) bool { return blockEnd(t, j) >= d })
	}
	for k < len(t.skips) && blockEnd(t, k) < d {
		k++
	}
	k = min(k, len(t.skips)-1)
	b.at[i] = k
	return k
}

// blockScore is the best score word i can give a document of its block k.
func (b *blockBounds) blockScore(i, k int) float64 {
	p := b.words[i]
	return b.idf[p.idx] * p.blockWeight(&p.one.p.skips[k], b.avgdl)
}

// blockWeight bounds the bm25 term weight (the score over idf) of the
// phrase's one word in the documents of block sk: from the block's best
// weight when the phrase searches title and text with the default
// weights and the mean length has not outgrown the block's reference,
// else from its largest counts and shortest document.
func (p *phraseM) blockWeight(sk *skip, avgdl float64) float64 {
	f := 0.0
	for c := range numCols {
		if p.cols&(1<<c) != 0 {
			f += p.w[c] * float64(sk.maxCount[c])
		}
	}
	w := termWeight(f, float64(sk.minLen), avgdl)
	if p.cols == TitleText && p.w[Title] == DefaultWeights[Title] && p.w[Text] == DefaultWeights[Text] && avgdl <= sk.refLen {
		w = min(w, sk.bestTT)
	}
	return w
}
