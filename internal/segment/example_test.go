package segment_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/segment"
)

func ExampleSegment() {
	text := "Mr. Reed flew to the U.S. on Jan. 5. “We didn't expect it…it was fast,” he said.\n\nA new paragraph."
	paras, sents, toks := segment.Segment(text)
	for _, p := range paras {
		fmt.Printf("paragraph %q\n", text[p.Start:p.End])
	}
	for _, s := range sents {
		fmt.Printf("sentence %q\n", text[s.Start:s.End])
	}
	for _, t := range toks[:14] {
		fmt.Printf("%s ", text[t.Start:t.End])
	}
	fmt.Println()
	// Output:
	// paragraph "Mr. Reed flew to the U.S. on Jan. 5. “We didn't expect it…it was fast,” he said."
	// paragraph "A new paragraph."
	// sentence "Mr. Reed flew to the U.S. on Jan. 5."
	// sentence "“We didn't expect it…it was fast,” he said."
	// sentence "A new paragraph."
	// Mr. Reed flew to the U.S. on Jan. 5 . “ We did n't
}

func ExampleTokenize() {
	text := "The Russians’ envoy can't visit al-Assad’s office (3.5% odds): see www.example.org."
	for _, t := range segment.Tokenize(text) {
		fmt.Printf("%s|", text[t.Start:t.End])
	}
	fmt.Println()
	// Output:
	// The|Russians|’|envoy|ca|n't|visit|al-Assad|’s|office|(|3.5|%|odds|)|:|see|www.example.org|.|
}
