package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	writeFile(t, pages, "pier.txt", []byte(testArticle))
	os.Symlink(filepath.Join(dir, "gone.html"), filepath.Join(pages, "gone.html"))
	db := filepath.Join(dir, "c.db")

	out, errOut, err := runCmd(t, "", "ingest", "--db", db, "--progress", "never", pages)
	if !errors.Is(err, errPartial) || exitCode(err) != exitPartial {
		t.Fatalf("err = %v, want partial failure", err)
	}
	if !strings.Contains(errOut, filepath.Join(pages, "gone.html")) {
		t.Errorf("stderr does not name the dangling link:\n%s", errOut)
	}
	for _, want := range []string{"inputs read        2", "articles stored    1", "failures           1", "dangling symbolic link"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	os.Remove(filepath.Join(pages, "gone.html"))
	out, _, err = runCmd(t, "", "ingest", "--db", db, pages)
	if err != nil || !strings.Contains(out, "articles stored    0") || !strings.Contains(out, "duplicates         1") {
		t.Errorf("second run: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "", "ingest", pages); exitCode(err) != exitUsage {
		t.Errorf("without --db: %v, want usage error", err)
	}
}

func TestCorpusGenerateAndScore(t *testing.T) {
	dir := t.TempDir()
	warc, truth, db := filepath.Join(dir, "c.warc.gz"), filepath.Join(dir, "t.tsv"), filepath.Join(dir, "c.db")
	if _, _, err := runCmd(t, "", "corpus", "generate", "--pages", "150", "--seed", "3", "--out", warc, "--truth", truth); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "", "ingest", "--db", db, warc); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "", "corpus", "score", "--db", db, "--truth", truth)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "stored 150") || !strings.Contains(out, "precision 1.0000") {
		t.Errorf("score:\n%s", out)
	}
}

func TestRateFlag(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1/s", 1, true}, {"2", 2, true}, {"30/m", 0.5, true}, {"3600/h", 1, true},
		{"0", 0, false}, {"-1/s", 0, false}, {"1/d", 0, false}, {"fast", 0, false},
	} {
		var v float64
		err := rateFlag{&v}.Set(tc.in)
		if (err == nil) != tc.ok || (tc.ok && v != tc.want) {
			t.Errorf("%q: %v, %v; want %v ok %v", tc.in, v, err, tc.want, tc.ok)
		}
	}
}
