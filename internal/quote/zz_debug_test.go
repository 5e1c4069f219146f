package quote

import (
	"fmt"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func TestZZDebugQuote(t *testing.T) {
	b, err := os.ReadFile("/tmp/qdbg/in.txt")
	if err != nil {
		t.Skip()
	}
	a := &article.Article{Text: string(b)}
	if os.Getenv("SEG") != "" {
		a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
		for _, s := range a.Sentences {
			fmt.Printf("S %q\n", a.Text[s.Start:s.End])
		}
	}
	for _, q := range Extract(a, Options{}) {
		m := ""
		if q.Speaker.Mention != nil {
			m = q.Speaker.Mention.Text
		}
		c := ""
		if q.Cue != nil {
			c = q.Cue.Text
		}
		fmt.Printf("%s [%s|%s|%s] cue=%q %q\n", q.Kind, q.Speaker.Name, q.Speaker.Kind, m, c, q.Content.Text)
	}
}
