package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
)

// BenchmarkIngest ingests a generated WARC.gz of 400 pages (with planted
// copies) into a fresh store per iteration and reports articles/s, the
// whole pipeline included: WARC reading, analysis, dedup, SQLite writes.
func BenchmarkIngest(b *testing.B) {
	dir := b.TempDir()
	warc := filepath.Join(dir, "c.warc.gz")
	f, err := os.Create(warc)
	if err != nil {
		b.Fatal(err)
	}
	n, err := corpusgen.WriteWARC(f, nil, corpusgen.Options{Pages: 400, Seed: 5})
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	i := 0
	for b.Loop() {
		i++
		st := openStore(b, filepath.Join(dir, time.Now().Format("150405.000000000")+".db"))
		t0 := time.Now()
		sum, err := ingest.Run(context.Background(), st, []string{warc}, ingest.Options{})
		total += time.Since(t0)
		if err != nil || sum.Articles != n {
			b.Fatalf("%v, %+v", err, sum)
		}
		st.Close()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "articles/s")
}
