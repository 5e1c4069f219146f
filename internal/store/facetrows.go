package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// FacetRow is what the search facets count of one article: its outlet
// (name, else host), month of publication (YYYY-MM), language, tags,
// persons (article_entities of type PERSON) and speakers (quote speakers
// that are persons or organisations), each name once per article as
// SQLite's NOCASE sees names. Empty strings are absent values.
type FacetRow struct {
	Outlet, Month, Language string
	Tags, Persons, Speakers []string
}

// facetRows holds the FacetRow of every article, for the text index's
// searches, kept in step with it (Sync reads the rows of the changed
// articles in the same read transaction as their text), and the same
// values as numbers, which the facets count (facetsFromRows): a search
// page counts the facets of a thousand articles, and counting strings in
// maps was a fifth of its CPU.
type facetRows struct {
	mu   sync.RWMutex
	rows map[int64]*FacetRow
	nums map[int64]*facetNums
	// Every value seen, numbered: names numbers them, vals is the value
	// of a number, group the number of its NOCASE group (as SQLite's
	// NOCASE collation groups names: ASCII letters folded), groupKey the
	// folded value of a group.
	names    map[string]int32
	vals     []string
	group    []int32
	groups   map[string]int32
	groupKey []string
	// pool holds facetCounters, the count arrays of facetsFromRows.
	pool sync.Pool
}

// facetNums is a FacetRow's values as numbers (-1: absent).
type facetNums struct {
	outlet, month, language int32
	lists                   [3][]int32 // speakers, persons, tags
}

func newFacetRows() *facetRows {
	return &facetRows{rows: map[int64]*FacetRow{}, nums: map[int64]*facetNums{}, names: map[string]int32{}, groups: map[string]int32{}}
}

// intern returns the number of s (-1 for the empty string), numbering it
// when new.
func (f *facetRows) intern(s string) int32 {
	if s == "" {
		return -1
	}
	if n, ok := f.names[s]; ok {
		return n
	}
	n := int32(len(f.vals))
	f.names[s] = n
	f.vals = append(f.vals, s)
	k := nocase(s)
	g, ok := f.groups[k]
	if !ok {
		g = int32(len(f.groupKey))
		f.groups[k] = g
		f.groupKey = append(f.groupKey, k)
	}
	f.group = append(f.group, g)
	return n
}

// facetSQL reads facet values: {ids} is replaced by a condition on the
// article id column named, or by 1 = 1 for every article.
var facetSQL = []struct {
	q   string
	col string
}{
	{`SELECT a.id, COALESCE(NULLIF(o.name, ''), o.host, ''), COALESCE(substr(a.published, 1, 7), ''), a.language
		FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE {ids}`, "a.id"},
	{`SELECT article_id, tag FROM tags WHERE {ids} ORDER BY article_id, pos`, "article_id"},
	{`SELECT article_id, name FROM article_entities WHERE type = 'PERSON' AND {ids}`, "article_id"},
	{`SELECT article_id, speaker_name FROM quotes WHERE speaker_name <> '' AND speaker_kind IN ('person', 'organization') AND {ids} ORDER BY id`, "article_id"},
}

// load reads the facet rows of the articles ids (every article when ids
// is nil) through q and replaces theirs; ids no longer stored are
// removed.
func (f *facetRows) load(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, ids []string) error {
	fresh := map[int64]*FacetRow{}
	seen := map[int64]map[string]bool{} // per article, NOCASE keys of a list
	for i, s := range facetSQL {
		cond := "1 = 1"
		if ids != nil {
			cond = s.col + " IN (" + strings.Join(ids, ",") + ")"
		}
		rows, err := q.QueryContext(ctx, strings.Replace(s.q, "{ids}", cond, 1))
		if err != nil {
			return err
		}
		clear(seen)
		for rows.Next() {
			var id int64
			if i == 0 {
				r := &FacetRow{}
				if err := rows.Scan(&id, &r.Outlet, &r.Month, &r.Language); err != nil {
					rows.Close()
					return err
				}
				fresh[id] = r
				continue
			}
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return err
			}
			r := fresh[id]
			if r == nil {
				continue
			}
			if seen[id] == nil {
				seen[id] = map[string]bool{}
			}
			key := string(rune('0'+i)) + nocase(v)
			if seen[id][key] {
				continue
			}
			seen[id][key] = true
			switch i {
			case 1:
				r.Tags = append(r.Tags, v)
			case 2:
				r.Persons = append(r.Persons, v)
			case 3:
				r.Speakers = append(r.Speakers, v)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if ids == nil {
		clear(f.rows)
	}
	if ids == nil {
		clear(f.nums)
	}
	for _, s := range ids {
		var id int64
		for _, c := range s {
			id = id*10 + int64(c-'0')
		}
		delete(f.rows, id)
		delete(f.nums, id)
	}
	for id, r := range fresh {
		n := &facetNums{outlet: f.intern(r.Outlet), month: f.intern(r.Month), language: f.intern(r.Language)}
		// The strings are the interned ones, which repeat across articles.
		r.Outlet, r.Month, r.Language = f.val(n.outlet), f.val(n.month), f.val(n.language)
		for i, l := range [][]string{r.Speakers, r.Persons, r.Tags} {
			for j, v := range l {
				k := f.intern(v)
				l[j] = f.vals[k]
				n.lists[i] = append(n.lists[i], k)
			}
		}
		f.rows[id] = r
		f.nums[id] = n
	}
	return nil
}

// val is the value numbered n ("" for -1).
func (f *facetRows) val(n int32) string {
	if n < 0 {
		return ""
	}
	return f.vals[n]
}

// nocase is s as SQLite's NOCASE collation compares it: ASCII letters
// folded.
func nocase(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// FacetRows calls fn with the facet row of each of ids that is stored.
func (t *TextIndex) FacetRows(ids []int64, fn func(id int64, r *FacetRow)) {
	t.facets.mu.RLock()
	defer t.facets.mu.RUnlock()
	for _, id := range ids {
		if r := t.facets.rows[id]; r != nil {
			fn(id, r)
		}
	}
}
