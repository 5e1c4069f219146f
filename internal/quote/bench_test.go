package quote

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// ggtArticles reads the GGT dev texts and runs the stages before quote
// extraction on them (segmentation, entities), or skips when absent.
func ggtArticles(b *testing.B) []*article.Article {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "quotes", "ggt-dev.jsonl"))
	if err != nil {
		b.Skip("GGT dev set absent")
	}
	defer f.Close()
	tg, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := entity.NewResolver(entity.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var out []*article.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		a := &article.Article{Text: d.Text}
		a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
		if err := rs.Resolve(a, tg); err != nil {
			b.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkExtract measures the quote stage alone over the GGT dev
// articles; segmentation and entities are computed before the timer.
// "rules" is the rule steps alone, the baseline in the same run for
// "learned", the stage as the pipeline runs it (with the attribution
// model), and for "ranked" and "learned-ranked", the same with the
// speaker ranker (Options.Speakers).
func BenchmarkExtract(b *testing.B) {
	arts := ggtArticles(b)
	am, err := attribution.Load()
	if err != nil {
		b.Fatal(err)
	}
	sm, err := LoadSpeakerModel()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, a := range arts {
		n += len(a.Text)
	}
	for _, c := range []struct {
		name string
		opts Options
	}{{"rules", Options{}}, {"learned", Options{Attributor: am}}, {"ranked", Options{Speakers: sm}}, {"learned-ranked", Options{Attributor: am, Speakers: sm}}} {
		b.Run(c.name, func(b *testing.B) {
			x := New(c.opts)
			b.SetBytes(int64(n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					x.Extract(a)
				}
			}
		})
	}
}
