package perceptron

import (
	"math/rand/v2"
	"slices"
)

// Multi is a multi-class linear model over hashed features: one weight
// per (feature, class), trained as an averaged perceptron.
type Multi struct {
	NClasses int
	// Index maps a feature hash to its row in W.
	Index map[uint64]int32
	W     []float32 // len(Index)*NClasses
	table *table
}

// Freeze lays the weights out for fast lookups; see Chain.Freeze.
func (m *Multi) Freeze() { m.table = newTable(m.Index, m.W, m.NClasses) }

// FreezeRows is Chain.FreezeRows for a Multi.
func (m *Multi) FreezeRows(hashes []uint64, w []float32) {
	m.Index, m.W = nil, nil
	m.table = newTableRows(hashes, w, m.NClasses)
}

// Scores fills out (len NClasses) with the score of each class.
func (m *Multi) Scores(fs []uint64, out []float32) {
	C := m.NClasses
	for k := range out[:C] {
		out[k] = 0
	}
	if m.table != nil {
		m.table.add(fs, out[:C])
		return
	}
	for _, h := range fs {
		r, ok := m.Index[h]
		if !ok {
			continue
		}
		for k, v := range m.W[int(r)*C : int(r+1)*C] {
			out[k] += v
		}
	}
}

// An Instance is one training example of a Multi.
type Instance struct {
	Feats  []uint64
	Gold   uint8
	Weight float32 // 0 means 1
}

// TrainMulti trains an averaged perceptron over insts for epochs passes in
// an order shuffled by seed, and returns it (not frozen). Features seen
// fewer than minCount times are left out. Deterministic for the same
// inputs.
func TrainMulti(insts []Instance, nClasses, epochs int, seed uint64, minCount int) *Multi {
	m := &Multi{NClasses: nClasses}
	m.Index = countedIndex(func(yield func([]uint64)) {
		for _, in := range insts {
			yield(in.Feats)
		}
	}, minCount)
	C := nClasses
	m.W = make([]float32, len(m.Index)*C)
	acc := make([]float32, len(m.W))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0xc1a55))
	sc := make([]float32, C)
	t := float32(1)
	add := func(fs []uint64, c int, v float32) {
		for _, h := range fs {
			r, ok := m.Index[h]
			if !ok {
				continue
			}
			i := int(r)*C + c
			m.W[i] += v
			acc[i] += t * v
		}
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			in := &insts[k]
			m.Scores(in.Feats, sc)
			best := Argmax(sc)
			if best != int(in.Gold) {
				v := in.Weight
				if v == 0 {
					v = 1
				}
				add(in.Feats, int(in.Gold), v)
				add(in.Feats, best, -v)
			}
			t++
		}
	}
	for i := range m.W {
		m.W[i] -= acc[i] / t
	}
	return m
}

// Argmax returns the index of the largest of xs (the first on ties).
func Argmax(xs []float32) int {
	best := 0
	for k, v := range xs {
		if v > xs[best] {
			best = k
		}
	}
	return best
}

// AverageMulti returns the model whose weights are the mean of ms's (the
// same scores as averaging their scores), features numbered in order of
// first appearance in ms.
func AverageMulti(ms []*Multi) *Multi {
	C := ms[0].NClasses
	out := &Multi{NClasses: C, Index: map[uint64]int32{}}
	type hr struct {
		h uint64
		r int32
	}
	for _, m := range ms {
		rows := make([]hr, 0, len(m.Index))
		for h, r := range m.Index {
			rows = append(rows, hr{h, r})
		}
		slices.SortFunc(rows, func(a, b hr) int { return int(a.r) - int(b.r) })
		for _, x := range rows {
			r, ok := out.Index[x.h]
			if !ok {
				r = int32(len(out.Index))
				out.Index[x.h] = r
				out.W = append(out.W, make([]float32, C)...)
			}
			for k, v := range m.W[int(x.r)*C : int(x.r+1)*C] {
				out.W[int(r)*C+k] += v / float32(len(ms))
			}
		}
	}
	return out
}
