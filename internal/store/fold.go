package store

// The unicode61 tokenizer's per-code-point behaviour (fold.bin), for the
// PostgreSQL store's tokenizer (fts.go). The table is read from SQLite
// itself by TestFoldTable, which fails when SQLite's tokenizer and the
// table disagree.

import (
	_ "embed"
	"encoding/binary"
	"sort"
	"sync"
)

//go:embed fold.bin
var foldBin []byte

// What unicode61 does with a code point.
const (
	foldSeparator uint8 = iota // ends a token
	foldDrop                   // part of a token, folded to nothing (a diacritic)
	foldToken                  // part of a token, folded to itself + delta
)

// foldRange is a run of code points lo..hi that unicode61 treats alike.
type foldRange struct {
	lo, hi rune
	kind   uint8
	delta  int32
}

// encodeFold writes ranges as uvarints: the gap since the last range's
// end, the length, the kind, and for foldToken the delta (zig-zag).
func encodeFold(ranges []foldRange) []byte {
	var out []byte
	prev := rune(-1)
	for _, r := range ranges {
		out = binary.AppendUvarint(out, uint64(r.lo-prev-1))
		out = binary.AppendUvarint(out, uint64(r.hi-r.lo))
		out = binary.AppendUvarint(out, uint64(r.kind))
		if r.kind == foldToken {
			out = binary.AppendVarint(out, int64(r.delta))
		}
		prev = r.hi
	}
	return out
}

// foldTable is fold.bin decoded.
var foldTable = sync.OnceValue(func() []foldRange {
	var out []foldRange
	b := foldBin
	prev := rune(-1)
	next := func() uint64 {
		v, n := binary.Uvarint(b)
		b = b[n:]
		return v
	}
	for len(b) > 0 {
		r := foldRange{lo: prev + 1 + rune(next())}
		r.hi = r.lo + rune(next())
		r.kind = uint8(next())
		if r.kind == foldToken {
			d, n := binary.Varint(b)
			b = b[n:]
			r.delta = int32(d)
		}
		out = append(out, r)
		prev = r.hi
	}
	return out
})

// foldOf says what unicode61 does with r: its kind and, for a token
// character, its folded form.
func foldOf(r rune) (uint8, rune) {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			return foldToken, r
		case 'A' <= r && r <= 'Z':
			return foldToken, r + 'a' - 'A'
		}
		return foldSeparator, 0
	}
	t := foldTable()
	i := sort.Search(len(t), func(i int) bool { return t[i].hi >= r })
	if i == len(t) || t[i].lo > r {
		return foldSeparator, 0
	}
	return t[i].kind, r + rune(t[i].delta)
}
