package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
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

// TestStoresAgree compares every other read of the two stores.
func TestStoresAgree(t *testing.T) {
	pg, lite := pgStores(t)
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
	same("speakers", func(s *Store) (any, error) { return s.Speakers(ctx, "", 50) })
	same("entities", func(s *Store) (any, error) { return s.TopEntities(ctx, "", 50) })
	same("corpus entities", func(s *Store) (any, error) { return s.Entities(ctx, "", "", 50) })
	same("clusters", func(s *Store) (any, error) { return s.Clusters(ctx, 20, 0) })
	same("article", func(s *Store) (any, error) { return s.Article(ctx, 12) })
}
