package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// equivArticles is the size of the store of the equivalence tests.
const equivArticles = 700

// equivStore builds a store of synthetic articles (benchArticle) with the
// cases the fast search paths must get right: superseded versions (every
// 7th URL is ingested again with another text), undated articles (every
// 13th), and near-duplicate clusters whose original is not the first
// ingested (every 11th article joins the previous one's cluster).
func equivStore(t *testing.T) *Store {
	t.Helper()
	return equivStoreAt(t, filepath.Join(t.TempDir(), "equiv.db"))
}

// equivStoreAt builds the equivalence store in the store dsn names.
func equivStoreAt(t *testing.T, dsn string) *Store {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	var prevCluster int64
	put := func(i int, changed bool) {
		a := benchArticle(r, i, start)
		if i%13 == 0 {
			a.Published = nil
		}
		if changed {
			a.Text += " Updated with a correction."
		}
		in := Input{SHA256: ContentHash([]byte(a.URL + a.Text)), Size: int64(len(a.Text)), SourceKind: SourceURL, URL: a.URL}
		p, err := tx.PutArticle(in, a)
		if err != nil {
			t.Fatal(err)
		}
		if p.ArticleID == 0 {
			return
		}
		if i%11 == 0 && prevCluster != 0 {
			if err := tx.JoinCluster(p.ArticleID, prevCluster); err != nil {
				t.Fatal(err)
			}
			return
		}
		if prevCluster, err = tx.NewCluster(p.ArticleID); err != nil {
			t.Fatal(err)
		}
	}
	for i := range equivArticles {
		put(i, false)
	}
	for i := 0; i < equivArticles; i += 7 {
		put(i, true) // a new version of article i's URL
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var superseded int
	if err := st.DB.QueryRow(`SELECT count(*) FROM articles WHERE latest = 0`).Scan(&superseded); err != nil || superseded == 0 {
		t.Fatalf("store has %d superseded versions (%v)", superseded, err)
	}
	return st
}

// equivQueries cover every compile path: ranked text, phrases, prefixes,
// NOT, fields alone, fields with text, OR across text and fields, dates.
var equivQueries = append(slices.Clone(benchQueries),
	``,
	`ceasefire OR tag:Economy`,
	`-tag:Syria`,
	`tag:Syria -ceasefire`,
	`speaker:Keller`,
	`place:Geneva OR place:Oslo`,
	`outlet:north* published:[2016-03 TO 2016-09]`,
	`lang:en`,
	`water -(fuel OR bread) tag:Health`,
	`"talks went on"`,
	`published:[* TO 2016-06]`,
)

// exactIDs is the reference: one statement over every match, ordered as
// Search promises (bm25 then newest ingested; or newest published, undated
// last, then newest ingested), as Search ran before it was split up.
func exactIDs(t *testing.T, c *Store, f Filter) []int64 {
	t.Helper()
	p, err := ParseCompile(f.Query)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	if !f.AllVersions {
		extra = append(extra, "a.latest = 1")
	}
	if f.Originals {
		extra = append(extra, "(a.cluster_id IS NULL OR a.id = (SELECT c.original_article_id FROM clusters c WHERE c.id = a.cluster_id))")
	}
	from, args := p.FromWhere("", extra...)
	order := "a.published IS NULL, a.published DESC, a.id DESC"
	if p.Match != "" && p.Ranked {
		order = bm25 + ", a.id DESC"
	}
	rows, err := c.DB.Query("SELECT a.id "+from+" ORDER BY "+order, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func hitIDs(hits []Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

func page(ids []int64, offset, limit int) []int64 {
	return ids[min(offset, len(ids)):min(offset+limit, len(ids))]
}

// TestSearchEqualsExact checks that Search, which ranks from the full-text
// index alone, tests fields as id sets and finds the newest matches by
// probing the newest articles, returns exactly the pages and totals of the
// one-statement reference, for every query shape and filter option.
func TestSearchEqualsExact(t *testing.T) {
	big := equivStore(t)
	// The same store with small probes, so that queries that are not
	// ranked look among the newest articles first, as on a large store.
	small := *big
	small.probeMin, small.probeMax = 30, 400
	for _, c := range []*Store{big, &small} {
		t.Run(fmt.Sprintf("probe=%d", c.probeMin), func(t *testing.T) { searchEqualsExact(t, c, c) })
	}
}

// searchEqualsExact checks c's pages and totals against the one-statement
// reference run on ref, an SQLite store holding the same articles (c
// itself, or a PostgreSQL store built the same way).
func searchEqualsExact(t *testing.T, c, ref *Store) {
	ctx := context.Background()
	for _, q := range equivQueries {
		for _, f := range []Filter{{Query: q}, {Query: q, AllVersions: true}, {Query: q, Originals: true}} {
			name := fmt.Sprintf("%s/all=%v/orig=%v", q, f.AllVersions, f.Originals)
			t.Run(name, func(t *testing.T) {
				want := exactIDs(t, ref, f)
				for _, pg := range []struct{ offset, limit int }{{0, 20}, {20, 20}, {0, 5}, {37, 50}, {len(want) - 3, 20}} {
					pg.offset = max(pg.offset, 0)
					for _, noTotal := range []bool{false, true} {
						res, err := c.Search(ctx, SearchOptions{Filter: f, Offset: pg.offset, Limit: pg.limit, NoTotal: noTotal})
						if err != nil {
							t.Fatal(err)
						}
						if got, w := hitIDs(res.Hits), page(want, pg.offset, pg.limit); !slices.Equal(got, w) {
							t.Fatalf("offset %d limit %d noTotal %v: ids %v, want %v", pg.offset, pg.limit, noTotal, got, w)
						}
						if !noTotal && res.Total != len(want) {
							t.Errorf("Total %d, want %d", res.Total, len(want))
						}
						if res.TotalCapped || res.RankedWithin != 0 {
							t.Errorf("capped %v, ranked within %d without limits", res.TotalCapped, res.RankedWithin)
						}
					}
				}
			})
		}
	}
}

// TestSearchLimits checks CountLimit (a capped total) and RankLimit
// (ranking among the most recently ingested matches only), against the
// reference.
func TestSearchLimits(t *testing.T) {
	c := equivStore(t)
	searchLimits(t, c, c)
}

// searchLimits checks c's limits against the reference run on ref (as
// searchEqualsExact).
func searchLimits(t *testing.T, c, ref *Store) {
	ctx := context.Background()
	checked := 0
	for _, q := range equivQueries {
		f := Filter{Query: q}
		want := exactIDs(t, ref, f)
		const limit = 40
		res, err := c.Search(ctx, SearchOptions{Filter: f, CountLimit: limit, RankLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) > limit {
			checked++
			if res.Total != limit || !res.TotalCapped {
				t.Errorf("%q: total %d capped %v, want %d capped (%d match)", q, res.Total, res.TotalCapped, limit, len(want))
			}
		} else if res.Total != len(want) || res.TotalCapped {
			t.Errorf("%q: total %d capped %v, want %d", q, res.Total, res.TotalCapped, len(want))
		}
		ranked := res.Ranked
		if !ranked || len(want) <= limit {
			// Date order, or few matches: exact.
			if got := hitIDs(res.Hits); !slices.Equal(got, page(want, 0, DefaultLimit)) {
				t.Errorf("%q: ids %v, want %v", q, got, page(want, 0, DefaultLimit))
			}
			if res.RankedWithin != 0 {
				t.Errorf("%q: RankedWithin %d", q, res.RankedWithin)
			}
			continue
		}
		// The reference ranked among the limit highest ids that match.
		newest := slices.Clone(want)
		slices.Sort(newest)
		newest = newest[len(newest)-limit:]
		var within []int64
		for _, id := range want { // want is in rank order
			if slices.Contains(newest, id) {
				within = append(within, id)
			}
		}
		if got := hitIDs(res.Hits); !slices.Equal(got, page(within, 0, DefaultLimit)) {
			t.Errorf("%q: ranked within %d: ids %v, want %v", q, limit, got, page(within, 0, DefaultLimit))
		}
		if res.RankedWithin != limit {
			t.Errorf("%q: RankedWithin %d, want %d", q, res.RankedWithin, limit)
		}
	}
	if checked < 5 {
		t.Fatalf("only %d queries have more than the limit: the test proves little", checked)
	}
}

// exactFacets counts the facets of ids with one group-by per facet.
func exactFacets(t *testing.T, c *Store, ids []int64) map[string]map[string]int {
	t.Helper()
	list := idList(ids)
	out := map[string]map[string]int{}
	for name, q := range map[string]string{
		"outlet":   "SELECT " + outletName + ", count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN (SELECT value FROM json_each(?)) GROUP BY 1",
		"date":     "SELECT substr(a.published, 1, 7), count(*) FROM articles a WHERE a.published IS NOT NULL AND a.id IN (SELECT value FROM json_each(?)) GROUP BY 1",
		"speaker":  "SELECT speaker_name, count(DISTINCT article_id) FROM quotes WHERE speaker_name <> '' AND speaker_kind IN ('person', 'organization') AND article_id IN (SELECT value FROM json_each(?)) GROUP BY 1",
		"person":   "SELECT name, count(*) FROM article_entities WHERE type = 'PERSON' AND article_id IN (SELECT value FROM json_each(?)) GROUP BY 1",
		"tag":      "SELECT tag, count(DISTINCT article_id) FROM tags WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY 1",
		"language": "SELECT language, count(*) FROM articles WHERE language <> '' AND id IN (SELECT value FROM json_each(?)) GROUP BY 1",
	} {
		rows, err := c.DB.Query(q, list)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = map[string]int{}
		for rows.Next() {
			var v string
			var n int
			if err := rows.Scan(&v, &n); err != nil {
				t.Fatal(err)
			}
			out[name][v] = n
		}
		rows.Close()
	}
	return out
}

func checkFacets(t *testing.T, what string, f *Facets, want map[string]map[string]int) {
	t.Helper()
	for name, list := range map[string][]Count{"outlet": f.Outlet, "date": f.Date, "speaker": f.Speaker, "person": f.Person, "tag": f.Tag, "language": f.Language} {
		if len(list) != min(len(want[name]), map[bool]int{true: 240, false: facetSize}[name == "date"]) {
			t.Errorf("%s: %s facet has %d values, want %d", what, name, len(list), len(want[name]))
		}
		for i, c := range list {
			if want[name][c.Value] != c.Count {
				t.Errorf("%s: %s %q count %d, want %d", what, name, c.Value, c.Count, want[name][c.Value])
			}
			if i > 0 && name != "date" && list[i-1].Count < c.Count {
				t.Errorf("%s: %s facet not in count order: %+v", what, name, list)
			}
		}
	}
}

// TestFacets checks the facets against one exact group-by per facet: over
// every match when they are fewer than FacetSample, and over a given
// sample of ids.
func TestFacets(t *testing.T) {
	c := equivStore(t)
	ctx := context.Background()
	for _, q := range []string{"", "ceasefire", "tag:Syria", `speaker:"Anna Keller"`, "water OR tag:Health"} {
		ids := exactIDs(t, c, Filter{Query: q})
		if len(ids) > FacetSample {
			t.Fatalf("%q: %d matches, more than FacetSample", q, len(ids))
		}
		f, err := c.Facets(ctx, FacetOptions{Filter: Filter{Query: q}})
		if err != nil {
			t.Fatal(err)
		}
		if f.Sampled || f.Counted != len(ids) {
			t.Errorf("%q: sampled %v counted %d, want every one of %d", q, f.Sampled, f.Counted, len(ids))
		}
		checkFacets(t, q, f, exactFacets(t, c, ids))
		res, err := c.Search(ctx, SearchOptions{Filter: Filter{Query: q}, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Facets == nil || res.Facets.Counted != len(ids) {
			t.Fatalf("%q: Search facets %+v", q, res.Facets)
		}
		checkFacets(t, q+" (search)", res.Facets, exactFacets(t, c, ids))
		if got := hitIDs(res.Hits); !slices.Equal(got, page(ids, 0, DefaultLimit)) {
			t.Errorf("%q: with facets: ids %v, want %v", q, got, page(ids, 0, DefaultLimit))
		}
	}
	// A sample: the counts cover exactly the ids given.
	all := exactIDs(t, c, Filter{})
	sample := all[:100]
	f, err := c.facetsOf(ctx, sample, true)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Sampled || f.Counted != len(sample) {
		t.Errorf("sample: sampled %v counted %d", f.Sampled, f.Counted)
	}
	checkFacets(t, "sample", f, exactFacets(t, c, sample))
	if _, err := c.Facets(ctx, FacetOptions{Filter: Filter{Query: "(bad"}}); err == nil || !strings.Contains(err.Error(), "bad query") {
		t.Errorf("bad query: %v", err)
	}
}

// TestQueryIDSetsEqualWhere checks that a plan's id sets select exactly the
// articles its Where condition does.
func TestQueryIDSetsEqualWhere(t *testing.T) {
	c := equivStore(t)
	for _, q := range equivQueries {
		p, err := ParseCompile(q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Where == "" {
			continue
		}
		collect := func(sqlText string, args []any) []int64 {
			rows, err := c.DB.Query(sqlText, args...)
			if err != nil {
				t.Fatalf("%q: %v\n%s", q, err, sqlText)
			}
			defer rows.Close()
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			return ids
		}
		want := collect("SELECT a.id FROM articles a WHERE "+p.Where+" ORDER BY a.id", p.Args)
		got := collect("SELECT DISTINCT id FROM ("+p.IDs+") ORDER BY id", p.IDArgs)
		if !slices.Equal(got, want) {
			t.Errorf("%q: IDs select %d articles, Where %d", q, len(got), len(want))
		}
		var conds []string
		var args []any
		for _, s := range p.IDConj {
			e := "a.id IN (" + s.SQL + ")"
			if s.Negated {
				e = "a.id NOT IN (" + s.SQL + ")"
			}
			conds = append(conds, e)
			args = append(args, s.Args...)
		}
		got = collect("SELECT a.id FROM articles a WHERE "+strings.Join(conds, " AND ")+" ORDER BY a.id", args)
		if !slices.Equal(got, want) {
			t.Errorf("%q: IDConj select %d articles, Where %d", q, len(got), len(want))
		}
	}
}
