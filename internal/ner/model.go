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
	// gazLonger holds every phrase that a longer phrase of gaz starts
	// with (followed by a space): matching stops extending a phrase not
	// in it. Derived from gaz by each Tagger (indexGaz); nil in the Model.
	gazLonger map[string]struct{}
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

// indexGaz fills gazLonger from gaz.
func (r *resources) indexGaz() {
	r.gazLonger = map[string]struct{}{}
	for p := range r.gaz {
		for i := 0; i < len(p); i++ {
			if p[i] == ' ' {
				r.gazLonger[p[:i]] = struct{}{}
			}
		}
	}
}

// weights are one perceptron stage: per feature (hashes[r]) a row of
// numTags scores (w[r*numTags:]), and tag-transition scores. Taggers look
// rows up through a rowIndex built over all stages.
type weights struct {
	hashes []uint64
	w      []float32 // len(hashes) * numTags
	trans  [numTags + 1][numTags]float32
}

// maxStages is the most stages a model may have.
const maxStages = 2

// rowIndex finds a feature's rows in every stage of a model with one probe
// of an open-addressing table: a slot holds the feature hash and the
// feature's number, whose rows of all stages lie side by side in w (zeros
// where a stage has no row). A token's features are then looked up once
// for all stages, touching a slot and one run of weights each.
type rowIndex struct {
	slots  []indexSlot
	mask   uint64
	stages int
	w      []float32 // per feature, stages * numTags scores
}

type indexSlot struct {
	key uint64 // 0 = empty slot
	id  int32
}

func slotHash(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

func (x *rowIndex) start(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> 32 & x.mask }

// newRowIndex indexes the rows of every stage of m.
func newRowIndex(stages []*weights) *rowIndex {
	n := 0
	for _, st := range stages {
		n += len(st.hashes)
	}
	size := 1
	for size*3 < n*4 { // load under 3/4 with every feature in one stage only
		size <<= 1
	}
	x := &rowIndex{slots: make([]indexSlot, size), mask: uint64(size - 1), stages: len(stages)}
	// Number the features first, then lay out their rows.
	var slots [][]int32 // per stage, the slot of each row
	ids := int32(0)
	for _, st := range stages {
		ss := make([]int32, len(st.hashes))
		for r, h := range st.hashes {
			h = slotHash(h)
			i := x.start(h)
			for x.slots[i].key != 0 && x.slots[i].key != h {
				i = (i + 1) & x.mask
			}
			if x.slots[i].key == 0 {
				x.slots[i] = indexSlot{key: h, id: ids}
				ids++
			}
			ss[r] = int32(i)
		}
		slots = append(slots, ss)
	}
	stride := len(stages) * numTags
	x.w = make([]float32, int(ids)*stride)
	for s, st := range stages {
		for r, i := range slots[s] {
			copy(x.w[int(x.slots[i].id)*stride+s*numTags:], st.w[r*numTags:(r+1)*numTags])
		}
	}
	return x
}

// id returns the feature's number (its rows are w[id*stages*numTags:]),
// or -1.
func (x *rowIndex) id(h uint64) int32 {
	h = slotHash(h)
	for i := x.start(h); ; i = (i + 1) & x.mask {
		sl := &x.slots[i]
		if sl.key == h {
			return sl.id
		}
		if sl.key == 0 {
			return -1
		}
	}
}

// score adds the rows of feats in stages from to to-1 to em: stage s's
// numTags scores go to em[(s-from)*stride:].
func (x *rowIndex) score(feats []uint64, from, to int, em []float32, stride int) {
	// The probes come first, independent of each other, so that their
	// cache misses overlap; the sums follow in feature order.
	var idBuf [64]int32
	ids := idBuf[:0]
	for _, f := range feats {
		ids = append(ids, x.id(f))
	}
	width := x.stages * numTags
	for s := from; s < to; s++ {
		dst := (*[numTags]float32)(em[(s-from)*stride:])
		acc := *dst
		for _, id := range ids {
			if id < 0 {
				continue
			}
			row := (*[numTags]float32)(x.w[int(id)*width+s*numTags:])
			for k := range acc {
				acc[k] += row[k]
			}
		}
		*dst = acc
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
		for r, k := range st.hashes {
			keep := false
			for _, v := range st.w[int(r)*numTags : int(r)*numTags+numTags] {
				if math.Abs(float64(v)) >= prune {
					keep = true
				}
			}
			if keep {
				es = append(es, ent{k, int32(r)})
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
	if ns > maxStages {
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
		m.stages = append(m.stages, &weights{hashes: hashes, w: w, trans: trans})
	}
	if rerr != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, rerr)
	}
	if len(m.stages) == 0 {
		return nil, fmt.Errorf("%w: no weights", ErrBadModel)
	}
	return m, nil
}
