package analyze

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsgraph/newsgraph/internal/input"
)

var scrapinghubDir = filepath.Join("..", "..", "..", "shared", "data", "extraction", "scrapinghub", "html")

// loadPages reads the Scrapinghub benchmark pages into memory, decoded.
func loadPages(b *testing.B) []*input.Document {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(scrapinghubDir, "*.html.gz"))
	if len(files) == 0 {
		b.Skip("scrapinghub pages not available")
	}
	docs := make([]*input.Document, 0, len(files))
	for _, f := range files {
		d, err := input.Open(f, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkAnalyzeVsExtraction measures, in one run on one goroutine, the
// bare go-trafilatura extraction (html.Parse + ExtractDocument, fallback
// off, as the pipeline's default) and the whole analyze pipeline over the
// same 181 pages, and reports both rates and the pipeline's own work beyond
// extraction as a share of extraction time.
func BenchmarkAnalyzeVsExtraction(b *testing.B) {
	docs := loadPages(b)
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var bare, full time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		for _, d := range docs {
			root, err := html.Parse(strings.NewReader(d.Body))
			if err != nil {
				b.Fatal(err)
			}
			_, _ = trafilatura.ExtractDocument(root, trafilatura.Options{})
		}
		t1 := time.Now()
		for _, d := range docs {
			_, _ = p.Document(d)
		}
		bare += t1.Sub(t0)
		full += time.Since(t1)
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/bare.Seconds(), "bare-articles/s")
	b.ReportMetric(n/full.Seconds(), "analyze-articles/s")
	b.ReportMetric(full.Seconds()/bare.Seconds(), "analyze/bare")
	b.ReportMetric(100*(full-bare).Seconds()/bare.Seconds(), "overhead-%")
}
