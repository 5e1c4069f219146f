package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// FacetSample is how many matches facets are counted over at most: the
// first FacetSample in result order (best first, or newest first). Counting
// every match of a frequent word would join each of them to the entity,
// quote and tag tables: seconds on a corpus of 100,000 articles.
const FacetSample = 1000

// facetSize is how many values each facet lists (the date facet lists
// every month).
const facetSize = 10

// Count is a facet value or list entry with its count.
type Count struct {
	Value string `json:"value"`
	Type  string `json:"type,omitempty"`
	Count int    `json:"count"`
}

// Facets count matching articles by outlet, month, speaker, person, tag and
// language (the most frequent values of each, every month).
type Facets struct {
	Outlet   []Count `json:"outlet"`
	Date     []Count `json:"date"`
	Speaker  []Count `json:"speaker"`
	Person   []Count `json:"person"`
	Tag      []Count `json:"tag"`
	Language []Count `json:"language"`
	// Counted is the number of articles counted: every match, or, when
	// Sampled, the first FacetSample matches in result order.
	Counted int  `json:"counted"`
	Sampled bool `json:"sampled"`
}

// FacetOptions configures Facets. The zero value counts the facets of
// every latest article (from a sample when there are more than
// FacetSample).
type FacetOptions struct {
	Filter
}

// Facets counts the facets of the articles the filter matches: exactly
// when at most FacetSample match, else over the first FacetSample matches in
// search order (Facets.Sampled). SearchOptions.Facets gives the same counts
// along with a page of hits, from one ranking.
func (s *Store) Facets(ctx context.Context, opts FacetOptions) (*Facets, error) {
	var err error
	if opts.Filter, err = s.resolveNames(ctx, opts.Filter); err != nil {
		return nil, err
	}
	m, err := opts.Filter.matchSet(s.d)
	if err != nil {
		return nil, err
	}
	ranked, err := s.rank(ctx, m, FacetSample+1)
	if err != nil {
		return nil, fmt.Errorf("store: facets %q: %w", opts.Query, err)
	}
	sampled := len(ranked) > FacetSample
	ranked = ranked[:min(len(ranked), FacetSample)]
	ids := make([]int64, len(ranked))
	for i, r := range ranked {
		ids[i] = r.id
	}
	f, err := s.facetsOf(ctx, ids, sampled)
	if err != nil {
		return nil, fmt.Errorf("store: facets %q: %w", opts.Query, err)
	}
	return f, nil
}

// facetsOf counts the facets of the articles ids.
func (s *Store) facetsOf(ctx context.Context, ids []int64, sampled bool) (*Facets, error) {
	if t := s.textIndex(); t != nil {
		return facetsFromRows(t, ids, sampled), nil
	}
	f := &Facets{Counted: len(ids), Sampled: sampled,
		Outlet: []Count{}, Date: []Count{}, Speaker: []Count{}, Person: []Count{}, Tag: []Count{}, Language: []Count{}}
	if len(ids) == 0 {
		return f, nil
	}
	// In id order, each table is read front to back.
	ids = slices.Clone(ids)
	slices.Sort(ids)
	list := s.d.idArg(ids)
	// Outlet, month and language from one read of the article rows.
	outlets, months, langs := map[string]int{}, map[string]int{}, map[string]int{}
	rows, err := s.h.QueryContext(ctx, "SELECT "+outletName+", COALESCE(substr(a.published, 1, 7), ''), a.language"+
		" FROM "+s.d.idList("m")+" "+s.d.crossJoin()+" articles a ON a.id = m.value LEFT JOIN outlets o ON o.id = a.outlet_id", list)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o, m, l string
		if err := rows.Scan(&o, &m, &l); err != nil {
			rows.Close()
			return nil, err
		}
		if o != "" {
			outlets[o]++
		}
		if m != "" {
			months[m]++
		}
		if l != "" {
			langs[l]++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	f.Outlet, f.Language = topCounts(outlets, facetSize), topCounts(langs, facetSize)
	for m, n := range months {
		f.Date = append(f.Date, Count{Value: m, Count: n})
	}
	slices.SortFunc(f.Date, func(a, b Count) int { return strings.Compare(a.Value, b.Value) })
	// The others from their tables' article indexes (CROSS JOIN keeps
	// this join order: from the few ids to the table).
	others := []struct {
		dst *[]Count
		q   string
	}{
		{&f.Speaker, "SELECT q.speaker_name AS v, count(DISTINCT q.article_id) AS n FROM " + s.d.idList("m") + " " + s.d.crossJoin() + " quotes q ON q.article_id = m.value" +
			" WHERE q.speaker_name <> '' AND q.speaker_kind IN ('person', 'organization')"},
		{&f.Person, "SELECT e.name AS v, count(*) AS n FROM " + s.d.idList("m") + " " + s.d.crossJoin() + " article_entities e ON e.article_id = m.value AND e.type = 'PERSON'"},
		{&f.Tag, "SELECT t.tag AS v, count(DISTINCT t.article_id) AS n FROM " + s.d.idList("m") + " " + s.d.crossJoin() + " tags t ON t.article_id = m.value"},
	}
	for _, fc := range others {
		rows, err := s.h.QueryContext(ctx, fc.q+" GROUP BY v ORDER BY n DESC, v LIMIT ?", list, facetSize)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Value, &c.Count); err != nil {
				rows.Close()
				return nil, err
			}
			*fc.dst = append(*fc.dst, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// topCounts is the k most frequent values, most frequent first, ties in
// value order.
func topCounts(m map[string]int, k int) []Count {
	out := make([]Count, 0, len(m))
	for v, n := range m {
		out = append(out, Count{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out[:min(len(out), k)]
}

// facetsFromRows counts the facets of ids from the facet rows kept in
// memory (FacetSource): the counts facetsOf reads with SQL, names
// grouped as SQLite's NOCASE groups them.
func facetsFromRows(t *TextIndex, ids []int64, sampled bool) *Facets {
	f := &Facets{Counted: len(ids), Sampled: sampled,
		Outlet: []Count{}, Date: []Count{}, Speaker: []Count{}, Person: []Count{}, Tag: []Count{}, Language: []Count{}}
	outlets, months, langs := map[string]int{}, map[string]int{}, map[string]int{}
	var lists [3]nocaseCounts // speakers, persons, tags
	t.FacetRows(ids, func(_ int64, r *FacetRow) {
		if r.Outlet != "" {
			outlets[r.Outlet]++
		}
		if r.Month != "" {
			months[r.Month]++
		}
		if r.Language != "" {
			langs[r.Language]++
		}
		for i, l := range [][]string{r.Speakers, r.Persons, r.Tags} {
			for _, v := range l {
				lists[i].add(v)
			}
		}
	})
	f.Outlet, f.Language = topCounts(outlets, facetSize), topCounts(langs, facetSize)
	for m, n := range months {
		f.Date = append(f.Date, Count{Value: m, Count: n})
	}
	slices.SortFunc(f.Date, func(a, b Count) int { return strings.Compare(a.Value, b.Value) })
	f.Speaker, f.Person, f.Tag = lists[0].top(facetSize), lists[1].top(facetSize), lists[2].top(facetSize)
	return f
}

// nocaseCounts counts names grouped as SQLite's NOCASE collation groups
// them (ASCII letters folded), each group shown as first seen.
type nocaseCounts struct {
	byValue map[string]*nocaseCount // every spelling seen
	byKey   map[string]*nocaseCount // the groups
}

type nocaseCount struct {
	Count
	key string
}

func (m *nocaseCounts) add(v string) {
	if c := m.byValue[v]; c != nil {
		c.Count.Count++
		return
	}
	if m.byValue == nil {
		m.byValue, m.byKey = map[string]*nocaseCount{}, map[string]*nocaseCount{}
	}
	k := asciiLower(v)
	c := m.byKey[k]
	if c == nil {
		c = &nocaseCount{Count: Count{Value: v}, key: k}
		m.byKey[k] = c
	}
	c.Count.Count++
	m.byValue[v] = c
}

// top is the k most frequent, ties in NOCASE order (as ORDER BY n DESC, v
// on a NOCASE column).
func (m *nocaseCounts) top(k int) []Count {
	all := make([]*nocaseCount, 0, len(m.byKey))
	for _, c := range m.byKey {
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b *nocaseCount) int {
		if a.Count.Count != b.Count.Count {
			return b.Count.Count - a.Count.Count
		}
		return strings.Compare(a.key, b.key)
	})
	out := make([]Count, 0, min(len(all), k))
	for _, c := range all[:min(len(all), k)] {
		out = append(out, c.Count)
	}
	return out
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return strings.Map(func(r rune) rune {
				if r >= 'A' && r <= 'Z' {
					return r + 'a' - 'A'
				}
				return r
			}, s)
		}
	}
	return s
}
