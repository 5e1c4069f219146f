package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/store"
)

// generatedWARC writes a corpusgen WARC.gz of n pages (with planted
// near-duplicates) and returns its path and the article count.
func generatedWARC(t testing.TB, dir string, n int, seed uint64) (string, int) {
	t.Helper()
	path := filepath.Join(dir, "gen.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := corpusgen.WriteWARC(f, nil, corpusgen.Options{Pages: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return path, got
}

func hashes(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT sha256 || ' ' || status FROM raw_inputs`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestExpandAndProcessMatchRun: items expanded and stored one at a time
// (as queue workers do) store what Run stores, and a second pass over the
// same items stores nothing.
func TestExpandAndProcessMatchRun(t *testing.T) {
	dir := t.TempDir()
	warc, n := generatedWARC(t, dir, 60, 11)
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "a.txt"), []byte("Harbour bridge reopens\n\nThe harbour bridge reopened on Monday after repairs, the city council said. \"It is safe,\" said Mayor Ann Lee.\n"), 0o644)
	os.WriteFile(filepath.Join(pages, "empty.txt"), nil, 0o644)
	ctx := context.Background()

	ref := openStore(t, filepath.Join(dir, "run.db"))
	want, err := ingest.Run(ctx, ref, []string{warc, pages}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}

	var items []ingest.Item
	xs, err := ingest.Expand(ctx, []string{warc, pages}, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil || xs.Items != n+2 || xs.Failed != 0 {
		t.Fatalf("Expand: %v, %+v; want %d items", err, xs, n+2)
	}
	for _, it := range items {
		if it.Body != nil || !filepath.IsAbs(it.Input.FilePath) {
			t.Fatalf("item %s is not a reference with an absolute path: body %d bytes, path %q", it.Name, len(it.Body), it.Input.FilePath)
		}
	}

	st := openStore(t, filepath.Join(dir, "items.db"))
	p, err := ingest.NewProcessor(ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	total := &ingest.Summary{}
	for _, it := range items {
		s, err := p.Ingest(ctx, st, it)
		if err != nil {
			t.Fatalf("%s: %v", it.Name, err)
		}
		total.Add(s)
	}
	if total.Articles != want.Articles || total.Failed != want.Failed || total.Inputs != want.Inputs {
		t.Errorf("one at a time: %d inputs, %d articles, %d failed; Run: %d, %d, %d",
			total.Inputs, total.Articles, total.Failed, want.Inputs, want.Articles, want.Failed)
	}
	if got, want := hashes(t, st), hashes(t, ref); len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("stored inputs differ: %d vs %d", len(got), len(want))
	}
	clusters, err := st.ClusterCount(ctx)
	if err != nil || clusters != want.Clusters || clusters == 0 {
		t.Errorf("clusters = %d (%v), Run made %d (the corpus plants copies)", clusters, err, want.Clusters)
	}

	// Redelivery: every item again stores nothing new.
	again := &ingest.Summary{}
	for _, it := range items {
		s, err := p.Ingest(ctx, st, it)
		if err != nil {
			t.Fatal(err)
		}
		again.Add(s)
	}
	if again.Articles != 0 || again.Duplicates != len(items) {
		t.Errorf("second pass: %d articles, %d duplicates; want 0 and %d", again.Articles, again.Duplicates, len(items))
	}
	if n := count(t, st.DB, `SELECT count(*) FROM articles`); n != want.Articles {
		t.Errorf("articles = %d, want %d", n, want.Articles)
	}
	if n := count(t, st.DB, `SELECT count(*) FROM (SELECT sha256 FROM raw_inputs GROUP BY sha256 HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d inputs stored more than once", n)
	}
}

// TestProcessSameItemConcurrently: two workers given the same item at
// once (a redelivery racing the first delivery) store it once.
func TestProcessSameItemConcurrently(t *testing.T) {
	dir := t.TempDir()
	warc, _ := generatedWARC(t, dir, 3, 2)
	var items []ingest.Item
	if _, err := ingest.Expand(context.Background(), []string{warc}, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(dir, "c.db"))
	p, err := ingest.NewProcessor(ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		var wg sync.WaitGroup
		sums := make([]*ingest.Summary, 4)
		for i := range sums {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := p.Ingest(context.Background(), st, it)
				if err != nil {
					t.Error(err)
					return
				}
				sums[i] = s
			}()
		}
		wg.Wait()
		stored := 0
		for _, s := range sums {
			if s != nil {
				stored += s.Articles
			}
		}
		if stored != 1 {
			t.Errorf("%s: stored %d times by 4 concurrent workers, want 1", it.Name, stored)
		}
	}
	checkOnce(t, st.DB, len(items))
}

// TestProcessRecordChanged: a WARC record item whose file changed is an
// error (nothing stored), not a wrong article.
func TestProcessRecordChanged(t *testing.T) {
	dir := t.TempDir()
	warc, _ := generatedWARC(t, dir, 3, 2)
	var items []ingest.Item
	ingest.Expand(context.Background(), []string{warc}, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	if len(items) == 0 {
		t.Fatal("no items")
	}
	it := items[1]
	it.Input.WARCRecordID = "<urn:uuid:00000000-0000-0000-0000-000000000000>"
	st := openStore(t, filepath.Join(dir, "c.db"))
	p, _ := ingest.NewProcessor(ingest.Options{})
	if _, err := p.Ingest(context.Background(), st, it); !errors.Is(err, ingest.ErrRecordChanged) {
		t.Errorf("err = %v, want ErrRecordChanged", err)
	}
	it = items[1]
	it.Input.WARCOffset++
	if _, err := p.Ingest(context.Background(), st, it); err == nil {
		t.Error("a record read from a wrong offset was stored")
	}
	it.Input.FilePath = filepath.Join(dir, "gone.warc.gz")
	if _, err := p.Ingest(context.Background(), st, it); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
	if n := count(t, st.DB, `SELECT count(*) FROM raw_inputs`); n != 0 {
		t.Errorf("%d inputs stored from failed items", n)
	}
}

// TestPrepareStoreBatches: items prepared one by one and stored several to
// a transaction (as queue workers store them) store what Run stores; an
// item given twice in one batch is stored once; a failed input is
// reported once, after the commit of its batch.
func TestPrepareStoreBatches(t *testing.T) {
	dir := t.TempDir()
	warc, n := generatedWARC(t, dir, 40, 13)
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "empty.txt"), nil, 0o644)
	ctx := context.Background()
	ref := openStore(t, filepath.Join(dir, "run.db"))
	want, err := ingest.Run(ctx, ref, []string{warc, pages}, ingest.Options{})
	if err != nil || want.Failed != 1 {
		t.Fatalf("Run: %v, %+v; want one failed input", err, want)
	}
	var items []ingest.Item
	if _, err := ingest.Expand(ctx, []string{warc, pages}, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	}); err != nil || len(items) != n+1 {
		t.Fatalf("Expand: %v, %d items; want %d", err, len(items), n+1)
	}

	st := openStore(t, filepath.Join(dir, "batches.db"))
	var reported []error
	committed := -1 // inputs stored when the failure was reported
	p, err := ingest.NewProcessor(ingest.Options{OnFailure: func(err error) {
		reported = append(reported, err)
		committed = count(t, st.DB, `SELECT count(*) FROM raw_inputs`)
	}})
	if err != nil {
		t.Fatal(err)
	}
	total := &ingest.Summary{}
	for start := 0; start < len(items); start += 7 {
		var batch []*ingest.Prepared
		for _, it := range items[start:min(start+7, len(items))] {
			a, err := p.Prepare(ctx, st, it)
			if err != nil {
				t.Fatalf("%s: %v", it.Name, err)
			}
			batch = append(batch, a)
		}
		if start == 0 {
			batch = append(batch, batch[0]) // a redelivery in the same batch
		}
		s, err := p.Store(ctx, st, batch)
		if err != nil {
			t.Fatal(err)
		}
		total.Add(s)
	}
	if total.Articles != want.Articles || total.Failed != 1 || total.Duplicates != 1 || total.Inputs != want.Inputs+1 {
		t.Errorf("batches: %+v; Run: %d articles, 1 failed, %d inputs (and 1 duplicate here)", total, want.Articles, want.Inputs)
	}
	if len(reported) != 1 || committed != want.Inputs {
		t.Errorf("failures reported %v with %d inputs stored; want 1, after the commit of all %d", reported, committed, want.Inputs)
	}
	clusters, err := st.ClusterCount(ctx)
	if err != nil || clusters != want.Clusters {
		t.Errorf("clusters = %d (%v), Run made %d", clusters, err, want.Clusters)
	}
	checkOnce(t, st.DB, want.Articles)
}

// TestExpandTooLarge: Expand, which passes over the payloads of a local
// WARC without reading them, refuses for their size the records Run
// refuses.
func TestExpandTooLarge(t *testing.T) {
	dir := t.TempDir()
	warc, n := generatedWARC(t, dir, 30, 3)
	ctx := context.Background()
	some := false
	for i, max := range []int64{1000, 3000, 6000, 12000} {
		tooLarge := func(count *int) func(error) {
			return func(err error) {
				if errors.Is(err, ingest.ErrTooLarge) {
					*count++
				}
			}
		}
		var byRun, byExpand int
		opts := ingest.Options{OnFailure: tooLarge(&byRun)}
		opts.Input.MaxBytes = max
		if _, err := ingest.Run(ctx, openStore(t, filepath.Join(dir, fmt.Sprintf("run%d.db", i))), []string{warc}, opts); err != nil {
			t.Fatal(err)
		}
		opts.OnFailure = tooLarge(&byExpand)
		xs, err := ingest.Expand(ctx, []string{warc}, opts, func(ingest.Item) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if byExpand != byRun || xs.Items+byExpand != n {
			t.Errorf("MaxBytes %d: Expand refused %d records and emitted %d, Run refused %d of %d", max, byExpand, xs.Items, byRun, n)
		}
		some = some || byRun > 0 && byRun < n
	}
	if !some {
		t.Error("no limit refused some records and not others: the test proves nothing")
	}
}
