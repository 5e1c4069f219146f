package analyze

import (
	"path/filepath"
	"strings"
	"syscall"
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
// off, as the pipeline's default), the analyze record stage (extraction,
// cleaning, segmentation, language: what issue 2 asks of analyze) and the
// whole pipeline with entities and quotes, over the same 181 pages. It
// reports each rate, and each stage's own work beyond extraction as a share
// of extraction time. Times are the process's CPU time (user + system, GC
// included), which other load on the machine disturbs far less than wall
// time; the loop runs on one goroutine, so CPU time is the work done.
func BenchmarkAnalyzeVsExtraction(b *testing.B) {
	docs := loadPages(b)
	record, err := New(Options{SkipEntities: true, SkipQuotes: true})
	if err != nil {
		b.Fatal(err)
	}
	full, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var tBare, tRecord, tFull time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := cpuTime()
		for _, d := range docs {
			root, err := html.Parse(strings.NewReader(d.Body))
			if err != nil {
				b.Fatal(err)
			}
			_, _ = trafilatura.ExtractDocument(root, trafilatura.Options{})
		}
		t1 := cpuTime()
		for _, d := range docs {
			_, _ = record.Document(d)
		}
		t2 := cpuTime()
		for _, d := range docs {
			_, _ = full.Document(d)
		}
		t3 := cpuTime()
		tBare += t1 - t0
		tRecord += t2 - t1
		tFull += t3 - t2
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/tBare.Seconds(), "bare-articles/s")
	b.ReportMetric(n/tRecord.Seconds(), "record-articles/s")
	b.ReportMetric(n/tFull.Seconds(), "full-articles/s")
	b.ReportMetric(100*(tRecord-tBare).Seconds()/tBare.Seconds(), "record-overhead-%")
	b.ReportMetric(100*(tFull-tBare).Seconds()/tBare.Seconds(), "full-overhead-%")
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
