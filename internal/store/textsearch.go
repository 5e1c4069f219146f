package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/internal/fulltext"
)

// UseTextIndex opens the store's full-text index (TextIndex) and makes
// Search rank free-text queries and count facets with it from then on:
// the same hits, scores, snippets, totals and counts as in SQL, without
// reading the store for them.
func (s *Store) UseTextIndex(ctx context.Context) (*TextIndex, error) {
	if s.text == nil {
		return nil, ErrNoTextIndex
	}
	t, err := s.TextIndex(ctx)
	if err != nil {
		return nil, err
	}
	s.text.Store(t)
	return t, nil
}

// ErrNoTextIndex is returned by UseTextIndex for a store opened without
// one (a Store not made by Open).
var ErrNoTextIndex = errors.New("store: no full-text index for this kind of store")

// TextIndexed reports whether Search uses the full-text index
// (UseTextIndex).
func (s *Store) TextIndexed() bool { return s.textIndex() != nil }

func (s *Store) textIndex() *TextIndex {
	if s.text == nil {
		return nil
	}
	return s.text.Load()
}

// errNotText says an FTS5 expression holds syntax parseMatch does not
// know: the search runs in SQL instead.
var errNotText = errors.New("not an expression of internal/query")

// parseMatch reads an FTS5 expression as internal/query writes them
// (query.Plan.Match): quoted phrases with a column filter and an optional
// prefix star, AND, OR, NOT and parentheses, NOT binding tightest, then
// AND, then OR, as in FTS5.
func parseMatch(s string) (fulltext.Node, error) {
	p := &matchParser{s: s}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.skip(); p.i != len(p.s) {
		return nil, fmt.Errorf("%w: %q at %d", errNotText, s, p.i)
	}
	return n, nil
}

type matchParser struct {
	s string
	i int
}

func (p *matchParser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// word consumes w (an operator) when it comes next.
func (p *matchParser) word(w string) bool {
	p.skip()
	if strings.HasPrefix(p.s[p.i:], w) && (p.i+len(w) == len(p.s) || p.s[p.i+len(w)] == ' ') {
		p.i += len(w)
		return true
	}
	return false
}

func (p *matchParser) or() (fulltext.Node, error) {
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	var any []fulltext.Node
	for p.word("OR") {
		if any == nil {
			any = []fulltext.Node{n}
		}
		m, err := p.and()
		if err != nil {
			return nil, err
		}
		any = append(any, m)
	}
	if any != nil {
		return &fulltext.Or{Any: any}, nil
	}
	return n, nil
}

func (p *matchParser) and() (fulltext.Node, error) {
	n, err := p.not()
	if err != nil {
		return nil, err
	}
	var must []fulltext.Node
	for p.word("AND") {
		if must == nil {
			must = []fulltext.Node{n}
		}
		m, err := p.not()
		if err != nil {
			return nil, err
		}
		must = append(must, m)
	}
	if must != nil {
		return &fulltext.And{Must: must}, nil
	}
	return n, nil
}

func (p *matchParser) not() (fulltext.Node, error) {
	n, err := p.primary()
	if err != nil {
		return nil, err
	}
	for p.word("NOT") {
		m, err := p.primary()
		if err != nil {
			return nil, err
		}
		n = &fulltext.And{Must: []fulltext.Node{n}, Not: []fulltext.Node{m}}
	}
	return n, nil
}

// matchColumns are the column filters internal/query writes.
var matchColumns = map[string]uint8{
	"{title text}":  fulltext.TitleText,
	"title":         fulltext.TitleOnly,
	"speaker_names": fulltext.SpeakersOnly,
	"entity_names":  fulltext.EntitiesOnly,
}

func (p *matchParser) primary() (fulltext.Node, error) {
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i == len(p.s) || p.s[p.i] != ')' {
			return nil, fmt.Errorf("%w: %q: ) expected at %d", errNotText, p.s, p.i)
		}
		p.i++
		return n, nil
	}
	// A leaf: COLUMNS : "phrase" [*]
	j := strings.Index(p.s[p.i:], ` : "`)
	if j < 0 {
		return nil, fmt.Errorf("%w: %q: phrase expected at %d", errNotText, p.s, p.i)
	}
	cols, ok := matchColumns[p.s[p.i:p.i+j]]
	if !ok {
		return nil, fmt.Errorf("%w: %q: column filter at %d", errNotText, p.s, p.i)
	}
	p.i += j + len(` : "`)
	var b strings.Builder
	for {
		k := strings.IndexByte(p.s[p.i:], '"')
		if k < 0 {
			return nil, fmt.Errorf("%w: %q: unterminated string", errNotText, p.s)
		}
		b.WriteString(p.s[p.i : p.i+k])
		p.i += k + 1
		if p.i < len(p.s) && p.s[p.i] == '"' { // "" is a quote
			b.WriteByte('"')
			p.i++
			continue
		}
		break
	}
	ph := &fulltext.Phrase{Text: b.String(), Cols: cols}
	if strings.HasPrefix(p.s[p.i:], " *") {
		ph.Prefix = true
		p.i += 2
	}
	return ph, nil
}

// rankIndexed is rank and count for a ranked query, from the text index:
// the first n matches in bm25 order, and the total unless NoTotal, with
// RankLimit and CountLimit applied as the SQL path applies them, and the
// query the index ran. The query is nil when the index cannot run it (the
// caller runs it in SQL).
func (s *Store) rankIndexed(ctx context.Context, text *TextIndex, m matchSet, n int, opts SearchOptions, res *SearchResult) ([]rankedID, fulltext.Node, error) {
	match := m.match
	if s.d != sqliteDialect {
		// The index reads FTS5 expressions; PostgreSQL's plan holds a
		// tsquery: the same query compiled for SQLite gives the
		// expression (the other conditions stay the store's SQL).
		p, err := parseCompile(opts.Filter.Query, sqliteDialect)
		if err != nil {
			return nil, nil, nil
		}
		match = p.Match
	}
	q, err := parseMatch(match)
	if err != nil {
		return nil, nil, nil
	}
	fo := fulltext.Options{K: n, Latest: m.latest, CountLimit: opts.CountLimit, NoTotal: opts.NoTotal}
	if !opts.NoTotal {
		fo.Window = opts.RankLimit
	}
	if len(m.sets) > 0 {
		keep, err := s.idSets(ctx, m.sets)
		if err != nil {
			return nil, nil, err
		}
		fo.Keep = keep
	}
	r, err := text.Search(ctx, q, fo)
	if err != nil {
		if errors.Is(err, fulltext.ErrQuery) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	ranked := make([]rankedID, len(r.Hits))
	for i, h := range r.Hits {
		ranked[i] = rankedID{id: h.ID, score: h.Score}
	}
	if !opts.NoTotal {
		res.Total = r.Total
		res.RankedWithin = r.RankedWithin
		if opts.CountLimit > 0 && res.Total > opts.CountLimit {
			res.Total, res.TotalCapped = opts.CountLimit, true
		}
	}
	return ranked, q, nil
}

// hitsIndexed is hits for a query the text index ranked: the page's
// articles in one read by id, their snippets made from their columns
// (fulltext.Snippet, what snippet(articles_fts, 1, …) gives), so FTS5 is
// not asked to find each of them again.
func (s *Store) hitsIndexed(ctx context.Context, q fulltext.Node, page []rankedID, opts SearchOptions) ([]Hit, error) {
	out := make([]Hit, len(page))
	if len(page) == 0 {
		return out, nil
	}
	at := make(map[int64]int, len(page))
	ids := make([]int64, len(page))
	for i, r := range page {
		at[r.id] = i
		ids[i] = r.id
	}
	rows, err := s.h.QueryContext(ctx, "SELECT a.id, a.title, "+outletName+", COALESCE(o.host, ''), a.url, a.canonical_url, a.published, a.language,"+
		" COALESCE(a.cluster_id, 0), a.version, a.text, a.speaker_names, a.entity_names"+
		" FROM "+s.d.idList("m")+" "+s.d.crossJoin()+" articles a ON a.id = m.value LEFT JOIN outlets o ON o.id = a.outlet_id", s.d.idArg(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	so := fulltext.SnippetOptions{Open: opts.MarkOpen, Close: opts.MarkClose, Ellipsis: "…", Tokens: opts.SnippetWords}
	found := 0
	for rows.Next() {
		var h Hit
		var canonical string
		var published sql.NullString
		var cols [4]string
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.OutletHost, &h.URL, &canonical, &published, &h.Language,
			&h.ClusterID, &h.Version, &cols[fulltext.Text], &cols[fulltext.Speakers], &cols[fulltext.Entities]); err != nil {
			return nil, err
		}
		i, ok := at[h.ID]
		if !ok {
			continue
		}
		cols[fulltext.Title] = h.Title
		h.URL = displayURL(h.URL, canonical)
		h.Published = parseTime(published)
		h.Score = page[i].score
		h.Snippet = fulltext.Snippet(q, cols, fulltext.Text, so)
		out[i] = h
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if found < len(page) {
		// An article deleted since it was ranked: leave it out.
		out = slices.DeleteFunc(out, func(h Hit) bool { return h.ID == 0 })
	}
	return out, nil
}

// idSets reads the id sets a match must be in (or not in, when Negated)
// and returns the test of an id against them.
func (s *Store) idSets(ctx context.Context, sets []IDSet) (func(int64) bool, error) {
	type idSet struct {
		ids     map[int64]bool
		negated bool
	}
	var all []idSet
	for _, set := range sets {
		rows, err := s.h.QueryContext(ctx, "SELECT id FROM ("+set.SQL+") AS s", set.Args...)
		if err != nil {
			return nil, err
		}
		ids := map[int64]bool{}
		for rows.Next() {
			var id sql.NullInt64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if id.Valid {
				ids[id.Int64] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		all = append(all, idSet{ids, set.Negated})
	}
	return func(id int64) bool {
		for _, set := range all {
			if set.ids[id] == set.negated {
				return false
			}
		}
		return true
	}, nil
}
