package fulltext

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// ErrSnapshot is returned by ReadSnapshot for a file that is not a whole
// snapshot of this version (cut short, corrupted, or another format): the
// caller rebuilds the index from the store.
var ErrSnapshot = errors.New("fulltext: not a usable index snapshot")

const snapshotMagic = "newsgraph-fulltext-4\n"

// SetSeq records the store change sequence the index reflects.
func (x *Index) SetSeq(seq int64) {
	x.mu.Lock()
	x.seq = seq
	x.mu.Unlock()
}

// WriteSnapshot writes the index, with owner (the store's identity) and
// its change sequence, to w; ReadSnapshot reads it back. The format ends
// in a CRC-32 of everything before it.
func (x *Index) WriteSnapshot(w io.Writer, owner string) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	h := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
	var buf []byte
	u := func(v uint64) { buf = binary.AppendUvarint(buf, v) }
	s := func(v int64) { buf = binary.AppendVarint(buf, v) }
	bytes := func(b []byte) { u(uint64(len(b))); buf = append(buf, b...) }
	flush := func() error {
		_, err := bw.Write(buf)
		buf = buf[:0]
		return err
	}
	buf = append(buf, snapshotMagic...)
	bytes([]byte(owner))
	s(x.seq)
	u(uint64(len(x.ids)))
	prevID := int64(0)
	for i, id := range x.ids {
		s(id - prevID)
		prevID = id
		u(uint64(x.length[i]))
		s(x.prev[i])
	}
	u(uint64(len(x.dead)))
	for _, w := range x.dead {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	u(uint64(len(x.terms)))
	if err := flush(); err != nil {
		return err
	}
	for t, p := range x.terms {
		bytes([]byte(t))
		u(uint64(p.n))
		u(uint64(p.last))
		for _, d := range p.df {
			u(uint64(d))
		}
		u(uint64(p.dfTT))
		bytes(p.docs)
		bytes(p.pos)
		u(uint64(len(p.skips)))
		for _, k := range p.skips {
			u(uint64(k.prev))
			u(uint64(k.docOff))
			u(uint64(k.posOff))
			u(uint64(k.firstAt))
			for _, m := range k.maxCount {
				u(uint64(m))
			}
			u(uint64(k.minLen))
			u(math.Float64bits(k.bestTT))
			u(math.Float64bits(k.refLen))
		}
		if len(buf) > 1<<15 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, h.Sum32()))
	return err
}

// snapReader reads a snapshot, remembering the first error.
type snapReader struct {
	r   *bufio.Reader
	h   io.Writer
	err error
}

func (r *snapReader) byte() byte {
	if r.err != nil {
		return 0
	}
	b, err := r.r.ReadByte()
	if err != nil {
		r.err = err
		return 0
	}
	r.h.Write([]byte{b})
	return b
}

func (r *snapReader) ReadByte() (byte, error) {
	b := r.byte()
	return b, r.err
}

func (r *snapReader) u() uint64 {
	v, err := binary.ReadUvarint(r)
	if err != nil && r.err == nil {
		r.err = err
	}
	return v
}

func (r *snapReader) s() int64 {
	v, err := binary.ReadVarint(r)
	if err != nil && r.err == nil {
		r.err = err
	}
	return v
}

// limit bounds lengths read from the file, so a corrupted one cannot ask
// for more memory than the file holds.
const limit = 1 << 34

func (r *snapReader) bytes() []byte {
	n := r.u()
	if r.err != nil || n > limit {
		r.err = errors.Join(r.err, errors.New("length out of range"))
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.err = err
		return nil
	}
	r.h.Write(b)
	return b
}

// ReadSnapshot reads an index written by WriteSnapshot and the owner
// written with it. Any damage gives ErrSnapshot.
func ReadSnapshot(rd io.Reader) (x *Index, owner string, err error) {
	h := crc32.NewIEEE()
	r := &snapReader{r: bufio.NewReaderSize(rd, 1<<16), h: h}
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(r.r, magic); err != nil || string(magic) != snapshotMagic {
		return nil, "", fmt.Errorf("%w: bad header", ErrSnapshot)
	}
	h.Write(magic)
	x = New()
	owner = string(r.bytes())
	x.seq = r.s()
	n := r.u()
	if n > limit {
		return nil, "", fmt.Errorf("%w: %d documents", ErrSnapshot, n)
	}
	x.ids = make([]int64, 0, n)
	x.length = make([]uint32, 0, n)
	x.prev = make([]int64, 0, n)
	prevID := int64(0)
	for range n {
		prevID += r.s()
		x.ids = append(x.ids, prevID)
		x.length = append(x.length, uint32(r.u()))
		x.prev = append(x.prev, r.s())
		if r.err != nil {
			break
		}
	}
	nd := r.u()
	if nd != (n+63)/64 {
		return nil, "", fmt.Errorf("%w: dead set of %d words for %d documents", ErrSnapshot, nd, n)
	}
	x.dead = make([]uint64, nd)
	for i := range x.dead {
		var b [8]byte
		for j := range b {
			b[j] = r.byte()
		}
		x.dead[i] = binary.LittleEndian.Uint64(b[:])
	}
	nt := r.u()
	for i := uint64(0); i < nt && r.err == nil; i++ {
		t := string(r.bytes())
		p := &postings{n: int32(r.u()), last: uint32(r.u())}
		for c := range p.df {
			p.df[c] = int32(r.u())
		}
		p.dfTT = int32(r.u())
		p.docs = r.bytes()
		p.pos = r.bytes()
		ns := r.u()
		if ns > uint64(p.n)/skipEvery+1 {
			r.err = errors.New("too many skips")
			break
		}
		p.skips = make([]skip, ns)
		for j := range p.skips {
			k := skip{prev: uint32(r.u()), docOff: uint32(r.u()), posOff: uint32(r.u()), firstAt: int32(r.u())}
			for c := range k.maxCount {
				k.maxCount[c] = uint32(r.u())
			}
			k.minLen = uint32(r.u())
			k.bestTT = math.Float64frombits(r.u())
			k.refLen = math.Float64frombits(r.u())
			p.skips[j] = k
		}
		x.terms[t] = p
	}
	if r.err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrSnapshot, r.err)
	}
	sum := h.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(r.r, tail[:]); err != nil || binary.LittleEndian.Uint32(tail[:]) != sum {
		return nil, "", fmt.Errorf("%w: checksum", ErrSnapshot)
	}
	for doc, id := range x.ids {
		if x.isDead(uint32(doc)) {
			x.ndead++
			continue
		}
		x.byID[id] = uint32(doc)
		x.live++
		x.tokens += int64(x.length[doc])
		if p := x.prev[doc]; p != 0 {
			x.replaced[p]++
		}
	}
	x.sortedStale = true
	if len(x.ids) >= commonMinDocs {
		x.chooseCommon()
	}
	return x, owner, nil
}
