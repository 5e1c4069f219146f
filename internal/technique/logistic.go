package technique

import (
	"math"
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// logisticOptions control trainLogistic.
type logisticOptions struct {
	Epochs int     // passes over the data
	Rate   float32 // AdaGrad learning rate
	L2     float32 // weight decay of the features an update touches
	Seed   uint64
	// Scale multiplies the weights at the end, so that they are as large
	// as a perceptron's and survive the pruning of Save.
	Scale float32
}

// trainLogistic trains a multinomial logistic regression (softmax over
// linear scores) by stochastic gradient descent with AdaGrad steps, in an
// order shuffled by the seed, and returns it as a perceptron.Multi (the
// same linear scores). Its weights move by how wrong the probabilities
// are, not only on mistakes, which suits classes with few examples better
// than a perceptron. Deterministic for the same inputs.
func trainLogistic(insts []perceptron.Instance, nClasses int, o logisticOptions) *perceptron.Multi {
	m := &perceptron.Multi{NClasses: nClasses, Index: map[uint64]int32{}}
	rows := make([][]int32, len(insts))
	for i, in := range insts {
		for _, h := range in.Feats {
			r, ok := m.Index[h]
			if !ok {
				r = int32(len(m.Index))
				m.Index[h] = r
			}
			rows[i] = append(rows[i], r)
		}
	}
	C := nClasses
	m.W = make([]float32, len(m.Index)*C)
	g2 := make([]float32, len(m.W))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x10915))
	sc := make([]float32, C)
	grad := make([]float32, C)
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			in := &insts[k]
			for c := range sc {
				sc[c] = 0
			}
			for _, r := range rows[k] {
				for c, v := range m.W[int(r)*C : int(r+1)*C] {
					sc[c] += v
				}
			}
			mx := sc[perceptron.Argmax(sc)]
			var sum float32
			for c, v := range sc {
				sc[c] = float32(math.Exp(float64(v - mx)))
				sum += sc[c]
			}
			wt := in.Weight
			if wt == 0 {
				wt = 1
			}
			for c := range grad {
				grad[c] = sc[c] / sum
				if c == int(in.Gold) {
					grad[c]--
				}
				grad[c] *= wt
			}
			for _, r := range rows[k] {
				base := int(r) * C
				for c, g := range grad {
					i := base + c
					g += o.L2 * m.W[i]
					g2[i] += g * g
					m.W[i] -= o.Rate * g / float32(math.Sqrt(float64(g2[i])+1e-8))
				}
			}
		}
	}
	for i := range m.W {
		m.W[i] *= o.Scale
	}
	return m
}
