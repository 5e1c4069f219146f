package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// TestCommandsOnPostgres: every corpus command takes a postgres:// URL as
// --db and answers as it does on an SQLite file holding the same pages.
func TestCommandsOnPostgres(t *testing.T) {
	pg := pgtest.NewDatabase(t)
	dir := t.TempDir()
	warc, truth, lite := filepath.Join(dir, "c.warc.gz"), filepath.Join(dir, "t.tsv"), filepath.Join(dir, "c.db")
	if _, _, err := runCmd(t, "", "corpus", "generate", "--pages", "60", "--seed", "3", "--out", warc, "--truth", truth); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{lite, pg} {
		if out, errOut, err := runCmd(t, "", "ingest", "--db", db, "--progress", "never", warc); err != nil || !strings.Contains(out, "articles stored    60") {
			t.Fatalf("ingest --db %s: %v\n%s%s", db, err, out, errOut)
		}
	}
	for _, args := range [][]string{
		{"search", "the"},
		{"search", "--json", "--limit", "100", "minister OR council"},
		{"search", `"the minister"`},
		{"search", "--limit", "50", "published:[2016 TO 2017-06]"},
		{"quotes", "--limit", "40", ""},
		{"stats", "--by", "month", ""},
		{"stats", "--by", "week", "council"},
		{"entities", "--limit", "30", "list"},
		{"corpus", "score", "--truth", truth},
	} {
		name := strings.Join(args, " ")
		run := func(db string) string {
			a := append([]string{args[0]}, "--db", db)
			if args[0] == "corpus" {
				a = []string{"corpus", "score", "--db", db}
			}
			a = append(a, args[1:]...)
			if args[0] == "corpus" {
				a = append(a[:4], args[2:]...)
			}
			out, errOut, err := runCmd(t, "", a...)
			if err != nil {
				t.Fatalf("%s --db %s: %v\n%s", name, db, err, errOut)
			}
			return out
		}
		if a, b := run(lite), run(pg); a != b {
			t.Errorf("%s: SQLite and PostgreSQL differ:\n--- SQLite\n%s\n--- PostgreSQL\n%s", name, a, b)
		} else if strings.TrimSpace(a) == "" {
			t.Errorf("%s: no output", name)
		}
	}
	out, _, err := runCmd(t, "", "export", "--db", pg, "--format", "jsonl", "")
	if err != nil || strings.Count(out, "\n") != 60 {
		t.Errorf("export from PostgreSQL: %v, %d lines, want 60", err, strings.Count(out, "\n"))
	}
}
