package textpage

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/evaluate"
)

// TestDebugDump writes, for each tuning-half page, the line classification
// next to whether the line is in the truth, worst pages first. It runs only
// when TEXTPAGE_DUMP names an output directory.
func TestDebugDump(t *testing.T) {
	dir := os.Getenv("TEXTPAGE_DUMP")
	if dir == "" {
		t.Skip("set TEXTPAGE_DUMP to a directory")
	}
	pages := loadDev(t)
	type res struct {
		stem string
		f1   float64
		out  string
	}
	var all []res
	for i, p := range pages {
		if i%2 != 0 {
			continue
		}
		page, err := Clean(p.raw, Options{KeepLines: true})
		c := evaluate.CompareShingles(p.truth, page.Text)
		pr := float64(c.TP) / float64(max(1, c.TP+c.FP))
		rc := float64(c.TP) / float64(max(1, c.TP+c.FN))
		f1 := 2 * pr * rc / max(1e-9, pr+rc)
		var b strings.Builder
		fmt.Fprintf(&b, "%s P %.2f R %.2f err %v\ntitle=%q section=%q authors=%q pub=%v clock=%v\ntags=%q\nrelated=%q\n", p.stem, pr, rc, err, page.Title, page.Section, page.Authors, page.Published, page.PageTime, page.Tags, page.Related)
		for _, l := range page.Lines {
			if l.Text == "" {
				continue
			}
			in := " "
			if len(l.Text) > 10 && strings.Contains(p.truth, l.Text[:min(len(l.Text), 40)]) {
				in = "T"
			}
			txt := l.Text
			if len(txt) > 110 {
				txt = txt[:110]
			}
			fmt.Fprintf(&b, "%s %-8s %5.1f %4d %s\n", in, l.Class, l.Score, l.N, txt)
		}
		all = append(all, res{p.stem, f1, b.String()})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].f1 < all[j].f1 })
	for k, r := range all {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d_%s.txt", k, r.stem[:8])), []byte(r.out), 0o644)
	}
}
