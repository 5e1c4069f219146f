package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenAppliesSchemaTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	for i := range 2 {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var mode string
		if err := s.DB.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		var fk int
		if err := s.DB.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFTSFollowsArticles(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.DB.Exec(`INSERT INTO raw_inputs(id, sha256, ingested_at, source_kind, size) VALUES (1, 'x', '2026-01-01T00:00:00Z', 'file', 3)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.Exec(`INSERT INTO articles(raw_input_id, title, text, record, ingested_at, speaker_names)
		VALUES (1, 'Harbour fees rise', 'The harbour council raised mooring fees again.', '{}', '2026-01-01T00:00:00Z', 'Ada Quill')`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"mooring", 1},
		{"moor*", 1},
		{`"mooring fees"`, 1},
		{`speaker_names:"ada quill"`, 1},
		{"lighthouse", 0},
	} {
		var n int
		if err := s.DB.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`, tc.query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if n != tc.want {
			t.Errorf("%s: %d hits, want %d", tc.query, n, tc.want)
		}
	}
	var snip string
	if err := s.DB.QueryRow(`SELECT snippet(articles_fts, 1, '[', ']', '…', 4) FROM articles_fts WHERE articles_fts MATCH 'mooring'`).Scan(&snip); err != nil || !strings.Contains(snip, "[mooring]") {
		t.Errorf("snippet = %q, %v", snip, err)
	}
	// Foreign keys are enforced.
	if _, err := s.DB.Exec(`INSERT INTO paragraphs(article_id, idx, start, end) VALUES (99, 0, 0, 1)`); err == nil {
		t.Error("paragraph for a missing article was accepted")
	}
}
