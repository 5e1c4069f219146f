package fulltext

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBiwordsEqualPositions checks phrases of two common words, read
// from their pair lists, against the same phrases matched by positions
// (an index that makes no pair lists): the same hits, score for score,
// and the same totals, as the index grows past the choices of common
// words, with changed and deleted articles, and after a snapshot.
func TestBiwordsEqualPositions(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	x, ref := New(), New()
	ref.commonOff = true
	put := func(d Doc) { x.Put(d); ref.Put(d) }
	for _, d := range versionedDocs(r, 2200, 13, 3) {
		put(d)
	}
	check := func(x *Index, what string) {
		t.Helper()
		if len(x.common) == 0 || len(x.biwords) == 0 {
			t.Fatalf("%s: no common words (%d) or pair lists (%d)", what, len(x.common), len(x.biwords))
		}
		words := []string{"ceasefire", "talks", "border", "trade", "genève", "water", "keller", "日本"}
		compared, viaPairs := 0, 0
		for _, a := range words {
			for _, b := range words {
				for _, cols := range []uint8{TitleText, TitleOnly, SpeakersOnly, EntitiesOnly} {
					q := &Phrase{Text: a + " " + b, Cols: cols}
					for _, latest := range []bool{false, true} {
						for _, limit := range []int{0, 5} {
							for _, qq := range []Node{q, &And{Must: []Node{q, &Phrase{Text: "water", Cols: TitleText}}}, &Or{Any: []Node{q, &Phrase{Text: "fuel", Cols: TitleText}}}} {
								opts := Options{K: 20, Latest: latest, CountLimit: limit}
								got, err := x.Search(qq, opts)
								if err != nil {
									t.Fatal(err)
								}
								want, err := ref.Search(qq, opts)
								if err != nil {
									t.Fatal(err)
								}
								if got.Total != want.Total || got.TotalCapped != want.TotalCapped || !slices.Equal(got.Hits, want.Hits) {
									t.Errorf("%s: %s latest %v limit %d: %d %v, by positions %d %v", what, fts5Expr(qq), latest, limit,
										got.Total, got.Hits[:min(3, len(got.Hits))], want.Total, want.Hits[:min(3, len(want.Hits))])
								}
								compared += len(want.Hits)
							}
						}
					}
					if x.biwordsOf([]string{a, b}) != nil {
						viaPairs++
					}
				}
			}
		}
		if compared < 2000 || viaPairs < 100 {
			t.Fatalf("%s: %d hits compared, %d phrases read from pair lists", what, compared, viaPairs)
		}
	}
	check(x, "as added")
	for i := 7; i < 2200; i += 17 {
		put(testDoc(r, int64(i)))
	}
	for _, id := range []int64{9, 90, 900, 1999} {
		x.Delete(id)
		ref.Delete(id)
	}
	check(x, "changed")
	var buf bytes.Buffer
	if err := x.WriteSnapshot(&buf, "test"); err != nil {
		t.Fatal(err)
	}
	y, _, err := ReadSnapshot(&buf)
	if err != nil {
		t.Fatal(err)
	}
	check(y, "from a snapshot")
	if fmt.Sprint(len(y.common)) != fmt.Sprint(len(x.common)) {
		t.Errorf("common words: %d from the snapshot, %d", len(y.common), len(x.common))
	}
}
