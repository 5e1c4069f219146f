package perceptron

// table is an open-addressing hash table from feature hashes to their
// weights, the weights of one feature beside each other: several times
// faster than a Go map and a separate row index for the taggers.
type table struct {
	keys []uint64  // 0: empty (a zero hash is kept in zero)
	w    []float32 // len(keys)*width
	mask uint64
	// width is the number of weights per feature.
	width int
	// zero holds the weights of the feature whose hash is 0, if any.
	zero []float32
}

func newTable(index map[uint64]int32, w []float32, width int) *table {
	n := uint64(16)
	for n < uint64(len(index))*2 {
		n <<= 1
	}
	t := &table{keys: make([]uint64, n), w: make([]float32, int(n)*width), mask: n - 1, width: width}
	for k, r := range index {
		row := w[int(r)*width : int(r+1)*width]
		if k == 0 {
			t.zero = row
			continue
		}
		i := mix(k) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		copy(t.w[int(i)*width:], row)
	}
	return t
}

// newTableRows builds the table from rows in order: row i of w (width
// floats) is the feature hashes[i]. It is newTable without the map a
// loaded model would otherwise build only to freeze it.
func newTableRows(hashes []uint64, w []float32, width int) *table {
	n := uint64(16)
	for n < uint64(len(hashes))*2 {
		n <<= 1
	}
	t := &table{keys: make([]uint64, n), w: make([]float32, int(n)*width), mask: n - 1, width: width}
	for r, k := range hashes {
		row := w[r*width : (r+1)*width]
		if k == 0 {
			t.zero = row
			continue
		}
		i := mix(k) & t.mask
		for t.keys[i] != 0 {
			if t.keys[i] == k {
				break // a repeated hash: the later row wins, as in a map
			}
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		copy(t.w[int(i)*width:], row)
	}
	return t
}

// add adds the weights of the features fs to row, in the order of fs.
func (t *table) add(fs []uint64, row []float32) {
	for _, h := range fs {
		var ws []float32
		if h == 0 {
			ws = t.zero
		} else {
			i := mix(h) & t.mask
			for {
				k := t.keys[i]
				if k == h {
					ws = t.w[int(i)*t.width : int(i+1)*t.width]
					break
				}
				if k == 0 {
					break
				}
				i = (i + 1) & t.mask
			}
		}
		for k, v := range ws {
			row[k] += v
		}
	}
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}
