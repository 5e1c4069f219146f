package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
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
	pg, lite, _ = pgStoresURL(t)
	return pg, lite
}

// pgStoresURL is pgStores with the PostgreSQL database's URL.
func pgStoresURL(t *testing.T) (pg, lite *Store, url string) {
	t.Helper()
	url = pgtest.NewDatabase(t)
	pg, lite = equivStoreAt(t, url), equivStore(t)
	// The one difference of the two builds: when they ran.
	for _, s := range []*Store{pg, lite} {
		for _, q := range []string{`UPDATE raw_inputs SET ingested_at = '2026-01-02T03:04:05Z'`, `UPDATE articles SET ingested_at = '2026-01-02T03:04:05Z'`} {
			if _, err := s.DB.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	return pg, lite, url
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
	for _, o := range []QuoteOptions{{Speaker: "keller"}, {Speaker: "ANNA KELLER", Kind: "direct"}, {Outlet: "north.example", Limit: 7, Offset: 3}, {Outlet: "West News"}} {
		same(fmt.Sprintf("quotes %+v", o), func(s *Store) (any, error) {
			var out []QuoteHit
			err := s.Quotes(ctx, o, func(h QuoteHit) error { out = append(out, h); return nil })
			return out, err
		})
	}
	same("speakers an", func(s *Store) (any, error) { return s.Speakers(ctx, "an", 50) })
	same("places", func(s *Store) (any, error) { return s.TopEntities(ctx, "PLACE", 50) })
	same("corpus entities go", func(s *Store) (any, error) { return s.Entities(ctx, "PERSON", "go", 50) })
	same("outlet exists", func(s *Store) (any, error) {
		a, err := s.OutletExists(ctx, "WWW.North.Example")
		b, _ := s.OutletExists(ctx, "nowhere")
		return []bool{a, b}, err
	})
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
		if err := st.DB.QueryRow(`SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil || v != fmt.Sprint(pgSchemaVersion) {
			t.Errorf("schema version %q (%v), want %d", v, err, pgSchemaVersion)
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

// TestIndexedSearchPostgres runs the equivalence tests on a PostgreSQL
// store that ranks and counts facets with its full-text index, against the
// SQLite reference; then changes and deletes articles through another
// connection and checks that the index follows the change log.
func TestIndexedSearchPostgres(t *testing.T) {
	pg, lite, url := pgStoresURL(t)
	ctx := context.Background()
	ti, err := pg.UseTextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ti.SnapshotPath() != "" {
		t.Errorf("snapshot path %q for a PostgreSQL store", ti.SnapshotPath())
	}
	searchEqualsExact(t, pg, lite)
	t.Run("facets", func(t *testing.T) { sameFacets(t, lite, pg) })
	t.Run("count limit", func(t *testing.T) { countLimited(t, pg, lite) })
	if ti.Searches() == 0 {
		t.Fatal("the index answered no search")
	}
	// Deletions through another handle of the same database: the index
	// learns them from text_changes.
	other, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, id := range []int64{701, 12, 14} {
		for _, s := range []*Store{other, lite} {
			if err := s.DeleteArticle(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	searchEqualsExact(t, pg, lite)
	if n := ti.Len(); n != countArticles(t, lite) {
		t.Errorf("index holds %d articles, the store %d", n, countArticles(t, lite))
	}
}

func countArticles(t *testing.T, s *Store) int {
	var n int
	if err := s.DB.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigratePostgres opens a store left at schema version 1 (before the
// change log of the full-text index): it is migrated, and its articles,
// stored before the log existed, are indexed and searched.
func TestMigratePostgres(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDatabase(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`, pgMigrations[0],
		`INSERT INTO meta(key, value) VALUES ('schema_version', '1')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// An article written at version 1, through a store that thinks so.
	old := pgMigrations
	pgMigrations = pgMigrations[:1]
	st, err := Open(ctx, dsn)
	pgMigrations = old
	if err != nil {
		t.Fatal(err)
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.PutArticle(Input{SHA256: "m1", SourceKind: SourceFile, FilePath: "/m1.html"}, testArticle(pierText, nil)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v string
	if err := st.DB.QueryRow(`SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil || v != fmt.Sprint(pgSchemaVersion) {
		t.Fatalf("schema version %q (%v), want %d", v, err, pgSchemaVersion)
	}
	if _, err := st.UseTextIndex(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := st.Search(ctx, SearchOptions{Filter: Filter{Query: "timbers"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Snippet == "" {
		t.Errorf("search after migrating: %+v", res)
	}
}
