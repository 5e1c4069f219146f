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
// grouped as SQLite's NOCASE groups them, each group shown as its first
// spelling met in the order of ids. It counts the values' numbers, not
// their strings.
func facetsFromRows(t *TextIndex, ids []int64, sampled bool) *Facets {
	f := &Facets{Counted: len(ids), Sampled: sampled,
		Outlet: []Count{}, Date: []Count{}, Speaker: []Count{}, Person: []Count{}, Tag: []Count{}, Language: []Count{}}
	fr := t.facets
	fr.mu.RLock()
	defer fr.mu.RUnlock()
	// Counts by value number (outlet, month, language) and by group
	// number (speakers, persons, tags) in arrays as long as the
	// dictionary, from a pool, with the numbers touched listed so that
	// only they are read and reset.
	c := fr.counters()
	defer fr.pool.Put(c)
	var fields [3][]int32 // the values touched
	var lists [3][]int32  // the groups touched
	for _, id := range ids {
		r := fr.nums[id]
		if r == nil {
			continue
		}
		for i, v := range [3]int32{r.outlet, r.month, r.language} {
			if v >= 0 {
				if c.byValue[i][v] == 0 {
					fields[i] = append(fields[i], v)
				}
				c.byValue[i][v]++
			}
		}
		for i, l := range r.lists {
			for _, v := range l {
				g := fr.group[v]
				if c.byGroup[i][g] == 0 {
					lists[i] = append(lists[i], g)
					c.first[i][g] = v
				}
				c.byGroup[i][g]++
			}
		}
	}
	defer c.reset(fields, lists)
	strs := func(i int) map[string]int {
		out := make(map[string]int, len(fields[i]))
		for _, v := range fields[i] {
			out[fr.vals[v]] = int(c.byValue[i][v])
		}
		return out
	}
	f.Outlet, f.Language = topCounts(strs(0), facetSize), topCounts(strs(2), facetSize)
	for _, m := range fields[1] {
		f.Date = append(f.Date, Count{Value: fr.vals[m], Count: int(c.byValue[1][m])})
	}
	slices.SortFunc(f.Date, func(a, b Count) int { return strings.Compare(a.Value, b.Value) })
	top := func(i int) []Count {
		gs, n := slices.Clone(lists[i]), c.byGroup[i]
		// As ORDER BY n DESC, v on a NOCASE column.
		slices.SortFunc(gs, func(a, b int32) int {
			if n[a] != n[b] {
				return int(n[b] - n[a])
			}
			return strings.Compare(fr.groupKey[a], fr.groupKey[b])
		})
		out := make([]Count, 0, min(len(gs), facetSize))
		for _, g := range gs[:min(len(gs), facetSize)] {
			out = append(out, Count{Value: fr.vals[c.first[i][g]], Count: int(n[g])})
		}
		return out
	}
	f.Speaker, f.Person, f.Tag = top(0), top(1), top(2)
	return f
}

// facetCounters are the count arrays of one facet count.
type facetCounters struct {
	byValue [3][]int32 // outlet, month, language
	byGroup [3][]int32 // speakers, persons, tags
	first   [3][]int32 // per group, the value met first
}

// counters takes count arrays from the pool, as long as the dictionary
// (which only grows). The caller holds the read lock.
func (f *facetRows) counters() *facetCounters {
	c, _ := f.pool.Get().(*facetCounters)
	if c == nil {
		c = &facetCounters{}
	}
	grow := func(a []int32, n int) []int32 {
		if len(a) < n {
			return append(a, make([]int32, n-len(a))...)
		}
		return a
	}
	for i := range 3 {
		c.byValue[i] = grow(c.byValue[i], len(f.vals))
		c.byGroup[i] = grow(c.byGroup[i], len(f.groupKey))
		c.first[i] = grow(c.first[i], len(f.groupKey))
	}
	return c
}

// reset zeroes the counts touched, for the next count.
func (c *facetCounters) reset(values, groups [3][]int32) {
	for i := range 3 {
		for _, v := range values[i] {
			c.byValue[i][v] = 0
		}
		for _, g := range groups[i] {
			c.byGroup[i][g] = 0
		}
	}
}
