package dedup

import (
	"encoding/binary"
	"hash/fnv"
	"unicode"
	"unicode/utf8"
)

// Options configures a Hasher. The zero value applies the defaults.
type Options struct {
	// Shingle is the number of words per shingle. Zero means 5.
	Shingle int
	// Hashes is the signature length. Zero means 100. It must be a
	// multiple of Bands.
	Hashes int
	// Bands is the number of LSH bands. Zero means 25.
	Bands int
	// Threshold is the estimated Jaccard similarity at which two texts are
	// near-duplicates. Zero means 0.5.
	Threshold float64
}

// The defaults of Options.
const (
	DefaultShingle   = 5
	DefaultHashes    = 100
	DefaultBands     = 25
	DefaultThreshold = 0.5
)

func (o Options) applyDefaults() Options {
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	if o.Hashes <= 0 {
		o.Hashes = DefaultHashes
	}
	if o.Bands <= 0 || o.Bands > o.Hashes || o.Hashes%o.Bands != 0 {
		o.Bands = DefaultBands
		if o.Hashes%o.Bands != 0 {
			o.Bands = 1
		}
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	return o
}

// Hasher computes MinHash signatures and LSH band keys. It is immutable
// and safe for concurrent use. Two Hashers with the same Options give the
// same signatures (the hash functions are derived from a fixed seed), so
// stored signatures stay comparable across runs.
type Hasher struct {
	opts Options
	a, b []uint64
}

// New returns a Hasher.
func New(opts Options) *Hasher {
	opts = opts.applyDefaults()
	h := &Hasher{opts: opts, a: make([]uint64, opts.Hashes), b: make([]uint64, opts.Hashes)}
	state := uint64(0x6e657773677261) // fixed seed: "newsgra"
	for i := range opts.Hashes {
		h.a[i] = splitmix(&state) | 1
		h.b[i] = splitmix(&state)
	}
	return h
}

// Options returns the options in effect (defaults applied).
func (h *Hasher) Options() Options { return h.opts }

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccd
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53
	return z ^ (z >> 33)
}

// Words returns the 64-bit hashes of the text's words: maximal runs of
// letters and digits, lower-cased.
func Words(text string) []uint64 {
	var out []uint64
	var buf [64]byte
	word := buf[:0]
	flush := func() {
		if len(word) > 0 {
			f := fnv.New64a()
			f.Write(word)
			out = append(out, f.Sum64())
			word = buf[:0]
		}
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	return out
}

// Shingles returns the hashes of the text's word shingles (duplicates
// kept). A text shorter than one shingle is one shingle; an empty text has
// none.
func (h *Hasher) Shingles(text string) []uint64 {
	words := Words(text)
	k := h.opts.Shingle
	if len(words) == 0 {
		return nil
	}
	if len(words) < k {
		k = len(words)
	}
	out := make([]uint64, 0, len(words)-k+1)
	for i := 0; i+k <= len(words); i++ {
		var s uint64 = uint64(k)
		for _, w := range words[i : i+k] {
			s = mix64(s*0x100000001b3 ^ w)
		}
		out = append(out, s)
	}
	return out
}

// Signature returns the text's MinHash signature, nil for a text without
// words.
func (h *Hasher) Signature(text string) []uint32 {
	sh := h.Shingles(text)
	if len(sh) == 0 {
		return nil
	}
	sig := make([]uint32, h.opts.Hashes)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, x := range sh {
		for i := range sig {
			v := uint32((h.a[i]*x + h.b[i]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Bands returns the LSH band keys of a signature: one per band, the band
// number mixed in so equal values in different bands do not collide.
func (h *Hasher) Bands(sig []uint32) []int64 {
	if len(sig) != h.opts.Hashes {
		return nil
	}
	r := h.opts.Hashes / h.opts.Bands
	out := make([]int64, h.opts.Bands)
	var buf [4]byte
	for b := range out {
		f := fnv.New64a()
		binary.LittleEndian.PutUint32(buf[:], uint32(b))
		f.Write(buf[:])
		for _, v := range sig[b*r : (b+1)*r] {
			binary.LittleEndian.PutUint32(buf[:], v)
			f.Write(buf[:])
		}
		out[b] = int64(f.Sum64())
	}
	return out
}

// Similarity estimates the Jaccard similarity of the texts behind two
// signatures: the share of positions where they agree. Signatures of
// different lengths have similarity 0.
func Similarity(a, b []uint32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Best returns the index of the signature among cands most similar to sig,
// and its similarity, if it reaches the threshold; ok is false otherwise.
func (h *Hasher) Best(sig []uint32, cands [][]uint32) (best int, sim float64, ok bool) {
	best = -1
	for i, c := range cands {
		if s := Similarity(sig, c); s >= h.opts.Threshold && s > sim {
			best, sim = i, s
		}
	}
	return best, sim, best >= 0
}
