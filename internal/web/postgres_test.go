package web

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// TestServerOnPostgres: the server on a PostgreSQL store answers every
// page and API read as on an SQLite store of the same pages, and deletes
// and ingests through it.
func TestServerOnPostgres(t *testing.T) {
	var urls []string
	for _, dsn := range []string{pgtest.NewDatabase(t), ""} {
		var st *store.Store
		if dsn == "" {
			st = newTestStore(t)
		} else {
			st = newTestStoreAt(t, dsn)
		}
		// The one difference of the two stores: when they were made.
		for _, q := range []string{`UPDATE raw_inputs SET ingested_at = '2026-01-02T03:04:05Z'`, `UPDATE articles SET ingested_at = '2026-01-02T03:04:05Z'`} {
			if _, err := st.DB.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		s, err := New(st, Options{Rate: -1, Token: testToken, CacheTTL: -1})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s)
		t.Cleanup(ts.Close)
		urls = append(urls, ts.URL)
	}
	pg, lite := urls[0], urls[1]
	fetch := func(base, method, path string) (int, string) {
		req, _ := http.NewRequest(method, base+path, nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.ReplaceAll(string(b), base, "")
	}
	paths := []string{
		"/api/search?q=ferry", "/api/search?q=council&facets=1", "/api/search?q=tag:Transport", "/api/search?q=(bad",
		fmt.Sprintf("/api/article/%d", idFerry), fmt.Sprintf("/api/article/%d", idCopy), "/api/article/999",
		"/api/quotes", "/api/speakers", "/api/entities", "/api/stats?by=month", "/api/clusters",
		"/api/export?format=jsonl", "/api/export?format=csv",
		"/", "/search?q=bridge", fmt.Sprintf("/article/%d", idBridge), "/person/Anna%20Kowalczyk", "/outlet/Eastport%20Ledger",
	}
	compare := func() {
		t.Helper()
		for _, p := range paths {
			c1, b1 := fetch(lite, "GET", p)
			c2, b2 := fetch(pg, "GET", p)
			if c1 != c2 || b1 != b2 {
				t.Errorf("GET %s: SQLite %d, PostgreSQL %d:\n%.600s\n---\n%.600s", p, c1, c2, b1, b2)
			}
		}
	}
	compare()
	for _, base := range []string{lite, pg} {
		if c, b := fetch(base, "DELETE", fmt.Sprintf("/api/article/%d", idFerry)); c != http.StatusOK {
			t.Fatalf("DELETE on %s: %d %s", base, c, b)
		}
	}
	compare()
}
