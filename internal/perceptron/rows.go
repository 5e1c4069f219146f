package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// WriteRows writes the weight rows of a model with width labels (index
// maps a feature hash to its row of w) in the compact form the models are
// embedded in: the rows with a weight of magnitude prune or more, as their
// count, their hashes in increasing order as uvarint deltas, then their
// weights rounded to multiples of quantum as varints. Deterministic.
func WriteRows(bw *bufio.Writer, index map[uint64]int32, w []float32, width int, prune, quantum float64) {
	var buf [binary.MaxVarintLen64]byte
	type row struct {
		h uint64
		r int32
	}
	var rows []row
	for h, r := range index {
		for _, v := range w[int(r)*width : int(r+1)*width] {
			if math.Abs(float64(v)) >= prune {
				rows = append(rows, row{h, r})
				break
			}
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(rows)))])
	prev := uint64(0)
	for _, r := range rows {
		bw.Write(buf[:binary.PutUvarint(buf[:], r.h-prev)])
		prev = r.h
	}
	for _, r := range rows {
		for _, v := range w[int(r.r)*width : int(r.r+1)*width] {
			bw.Write(buf[:binary.PutVarint(buf[:], int64(math.Round(float64(v)/quantum)))])
		}
	}
}

// ReadRows reads rows written by WriteRows with the same width and
// quantum: the hashes in increasing order and their weights, width per row.
func ReadRows(br *bufio.Reader, width int, quantum float32) ([]uint64, []float32, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<26 {
		return nil, nil, fmt.Errorf("row count: %v", err)
	}
	hashes := make([]uint64, n)
	prev := uint64(0)
	for i := range hashes {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, nil, err
		}
		prev += d
		hashes[i] = prev
	}
	w := make([]float32, int(n)*width)
	for i := range w {
		v, err := binary.ReadVarint(br)
		if err != nil {
			return nil, nil, err
		}
		w[i] = float32(v) * quantum
	}
	return hashes, w, nil
}
