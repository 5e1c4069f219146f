package evaluate

import (
	"math"
	"testing"
)

func TestCompareShingles(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		want        ShingleCounts
	}{
		{"identical", "one two three four five", "one, two; three four five!", ShingleCounts{TP: 2, Exact: true}},
		{"extra chrome", "one two three four", "menu one two three four", ShingleCounts{TP: 1, FP: 1}},
		{"missing tail", "a b c d e", "a b c d", ShingleCounts{TP: 1, FN: 1}},
		{"short texts", "a b", "a b", ShingleCounts{TP: 1, Exact: true}},
		{"empty prediction", "a b c d", "", ShingleCounts{FN: 1}},
		{"soft hyphen removed", "extraction works well here", "extrac\u00adtion works well here", ShingleCounts{TP: 1, Exact: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompareShingles(tt.truth, tt.pred); got != tt.want {
				t.Errorf("CompareShingles(%q, %q) = %+v, want %+v", tt.truth, tt.pred, got, tt.want)
			}
		})
	}
}

func TestScoreExtractionMacroAverage(t *testing.T) {
	s := ScoreExtraction([]ShingleCounts{
		{TP: 1, FP: 1},        // P 0.5, R 1
		{TP: 0, FP: 0, FN: 2}, // P undefined (skipped), R 0
		{TP: 3, Exact: true},  // perfect
	})
	if math.Abs(s.Precision-0.75) > 1e-9 || math.Abs(s.Recall-2.0/3) > 1e-9 {
		t.Fatalf("P=%v R=%v, want 0.75 and 0.667", s.Precision, s.Recall)
	}
	want := 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0/3)
	if math.Abs(s.F1-want) > 1e-9 || math.Abs(s.Accuracy-1.0/3) > 1e-9 {
		t.Fatalf("F1=%v acc=%v", s.F1, s.Accuracy)
	}
}
