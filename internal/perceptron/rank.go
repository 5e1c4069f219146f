package perceptron

import "math/rand/v2"

// A RankInstance is one choice among candidates: the hashed features of
// each candidate and which candidates are right.
type RankInstance struct {
	Feats  [][]uint64
	Right  []bool
	Weight float32 // scales the instance's updates; 0 means 1
}

// TrainRank is an averaged ranking perceptron: for each instance the
// highest-scoring candidate is predicted; when it is wrong, the weights
// move toward the highest-scoring right candidate and away from it. It
// returns the averaged weight of each feature seen at least minCount
// times, features numbered in order of first appearance (the index a
// Multi with one class takes). Epochs pass over insts in an order
// shuffled by seed. Deterministic for the same inputs.
func TrainRank(insts []RankInstance, epochs int, seed uint64, minCount int) (map[uint64]int32, []float32) {
	index := countedIndex(func(yield func([]uint64)) {
		for _, in := range insts {
			for _, fs := range in.Feats {
				yield(fs)
			}
		}
	}, minCount)
	w := make([]float32, len(index))
	acc := make([]float32, len(w))
	score := func(fs []uint64) float32 {
		s := float32(0)
		for _, h := range fs {
			if r, ok := index[h]; ok {
				s += w[r]
			}
		}
		return s
	}
	t := float32(1)
	add := func(fs []uint64, v float32) {
		for _, h := range fs {
			if r, ok := index[h]; ok {
				w[r] += v
				acc[r] += t * v
			}
		}
	}
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x5bea4e))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			in := &insts[k]
			v := in.Weight
			if v == 0 {
				v = 1
			}
			pred, gold := -1, -1
			var ps, gs float32
			for c, fs := range in.Feats {
				s := score(fs)
				if pred < 0 || s > ps {
					pred, ps = c, s
				}
				if in.Right[c] && (gold < 0 || s > gs) {
					gold, gs = c, s
				}
			}
			if !in.Right[pred] {
				add(in.Feats[gold], v)
				add(in.Feats[pred], -v)
			}
			t++
		}
	}
	for i := range w {
		w[i] -= acc[i] / t
	}
	return index, w
}

// countedIndex numbers the features each yields that are seen at least
// minCount times, in order of first appearance, so that training is
// deterministic.
func countedIndex(each func(yield func(fs []uint64)), minCount int) map[uint64]int32 {
	counts := map[uint64]int32{}
	each(func(fs []uint64) {
		for _, h := range fs {
			counts[h]++
		}
	})
	index := map[uint64]int32{}
	each(func(fs []uint64) {
		for _, h := range fs {
			if _, ok := index[h]; !ok && int(counts[h]) >= minCount {
				index[h] = int32(len(index))
			}
		}
	})
	return index
}
