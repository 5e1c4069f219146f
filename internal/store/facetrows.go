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
// articles in the same read transaction as their text).
type facetRows struct {
	mu   sync.RWMutex
	rows map[int64]*FacetRow
	// names interns the strings, which repeat across articles.
	names map[string]string
}

func newFacetRows() *facetRows {
	return &facetRows{rows: map[int64]*FacetRow{}, names: map[string]string{}}
}

func (f *facetRows) intern(s string) string {
	if v, ok := f.names[s]; ok {
		return v
	}
	f.names[s] = s
	return s
}

// facetSQL reads facet values: {ids} is replaced by a condition on the
// article id column named, or by 1 for every article.
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
		cond := "1"
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
	for _, s := range ids {
		var id int64
		for _, c := range s {
			id = id*10 + int64(c-'0')
		}
		delete(f.rows, id)
	}
	for id, r := range fresh {
		r.Outlet, r.Month, r.Language = f.intern(r.Outlet), f.intern(r.Month), f.intern(r.Language)
		for _, l := range [][]string{r.Tags, r.Persons, r.Speakers} {
			for j, v := range l {
				l[j] = f.intern(v)
			}
		}
		f.rows[id] = r
	}
	return nil
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
