package evaluate

import "testing"

func TestCompareSnippets(t *testing.T) {
	c := CompareSnippets("The  bridge\nreopened on Monday. Read more: ferries",
		[]string{"bridge reopened", "closed again"}, []string{"Read more:", "Subscribe"})
	if c != (SnippetCounts{TP: 1, FP: 1, FN: 1}) {
		t.Errorf("counts %+v", c)
	}
	p, r, f := c.PRF()
	if p != 0.5 || r != 0.5 || f != 0.5 {
		t.Errorf("P %v R %v F %v", p, r, f)
	}
}

func TestFieldMatch(t *testing.T) {
	tests := []struct {
		field, got, want string
		ok               bool
	}{
		{"title", " Bridge  Reopens", "bridge reopens", true},
		{"author", "Anna Kowalczyk; Marcus Reed", "anna kowalczyk; marcus reed", true},
		{"author", "Anna Kowalczyk", "anna kowalczyk; marcus reed", false},
		{"date", "2020-01-23T02:30:00+03:00", "2020-01-23", true},
		{"date", "2020-01-22", "2020-01-23", false},
	}
	for _, tt := range tests {
		if got := FieldMatch(tt.field, tt.got, tt.want); got != tt.ok {
			t.Errorf("FieldMatch(%s, %q, %q) = %v", tt.field, tt.got, tt.want, got)
		}
	}
}

func TestFold2Stable(t *testing.T) {
	n := [2]int{}
	for _, name := range []string{"0000.html.gz", "0001.html.gz", "0005.html.gz", "0006.html.gz", "0010.html.gz", "0011.html.gz", "0015.html.gz", "0016.html.gz"} {
		f := Fold2(name)
		if f != Fold2(name) || f < 0 || f > 1 {
			t.Fatalf("Fold2(%q) = %d", name, f)
		}
		n[f]++
	}
	if n[0] == 0 || n[1] == 0 {
		t.Errorf("eight names all in one fold: %v", n)
	}
}
