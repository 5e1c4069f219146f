package htmlpage

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/evaluate"
)

func TestDiag(t *testing.T) {
	pages := loadBench(t)
	var sb strings.Builder
	for _, p := range pages {
		r, err := Extract(p.html, Options{})
		if err != nil { fmt.Fprintf(&sb, "== %s ERR %v\n", p.id[:12], err); continue }
		c := evaluate.CompareShingles(p.truth, r.Text)
		if c.FP == 0 { continue }
		fmt.Fprintf(&sb, "== %s %+v title=%q desc=%.80q\n", p.id[:12], c, r.Title, r.Description)
		for i, para := range r.Paragraphs {
			pc := evaluate.CompareShingles(p.truth, para)
			if pc.TP == 0 || pc.FP > pc.TP {
				fmt.Fprintf(&sb, "  [%d/%d] %.120q\n", i, len(r.Paragraphs), para)
			}
		}
	}
	os.WriteFile("/tmp/exp/diag.txt", []byte(sb.String()), 0644)
}
