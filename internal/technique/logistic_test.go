package technique

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// TestTrainLogistic: a rare class marked by one feature is learned beside
// a frequent one, the prediction follows the marking feature, and the
// same data gives the same weights.
func TestTrainLogistic(t *testing.T) {
	var insts []perceptron.Instance
	for i := range 60 {
		in := perceptron.Instance{Feats: []uint64{1, uint64(10 + i%7)}}
		if i%6 == 0 {
			in.Feats = append(in.Feats, 2)
			in.Gold = 1
		}
		insts = append(insts, in)
	}
	o := logisticOptions{Epochs: 10, Rate: 0.1, L2: 1e-4, Seed: 3, Scale: 100}
	m := trainLogistic(insts, 2, o)
	sc := make([]float32, 2)
	m.Scores([]uint64{1, 12}, sc)
	if perceptron.Argmax(sc) != 0 {
		t.Errorf("unmarked instance scored %v, want class 0", sc)
	}
	m.Scores([]uint64{1, 12, 2}, sc)
	if perceptron.Argmax(sc) != 1 {
		t.Errorf("marked instance scored %v, want class 1", sc)
	}
	if again := trainLogistic(insts, 2, o); !slices.Equal(m.W, again.W) {
		t.Error("two trainings on the same data gave different weights")
	}
}
