package segment

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("SEGTRY")
	if text == "" {
		t.Skip()
	}
	p, s, tk := Segment(text)
	for _, r := range p {
		fmt.Printf("P %q\n", text[r.Start:r.End])
	}
	for _, r := range s {
		fmt.Printf("S %q\n", text[r.Start:r.End])
	}
	for _, k := range tk {
		fmt.Printf("%s/%d ", text[k.Start:k.End], k.Kind)
	}
	fmt.Println()
}
