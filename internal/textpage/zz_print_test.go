package textpage

import (
	"os"
	"testing"
)

func TestZZPrint(t *testing.T) {
	f := os.Getenv("TEXTPAGE_PRINT")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	p, err := Clean(string(raw), Options{KeepLines: true})
	t.Logf("err=%v title=%q section=%q authors=%q pub=%v clock=%v\ntags=%q\nrelated=%q", err, p.Title, p.Section, p.Authors, p.Published, p.PageTime, p.Tags, p.Related)
	for _, l := range p.Lines {
		if l.Text != "" {
			t.Logf("%-8s %5.1f %.90s", l.Class, l.Score, l.Text)
		}
	}
}
