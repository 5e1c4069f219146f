package textpage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/evaluate"
)

// TestDebugDumpTrafDev writes, for each fold-0 text page of trafilatura-dev,
// the line classification next to the truth snippets a line holds (W: a
// "with" snippet, X: a "without" one). It runs only when TEXTPAGE_TDUMP
// names an output directory.
func TestDebugDumpTrafDev(t *testing.T) {
	dir := os.Getenv("TEXTPAGE_TDUMP")
	if dir == "" {
		t.Skip("set TEXTPAGE_TDUMP to a directory")
	}
	tdir := filepath.Join(dataDir, "trafilatura-dev", "textpages")
	raw, err := os.ReadFile(filepath.Join(tdir, "truth.json"))
	if err != nil {
		t.Skip(err)
	}
	var truth map[string]struct {
		URL     string   `json:"url"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range truth {
		if evaluate.Fold2(id+".html.gz") == 0 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, id := range ids {
		p := truth[id]
		b, err := os.ReadFile(filepath.Join(tdir, id+".txt"))
		if err != nil {
			continue
		}
		page, cerr := Clean(string(b), Options{KeepLines: true})
		c := evaluate.CompareSnippets(page.Text, p.With, p.Without)
		var out strings.Builder
		fmt.Fprintf(&out, "%s %s TP %d FN %d FP %d err %v\n", id, p.URL, c.TP, c.FN, c.FP, cerr)
		for _, s := range p.With {
			fmt.Fprintf(&out, "W> %.100s\n", fold(s))
		}
		for _, s := range p.Without {
			fmt.Fprintf(&out, "X> %.100s\n", fold(s))
		}
		for _, l := range page.Lines {
			if l.Text == "" {
				continue
			}
			ft := fold(l.Text)
			in := " "
			for _, s := range p.With {
				s = fold(s)
				if strings.Contains(ft, s) || (len(s) > 30 && strings.Contains(ft, s[:30])) || (len(ft) > 20 && strings.Contains(s, ft)) {
					in = "W"
				}
			}
			for _, s := range p.Without {
				s = fold(s)
				if strings.Contains(ft, s) || (len(s) > 30 && strings.Contains(ft, s[:30])) || (len(ft) > 20 && strings.Contains(s, ft)) {
					in = "X"
				}
			}
			txt := l.Text
			if len(txt) > 130 {
				txt = txt[:130]
			}
			fmt.Fprintf(&out, "%s %-8s %5.1f %4d %s\n", in, l.Class, l.Score, l.N, txt)
		}
		os.WriteFile(filepath.Join(dir, id+".txt"), []byte(out.String()), 0o644)
	}
}
