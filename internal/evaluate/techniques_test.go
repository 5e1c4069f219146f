package evaluate

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestReadPTCLabels(t *testing.T) {
	ls, err := ReadPTCLabels(strings.NewReader("111\t265\t323\n\n111\tDoubt\t149\t157\r\n222\t?\t0\t4\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []PTCLabel{{"111", "", 265, 323}, {"111", "Doubt", 149, 157}, {"222", "?", 0, 4}}
	if len(ls) != len(want) {
		t.Fatalf("got %v", ls)
	}
	for i := range want {
		if ls[i] != want[i] {
			t.Errorf("line %d: %+v, want %+v", i, ls[i], want[i])
		}
	}
	for _, bad := range []string{"111\t5\n", "111\tx\t5\n", "111\t9\t5\n", "111\t-1\t5\n", "a\tb\tc\td\te\n"} {
		if _, err := ReadPTCLabels(strings.NewReader(bad)); !errors.Is(err, ErrPTCLabels) {
			t.Errorf("%q: err %v, want ErrPTCLabels", bad, err)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The SI metric of Da San Martino et al. (2019), computed by hand.
func TestScoreSI(t *testing.T) {
	gold := []PTCLabel{
		{"a", "Loaded_Language", 0, 10}, {"a", "Doubt", 5, 15}, // merged to [0,15)
		{"a", "Repetition", 20, 30},
	}
	pred := []PTCLabel{{"a", "", 0, 5}, {"a", "", 25, 35}, {"b", "", 0, 4}}
	s := ScoreSI(gold, pred)
	// P = (5/5 + 5/10 + 0) / 3; R = (5/15 + 5/10) / 2
	p, r := 1.5/3, (1.0/3+0.5)/2
	if !near(s.Precision, p) || !near(s.Recall, r) || !near(s.F1, 2*p*r/(p+r)) {
		t.Errorf("got P %v R %v F1 %v, want %v %v %v", s.Precision, s.Recall, s.F1, p, r, 2*p*r/(p+r))
	}
	if s.Predicted != 3 || s.Gold != 2 {
		t.Errorf("counts %d predicted %d gold, want 3 and 2", s.Predicted, s.Gold)
	}
	if !near(s.TechniqueRecall["Loaded_Language"], 0.5) || !near(s.TechniqueRecall["Doubt"], 0) || !near(s.TechniqueRecall["Repetition"], 0.5) {
		t.Errorf("technique recall %v", s.TechniqueRecall)
	}
	if z := ScoreSI(gold, nil); z.F1 != 0 || z.Recall != 0 {
		t.Errorf("no predictions: %+v", z)
	}
	if one := ScoreSI(gold, gold); !near(one.F1, 1) {
		t.Errorf("gold against itself: F1 %v", one.F1)
	}
}

func TestScoreTC(t *testing.T) {
	gold := []PTCLabel{
		{"a", "Loaded_Language", 0, 5}, {"a", "Name_Calling,Labeling", 0, 5},
		{"a", "Doubt", 10, 20}, {"b", "Repetition", 1, 2},
	}
	pred := []PTCLabel{
		{"a", "Loaded_Language", 0, 5}, {"a", "Loaded_Language", 0, 5}, // right once only
		{"a", "Doubt", 10, 20}, {"b", "Slogans", 1, 2},
	}
	s := ScoreTC(gold, pred)
	if s.Micro.TP != 2 || !near(s.Micro.F1, 0.5) || !near(s.Micro.Precision, 0.5) || !near(s.Micro.Recall, 0.5) {
		t.Errorf("micro %+v", s.Micro)
	}
	ll := s.Per["Loaded_Language"]
	if ll.TP != 1 || ll.FP != 1 || ll.FN != 0 || !near(ll.F1, 2*0.5/1.5) {
		t.Errorf("Loaded_Language %+v", ll)
	}
	if nc := s.Per["Name_Calling,Labeling"]; nc.FN != 1 || nc.F1 != 0 {
		t.Errorf("Name_Calling %+v", nc)
	}
	if sl := s.Per["Slogans"]; sl.FP != 1 || sl.Gold != 0 {
		t.Errorf("Slogans %+v", sl)
	}
	if got := s.Techniques(); len(got) != 5 || got[0] != "Doubt" {
		t.Errorf("techniques %v", got)
	}
}
