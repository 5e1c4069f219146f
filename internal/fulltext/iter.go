package fulltext

import (
	"encoding/binary"
	"slices"
)

// eof is the document number past every document.
const eof = ^uint32(0)

// tokIter walks the documents holding a token (one term, or every term
// of a prefix) with their per-column counts and positions.
type tokIter interface {
	// advance moves to the first document >= target and returns it (eof
	// when there is none).
	advance(target uint32) uint32
	count(col int) uint32
	// positions appends the token's positions in col to buf.
	positions(col int, buf []uint32) []uint32
}

// postIter walks one term's postings.
type postIter struct {
	p      *postings
	i      int32 // index of the current document
	doc    uint32
	next   int // offset in p.docs of the next document
	posOff int // offset in p.pos of the current document's positions
	posEnd int // offset in p.pos of the next document's positions
	mask   byte
	counts [numCols]uint32
}

func newPostIter(p *postings) *postIter {
	return &postIter{p: p, i: -1}
}

func uvarint(b []byte, off int) (uint64, int) {
	if c := b[off]; c < 0x80 {
		return uint64(c), off + 1
	}
	v, n := binary.Uvarint(b[off:])
	return v, off + n
}

// step decodes the next document; false at the end.
func (it *postIter) step() bool {
	it.i++
	if it.i >= it.p.n {
		it.doc = eof
		return false
	}
	d, off := uvarint(it.p.docs, it.next)
	it.doc += uint32(d)
	it.mask = it.p.docs[off]
	off++
	for c := range numCols {
		it.counts[c] = 0
		if it.mask&(1<<c) != 0 {
			var n uint64
			n, off = uvarint(it.p.docs, off)
			it.counts[c] = uint32(n)
		}
	}
	var plen uint64
	plen, off = uvarint(it.p.docs, off)
	it.posOff = it.posEnd
	it.posEnd += int(plen)
	it.next = off
	return true
}

func (it *postIter) advance(target uint32) uint32 {
	if it.i >= 0 && it.doc >= target {
		return it.doc
	}
	if it.i >= it.p.n {
		return eof
	}
	// Jump to the last block that starts at or before target, if it
	// lies ahead.
	sk := it.p.skips
	blk := int((it.i + 1) / skipEvery)
	if blk+1 < len(sk) && sk[blk+1].prev < target {
		lo, hi := blk+1, len(sk)-1
		for lo < hi { // the last block whose prev < target
			m := (lo + hi + 1) / 2
			if sk[m].prev < target {
				lo = m
			} else {
				hi = m - 1
			}
		}
		s := sk[lo]
		it.i = s.firstAt - 1
		it.doc = s.prev
		it.next = int(s.docOff)
		it.posEnd = int(s.posOff)
	}
	for it.step() {
		if it.doc >= target {
			return it.doc
		}
	}
	return eof
}

func (it *postIter) count(col int) uint32 { return it.counts[col] }

func (it *postIter) positions(col int, buf []uint32) []uint32 {
	if it.counts[col] == 0 {
		return buf
	}
	off := it.posOff
	for c := range col {
		for range it.counts[c] {
			_, off = uvarint(it.p.pos, off)
		}
	}
	prev := uint32(0)
	for range it.counts[col] {
		var d uint64
		d, off = uvarint(it.p.pos, off)
		prev += uint32(d)
		buf = append(buf, prev)
	}
	return buf
}

// unionIter walks every term of a prefix: a document holds the prefix
// when it holds any of them. Its iterators are kept in a heap by their
// current document, so a step costs a few of them, not all.
type unionIter struct {
	its     []*postIter // a heap on doc
	started bool
	doc     uint32
	at      []*postIter // the iterators on doc
}

func (u *unionIter) less(i, j int) bool { return u.its[i].doc < u.its[j].doc }

func (u *unionIter) down(i int) {
	for {
		l, m := 2*i+1, i
		if l < len(u.its) && u.less(l, m) {
			m = l
		}
		if r := l + 1; r < len(u.its) && u.less(r, m) {
			m = r
		}
		if m == i {
			return
		}
		u.its[i], u.its[m] = u.its[m], u.its[i]
		i = m
	}
}

func (u *unionIter) advance(target uint32) uint32 {
	if u.started && u.doc >= target {
		return u.doc
	}
	if !u.started {
		u.started = true
		for _, it := range u.its {
			it.advance(0)
		}
		for i := len(u.its)/2 - 1; i >= 0; i-- {
			u.down(i)
		}
	}
	for len(u.its) > 0 && u.its[0].doc < target {
		if u.its[0].advance(target) == eof {
			last := len(u.its) - 1
			u.its[0] = u.its[last]
			u.its = u.its[:last]
		}
		u.down(0)
	}
	u.at = u.at[:0]
	if len(u.its) == 0 {
		u.doc = eof
		return eof
	}
	u.doc = u.its[0].doc
	u.collectAt(0)
	return u.doc
}

// collectAt gathers the iterators on u.doc from the heap's subtree at i.
func (u *unionIter) collectAt(i int) {
	if i >= len(u.its) || u.its[i].doc != u.doc {
		return
	}
	u.at = append(u.at, u.its[i])
	u.collectAt(2*i + 1)
	u.collectAt(2*i + 2)
}

func (u *unionIter) count(col int) uint32 {
	var n uint32
	for _, it := range u.at {
		n += it.counts[col]
	}
	return n
}

func (u *unionIter) positions(col int, buf []uint32) []uint32 {
	start := len(buf)
	for _, it := range u.at {
		buf = it.positions(col, buf)
	}
	if len(u.at) > 1 {
		slices.Sort(buf[start:])
	}
	return buf
}
