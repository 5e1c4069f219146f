package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// ErrBadModel is returned when a model file cannot be read.
var ErrBadModel = errors.New("ner: bad model file")

const modelMagic = "newsgraph-ner-1\n"

// resources are the word lists a model carries besides its weights.
type resources struct {
	// firstNames maps a lower-case first name to a frequency band 1..3,
	// and a surname learnt from unlabelled text (LearnSurnames) to
	// bandSurname.
	firstNames map[string]uint8
	// gaz maps an entity phrase (words joined by one space) to the bits
	// 1<<type of the types it was seen with.
	gaz       map[string]uint8
	gazMaxLen int
	// clusters maps a word to its distributional cluster at three
	// granularities (coarse, medium, fine).
	clusters map[string][3]uint16
	// capRatio maps a lower-case word to a band 0..4 of how often it is
	// capitalised when not sentence-initial in unlabelled news text.
	capRatio map[string]uint8
}

// bandSurname marks a surname in resources.firstNames.
const bandSurname = 4

func isFirstName(b uint8) bool { return b > 0 && b < bandSurname }

func (r *resources) lookupGaz(p string) uint8 { return r.gaz[p] }

// weights are one perceptron stage: per feature a row of numTags scores,
// and tag-transition scores. Feature rows live in an open-addressing hash
// table (keys, rows), which loads much faster than a Go map.
type weights struct {
	keys  []uint64 // 0 = empty slot
	rows  []int32
	w     []float32 // len(rows distinct) * numTags
	trans [numTags + 1][numTags]float32
}

func (wt *weights) row(h uint64) int32 {
	if h == 0 {
		h = 1
	}
	mask := uint64(len(wt.keys) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		k := wt.keys[i]
		if k == h {
			return wt.rows[i]
		}
		if k == 0 {
			return -1
		}
	}
}

// newWeights builds the table from feature hashes and their score rows.
func newWeights(hashes []uint64, w []float32) *weights {
	size := 1
	for size < len(hashes)*2 {
		size <<= 1
	}
	wt := &weights{keys: make([]uint64, size), rows: make([]int32, size), w: w}
	mask := uint64(size - 1)
	for r, h := range hashes {
		if h == 0 {
			h = 1
		}
		i := (h * 0x9E3779B97F4A7C15) >> 32 & mask
		for wt.keys[i] != 0 && wt.keys[i] != h {
			i = (i + 1) & mask
		}
		wt.keys[i] = h
		wt.rows[i] = int32(r)
	}
	return wt
}

// emissions fills em (len(features)*numTags) with the sum of feature rows.
func (wt *weights) score(feats []uint64, em []float32) {
	for k := range em {
		em[k] = 0
	}
	for _, f := range feats {
		r := wt.row(f)
		if r < 0 {
			continue
		}
		row := wt.w[int(r)*numTags : int(r)*numTags+numTags]
		for k, v := range row {
			em[k] += v
		}
	}
}

// Model is a trained tagger: resources and one or two weight stages (the
// second uses the first stage's predictions elsewhere in the document).
type Model struct {
	res    resources
	stages []*weights
}

// SaveOptions control how a model is written.
type SaveOptions struct {
	// Prune drops weights whose magnitude is below it (default 0.02
	// of the stage's largest weight magnitude × 0.01, i.e. tiny ones).
	Prune float64
	// Quantum is the step weights are rounded to (default Prune/2).
	Quantum float64
}

// Save writes m gzip-compressed: weights below o.Prune are dropped and the
// rest rounded to multiples of o.Quantum.
func (m *Model) Save(w io.Writer, o SaveOptions) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	f32 := func(f float32) { binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(f)); bw.Write(buf[:4]) }
	sortedKeys := func(n int, each func(func(string))) []string {
		ks := make([]string, 0, n)
		each(func(k string) { ks = append(ks, k) })
		slices.Sort(ks)
		return ks
	}

	bw.WriteString(modelMagic)
	r := &m.res
	ks := sortedKeys(len(r.firstNames), func(f func(string)) {
		for k := range r.firstNames {
			f(k)
		}
	})
	uv(uint64(len(ks)))
	for _, k := range ks {
		str(k)
		uv(uint64(r.firstNames[k]))
	}
	ks = sortedKeys(len(r.gaz), func(f func(string)) {
		for k := range r.gaz {
			f(k)
		}
	})
	uv(uint64(r.gazMaxLen))
	uv(uint64(len(ks)))
	for _, k := range ks {
		str(k)
		uv(uint64(r.gaz[k]))
	}
	ks = sortedKeys(len(r.clusters), func(f func(string)) {
		for k := range r.clusters {
			f(k)
		}
	})
	uv(uint64(len(ks)))
	for _, k := range ks {
		str(k)
		c := r.clusters[k]
		uv(uint64(c[0]))
		uv(uint64(c[1]))
		uv(uint64(c[2]))
	}
	ks = sortedKeys(len(r.capRatio), func(f func(string)) {
		for k := range r.capRatio {
			f(k)
		}
	})
	uv(uint64(len(ks)))
	for _, k := range ks {
		str(k)
		uv(uint64(r.capRatio[k]))
	}

	uv(uint64(len(m.stages)))
	for _, st := range m.stages {
		prune, quantum := o.Prune, o.Quantum
		if prune <= 0 {
			prune = 0.01
		}
		if quantum <= 0 {
			quantum = prune / 2
		}
		f32(float32(quantum))
		for _, row := range st.trans {
			for _, v := range row {
				f32(v)
			}
		}
		type ent struct {
			h uint64
			r int32
		}
		var es []ent
		for i, k := range st.keys {
			if k == 0 {
				continue
			}
			r := st.rows[i]
			keep := false
			for _, v := range st.w[int(r)*numTags : int(r)*numTags+numTags] {
				if math.Abs(float64(v)) >= prune {
					keep = true
				}
			}
			if keep {
				es = append(es, ent{k, r})
			}
		}
		slices.SortFunc(es, func(a, b ent) int {
			if a.h < b.h {
				return -1
			}
			if a.h > b.h {
				return 1
			}
			return 0
		})
		uv(uint64(len(es)))
		var prev uint64
		for _, e := range es {
			uv(e.h - prev)
			prev = e.h
			row := st.w[int(e.r)*numTags : int(e.r)*numTags+numTags]
			var mask uint64
			var qs [numTags]int64
			for t, v := range row {
				if math.Abs(float64(v)) >= prune {
					qs[t] = int64(math.Round(float64(v) / quantum))
					if qs[t] != 0 {
						mask |= 1 << t
					}
				}
			}
			uv(mask)
			for t := range row {
				if mask&(1<<t) != 0 {
					bw.Write(buf[:binary.PutVarint(buf[:], qs[t])])
				}
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadModel reads a model written by Save.
func ReadModel(rd io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(rd)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	const maxCount = 1 << 26
	count := func() int {
		n := uv()
		if n > maxCount {
			if rerr == nil {
				rerr = errors.New("count out of range")
			}
			return 0
		}
		return int(n)
	}
	var sbuf []byte
	str := func() string {
		n := count()
		if n > 1<<16 {
			rerr = errors.New("string too long")
			return ""
		}
		sbuf = slices.Grow(sbuf[:0], n)[:n]
		if _, err := io.ReadFull(br, sbuf); err != nil && rerr == nil {
			rerr = err
		}
		return string(sbuf)
	}
	f32 := func() float32 {
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil && rerr == nil {
			rerr = err
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: not a newsgraph NER model", ErrBadModel)
	}
	m := &Model{}
	r := &m.res
	n := count()
	r.firstNames = make(map[string]uint8, n)
	for i := 0; i < n && rerr == nil; i++ {
		k := str()
		r.firstNames[k] = uint8(uv())
	}
	r.gazMaxLen = count()
	n = count()
	r.gaz = make(map[string]uint8, n)
	for i := 0; i < n && rerr == nil; i++ {
		k := str()
		r.gaz[k] = uint8(uv())
	}
	n = count()
	r.clusters = make(map[string][3]uint16, n)
	for i := 0; i < n && rerr == nil; i++ {
		k := str()
		r.clusters[k] = [3]uint16{uint16(uv()), uint16(uv()), uint16(uv())}
	}
	n = count()
	r.capRatio = make(map[string]uint8, n)
	for i := 0; i < n && rerr == nil; i++ {
		k := str()
		r.capRatio[k] = uint8(uv())
	}
	ns := count()
	if ns > 4 {
		return nil, fmt.Errorf("%w: %d stages", ErrBadModel, ns)
	}
	for s := 0; s < ns && rerr == nil; s++ {
		quantum := f32()
		var trans [numTags + 1][numTags]float32
		for i := range trans {
			for j := range trans[i] {
				trans[i][j] = f32()
			}
		}
		nf := count()
		hashes := make([]uint64, 0, nf)
		w := make([]float32, 0, nf*numTags)
		var h uint64
		for i := 0; i < nf && rerr == nil; i++ {
			h += uv()
			hashes = append(hashes, h)
			mask := uv()
			var row [numTags]float32
			for t := range row {
				if mask&(1<<t) != 0 {
					q, err := binary.ReadVarint(br)
					if err != nil && rerr == nil {
						rerr = err
					}
					row[t] = float32(q) * quantum
				}
			}
			w = append(w, row[:]...)
		}
		st := newWeights(hashes, w)
		st.trans = trans
		m.stages = append(m.stages, st)
	}
	if rerr != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, rerr)
	}
	if len(m.stages) == 0 {
		return nil, fmt.Errorf("%w: no weights", ErrBadModel)
	}
	return m, nil
}
