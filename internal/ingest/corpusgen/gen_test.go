package corpusgen

import (
	"bytes"
	"testing"
)

func TestGenerateDeterministicWithPlantedCopies(t *testing.T) {
	run := func() ([]Page, map[string]int) {
		var pages []Page
		kinds := map[string]int{}
		err := Generate(Options{Pages: 400, Seed: 9}, func(p Page) error {
			pages = append(pages, p)
			kinds[p.Kind]++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return pages, kinds
	}
	a, kinds := run()
	b, _ := run()
	if len(a) != 400 || len(b) != 400 {
		t.Fatalf("%d and %d pages, want 400", len(a), len(b))
	}
	for i := range a {
		if a[i].URL != b[i].URL || !bytes.Equal(a[i].HTML, b[i].HTML) {
			t.Fatalf("page %d differs between runs with the same seed", i)
		}
	}
	if kinds[KindSyndicated] == 0 || kinds[KindEdited] == 0 || kinds[KindOriginal] < 250 {
		t.Errorf("kinds %v: want originals and both kinds of copies", kinds)
	}
	urls := map[string]bool{}
	for _, p := range a {
		if urls[p.URL] {
			t.Errorf("URL %s twice", p.URL)
		}
		urls[p.URL] = true
	}
}

func TestScore(t *testing.T) {
	truth := map[string]int{"a": 1, "b": 1, "c": 1, "d": 2, "e": 3}
	for _, tc := range []struct {
		name     string
		clusters map[string]int64
		p, r     float64
	}{
		{"perfect", map[string]int64{"a": 1, "b": 1, "c": 1, "d": 2, "e": 3}, 1, 1},
		{"one copy missed", map[string]int64{"a": 1, "b": 1, "c": 9, "d": 2, "e": 3}, 1, 1.0 / 3},
		{"wrong merge", map[string]int64{"a": 1, "b": 1, "c": 1, "d": 1, "e": 3}, 0.5, 1},
		{"all singletons", map[string]int64{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, r, _, _ := Score(truth, tc.clusters)
			if p != tc.p || r != tc.r {
				t.Errorf("P %.3f R %.3f, want %.3f %.3f", p, r, tc.p, tc.r)
			}
		})
	}
}

func TestWARCRoundTripTruth(t *testing.T) {
	var w, tr bytes.Buffer
	n, err := WriteWARC(&w, &tr, Options{Pages: 30, Seed: 1})
	if err != nil || n != 30 {
		t.Fatalf("%d, %v", n, err)
	}
	truth, err := ReadTruth(&tr)
	if err != nil || len(truth) != 30 {
		t.Fatalf("truth %d, %v", len(truth), err)
	}
	if !bytes.HasPrefix(w.Bytes(), []byte{0x1f, 0x8b}) {
		t.Error("WARC is not gzip")
	}
}
