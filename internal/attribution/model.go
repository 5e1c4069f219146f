package attribution

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/newsgraph/newsgraph/internal/perceptron"
)

const modelMagic = "newsgraph-attribution-2\n"

// ErrBadModel is returned for a model file that cannot be read.
var ErrBadModel = errors.New("bad attribution model")

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
	heads := make([]string, 0, len(m.heads))
	for w := range m.heads {
		heads = append(heads, w)
	}
	slices.Sort(heads)
	var buf [binary.MaxVarintLen64]byte
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(heads)))])
	for _, w := range heads {
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(w)))])
		bw.WriteString(w)
	}
	for _, c := range []*perceptron.Chain{m.cues, m.spans} {
		writeChain(bw, c, o)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func writeChain(bw *bufio.Writer, c *perceptron.Chain, o SaveOptions) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	f32 := func(f float32) { binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(f)); bw.Write(buf[:4]) }
	L := c.NLabels
	uv(uint64(L))
	f32(float32(o.Quantum))
	for _, row := range c.Trans {
		for _, v := range row {
			f32(v)
		}
	}
	perceptron.WriteRows(bw, c.Index, c.W, L, o.Prune, o.Quantum)
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
		return nil, fmt.Errorf("%w: not an attribution model", ErrBadModel)
	}
	m := &Model{heads: map[string]bool{}}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<20 {
		return nil, fmt.Errorf("%w: cue words: %v", ErrBadModel, err)
	}
	for ; n > 0; n-- {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 256 {
			return nil, fmt.Errorf("%w: cue word: %v", ErrBadModel, err)
		}
		w := make([]byte, l)
		if _, err := io.ReadFull(br, w); err != nil {
			return nil, fmt.Errorf("%w: cue word: %v", ErrBadModel, err)
		}
		m.heads[string(w)] = true
	}
	for k, allowed := range []func(int, int) bool{cueAllowed, spanAllowed} {
		c, err := readChain(br, allowed)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		if k == 0 {
			m.cues = c
		} else {
			m.spans = c
		}
	}
	if m.cues.NLabels != nCueLabels || m.spans.NLabels != nSpanLabels {
		return nil, fmt.Errorf("%w: wrong label sets", ErrBadModel)
	}
	return m, nil
}

func readChain(br *bufio.Reader, allowed func(int, int) bool) (*perceptron.Chain, error) {
	var buf [4]byte
	f32 := func() (float32, error) {
		if _, err := io.ReadFull(br, buf[:]); err != nil {
			return 0, err
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(buf[:])), nil
	}
	L64, err := binary.ReadUvarint(br)
	if err != nil || L64 == 0 || L64 > 16 {
		return nil, fmt.Errorf("label count: %v", err)
	}
	L := int(L64)
	c := perceptron.NewChain(L, allowed)
	q, err := f32()
	if err != nil {
		return nil, err
	}
	for p := range c.Trans {
		for k := range c.Trans[p] {
			if c.Trans[p][k], err = f32(); err != nil {
				return nil, err
			}
		}
	}
	hashes, w, err := perceptron.ReadRows(br, L, q)
	if err != nil {
		return nil, err
	}
	c.FreezeRows(hashes, w)
	return c, nil
}
