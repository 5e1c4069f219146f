package evaluate

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []Chunk
	}{
		{"iob2", []string{"B-PER", "I-PER", "O", "B-LOC"}, []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"adjacent same type", []string{"B-PER", "B-PER"}, []Chunk{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"I after O starts a chunk", []string{"O", "I-ORG", "I-ORG"}, []Chunk{{1, 3, "ORG"}}},
		{"type change", []string{"B-ORG", "I-LOC"}, []Chunk{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"none", []string{"O", "O"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Chunks(tc.tags); !slices.Equal(got, tc.want) {
				t.Errorf("Chunks(%v) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
}

func TestScoreCoNLL(t *testing.T) {
	gold := [][]string{{"B-PER", "I-PER", "O", "B-LOC"}, {"B-ORG", "O"}}
	pred := [][]string{{"B-PER", "O", "O", "B-LOC"}, {"B-ORG", "B-MISC"}}
	s, err := ScoreCoNLL(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	// gold 3 chunks, predicted 4, correct 2 (LOC, ORG).
	if s.Overall.TP != 2 || s.Overall.Gold != 3 || s.Overall.Predicted != 4 {
		t.Fatalf("counts = %+v", s.Overall)
	}
	wantF := 2 * (0.5 * (2.0 / 3)) / (0.5 + 2.0/3)
	if math.Abs(s.Overall.F1-wantF) > 1e-9 {
		t.Errorf("F1 = %v, want %v", s.Overall.F1, wantF)
	}
	if s.ByType["PER"].TP != 0 || s.ByType["PER"].FN != 1 || s.ByType["MISC"].FP != 1 {
		t.Errorf("by type = %+v", s.ByType)
	}
	if s.Tokens != 6 || s.Correct != 4 {
		t.Errorf("tokens %d correct %d", s.Tokens, s.Correct)
	}
	if _, err := ScoreCoNLL(gold, pred[:1]); !errors.Is(err, ErrTagCount) {
		t.Errorf("length mismatch: err = %v", err)
	}
}
