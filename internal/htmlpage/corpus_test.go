package htmlpage

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"golang.org/x/net/html"
)

// benchDir is the Scrapinghub article-extraction benchmark, read at run
// time and never copied into the repository.
var benchDir = filepath.Join("..", "..", "..", "shared", "data", "extraction", "scrapinghub")

type benchPage struct {
	id, html, truth, url string
}

// loadBench reads the benchmark's pages into memory, or skips the test
// when the data is absent.
func loadBench(tb testing.TB) []benchPage {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if err != nil {
		tb.Skipf("benchmark data absent: %v", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		tb.Fatal(err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]benchPage, 0, len(ids))
	for _, id := range ids {
		gz, err := os.ReadFile(filepath.Join(benchDir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, benchPage{id: id, html: string(b), truth: gt[id].ArticleBody, url: gt[id].URL})
	}
	return pages
}

// TestScrapinghubF1 is the acceptance test: the main text of the 181 pages
// of the Scrapinghub benchmark scores F1 >= 0.96 with the default options.
func TestScrapinghubF1(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 181 pages")
	}
	pages := loadBench(t)
	counts := make([]evaluate.ShingleCounts, 0, len(pages))
	for _, p := range pages {
		r, err := Extract(p.html, Options{})
		if err != nil && !errors.Is(err, ErrNoContent) {
			t.Errorf("%s: %v", p.id, err)
		}
		counts = append(counts, evaluate.CompareShingles(p.truth, r.Text))
	}
	s := evaluate.ScoreExtraction(counts)
	t.Logf("F1 %.4f P %.4f R %.4f accuracy %.3f over %d pages", s.F1, s.Precision, s.Recall, s.Accuracy, s.Docs)
	if s.Docs != 181 {
		t.Errorf("scored %d pages, want 181", s.Docs)
	}
	if s.F1 < 0.96 {
		t.Errorf("F1 = %.4f, want >= 0.96", s.F1)
	}
}

// TestScrapinghubURLDates: every benchmark page whose address has a full
// date in its path (45 pages) is dated that day when Extract is given the
// address. The URL is made when the article first appears.
func TestScrapinghubURLDates(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 181 pages")
	}
	n := 0
	for _, p := range loadBench(t) {
		want, ok := urlDate(p.url)
		if !ok {
			continue
		}
		n++
		r, err := Extract(p.html, Options{URL: p.url})
		if err != nil {
			t.Errorf("%s: %v", p.id, err)
			continue
		}
		if r.Published == nil || r.Published.Format("2006-01-02") != want.Format("2006-01-02") {
			t.Errorf("%s: Published %v, want the URL's day %s", p.id, r.Published, want.Format("2006-01-02"))
		}
	}
	if n != 45 {
		t.Errorf("%d pages with a date in their URL, want 45", n)
	}
}

// BenchmarkTrafilaturaBare is the baseline: html.Parse and go-trafilatura
// with its defaults, nothing else.
func BenchmarkTrafilaturaBare(b *testing.B) {
	pages := loadBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		doc, err := html.Parse(strings.NewReader(p.html))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := trafilatura.ExtractDocument(doc, trafilatura.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtract is Extract with the default options on the same pages.
func BenchmarkExtract(b *testing.B) {
	pages := loadBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(pages[i%len(pages)].html, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractFallback is Extract with go-trafilatura's fallback
// extractors on.
func BenchmarkExtractFallback(b *testing.B) {
	pages := loadBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(pages[i%len(pages)].html, Options{Fallback: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
