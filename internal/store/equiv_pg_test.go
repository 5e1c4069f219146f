package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// The equivalence tests on PostgreSQL: a PostgreSQL store built exactly as
// the SQLite one (same articles, same order, so the same ids) must give
// the same pages, in the same order, and the same totals for every query
// shape and filter option, as the SQLite reference; and the same
// statistics, facets, quotes and export.

func pgStores(t *testing.T) (pg, lite *Store) {
	t.Helper()
	pg, lite = equivStoreAt(t, pgtest.NewDatabase(t)), equivStore(t)
	// The one difference of the two builds: when they ran.
	for _, s := range []*Store{pg, lite} {
		for _, q := range []string{`UPDATE raw_inputs SET ingested_at = '2026-01-02T03:04:05Z'`, `UPDATE articles SET ingested_at = '2026-01-02T03:04:05Z'`} {
			if _, err := s.DB.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	return pg, lite
}

// clip shortens a JSON text for a message.
func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func TestSearchEqualsExactPostgres(t *testing.T) {
	pg, lite := pgStores(t)
	searchEqualsExact(t, pg, lite)
	t.Run("limits", func(t *testing.T) { searchLimits(t, pg, lite) })
}

// TestStoresAgree compares every other read of the two stores, before
// and after deleting articles.
func TestStoresAgree(t *testing.T) {
	pg, lite := pgStores(t)
	storesAgree(t, pg, lite)
	ctx := context.Background()
	// A latest version (its previous one becomes the latest), a cluster's
	// original, an undated article, and one that is not there.
	for _, id := range []int64{701, 12, 14, 99999} {
		for _, s := range []*Store{pg, lite} {
			err := s.DeleteArticle(ctx, id)
			if (id == 99999) != errors.Is(err, ErrNotFound) {
				t.Fatalf("delete %d: %v", id, err)
			}
		}
	}
	storesAgree(t, pg, lite)
	searchEqualsExact(t, pg, lite)
}

func storesAgree(t *testing.T, pg, lite *Store) {
	t.Helper()
	ctx := context.Background()
	same := func(what string, get func(*Store) (any, error)) {
		t.Helper()
		a, err := get(lite)
		if err != nil {
			t.Fatalf("%s on SQLite: %v", what, err)
		}
		b, err := get(pg)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", what, err)
		}
		if !reflect.DeepEqual(a, b) {
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			i := 0
			for i < min(len(ja), len(jb)) && ja[i] == jb[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s differs at byte %d:\n SQLite     %s\n PostgreSQL %s", what, i, clip(ja[from:]), clip(jb[from:]))
		}
	}
	for _, q := range []string{"", "ceasefire", "tag:Syria", `speaker:"Anna Keller"`, "water OR tag:Health", "published:[2016-03 TO 2016-09]"} {
		f := Filter{Query: q}
		for _, by := range []Interval{Day, Week, Month} {
			same("stats "+q+" by "+string(by), func(s *Store) (any, error) {
				return s.Stats(ctx, StatsOptions{Filter: f, By: by, Top: 10, Outlets: 3})
			})
		}
		same("facets "+q, func(s *Store) (any, error) { return s.Facets(ctx, FacetOptions{Filter: f}) })
		same("quotes "+q, func(s *Store) (any, error) {
			var out []QuoteHit
			err := s.Quotes(ctx, QuoteOptions{Filter: f}, func(h QuoteHit) error { out = append(out, h); return nil })
			return out, err
		})
		for _, format := range []Format{JSONL, CSV} {
			same("export "+q+" "+string(format), func(s *Store) (any, error) {
				var b bytes.Buffer
				n, err := s.Export(ctx, &b, ExportOptions{Filter: f, Format: format})
				// Records in ingest order on PostgreSQL; on SQLite in
				// the order its plan reads them.
				var recs []string
				if format == JSONL {
					recs = strings.SplitAfter(b.String(), "\n")
				} else {
					rows, err := csv.NewReader(&b).ReadAll()
					if err != nil {
						return nil, err
					}
					for _, r := range rows {
						recs = append(recs, strings.Join(r, "\x00"))
					}
				}
				slices.Sort(recs)
				return []any{n, recs}, err
			})
		}
		same("techniques "+q, func(s *Store) (any, error) { return s.Techniques(ctx, f) })
	}
	// Whole pages: scores, snippets (FTS5's snippet() rebuilt), URLs.
	for _, q := range equivQueries {
		same("search "+q, func(s *Store) (any, error) {
			return s.Search(ctx, SearchOptions{Filter: Filter{Query: q}, Limit: 60, SnippetWords: 12})
		})
	}
	same("speakers", func(s *Store) (any, error) { return s.Speakers(ctx, "", 50) })
	same("entities", func(s *Store) (any, error) { return s.TopEntities(ctx, "", 50) })
	same("corpus entities", func(s *Store) (any, error) { return s.Entities(ctx, "", "", 50) })
	same("clusters", func(s *Store) (any, error) { return s.Clusters(ctx, 20, 0) })
	same("article", func(s *Store) (any, error) { return s.Article(ctx, 11) })
}

// TestOpenPostgres: migrations are versioned and applied once; a database
// of another program, an empty one opened read-only and one written by a
// newer newsgraph are refused.
func TestOpenPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDatabase(t)
	if _, err := OpenOptions(ctx, dsn, Options{ReadOnly: true}); !errors.Is(err, ErrNotStore) {
		t.Errorf("an empty database, read-only: %v, want ErrNotStore", err)
	}
	for range 2 {
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		var v string
		if err := st.DB.QueryRow(`SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil || v != "1" {
			t.Errorf("schema version %q (%v), want 1", v, err)
		}
		st.Close()
	}
	st, err := OpenOptions(ctx, dsn, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := st.Begin(ctx)
	if err == nil {
		_, err = tx.PutFailed(Input{SHA256: "x", SourceKind: SourceFile}, errors.New("test"))
		tx.Rollback()
	}
	if err == nil {
		t.Error("a read-only store took a write")
	}
	if _, err := st.DB.Exec(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`); err == nil {
		t.Error("a read-only store took an update")
	}
	st.Close()
	st, _ = Open(ctx, dsn)
	st.DB.Exec(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`)
	st.Close()
	if _, err := Open(ctx, dsn); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("a newer schema: %v, want ErrSchemaTooNew", err)
	}

	foreign := pgtest.NewDatabase(t)
	db, err := sql.Open("pgx", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE invoices (id integer PRIMARY KEY, total real)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, foreign); !errors.Is(err, ErrNotStore) || !strings.Contains(err.Error(), "invoices") {
		t.Errorf("another program's database: %v, want ErrNotStore naming its tables", err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'`).Scan(&n)
	if n != 0 {
		t.Error("newsgraph's tables were added to another program's database")
	}
	if strings.Contains(redact("postgres://u:secret@h/db"), "secret") {
		t.Error("a password is shown in messages")
	}
}
