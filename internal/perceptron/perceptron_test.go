package perceptron

import (
	"slices"
	"testing"
)

// Labels 0 (O) and 1 (X): a position is X when its feature is 7 or 0 (the
// zero hash, kept outside the table).
func toy() []Sequence {
	var seqs []Sequence
	for i := 0; i < 40; i++ {
		var s Sequence
		for j := 0; j < 6; j++ {
			h := uint64((i*5+j*3)%11 + 1)
			if (i+j)%4 == 0 {
				h = 7
			}
			if (i+j)%9 == 0 {
				h = 0
			}
			s.Feats = append(s.Feats, []uint64{h, 100})
			g := uint8(0)
			if h == 7 || h == 0 {
				g = 1
			}
			s.Gold = append(s.Gold, g)
		}
		seqs = append(seqs, s)
	}
	return seqs
}

func allowAll(int, int) bool { return true }

func TestChainLearnsAndFreezeKeepsScores(t *testing.T) {
	seqs := toy()
	c := TrainChain(seqs, 2, allowAll, 5, 1, 1)
	em := make([]float32, 6*2)
	var before [][]float32
	for _, s := range seqs {
		c.Emissions(s.Feats, em)
		before = append(before, slices.Clone(em))
		if got := c.Tag(s.Feats, nil); !slices.Equal(got, s.Gold) {
			t.Fatalf("tagged %v, want %v", got, s.Gold)
		}
	}
	c.Freeze()
	for i, s := range seqs {
		c.Emissions(s.Feats, em)
		if !slices.Equal(em, before[i]) {
			t.Fatalf("sequence %d: frozen emissions %v, want %v", i, em, before[i])
		}
	}
	again := TrainChain(seqs, 2, allowAll, 5, 1, 1)
	if !slices.Equal(again.W, c.W) {
		t.Error("training twice gave different weights")
	}
}

func TestMultiFreezeKeepsScores(t *testing.T) {
	var insts []Instance
	for i := 0; i < 30; i++ {
		insts = append(insts, Instance{Feats: []uint64{uint64(i % 3), 50 + uint64(i%5)}, Gold: uint8(i % 3)})
	}
	m := AverageMulti([]*Multi{TrainMulti(insts, 3, 4, 1, 1), TrainMulti(insts, 3, 4, 2, 1)})
	out := make([]float32, 3)
	var before [][]float32
	for _, in := range insts {
		m.Scores(in.Feats, out)
		before = append(before, slices.Clone(out))
		if Argmax(out) != int(in.Gold) {
			t.Fatalf("%v: class %d, want %d", in.Feats, Argmax(out), in.Gold)
		}
	}
	m.Freeze()
	for i, in := range insts {
		m.Scores(in.Feats, out)
		if !slices.Equal(out, before[i]) {
			t.Fatalf("instance %d: frozen scores %v, want %v", i, out, before[i])
		}
	}
}

// TestFreezeRowsKeepsScores: a model laid out from rows (as model files
// are read) scores as the same model frozen from its map.
func TestFreezeRowsKeepsScores(t *testing.T) {
	var insts []Instance
	for i := 0; i < 30; i++ {
		insts = append(insts, Instance{Feats: []uint64{uint64(i % 3), 50 + uint64(i%5), 1 << 40}, Gold: uint8(i % 3)})
	}
	m := TrainMulti(insts, 3, 4, 1, 1)
	hashes := make([]uint64, len(m.Index))
	w := make([]float32, len(m.W))
	for h, r := range m.Index {
		hashes[r] = h
		copy(w[int(r)*3:], m.W[int(r)*3:int(r+1)*3])
	}
	m.Freeze()
	rows := &Multi{NClasses: 3}
	rows.FreezeRows(hashes, w)
	a, b := make([]float32, 3), make([]float32, 3)
	for i, in := range insts {
		m.Scores(append(in.Feats, 999), a)
		rows.Scores(append(in.Feats, 999), b)
		if !slices.Equal(a, b) {
			t.Fatalf("instance %d: rows scores %v, map scores %v", i, b, a)
		}
	}
	if rows.Index != nil {
		t.Error("a model frozen from rows keeps no index")
	}
}
