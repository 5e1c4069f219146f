package dedup

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// words makes a deterministic made-up text of n words.
func words(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 3))
	syl := strings.Fields("ka lo mi ne ra tu se vo da pi gre stan mor fel cor bri tan sel ven dor")
	out := make([]string, n)
	for i := range out {
		out[i] = syl[r.IntN(len(syl))] + syl[r.IntN(len(syl))] + syl[r.IntN(len(syl))]
	}
	return out
}

// jaccard is the exact Jaccard similarity of two texts' shingle sets.
func jaccard(h *Hasher, a, b string) float64 {
	sa, sb := map[uint64]bool{}, map[uint64]bool{}
	for _, x := range h.Shingles(a) {
		sa[x] = true
	}
	for _, x := range h.Shingles(b) {
		sb[x] = true
	}
	inter := 0
	for x := range sa {
		if sb[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func edit(w []string, every int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 9))
	out := append([]string(nil), w...)
	for i := range out {
		if r.IntN(every) == 0 {
			out[i] = "zzq" + fmt.Sprint(r.IntN(1000))
		}
	}
	return out
}

func TestSignatureEstimatesJaccard(t *testing.T) {
	h := New(Options{})
	base := words(1, 400)
	for _, tc := range []struct {
		name  string
		other []string
	}{
		{"identical", base},
		{"1 in 50 words changed", edit(base, 50, 2)},
		{"1 in 15 words changed", edit(base, 15, 3)},
		{"first half only", base[:200]},
		{"unrelated", words(4, 400)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := strings.Join(base, " "), strings.Join(tc.other, " ")
			exact := jaccard(h, a, b)
			est := Similarity(h.Signature(a), h.Signature(b))
			// 100 hashes: standard error ≤ 0.05; allow 3σ.
			if d := est - exact; d > 0.15 || d < -0.15 {
				t.Errorf("estimate %.2f, exact %.2f", est, exact)
			}
		})
	}
}

func TestNearDuplicatesShareABand(t *testing.T) {
	h := New(Options{})
	for seed := range uint64(20) {
		base := words(100+seed, 300)
		a := strings.Join(base, " ")
		b := "UPDATED: " + strings.Join(edit(base, 40, seed), " ") + " This story was updated."
		c := strings.Join(words(200+seed, 300), " ")
		ba, bb, bc := h.Bands(h.Signature(a)), h.Bands(h.Signature(b)), h.Bands(h.Signature(c))
		share := func(x, y []int64) bool {
			for i := range x {
				if x[i] == y[i] {
					return true
				}
			}
			return false
		}
		if !share(ba, bb) {
			t.Errorf("seed %d: a lightly edited copy shares no band", seed)
		}
		if share(ba, bc) {
			t.Errorf("seed %d: unrelated texts share a band", seed)
		}
		if _, _, ok := h.Best(h.Signature(b), [][]uint32{h.Signature(c), h.Signature(a)}); !ok {
			t.Errorf("seed %d: copy not recognised", seed)
		}
	}
}

func TestSignatureEdgeCases(t *testing.T) {
	h := New(Options{})
	if h.Signature("") != nil || h.Signature(" ,.; ") != nil {
		t.Error("text without words has a signature")
	}
	short := h.Signature("Three word title")
	if len(short) != DefaultHashes {
		t.Fatalf("short text: signature of %d", len(short))
	}
	if Similarity(short, h.Signature("three WORD title!")) != 1 {
		t.Error("case and punctuation change the signature")
	}
	if Similarity(short, short[:10]) != 0 {
		t.Error("signatures of different lengths compared")
	}
	// The signature is a function of the options only: stored signatures
	// stay comparable across processes.
	if Similarity(New(Options{}).Signature("the same text again and again"), h.Signature("the same text again and again")) != 1 {
		t.Error("two hashers disagree")
	}
	if o := New(Options{Hashes: 64, Bands: 7}).Options(); o.Hashes%o.Bands != 0 {
		t.Errorf("bands %d do not divide hashes %d", o.Bands, o.Hashes)
	}
}

func BenchmarkSignature(b *testing.B) {
	h := New(Options{})
	text := strings.Join(words(7, 600), " ") // a typical article: 600 words
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		h.Bands(h.Signature(text))
	}
}

func BenchmarkBest(b *testing.B) {
	h := New(Options{})
	sig := h.Signature(strings.Join(words(8, 600), " "))
	cands := make([][]uint32, 50)
	for i := range cands {
		cands[i] = h.Signature(strings.Join(words(uint64(20+i), 600), " "))
	}
	for b.Loop() {
		h.Best(sig, cands)
	}
}
