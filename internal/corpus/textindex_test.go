package corpus

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/fulltext"
	"github.com/newsgraph/newsgraph/internal/query"
)

// indexedEquivStore is the equivalence store with a text index, and a
// counter of the searches the index answered.
func indexedEquivStore(t *testing.T) (*Corpus, *countingIndex) {
	t.Helper()
	st := equivStoreOpen(t)
	ti, err := st.TextIndex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ci := &countingIndex{TextSearcher: ti}
	return NewIndexed(st.DB, ci, ti), ci
}

type countingIndex struct {
	TextSearcher
	n int
}

func (c *countingIndex) Search(ctx context.Context, q fulltext.Node, opts fulltext.Options) (*fulltext.Result, error) {
	c.n++
	return c.TextSearcher.Search(ctx, q, opts)
}

// TestIndexedSearchEqualsExact runs the equivalence tests of search plans
// on a corpus that ranks with the text index: the same pages, totals,
// limits and facets as the one-statement SQL reference.
func TestIndexedSearchEqualsExact(t *testing.T) {
	c, ci := indexedEquivStore(t)
	small := *c
	small.probeMin, small.probeMax = 30, 400
	for _, c := range []*Corpus{c, &small} {
		t.Run(fmt.Sprintf("probe=%d", c.probeMin), func(t *testing.T) { searchEqualsExact(t, c) })
	}
	if ci.n == 0 {
		t.Fatal("the index answered no search")
	}
	t.Run("hits", func(t *testing.T) { sameHits(t, New(c.db), c) })
	t.Run("limits", func(t *testing.T) { searchLimits(t, c) })
	t.Run("facets", func(t *testing.T) { facets(t, c) })
}

// TestParseMatch checks that every FTS5 expression internal/query writes
// for the equivalence queries is read back, and that foreign syntax is
// refused.
func TestParseMatch(t *testing.T) {
	read := 0
	for _, q := range append(equivQueries, `a b -c`, `"x y" OR z*`, `title:"a ""b"`, `(a OR b) (c OR -d)`) {
		p, err := query.ParseCompile(q)
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
func sameHits(t *testing.T, sqlc, idxc *Corpus) {
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
