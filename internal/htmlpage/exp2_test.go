package htmlpage

import (
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/evaluate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func TestExp2(t *testing.T) {
	pages := loadBench(t)
	variants := map[string]trafilatura.Options{
		"default":   {},
		"links":   {IncludeLinks: true},
	}
	for name, o := range variants {
		var cs []evaluate.ShingleCounts
		start := time.Now()
		for _, p := range pages {
			doc, _ := html.Parse(strings.NewReader(p.html))
			res, err := trafilatura.ExtractDocument(doc, o)
			txt := ""
			if err == nil {
				m := res.Metadata
				txt = strings.Join(dropHeadings(paragraphs(res.ContentNode), m.Title, m.Description), "\n\n")
			}
			cs = append(cs, evaluate.CompareShingles(p.truth, txt))
		}
		s := evaluate.ScoreExtraction(cs)
		t.Logf("%-12s F1 %.4f P %.4f R %.4f acc %.3f %.1f docs/s", name, s.F1, s.Precision, s.Recall, s.Accuracy, float64(len(pages))/time.Since(start).Seconds())
	}
}
