// Command baretraf runs bare go-trafilatura (default options, as newsgraph
// uses it: fallback off) over the HTML files given, one after another in
// one process, and prints how many it extracted. It is the baseline of the
// whole-process CPU comparison with `newsgraph analyze` (see the README):
//
//	/usr/bin/time -f '%U+%S s' go run ./scripts/baretraf FILE…
//
// It reads gzip-compressed pages as internal/input does.
package main

import (
	"fmt"
	"os"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/newsgraph/newsgraph/internal/input"
)

func main() {
	n, failed := 0, 0
	for _, path := range os.Args[1:] {
		doc, err := input.Open(path, input.Options{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			failed++
			continue
		}
		if _, err := trafilatura.Extract(strings.NewReader(doc.Body), trafilatura.Options{}); err != nil {
			failed++
			continue
		}
		n++
	}
	fmt.Printf("extracted %d, failed %d\n", n, failed)
}
