package fulltext

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSearchWordsEqualsExhaustive checks the pruned path of And and Or of
// words (searchWords) against scoring every match (a Keep that keeps
// everything forces that): the same hits, score for score, and the total
// exact up to the count limit, capped above it; with dead documents and
// superseded versions.
func TestSearchWordsEqualsExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x := New()
	for _, d := range versionedDocs(r, 3000, 11, 5) {
		x.Put(d)
	}
	check := func(what string) {
		t.Helper()
		tt := func(s string, cols uint8) *Phrase { return &Phrase{Text: s, Cols: cols} }
		pruned, compared := 0, 0
		words := []string{"ceasefire", "talks", "border", "water", "bank", "keller", "aleppo", "日本", "nosuch"}
		for i, a := range words {
			for _, b := range words[i:] {
				for _, cols := range []uint8{TitleText, TitleOnly, SpeakersOnly} {
					for _, q := range []Node{
						&And{Must: []Node{tt(a, cols), tt(b, TitleText)}},
						&Or{Any: []Node{tt(a, cols), tt(b, TitleText)}},
						&Or{Any: []Node{tt(a, TitleText), tt(b, cols), tt("fuel", TitleText)}},
					} {
						for _, latest := range []bool{false, true} {
							for _, limit := range []int{1, 10, 200, 100000} {
								for _, k := range []int{1, 20} {
									name := fmt.Sprintf("%s: %s latest %v limit %d k %d", what, fts5Expr(q), latest, limit, k)
									fast, err := x.Search(q, Options{K: k, Latest: latest, CountLimit: limit})
									if err != nil {
										t.Fatal(err)
									}
									slow, err := x.Search(q, Options{K: k, Latest: latest, Keep: func(int64) bool { return true }})
									if err != nil {
										t.Fatal(err)
									}
									want, capped := slow.Total, false
									if want > limit {
										want, capped = limit+1, true
									}
									if fast.Total != want || fast.TotalCapped != capped || !slices.Equal(fast.Hits, slow.Hits) {
										t.Errorf("%s: total %d (capped %v) %v, exhaustive %d %v", name, fast.Total, fast.TotalCapped,
											fast.Hits[:min(3, len(fast.Hits))], slow.Total, slow.Hits[:min(3, len(slow.Hits))])
									}
									if capped {
										pruned++
									}
									compared += len(slow.Hits)
									noTotal, err := x.Search(q, Options{K: k, Latest: latest, NoTotal: true})
									if err != nil {
										t.Fatal(err)
									}
									if !slices.Equal(noTotal.Hits, slow.Hits) {
										t.Errorf("%s, no total: %v, exhaustive %v", name, noTotal.Hits[:min(3, len(noTotal.Hits))], slow.Hits[:min(3, len(slow.Hits))])
									}
								}
							}
						}
					}
				}
			}
		}
		if pruned < 500 || compared < 5000 {
			t.Fatalf("%s: only %d capped searches, %d hits compared", what, pruned, compared)
		}
	}
	check("as added")
	for i := 5; i < 3000; i += 29 {
		x.Put(testDoc(r, int64(i)))
	}
	x.Delete(8, 80, 800, 1234)
	check("with dead documents")
}
