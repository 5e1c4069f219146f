package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/store"
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
	// "no-identity" stores names unlinked: the baseline for what corpus
	// identity (the default) costs, in the same run; "no-text-log" drops
	// the triggers that log changes for the full-text index: the
	// baseline for what keeping the index in step costs a writer.
	for _, c := range []struct {
		name       string
		noIdentity bool
		noTextLog  bool
	}{{"no-identity", true, false}, {"identity", false, false}, {"no-text-log", false, true}} {
		b.Run(c.name, func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				st, err := store.OpenOptions(context.Background(), filepath.Join(dir, c.name+time.Now().Format("150405.000000000")+".db"),
					store.Options{NoIdentity: c.noIdentity})
				if err != nil {
					b.Fatal(err)
				}
				if c.noTextLog {
					for _, tr := range []string{"insert", "update", "delete"} {
						if _, err := st.DB.Exec("DROP TRIGGER text_changes_" + tr); err != nil {
							b.Fatal(err)
						}
					}
				}
				t0 := time.Now()
				sum, err := ingest.Run(context.Background(), st, []string{warc}, ingest.Options{})
				total += time.Since(t0)
				if err != nil || sum.Articles != n {
					b.Fatalf("%v, %+v", err, sum)
				}
				st.Close()
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "articles/s")
		})
	}
}
