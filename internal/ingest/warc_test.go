package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
)

// TestWARCCorruptRecordSkipped: a WARC.gz of 50 records whose 25th gzip
// member is corrupt stores the other 49; the bad record is reported with
// its file and offset and counted in the summary.
func TestWARCCorruptRecordSkipped(t *testing.T) {
	var buf bytes.Buffer
	ww := corpusgen.NewWARCWriter(&buf)
	var offsets []int64
	err := corpusgen.Generate(corpusgen.Options{Pages: 50, Seed: 7, CopyRate: -1}, func(p corpusgen.Page) error {
		off, err := ww.Response(p.URL, p.Published.Add(time.Hour), "text/html; charset=utf-8", p.HTML)
		offsets = append(offsets, off)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(offsets) != 50 {
		t.Fatalf("%d records, want 50", len(offsets))
	}
	data := buf.Bytes()
	// Corrupt the deflate data in the middle of record 25.
	start, end := offsets[24], offsets[25]
	for i := start + (end-start)/3; i < start+(end-start)/3+40; i++ {
		data[i] ^= 0x5a
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "c.warc.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(dir, "c.db"))
	var reported []error
	sum, err := ingest.Run(context.Background(), st, []string{path}, ingest.Options{
		OnFailure: func(err error) { reported = append(reported, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := count(t, st.DB, `SELECT count(*) FROM articles`); got != 49 {
		t.Errorf("articles = %d, want 49; failures %v", got, reported)
	}
	want := fmt.Sprintf("%s@%d:", path, start)
	if len(reported) != 1 || !errors.Is(reported[0], ingest.ErrCorruptRecord) || !strings.HasPrefix(reported[0].Error(), want) {
		t.Errorf("reported %v, want one corrupt record at %s", reported, want)
	}
	if sum.SkippedRecords != 1 {
		t.Errorf("summary counts %d skipped records, want 1", sum.SkippedRecords)
	}
}
