package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkPutArticleTextLog measures what the text_changes triggers cost
// a writer: the same articles written in transactions of 50, with the
// triggers and without them, in one run.
func BenchmarkPutArticleTextLog(b *testing.B) {
	for _, withLog := range []bool{false, true} {
		b.Run(fmt.Sprintf("log=%v", withLog), func(b *testing.B) {
			ctx := context.Background()
			n := 0
			var total time.Duration
			for b.Loop() {
				s, err := Open(ctx, filepath.Join(b.TempDir(), "w.db"))
				if err != nil {
					b.Fatal(err)
				}
				if !withLog {
					for _, tr := range []string{"insert", "update", "delete"} {
						if _, err := s.DB.Exec("DROP TRIGGER text_changes_" + tr); err != nil {
							b.Fatal(err)
						}
					}
				}
				t0 := time.Now()
				for i := 0; i < 500; i += 50 {
					tx, err := s.Begin(ctx)
					if err != nil {
						b.Fatal(err)
					}
					for j := i; j < i+50; j++ {
						in, text := crashArticle(j)
						if _, err := tx.PutArticle(in, testArticle(text, nil)); err != nil {
							b.Fatal(err)
						}
						n++
					}
					if err := tx.Commit(); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(t0)
				s.Close()
			}
			b.ReportMetric(float64(n)/total.Seconds(), "articles/s")
		})
	}
}
