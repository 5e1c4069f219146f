package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/store"
)

var scrapinghubDir = filepath.Join("..", "..", "..", "shared", "data", "extraction", "scrapinghub", "html")

// childEnv makes the test binary an ingest process (see TestMain): the
// SIGKILL test runs it as a subprocess.
const childEnv = "NEWSGRAPH_INGEST_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		f := strings.Split(args, "\x1f")
		st, err := store.Open(context.Background(), f[0])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		_, err = ingest.Run(context.Background(), st, f[1:], ingest.Options{Workers: 2, BatchSize: 16})
		st.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// scrapinghubWARC writes the Scrapinghub benchmark pages into a WARC.gz file
// in dir (never committed) and returns its path and the page count.
func scrapinghubWARC(t testing.TB, dir string) (string, int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(scrapinghubDir, "*.html.gz"))
	if len(files) == 0 {
		t.Skip("scrapinghub pages not available")
	}
	path := filepath.Join(dir, "scrapinghub.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := corpusgen.NewWARCWriter(f)
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := w.Metadata("http://pages.example/", date, "note: crawl of test pages\r\n"); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		body := gunzipFile(t, file)
		name := strings.TrimSuffix(filepath.Base(file), ".html.gz")
		if _, err := w.Response("http://pages.example/"+name, date, "text/html", body); err != nil {
			t.Fatal(err)
		}
	}
	return path, len(files)
}

func gunzipFile(t testing.TB, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func count(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkOnce asserts the store holds want articles, each input once.
func checkOnce(t *testing.T, db *sql.DB, want int) {
	t.Helper()
	if n := count(t, db, `SELECT count(*) FROM articles`); n != want {
		t.Errorf("articles = %d, want %d", n, want)
	}
	if n := count(t, db, `SELECT count(*) FROM (SELECT warc_record_id FROM raw_inputs GROUP BY warc_record_id HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d WARC records stored more than once", n)
	}
	if n := count(t, db, `SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d URLs stored more than once", n)
	}
	if n := count(t, db, `SELECT count(*) FROM articles WHERE cluster_id IS NULL`); n != 0 {
		t.Errorf("%d articles without a cluster", n)
	}
	if n := count(t, db, `SELECT count(*) FROM articles_fts`); n != want {
		t.Errorf("FTS rows = %d, want %d", n, want)
	}
}

func TestWARCScrapinghubIdempotent(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 181 pages twice")
	}
	dir := t.TempDir()
	warc, pages := scrapinghubWARC(t, dir)
	st := openStore(t, filepath.Join(dir, "c.db"))
	ctx := context.Background()
	sum, err := ingest.Run(ctx, st, []string{warc}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != pages || sum.Failed != 0 {
		t.Errorf("first run: %+v, want %d articles, no failures", sum, pages)
	}
	checkOnce(t, st.DB, pages)
	// Provenance: every article's raw input names the WARC file, record and offset.
	if n := count(t, st.DB, `SELECT count(*) FROM raw_inputs WHERE source_kind = 'warc' AND file_path = ? AND warc_record_id LIKE '<urn:uuid:%' AND warc_offset > 0 AND url LIKE 'http://pages.example/%'`, warc); n != pages {
		t.Errorf("%d raw inputs with WARC provenance, want %d", n, pages)
	}
	sum, err = ingest.Run(ctx, st, []string{warc}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 0 || sum.Duplicates != pages {
		t.Errorf("second run: %d articles, %d duplicates; want 0 and %d", sum.Articles, sum.Duplicates, pages)
	}
	checkOnce(t, st.DB, pages)
}

func TestWARCKilledAndRestarted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ingest subprocesses over 181 pages")
	}
	dir := t.TempDir()
	warc, pages := scrapinghubWARC(t, dir)
	db := filepath.Join(dir, "c.db")
	run := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+db+"\x1f"+warc)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	// Kill twice at random moments (the second time on top of a partial
	// store), then let a third run finish.
	for i := range 2 {
		cmd := run()
		delay := time.Duration(150+r.IntN(1400)) * time.Millisecond
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Logf("kill %d: %v", i, err)
		}
		_ = cmd.Wait()
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatalf("store after kill %d: %v", i, err)
		}
		n := count(t, st.DB, `SELECT count(*) FROM articles`)
		st.Close()
		t.Logf("killed after %v: %d articles stored", delay, n)
	}
	cmd := run()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("final run: %v: %s", err, cmd.Stderr)
	}
	st := openStore(t, db)
	checkOnce(t, st.DB, pages)
	if n := count(t, st.DB, `SELECT count(*) FROM raw_inputs`); n != pages {
		t.Errorf("raw inputs = %d, want %d", n, pages)
	}
}

func TestVersionsAndUnchanged(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p", "page.html")
	os.MkdirAll(filepath.Dir(page), 0o755)
	write := func(body string) {
		html := `<html><head><title>Ferry timetable</title><link rel="canonical" href="https://harbour.example/ferry"></head><body><article><h1>Ferry timetable changes</h1>` +
			body + `</article><footer>Harbour Gazette</footer></body></html>`
		if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	para := `<p>The island ferry will leave the north pier twenty minutes earlier from Monday, the operator said in a statement on its website.</p>
<p>Passengers with season tickets do not need to rebook, and the evening crossing keeps its old time for the rest of the summer.</p>`
	st := openStore(t, filepath.Join(dir, "c.db"))
	ctx := context.Background()
	runOnce := func() *ingest.Summary {
		t.Helper()
		s, err := ingest.Run(ctx, st, []string{filepath.Dir(page)}, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	write(para)
	if s := runOnce(); s.Articles != 1 {
		t.Fatalf("first: %+v", s)
	}
	write(para + "<!-- rendered at 12:00 -->") // bytes change, text does not
	if s := runOnce(); s.Unchanged != 1 || s.Articles != 0 {
		t.Errorf("chrome-only change: %+v, want 1 unchanged", s)
	}
	write(para + `<p>Update: the operator has since added a late crossing on Fridays.</p>`)
	if s := runOnce(); s.Versions != 1 || s.Articles != 1 {
		t.Errorf("changed page: %+v, want 1 new version", s)
	}
	var v, latestOld int
	var prev sql.NullInt64
	if err := st.DB.QueryRow(`SELECT version, previous_version_id FROM articles WHERE latest = 1`).Scan(&v, &prev); err != nil {
		t.Fatal(err)
	}
	if err := st.DB.QueryRow(`SELECT latest FROM articles WHERE id = ?`, prev.Int64).Scan(&latestOld); err != nil {
		t.Fatal(err)
	}
	if v != 2 || !prev.Valid || latestOld != 0 {
		t.Errorf("version %d, previous %v (latest %d); want 2, the first, 0", v, prev, latestOld)
	}
	// The two versions are near-duplicates: one cluster.
	if n := count(t, st.DB, `SELECT count(DISTINCT cluster_id) FROM articles`); n != 1 {
		t.Errorf("versions in %d clusters, want 1", n)
	}
}

// TestBadSources: a truncated WARC, a feed that is not XML, a directory
// holding a FIFO and a dangling symlink, a missing file — each reported with
// its name, the rest ingested.
func TestBadSources(t *testing.T) {
	dir := t.TempDir()
	// A good WARC and a truncated copy of it.
	var buf bytes.Buffer
	n, err := corpusgen.WriteWARC(&buf, nil, corpusgen.Options{Pages: 12, Seed: 7, CopyRate: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.warc.gz")
	os.WriteFile(good, buf.Bytes(), 0o644)
	trunc := filepath.Join(dir, "trunc.warc.gz")
	cut := buf.Bytes()[:buf.Len()*2/3]
	os.WriteFile(trunc, cut, 0o644)
	// A "feed" that is not XML.
	feed := filepath.Join(dir, "news.rss")
	os.WriteFile(feed, []byte("this is { not xml at all"), 0o644)
	// A directory with a readable page, a FIFO and a dangling symlink.
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "a.txt"), []byte(plainArticle), 0o644)
	fifo := filepath.Join(pages, "b.pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(pages, "c.html")
	os.Symlink(filepath.Join(dir, "nowhere.html"), dangling)
	missing := filepath.Join(dir, "missing.html")

	st := openStore(t, filepath.Join(dir, "c.db"))
	var reported []error
	sum, err := ingest.Run(context.Background(), st, []string{good, trunc, feed, pages, missing}, ingest.Options{
		OnFailure: func(err error) { reported = append(reported, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		name string
		err  error
	}{
		{trunc, ingest.ErrWARC},
		{feed, ingest.ErrNotFeed},
		{fifo, ingest.ErrNotRegular},
		{dangling, os.ErrNotExist},
		{missing, os.ErrNotExist},
	} {
		found := false
		for _, e := range reported {
			if strings.HasPrefix(e.Error(), want.name) && errors.Is(e, want.err) {
				found = true
			}
		}
		if !found {
			t.Errorf("no failure %q naming %s; reported: %v", want.err, want.name, reported)
		}
	}
	// Everything readable is in: the good WARC's pages (the truncated
	// copy's complete records are the same content) and the text page.
	if got := count(t, st.DB, `SELECT count(*) FROM articles`); got != n+1 {
		t.Errorf("articles = %d, want %d", got, n+1)
	}
	if sum.Failed != len(reported) || sum.Failures[ingest.ErrCorruptRecord.Error()] != 1 {
		t.Errorf("summary %+v does not match %d reported failures", sum, len(reported))
	}
}

const plainArticle = `The town council voted on Tuesday to keep the public library open on Sundays after a petition gathered more than two thousand signatures.

The library had planned to close on Sundays from next month to save money on heating and staff.

"We listened to the people who use it," said council leader Mara Ellison, who proposed the motion.

The extra cost will be covered by a small rise in parking charges at the town's two main car parks.`
