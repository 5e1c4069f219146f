//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAnalyzeFIFO: a FIFO is refused by name without being opened (which
// would block forever), and the exit status says an input was not
// analysed.
func TestAnalyzeFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"analyze", fifo}, {"ingest", "--db", filepath.Join(dir, "c.db"), "--progress", "never", fifo}} {
		_, errOut, err := runCmd(t, "", args...)
		if exitCode(err) != exitPartial {
			t.Errorf("%s: exit %d (%v), want %d", args[0], exitCode(err), err, exitPartial)
		}
		if !strings.Contains(errOut, fifo+": not a regular file") {
			t.Errorf("%s: stderr does not name the FIFO:\n%s", args[0], errOut)
		}
	}
}

// TestSymlinksSameInAnalyzeAndIngest: a link to a directory given as an
// argument, and a link to a file inside it, are read by analyze and
// ingest alike; a dangling link inside is reported by both, with exit 3.
func TestSymlinksSameInAnalyzeAndIngest(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	other := filepath.Join(dir, "other")
	os.MkdirAll(pages, 0o755)
	os.MkdirAll(other, 0o755)
	writeFile(t, pages, "pier.txt", []byte(testArticle))
	writeFile(t, other, "second.txt", []byte(strings.ReplaceAll(testArticle, "Port Elsin", "Port Avery")))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(other, "second.txt"), filepath.Join(pages, "second.txt")))
	must(os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(pages, "zz-dangling.txt")))
	link := filepath.Join(dir, "link")
	must(os.Symlink(pages, link))

	out, errOut, err := runCmd(t, "", "analyze", "--json", link)
	if exitCode(err) != exitPartial || !strings.Contains(errOut, "zz-dangling.txt: dangling symbolic link") {
		t.Errorf("analyze: exit %d, stderr %s; want 3 naming the dangling link", exitCode(err), errOut)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("analyze: %d records, want 2 (the file and the linked file)", n)
	}
	out, errOut, err = runCmd(t, "", "ingest", "--db", filepath.Join(dir, "c.db"), "--progress", "never", link)
	if exitCode(err) != exitPartial || !strings.Contains(errOut, "zz-dangling.txt: dangling symbolic link") {
		t.Errorf("ingest: exit %d, stderr %s; want 3 naming the dangling link", exitCode(err), errOut)
	}
	if !strings.Contains(out, "articles stored    2") {
		t.Errorf("ingest: want 2 articles stored:\n%s", out)
	}
}
