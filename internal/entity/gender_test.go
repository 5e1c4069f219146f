package entity

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

func TestNameTable(t *testing.T) {
	nt, err := NewNameTable(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if nt.Len() < 40000 {
		t.Errorf("table has %d names, want ≥ 40000", nt.Len())
	}
	for _, tc := range []struct {
		name string
		want article.Gender
	}{
		{"Maria", article.Female},
		{"maria", article.Female},
		{"John", article.Male},
		{"Jordan", article.GenderUnknown}, // ambiguous
		{"Taylor", article.GenderUnknown},
		{"Zorvath", article.GenderUnknown}, // absent
		{"", article.GenderUnknown},
	} {
		if got := nt.Gender(tc.name); got != tc.want {
			t.Errorf("Gender(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestNameTableBirths(t *testing.T) {
	nt, err := NewNameTable(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := nt.Births("JOHN"); b < 1000000 {
		t.Errorf("Births(JOHN) = %d, want over a million", b)
	}
	if b := nt.Births("Zorvath"); b != 0 {
		t.Errorf("Births(Zorvath) = %d, want 0", b)
	}
	var none *NameTable
	if none.Births("John") != 0 {
		t.Error("a nil table knows John")
	}
}

func TestNameTableHyphen(t *testing.T) {
	nt, err := NewNameTable(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A hyphenated name absent from the table is judged by its first part.
	if _, ok := nt.counts["anna-zorvath"]; ok {
		t.Skip("unexpected entry")
	}
	if got, want := nt.Gender("Anna-Zorvath"), nt.Gender("Anna"); got != want || got != article.Female {
		t.Errorf("Gender(Anna-Zorvath) = %s, Gender(Anna) = %s, want female", got, want)
	}
}

func TestNameTableThresholds(t *testing.T) {
	// Kim is about 84% female in 1940–2024: unknown at 0.9, female at 0.8.
	strict, _ := NewNameTable(0, 0.9)
	loose, _ := NewNameTable(0, 0.8)
	if g := strict.Gender("Kim"); g != article.GenderUnknown {
		t.Errorf("strict Gender(Kim) = %s", g)
	}
	if g := loose.Gender("Kim"); g != article.Female {
		t.Errorf("loose Gender(Kim) = %s", g)
	}
	// A name below the births floor is unknown.
	rare, _ := NewNameTable(1<<30, 0)
	if g := rare.Gender("John"); g != article.GenderUnknown {
		t.Errorf("Gender(John) with a huge floor = %s", g)
	}
}

func TestFirstName(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"Vladimir", "Putin"}, "Vladimir"},
		{[]string{"J.", "K.", "Rowling"}, ""},
		{[]string{"Putin"}, ""},
		{[]string{"A", "Smith"}, ""},
	} {
		if got := firstName(tc.words); got != tc.want {
			t.Errorf("firstName(%q) = %q, want %q", tc.words, got, tc.want)
		}
	}
}
