package perceptron

import (
	"math"
	"math/rand/v2"
)

// A Sequence is one training or tagging instance of a Chain: the hashed
// features of each position and, for training, the gold label of each.
type Sequence struct {
	Feats [][]uint64
	Gold  []uint8
}

// Chain is a first-order linear-chain model over NLabels labels: emission
// weights per (feature, label) and transition weights per (previous label,
// label), with a start row. Decoding is Viterbi; allowed(prev, cur)
// restricts transitions (BIO constraints).
type Chain struct {
	NLabels int
	// Index maps a feature hash to its row in W.
	Index map[uint64]int32
	W     []float32 // len(Index)*NLabels
	// Trans[p][c]; p == NLabels is the start state.
	Trans [][]float32
	// ok[p][c] caches allowed(p, c).
	ok    [][]bool
	table *table
}

// NewChain returns an empty chain.
func NewChain(nLabels int, allowed func(prev, cur int) bool) *Chain {
	c := &Chain{NLabels: nLabels, Index: map[uint64]int32{}}
	c.Trans = make([][]float32, nLabels+1)
	c.ok = make([][]bool, nLabels+1)
	for i := range c.Trans {
		c.Trans[i] = make([]float32, nLabels)
		c.ok[i] = make([]bool, nLabels)
		for k := range c.ok[i] {
			c.ok[i][k] = allowed(i, k)
		}
	}
	return c
}

// Freeze lays the weights out for fast lookups. Call it once the weights
// are final (trained or loaded); changing them afterwards is not seen.
func (c *Chain) Freeze() { c.table = newTable(c.Index, c.W, c.NLabels) }

// FreezeRows sets the emission weights of a chain read from a model file
// and freezes them: row i of w is the feature hashes[i]. The chain keeps
// no Index, so it can tag but neither be trained further nor saved; it
// saves loading the map that Freeze would only read.
func (c *Chain) FreezeRows(hashes []uint64, w []float32) {
	c.Index, c.W = nil, nil
	c.table = newTableRows(hashes, w, c.NLabels)
}

// Emissions fills em (len n*NLabels) with the emission scores of feats.
func (c *Chain) Emissions(feats [][]uint64, em []float32) {
	L := c.NLabels
	for i, fs := range feats {
		row := em[i*L : (i+1)*L]
		for k := range row {
			row[k] = 0
		}
		if c.table != nil {
			c.table.add(fs, row)
			continue
		}
		for _, h := range fs {
			r, ok := c.Index[h]
			if !ok {
				continue
			}
			wr := c.W[int(r)*L : int(r+1)*L]
			for k, v := range wr {
				row[k] += v
			}
		}
	}
}

// Viterbi returns the best label sequence for emission scores em.
func (c *Chain) Viterbi(em []float32, n int, out []uint8) []uint8 {
	L := c.NLabels
	out = out[:0]
	if n == 0 {
		return out
	}
	neg := float32(math.Inf(-1))
	score := make([]float32, n*L)
	back := make([]uint8, n*L)
	for k := 0; k < L; k++ {
		if c.ok[L][k] {
			score[k] = em[k] + c.Trans[L][k]
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
				if v := s + c.Trans[p][k]; v > best {
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

// Tag decodes one sequence of features.
func (c *Chain) Tag(feats [][]uint64, out []uint8) []uint8 {
	em := make([]float32, len(feats)*c.NLabels)
	c.Emissions(feats, em)
	return c.Viterbi(em, len(feats), out)
}

// trainer is an averaged structured perceptron for a chain, with the
// usual lazy averaging: acc holds Σ (t · update) so that the averaged
// weight is w - acc/t.
type trainer struct {
	c        *Chain
	acc      []float32
	transAcc [][]float32
	t        float32
}

// TrainChain runs epochs of the perceptron over seqs in an order shuffled
// by seed, and returns the averaged weights (not frozen). Features seen in
// fewer than minCount positions are left out. Deterministic for the same
// inputs.
func TrainChain(seqs []Sequence, nLabels int, allowed func(prev, cur int) bool, epochs int, seed uint64, minCount int) *Chain {
	c := NewChain(nLabels, allowed)
	c.Index = countedIndex(func(yield func([]uint64)) {
		for _, s := range seqs {
			for _, fs := range s.Feats {
				yield(fs)
			}
		}
	}, minCount)
	L := nLabels
	c.W = make([]float32, len(c.Index)*L)
	tr := &trainer{c: c, acc: make([]float32, len(c.W))}
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
			n := len(s.Feats)
			if cap(em) < n*L {
				em = make([]float32, n*L)
			}
			em = em[:n*L]
			c.Emissions(s.Feats, em)
			pred = c.Viterbi(em, n, pred)
			if !equalLabels(pred, s.Gold) {
				tr.update(s, pred)
			}
			tr.t++
		}
	}
	// average
	for i := range c.W {
		c.W[i] -= tr.acc[i] / tr.t
	}
	for p := range c.Trans {
		for k := range c.Trans[p] {
			c.Trans[p][k] -= tr.transAcc[p][k] / tr.t
		}
	}
	return c
}

func (tr *trainer) update(s *Sequence, pred []uint8) {
	c := tr.c
	L := c.NLabels
	add := func(fs []uint64, label int, v float32) {
		for _, h := range fs {
			r, ok := c.Index[h]
			if !ok {
				continue
			}
			i := int(r)*L + label
			c.W[i] += v
			tr.acc[i] += tr.t * v
		}
	}
	prevG, prevP := L, L
	for i := range s.Gold {
		g, p := int(s.Gold[i]), int(pred[i])
		if g != p {
			add(s.Feats[i], g, 1)
			add(s.Feats[i], p, -1)
		}
		if g != p || prevG != prevP {
			c.Trans[prevG][g]++
			tr.transAcc[prevG][g] += tr.t
			c.Trans[prevP][p]--
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

// AverageChains returns the chain whose weights are the mean of cs's:
// the weights of every run are summed in order, then scaled, features
// numbered in order of first appearance (by row) in cs. Averaging runs
// trained over different shufflings lowers the variance that the order
// of the data gives a perceptron. cs must share NLabels and constraints.
func AverageChains(cs []*Chain) *Chain {
	L := cs[0].NLabels
	out := &Chain{NLabels: L, Index: map[uint64]int32{}, ok: cs[0].ok}
	out.Trans = make([][]float32, L+1)
	for i := range out.Trans {
		out.Trans[i] = make([]float32, L)
	}
	for _, c := range cs {
		rows := make([]uint64, len(c.Index))
		for h, r := range c.Index {
			rows[r] = h
		}
		for r, h := range rows {
			o, ok := out.Index[h]
			if !ok {
				o = int32(len(out.Index))
				out.Index[h] = o
				out.W = append(out.W, make([]float32, L)...)
			}
			for k, v := range c.W[r*L : (r+1)*L] {
				out.W[int(o)*L+k] += v
			}
		}
		for p := range c.Trans {
			for k, v := range c.Trans[p] {
				out.Trans[p][k] += v
			}
		}
	}
	inv := 1 / float32(len(cs))
	for i := range out.W {
		out.W[i] *= inv
	}
	for p := range out.Trans {
		for k := range out.Trans[p] {
			out.Trans[p][k] *= inv
		}
	}
	return out
}
