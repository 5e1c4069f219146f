package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// TestReindex rebuilds the text index of an ingested store and checks
// the snapshot it saves is the one a server then opens.
func TestReindex(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, st, []string{filepath.Join("..", "..", "internal", "web", "testdata", "corpus")}, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.DB.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("%d articles (%v)", n, err)
	}
	st.Close()
	var out bytes.Buffer
	if err := cmdReindex(ctx, env{stdout: &out, stderr: &out}, []string{"--db", db}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "indexed ") || !strings.Contains(out.String(), db+"-fulltext") {
		t.Errorf("output %q", out.String())
	}
	fi, err := os.Stat(db + "-fulltext")
	if err != nil || fi.Size() == 0 {
		t.Fatalf("snapshot: %v", err)
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ti, err := st.TextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ti.Len() != n {
		t.Errorf("the index holds %d articles, the store %d", ti.Len(), n)
	}
	if err := cmdReindex(ctx, env{stdout: &out, stderr: &out}, nil); !errors.Is(err, errUsage) {
		t.Errorf("no --db: %v, want a usage error", err)
	}
}
