package technique

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"

	"github.com/newsgraph/newsgraph/internal/perceptron"
)

const modelMagic = "newsgraph-technique-2\n"

// ErrBadModel is returned for a model file that cannot be read.
var ErrBadModel = errors.New("bad technique model")

// SaveOptions control how a model is written.
type SaveOptions struct {
	// Prune drops feature rows whose weights are all smaller than it in
	// magnitude. Default 0.05.
	Prune float64
	// Quantum is the step weights are rounded to. Default Prune/2.
	Quantum float64
}

// Save writes m gzip-compressed, deterministic for a given model.
func (m *Model) Save(w io.Writer, o SaveOptions) error {
	if o.Prune <= 0 {
		o.Prune = 0.05
	}
	if o.Quantum <= 0 {
		o.Quantum = o.Prune / 2
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	for _, f := range []float32{m.Bias, m.temp} {
		binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(f))
		bw.Write(buf[:4])
	}
	words := make([]string, 0, len(m.clusters))
	for w := range m.clusters {
		words = append(words, w)
	}
	slices.Sort(words)
	uv(uint64(len(words)))
	for _, w := range words {
		uv(uint64(len(w)))
		bw.WriteString(w)
		uv(uint64(m.clusters[w]))
	}
	writeRows(bw, m.si.Index, m.si.W, m.si.NLabels, m.si.Trans, o)
	writeRows(bw, m.tc.Index, m.tc.W, m.tc.NClasses, nil, o)
	uv(uint64(len(m.bands)))
	for _, c := range m.bands {
		binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(c))
		bw.Write(buf[:4])
	}
	if m.sc != nil {
		writeRows(bw, m.sc.Index, m.sc.W, m.sc.NClasses, nil, o)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// writeRows writes a weight table: label count, quantum, transitions (if
// any), then the kept feature hashes (delta-coded) and their weights.
func writeRows(bw *bufio.Writer, index map[uint64]int32, w []float32, L int, trans [][]float32, o SaveOptions) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	f32 := func(f float32) { binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(f)); bw.Write(buf[:4]) }
	uv(uint64(L))
	f32(float32(o.Quantum))
	uv(uint64(len(trans)))
	for _, row := range trans {
		for _, v := range row {
			f32(v)
		}
	}
	perceptron.WriteRows(bw, index, w, L, o.Prune, o.Quantum)
}

// ReadModel reads a model written by Save.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: not a technique model", ErrBadModel)
	}
	var b4 [4]byte
	if _, err := io.ReadFull(br, b4[:]); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m := &Model{Bias: math.Float32frombits(binary.LittleEndian.Uint32(b4[:])), words: make(chan wordCache, runtime.GOMAXPROCS(0))}
	if _, err := io.ReadFull(br, b4[:]); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m.temp = math.Float32frombits(binary.LittleEndian.Uint32(b4[:]))
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<22 {
		return nil, fmt.Errorf("%w: clusters: %v", ErrBadModel, err)
	}
	if n > 0 {
		m.clusters = make(map[string]uint16, n)
	}
	for ; n > 0; n-- {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 256 {
			return nil, fmt.Errorf("%w: cluster word: %v", ErrBadModel, err)
		}
		w := make([]byte, l)
		if _, err := io.ReadFull(br, w); err != nil {
			return nil, fmt.Errorf("%w: cluster word: %v", ErrBadModel, err)
		}
		c, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: cluster: %v", ErrBadModel, err)
		}
		m.clusters[string(w)] = uint16(c)
	}
	L, trans, hashes, w, err := readRows(br)
	if err != nil || L != nTags || len(trans) != nTags+1 {
		return nil, fmt.Errorf("%w: span tagger: %v", ErrBadModel, err)
	}
	m.si = perceptron.NewChain(nTags, tagAllowed)
	m.si.Trans = trans
	m.si.FreezeRows(hashes, w)
	C, _, hashes, w, err := readRows(br)
	if err != nil || C != NumTechniques {
		return nil, fmt.Errorf("%w: classifier: %v", ErrBadModel, err)
	}
	m.tc = &perceptron.Multi{NClasses: C}
	m.tc.FreezeRows(hashes, w)
	nb, err := binary.ReadUvarint(br)
	if err != nil || nb > 64 {
		return nil, fmt.Errorf("%w: bands: %v", ErrBadModel, err)
	}
	if nb == 0 {
		return m, nil
	}
	for ; nb > 0; nb-- {
		if _, err := io.ReadFull(br, b4[:]); err != nil {
			return nil, fmt.Errorf("%w: bands: %v", ErrBadModel, err)
		}
		m.bands = append(m.bands, math.Float32frombits(binary.LittleEndian.Uint32(b4[:])))
	}
	C, _, hashes, w, err = readRows(br)
	if err != nil || C != 2 {
		return nil, fmt.Errorf("%w: sentence classifier: %v", ErrBadModel, err)
	}
	m.sc = &perceptron.Multi{NClasses: C}
	m.sc.FreezeRows(hashes, w)
	return m, nil
}

func readRows(br *bufio.Reader) (int, [][]float32, []uint64, []float32, error) {
	var buf [4]byte
	f32 := func() (float32, error) {
		if _, err := io.ReadFull(br, buf[:]); err != nil {
			return 0, err
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(buf[:])), nil
	}
	L64, err := binary.ReadUvarint(br)
	if err != nil || L64 == 0 || L64 > 64 {
		return 0, nil, nil, nil, fmt.Errorf("label count: %v", err)
	}
	L := int(L64)
	q, err := f32()
	if err != nil {
		return 0, nil, nil, nil, err
	}
	nt, err := binary.ReadUvarint(br)
	if err != nil || nt > 65 {
		return 0, nil, nil, nil, fmt.Errorf("transitions: %v", err)
	}
	trans := make([][]float32, nt)
	for p := range trans {
		trans[p] = make([]float32, L)
		for k := range trans[p] {
			if trans[p][k], err = f32(); err != nil {
				return 0, nil, nil, nil, err
			}
		}
	}
	hashes, w, err := perceptron.ReadRows(br, L, q)
	if err != nil {
		return 0, nil, nil, nil, err
	}
	return L, trans, hashes, w, nil
}
