package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// The test corpus (testdata/corpus, testdata/hostile) is written for these
// tests: four short articles from three made-up outlets, one of them a
// lightly edited copy of another, and one hostile article full of markup.
// Ingested in file order, their ids are:
const (
	idBridge  = 1 // Northshore Gazette; Anna Kowalczyk, Marcus Reed
	idFerry   = 2 // Eastport Ledger; Elena Brightwater, Tom Hale (the original)
	idCopy    = 3 // Island Courier; the ferry article, edited
	idLibrary = 4 // Eastport Ledger
	idHostile = 5 // markup in title, text, outlet, tag and canonical URL
)

const testToken = "test-token-0123456789"

// newTestStore ingests the test corpus through the real ingest and
// analysis path into a temporary SQLite store.
func newTestStore(t testing.TB) *store.Store {
	t.Helper()
	return newTestStoreAt(t, filepath.Join(t.TempDir(), "corpus.db"))
}

// newTestStoreAt is newTestStore in the store dsn names.
func newTestStoreAt(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sum, err := ingest.Run(ctx, st, []string{filepath.Join("testdata", "corpus"), filepath.Join("testdata", "hostile")},
		ingest.Options{Workers: 1, OnFailure: func(err error) { t.Errorf("ingest: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 5 {
		t.Fatalf("ingested %d articles, want 5: %+v", sum.Articles, sum)
	}
	return st
}

// newTestServer serves the test corpus; opts.Token defaults to testToken
// and the rate limit is off unless set.
func newTestServer(t testing.TB, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Rate == 0 {
		opts.Rate = -1
	}
	st := newTestStore(t)
	s, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func get(t testing.TB, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

var timeZero = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const msec = time.Millisecond

func newHTTPTestServer(h http.Handler) *httptest.Server { return httptest.NewServer(h) }
