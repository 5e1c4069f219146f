package dedup_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/dedup"
)

func Example() {
	h := dedup.New(dedup.Options{})
	original := "The harbour council voted on Tuesday to raise mooring fees by four per cent from April, the first rise in three years, after a long debate about the cost of dredging the channel."
	copied := "The harbour council voted on Tuesday to raise mooring fees by four per cent from April, the first rise in three years, after a long debate about the cost of dredging the old channel."
	other := "Volunteers planted forty apple and pear trees on the edge of the school field, the start of a community orchard that pupils will look after."
	sig := h.Signature(copied)
	best, _, ok := h.Best(sig, [][]uint32{h.Signature(other), h.Signature(original)})
	fmt.Println(ok, best)
	// Output: true 1
}
