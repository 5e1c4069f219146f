package english

import "testing"

func TestReportingVerbs(t *testing.T) {
	m := ReportingVerbs()
	for _, w := range []string{"says", "said", "saying", "told", "admitted", "denies", "denied", "argued", "notes", "wrote", "written", "insisting", "acknowledged"} {
		if m.Get(w) == 0 {
			t.Errorf("%q is not a cue", w)
		}
	}
	for _, w := range []string{"table", "walked", "the"} {
		if m.Get(w) != 0 {
			t.Errorf("%q is a cue", w)
		}
	}
	if m.Get("point")&CueSpeech != 0 {
		t.Error(`"point" alone is a speech cue`)
	}
}

func TestReadOnly(t *testing.T) {
	// Each call returns the same data; there is no way to change it.
	if !NameTitles().Has("mr") || NameTitles().Len() == 0 {
		t.Error("NameTitles lacks mr")
	}
	if g, ok := PronounGenders().Lookup("she"); !ok || g == "" {
		t.Error("she has no gender")
	}
	if c := Countries().Get("us"); c != "United States" {
		t.Errorf("us = %q", c)
	}
}
