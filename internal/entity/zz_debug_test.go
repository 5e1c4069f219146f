package entity

import (
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	id := os.Getenv("GGTDOC")
	if id == "" {
		t.Skip()
	}
	tg := loadTagger(t)
	for _, d := range readGGT(t) {
		if d.ID != id {
			continue
		}
		a := newArticle(d.Text)
		testResolver(t).Resolve(a, tg)
		for _, e := range a.Entities {
			if e.Type == "PERSON" {
				lo := max(0, e.Start-40)
				t.Logf("%-25q → %-20s %s  ctx %q", e.Text, e.Name, e.Gender, strings.ReplaceAll(a.Text[lo:e.Start], "\n", " "))
			}
		}
		for _, r := range a.References {
			lo := max(0, r.Start-80)
			t.Logf("ref %q@%d → %s   ctx %q", r.Text, r.Start, r.Name, strings.ReplaceAll(a.Text[lo:r.End], "\n", " "))
		}
	}
}
