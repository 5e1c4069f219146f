package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// indexedEquivStore is the equivalence store with its text index in use,
// and the same file opened again without one.
func indexedEquivStore(t *testing.T) (indexed, plain *Store, ti *TextIndex) {
	t.Helper()
	ctx := context.Background()
	indexed = equivStore(t)
	ti, err := indexed.UseTextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plain, err = Open(ctx, indexed.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { plain.Close() })
	return indexed, plain, ti
}

// TestIndexedSearchEqualsExact runs the equivalence tests of search plans
// on a corpus that ranks with the text index: the same pages, totals,
// limits and facets as the one-statement SQL reference.
func TestIndexedSearchEqualsExact(t *testing.T) {
	c, plain, ti := indexedEquivStore(t)
	for _, probe := range []int{probeMin, 30} {
		c.probeMin, c.probeMax = probe, max(probe*13, probeMax)
		t.Run(fmt.Sprintf("probe=%d", c.probeMin), func(t *testing.T) { searchEqualsExact(t, c, plain) })
	}
	c.probeMin, c.probeMax = probeMin, probeMax
	if ti.Searches() == 0 {
		t.Fatal("the index answered no search")
	}
	t.Run("hits", func(t *testing.T) { sameHits(t, plain, c) })
	t.Run("limits", func(t *testing.T) { searchLimits(t, c, plain) })
	t.Run("facets", func(t *testing.T) { sameFacets(t, plain, c) })
	t.Run("count limit", func(t *testing.T) { countLimited(t, c, plain) })
}

// countLimited checks the indexed search as the web server asks it (a
// count limit, every match ranked), where the index stops counting and
// skips what cannot rank: the same hits, in the same order, as the exact
// reference, and the total exact below the limit, capped above it.
func countLimited(t *testing.T, c, ref *Store) {
	ctx := context.Background()
	capped := 0
	for _, q := range equivQueries {
		f := Filter{Query: q}
		want := exactIDs(t, ref, f)
		const limit = 15
		res, err := c.Search(ctx, SearchOptions{Filter: f, CountLimit: limit, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		wantTotal, wantCapped := len(want), false
		if wantTotal > limit {
			wantTotal, wantCapped = limit, true
			capped++
		}
		if res.Total != wantTotal || res.TotalCapped != wantCapped {
			t.Errorf("%q: total %d capped %v, want %d capped %v", q, res.Total, res.TotalCapped, wantTotal, wantCapped)
		}
		if got := hitIDs(res.Hits); !slices.Equal(got, page(want, 0, 50)) {
			t.Errorf("%q: ids %v, want %v", q, got, page(want, 0, 50))
		}
	}
	if capped < 5 {
		t.Fatalf("only %d queries matched more than the limit", capped)
	}
}

// sameFacets checks that the indexed store counts the facets the SQL one
// counts, alone and with a search, exactly and from a sample.
func sameFacets(t *testing.T, sqlc, idxc *Store) {
	ctx := context.Background()
	for _, q := range []string{"", "ceasefire", "tag:Syria", `speaker:"Anna Keller"`, "water OR tag:Health", "talks OR water"} {
		want, err := sqlc.Facets(ctx, FacetOptions{Filter: Filter{Query: q}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := idxc.Facets(ctx, FacetOptions{Filter: Filter{Query: q}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: facets\n got %+v\nwant %+v", q, got, want)
		}
		res, err := idxc.Search(ctx, SearchOptions{Filter: Filter{Query: q}, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Facets, want) {
			t.Errorf("%q: search facets\n got %+v\nwant %+v", q, res.Facets, want)
		}
		if want.Counted == 0 {
			t.Errorf("%q: no article counted", q)
		}
	}
}

// TestParseMatch checks that every FTS5 expression internal/query writes
// for the equivalence queries is read back, and that foreign syntax is
// refused.
func TestParseMatch(t *testing.T) {
	read := 0
	for _, q := range append(equivQueries, `a b -c`, `"x y" OR z*`, `title:"a ""b"`, `(a OR b) (c OR -d)`) {
		p, err := ParseCompile(q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Match == "" {
			continue
		}
		if _, err := parseMatch(p.Match); err != nil {
			t.Errorf("%q: %s: %v", q, p.Match, err)
		}
		read++
	}
	if read < 10 {
		t.Fatalf("only %d queries with a match", read)
	}
	for _, bad := range []string{`NEAR(a b)`, `text : "a"`, `"a"`, `({title text} : "a"`, `{title text} : "a`} {
		if _, err := parseMatch(bad); !errors.Is(err, errNotText) {
			t.Errorf("%q: %v, want errNotText", bad, err)
		}
	}
}

// sameHits checks that the indexed corpus gives the hits of the SQL one,
// scores and snippets included, for the ranked equivalence queries.
func sameHits(t *testing.T, sqlc, idxc *Store) {
	ctx := context.Background()
	compared := 0
	for _, q := range equivQueries {
		for _, opts := range []SearchOptions{{Filter: Filter{Query: q}}, {Filter: Filter{Query: q}, Offset: 5, Limit: 7, SnippetWords: 8, MarkOpen: "<", MarkClose: ">"}} {
			want, err := sqlc.Search(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !want.Ranked {
				continue
			}
			got, err := idxc.Search(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got.Hits, want.Hits, sameHit) {
				for i := range min(len(got.Hits), len(want.Hits)) {
					if !sameHit(got.Hits[i], want.Hits[i]) {
						t.Errorf("%q: hit %d:\n got %+v\nwant %+v", q, i, got.Hits[i], want.Hits[i])
						break
					}
				}
				if len(got.Hits) != len(want.Hits) {
					t.Errorf("%q: %d hits, want %d", q, len(got.Hits), len(want.Hits))
				}
			}
			compared += len(got.Hits)
		}
	}
	if compared < 100 {
		t.Fatalf("only %d hits compared", compared)
	}
}

// sameHit compares hits, their dates by value.
func sameHit(a, b Hit) bool {
	if (a.Published == nil) != (b.Published == nil) || a.Published != nil && !a.Published.Equal(*b.Published) {
		return false
	}
	a.Published, b.Published = nil, nil
	return a == b
}
