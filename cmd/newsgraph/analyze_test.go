package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// runCmd runs newsgraph with args and returns stdout, stderr and the error.
func runCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), err
}

const testArticle = `The harbour authority of Port Elsin said on Monday that it would close the old ferry pier for repairs.

"The timbers are older than most of our staff," said Ruth Calloway, the authority's director. "We cannot wait another winter."

Local traders said they feared the closure would cost them customers during the busy season.`

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestAnalyzeBatchGoesOnAfterBadInputs feeds a batch where most inputs are
// bad: each must get a one-line error naming it on stderr, the good inputs
// must still be analysed, and the exit status must say some failed.
func TestAnalyzeBatchGoesOnAfterBadInputs(t *testing.T) {
	dir := t.TempDir()
	page := "<!DOCTYPE html><html><head><title>Pier closes</title></head><body><article><p>" +
		strings.ReplaceAll(testArticle, "\n\n", "</p><p>") + "</p></article></body></html>"
	good := writeFile(t, dir, "a-good.html", []byte(page))
	goodGz := writeFile(t, dir, "b-good.html.gz", gzipBytes(t, []byte(page)))
	full := gzipBytes(t, []byte(page+strings.Repeat("<p>more text here</p>", 2000)))
	bad := map[string][]byte{
		"c-empty.txt":         {},
		"d-binary.bin":        {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		"e-truncated.html.gz": full[:len(full)/2],
		"f-invalid-utf8.txt":  []byte("Caf\xe9 au lait \xff\xfe is not UTF-8 \x80\x81 at all, though it is mostly text."),
		"g-deep.html":         []byte("<html><body>" + strings.Repeat("<div>", 5000) + "deep" + strings.Repeat("</div>", 5000) + "</body></html>"),
		"h-big.txt":           bytes.Repeat([]byte("A line of text that goes on.\n"), 4000),
	}
	var names []string
	for n, b := range bad {
		names = append(names, writeFile(t, dir, n, b))
	}
	missing := filepath.Join(dir, "z-missing.txt")

	args := append([]string{"analyze", "--json", "--max-bytes", "100000", good, goodGz}, names...)
	args = append(args, missing)
	stdout, stderr, err := runCmd(t, "", args...)
	if !errors.Is(err, errPartial) || exitCode(err) != exitPartial {
		t.Fatalf("err = %v, want errPartial (exit %d)", err, exitPartial)
	}
	var got []article.Article
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a article.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("bad JSON line: %v", err)
		}
		got = append(got, a)
	}
	if len(got) != 2 || got[0].ID != good || got[1].ID != goodGz {
		t.Fatalf("analysed %d articles (%v), want the two good ones in order", len(got), got)
	}
	for _, a := range got {
		if !strings.Contains(a.Text, "Ruth Calloway") || a.Title != "Pier closes" {
			t.Errorf("%s: text/title not extracted: %q / %q", a.ID, a.Title, a.Text)
		}
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	wantFailed := len(bad) + 1
	if len(lines) != wantFailed+1 {
		t.Fatalf("stderr has %d lines, want %d errors and a summary:\n%s", len(lines), wantFailed, stderr)
	}
	for _, n := range append(names, missing) {
		found := false
		for _, l := range lines {
			if strings.Contains(l, n) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error line names %s:\n%s", n, stderr)
		}
	}
}

func TestAnalyzePlainFromStdin(t *testing.T) {
	in := strings.ReplaceAll(testArticle, "\n", "\r\n")
	stdout, stderr, err := runCmd(t, in, "analyze", "--json", "--plain", "-")
	if err != nil {
		t.Fatalf("err = %v; stderr: %s", err, stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatal(err)
	}
	if a.Text != testArticle {
		t.Errorf("--plain text changed:\n%q\nwant\n%q", a.Text, testArticle)
	}
	if a.ID != "-" || a.Format != article.FormatPlain || a.Language != "en" {
		t.Errorf("id %q format %q language %q", a.ID, a.Format, a.Language)
	}
	if len(a.Paragraphs) != 3 {
		t.Fatalf("%d paragraphs, want 3", len(a.Paragraphs))
	}
	for _, s := range a.Sentences {
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End {
			t.Fatalf("sentence span %v out of range", s)
		}
	}
}

func TestAnalyzeReport(t *testing.T) {
	stdout, _, err := runCmd(t, testArticle, "analyze", "--plain", "-")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 paragraphs", "language   en", "Ruth Calloway"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nonsense"}, {"analyze"}, {"analyze", "--no-such-flag", "x"}} {
		if _, _, err := runCmd(t, "", args...); exitCode(err) != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, exitCode(err), exitUsage)
		}
	}
}
