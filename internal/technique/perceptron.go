package technique

import (
	"math"
	"math/rand/v2"
	"slices"
)

// A sequence is one training or tagging instance for a linear-chain
// model: the hashed features of each position, and (for training) the
// gold label of each position.
type sequence struct {
	feats [][]uint64
	gold  []uint8
}

// chain is a first-order linear-chain model over nLabels labels:
// emission weights per (feature, label) and transition weights per
// (previous label, label), with a start row. Decoding is Viterbi;
// allowed(prev, cur) restricts transitions (BIO constraints).
type chain struct {
	nLabels int
	// index maps a feature hash to its row in w (training and saving);
	// table is the same map laid out for fast lookups when tagging.
	index map[uint64]int32
	table *table
	w     []float32 // len(index)*nLabels
	// trans[p][c]; p == nLabels is the start state.
	trans   [][]float32
	allowed func(prev, cur int) bool
	// ok[p][c] caches allowed(p, c); p == nLabels is the start state.
	ok [][]bool
}

func newChain(nLabels int, allowed func(prev, cur int) bool) *chain {
	c := &chain{nLabels: nLabels, index: map[uint64]int32{}, allowed: allowed}
	c.trans = make([][]float32, nLabels+1)
	c.ok = make([][]bool, nLabels+1)
	for i := range c.trans {
		c.trans[i] = make([]float32, nLabels)
		c.ok[i] = make([]bool, nLabels)
		for k := range c.ok[i] {
			c.ok[i][k] = allowed(i, k)
		}
	}
	return c
}

// emissions fills em (len n*nLabels) with the emission scores of seq.
func (c *chain) emissions(feats [][]uint64, em []float32) {
	L := c.nLabels
	for i, fs := range feats {
		row := em[i*L : (i+1)*L]
		for k := range row {
			row[k] = 0
		}
		for _, h := range fs {
			var r int32
			if c.table != nil {
				r = c.table.get(h)
			} else {
				var ok bool
				if r, ok = c.index[h]; !ok {
					r = -1
				}
			}
			if r < 0 {
				continue
			}
			wr := c.w[int(r)*L : int(r+1)*L]
			for k, v := range wr {
				row[k] += v
			}
		}
	}
}

// viterbi returns the best label sequence for emission scores em.
func (c *chain) viterbi(em []float32, n int, out []uint8) []uint8 {
	L := c.nLabels
	out = out[:0]
	if n == 0 {
		return out
	}
	neg := float32(math.Inf(-1))
	score := make([]float32, n*L)
	back := make([]uint8, n*L)
	for k := 0; k < L; k++ {
		if c.ok[L][k] {
			score[k] = em[k] + c.trans[L][k]
		} else {
			score[k] = neg
		}
	}
	for i := 1; i < n; i++ {
		for k := 0; k < L; k++ {
			best, arg := neg, 0
			for p := 0; p < L; p++ {
				s := score[(i-1)*L+p]
				if s == neg || !c.ok[p][k] {
					continue
				}
				if v := s + c.trans[p][k]; v > best {
					best, arg = v, p
				}
			}
			if best == neg {
				score[i*L+k] = neg
			} else {
				score[i*L+k] = best + em[i*L+k]
			}
			back[i*L+k] = uint8(arg)
		}
	}
	best, arg := neg, 0
	for k := 0; k < L; k++ {
		if s := score[(n-1)*L+k]; s > best {
			best, arg = s, k
		}
	}
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		arg = int(back[i*L+arg])
	}
	return out
}

// trainer is an averaged structured perceptron for a chain, with the
// usual lazy averaging: acc holds Σ (t · update) so that the averaged
// weight is w - acc/t.
type trainer struct {
	c        *chain
	acc      []float32
	transAcc [][]float32
	t        float32
}

// train runs epochs of the perceptron over seqs in an order shuffled by
// seed, and leaves the averaged weights in the returned chain. Features
// seen in fewer than minCount sequences' positions are left out.
func train(seqs []sequence, nLabels int, allowed func(prev, cur int) bool, epochs int, seed uint64, minCount int) *chain {
	c := newChain(nLabels, allowed)
	// Feature index: features with enough support, numbered in order of
	// first appearance so the result is deterministic.
	counts := map[uint64]int32{}
	for _, s := range seqs {
		for _, fs := range s.feats {
			for _, h := range fs {
				counts[h]++
			}
		}
	}
	for _, s := range seqs {
		for _, fs := range s.feats {
			for _, h := range fs {
				if _, ok := c.index[h]; !ok && int(counts[h]) >= minCount {
					c.index[h] = int32(len(c.index))
				}
			}
		}
	}
	L := nLabels
	c.w = make([]float32, len(c.index)*L)
	tr := &trainer{c: c, acc: make([]float32, len(c.w))}
	tr.transAcc = make([][]float32, L+1)
	for i := range tr.transAcc {
		tr.transAcc[i] = make([]float32, L)
	}
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var pred []uint8
	var em []float32
	tr.t = 1
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			s := &seqs[k]
			n := len(s.feats)
			if cap(em) < n*L {
				em = make([]float32, n*L)
			}
			em = em[:n*L]
			c.emissions(s.feats, em)
			pred = c.viterbi(em, n, pred)
			if !equalLabels(pred, s.gold) {
				tr.update(s, pred)
			}
			tr.t++
		}
	}
	// average
	for i := range c.w {
		c.w[i] -= tr.acc[i] / tr.t
	}
	for p := range c.trans {
		for k := range c.trans[p] {
			c.trans[p][k] -= tr.transAcc[p][k] / tr.t
		}
	}
	return c
}

func (tr *trainer) update(s *sequence, pred []uint8) {
	c := tr.c
	L := c.nLabels
	add := func(fs []uint64, label int, v float32) {
		for _, h := range fs {
			r, ok := c.index[h]
			if !ok {
				continue
			}
			i := int(r)*L + label
			c.w[i] += v
			tr.acc[i] += tr.t * v
		}
	}
	prevG, prevP := L, L
	for i := range s.gold {
		g, p := int(s.gold[i]), int(pred[i])
		if g != p {
			add(s.feats[i], g, 1)
			add(s.feats[i], p, -1)
		}
		if g != p || prevG != prevP {
			c.trans[prevG][g]++
			tr.transAcc[prevG][g] += tr.t
			c.trans[prevP][p]--
			tr.transAcc[prevP][p] -= tr.t
		}
		prevG, prevP = g, p
	}
}

func equalLabels(a, b []uint8) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// table is an open-addressing hash table from feature hashes to rows,
// several times faster than a Go map for the tagger's lookups.
type table struct {
	keys []uint64
	vals []int32
	mask uint64
}

func newTable(index map[uint64]int32) *table {
	n := uint64(16)
	for n < uint64(len(index))*2 {
		n <<= 1
	}
	t := &table{keys: make([]uint64, n), vals: make([]int32, n), mask: n - 1}
	for i := range t.vals {
		t.vals[i] = -1
	}
	for k, v := range index {
		i := mix(k) & t.mask
		for t.vals[i] >= 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

func (t *table) get(k uint64) int32 {
	i := mix(k) & t.mask
	for {
		v := t.vals[i]
		if v < 0 || t.keys[i] == k {
			return v
		}
		i = (i + 1) & t.mask
	}
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// multi is a multi-class linear model over hashed features: one weight
// per (feature, class), trained as an averaged perceptron.
type multi struct {
	nClasses int
	index    map[uint64]int32
	table    *table
	w        []float32 // len(index)*nClasses
}

// scores fills out (len nClasses) with the score of each class.
func (m *multi) scores(fs []uint64, out []float32) {
	C := m.nClasses
	for k := range out[:C] {
		out[k] = 0
	}
	for _, h := range fs {
		var r int32
		if m.table != nil {
			r = m.table.get(h)
		} else {
			var ok bool
			if r, ok = m.index[h]; !ok {
				r = -1
			}
		}
		if r < 0 {
			continue
		}
		for k, v := range m.w[int(r)*C : int(r+1)*C] {
			out[k] += v
		}
	}
}

// An instance is one training example of a multi-class model.
type instance struct {
	feats  []uint64
	gold   uint8
	weight float32
}

// trainMulti trains an averaged perceptron over insts for epochs passes in
// an order shuffled by seed. Features seen fewer than minCount times are
// left out. Deterministic for the same inputs.
func trainMulti(insts []instance, nClasses, epochs int, seed uint64, minCount int) *multi {
	m := &multi{nClasses: nClasses, index: map[uint64]int32{}}
	counts := map[uint64]int32{}
	for _, in := range insts {
		for _, h := range in.feats {
			counts[h]++
		}
	}
	for _, in := range insts {
		for _, h := range in.feats {
			if _, ok := m.index[h]; !ok && int(counts[h]) >= minCount {
				m.index[h] = int32(len(m.index))
			}
		}
	}
	C := nClasses
	m.w = make([]float32, len(m.index)*C)
	acc := make([]float32, len(m.w))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0xc1a55))
	sc := make([]float32, C)
	t := float32(1)
	add := func(fs []uint64, c int, v float32) {
		for _, h := range fs {
			r, ok := m.index[h]
			if !ok {
				continue
			}
			i := int(r)*C + c
			m.w[i] += v
			acc[i] += t * v
		}
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			in := &insts[k]
			m.scores(in.feats, sc)
			best := argmax(sc)
			if best != int(in.gold) {
				v := in.weight
				if v == 0 {
					v = 1
				}
				add(in.feats, int(in.gold), v)
				add(in.feats, best, -v)
			}
			t++
		}
	}
	for i := range m.w {
		m.w[i] -= acc[i] / t
	}
	return m
}

func argmax(xs []float32) int {
	best := 0
	for k, v := range xs {
		if v > xs[best] {
			best = k
		}
	}
	return best
}

// averageMulti returns the model whose weights are the mean of ms's (the
// same scores as averaging their scores), features numbered in order of
// first appearance in ms.
func averageMulti(ms []*multi) *multi {
	C := ms[0].nClasses
	out := &multi{nClasses: C, index: map[uint64]int32{}}
	type hr struct {
		h uint64
		r int32
	}
	for _, m := range ms {
		rows := make([]hr, 0, len(m.index))
		for h, r := range m.index {
			rows = append(rows, hr{h, r})
		}
		slices.SortFunc(rows, func(a, b hr) int { return int(a.r) - int(b.r) })
		for _, x := range rows {
			r, ok := out.index[x.h]
			if !ok {
				r = int32(len(out.index))
				out.index[x.h] = r
				out.w = append(out.w, make([]float32, C)...)
			}
			for k, v := range m.w[int(x.r)*C : int(x.r+1)*C] {
				out.w[int(r)*C+k] += v / float32(len(ms))
			}
		}
	}
	return out
}
