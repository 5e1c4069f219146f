package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// partition is a clustering as sorted groups of URLs (clusters of two or
// more), for comparing two stores whose cluster ids differ.
func partition(m map[string]int64) []string {
	groups := map[int64][]string{}
	for u, c := range m {
		groups[c] = append(groups[c], u)
	}
	var out []string
	for _, g := range groups {
		if len(g) > 1 {
			sort.Strings(g)
			out = append(out, strings.Join(g, " "))
		}
	}
	sort.Strings(out)
	return out
}

// TestConcurrentIngestPostgres: two writers (two store handles, as two
// processes) ingest the same WARC into one PostgreSQL store at once, in
// small batches that interleave. Every input is stored exactly once and
// the near-duplicate clusters are those of one ingest into SQLite.
func TestConcurrentIngestPostgres(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	dir := t.TempDir()
	warc := filepath.Join(dir, "gen.warc.gz")
	f, err := os.Create(warc)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := corpusgen.WriteWARC(f, nil, corpusgen.Options{Pages: 120, Seed: 11})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	lite := openStore(t, filepath.Join(dir, "c.db"))
	if _, err := ingest.Run(ctx, lite, []string{warc}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	want, err := lite.ClusterOfURL(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	sums := make([]*ingest.Summary, 2)
	errs := make([]error, 2)
	for i := range 2 {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i], errs[i] = ingest.Run(ctx, st, []string{warc}, ingest.Options{Workers: 2, BatchSize: 3})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := sums[0].Articles + sums[1].Articles; got != pages {
		t.Errorf("the two runs stored %d + %d articles, want %d in all", sums[0].Articles, sums[1].Articles, pages)
	}
	if got := sums[0].Duplicates + sums[1].Duplicates; got != pages {
		t.Errorf("the two runs found %d + %d duplicates, want %d in all", sums[0].Duplicates, sums[1].Duplicates, pages)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for q, n := range map[string]int{
		`SELECT count(*) FROM articles`:                                                    pages,
		`SELECT count(*) FROM raw_inputs`:                                                  pages,
		`SELECT count(DISTINCT url) FROM articles`:                                         pages,
		`SELECT count(DISTINCT warc_record_id) FROM raw_inputs`:                            pages,
		`SELECT count(*) FROM articles WHERE cluster_id IS NULL`:                           0,
		`SELECT count(*) FROM articles WHERE fts_tokens = 0`:                               0,
		`SELECT count(*) FROM outlets o JOIN outlets p ON p.host = o.host AND p.id < o.id`: 0,
	} {
		if got := count(t, st.DB, q); got != n {
			t.Errorf("%s: %d, want %d", q, got, n)
		}
	}
	got, err := st.ClusterOfURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(partition(got), partition(want)) {
		t.Errorf("clusters differ from one SQLite ingest:\n postgres %q\n sqlite   %q", partition(got), partition(want))
	}
	if len(partition(want)) == 0 {
		t.Error("the generated corpus has no near-duplicates: the test proves nothing about clustering")
	}
}
