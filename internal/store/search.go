package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/fulltext"
)

// SearchOptions configures Search. The zero value returns the first 20
// hits with snippets marked by ** … **.
type SearchOptions struct {
	Filter
	// Limit is the most hits returned (0: 20; at most 1000). Offset skips
	// that many first.
	Limit, Offset int
	// MarkOpen and MarkClose surround matched words in snippets ("" both:
	// "**"). A web page passes markers it replaces after escaping.
	MarkOpen, MarkClose string
	// SnippetWords is the snippet's length in words (0: 24; at most 64).
	SnippetWords int
	// NoTotal skips counting the matches (Total is then -1).
	NoTotal bool
	// CountLimit caps the count: with more matches than CountLimit,
	// Total is CountLimit and TotalCapped is true ("10,000+"). Zero
	// counts every match. Counting costs about a microsecond per match.
	CountLimit int
	// RankLimit bounds the cost of ranking a query that matches very
	// many articles: with more matches than RankLimit, only the
	// RankLimit most recently ingested matches are ranked
	// (SearchResult.RankedWithin says so). Zero ranks every match,
	// which costs about a microsecond per match (bm25 for each). It
	// applies only when Total is counted (not with NoTotal) and not
	// capped below RankLimit.
	RankLimit int
	// Facets also counts the facets of the matches (SearchResult.Facets),
	// from the first FacetSample matches in result order, ranked in the
	// same pass as the page.
	Facets bool
}

// Defaults and limits of SearchOptions, applied in one place.
const (
	DefaultLimit        = 20
	MaxLimit            = 1000
	defaultSnippetWords = 24
	maxSnippetWords     = 64
)

func (o *SearchOptions) applyDefaults() {
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	o.Limit = min(o.Limit, MaxLimit)
	o.Offset = max(o.Offset, 0)
	if o.MarkOpen == "" && o.MarkClose == "" {
		o.MarkOpen, o.MarkClose = "**", "**"
	}
	if o.SnippetWords <= 0 {
		o.SnippetWords = defaultSnippetWords
	}
	o.SnippetWords = min(o.SnippetWords, maxSnippetWords)
}

// Hit is one search result.
type Hit struct {
	ID         int64      `json:"id"`
	Title      string     `json:"title"`
	Outlet     string     `json:"outlet"`
	OutletHost string     `json:"outlet_host"`
	URL        string     `json:"url"`
	Published  *time.Time `json:"published"`
	Language   string     `json:"language"`
	// Score is the bm25 relevance (higher is better) when the results are
	// ranked, 0 otherwise.
	Score float64 `json:"score"`
	// Snippet is a passage of the text with the matched words marked, or
	// the opening of the text when the query has no free text.
	Snippet   string `json:"snippet"`
	ClusterID int64  `json:"cluster_id,omitempty"`
	Version   int    `json:"version"`
}

// SearchResult is a page of hits.
type SearchResult struct {
	Query string `json:"query"`
	// Ranked says hits are in relevance order (bm25); otherwise they are
	// newest first, undated last.
	Ranked bool `json:"ranked"`
	// Total is the number of matching articles (-1 when not counted);
	// with TotalCapped, there are more than Total
	// (SearchOptions.CountLimit).
	Total       int   `json:"total"`
	TotalCapped bool  `json:"total_capped,omitempty"`
	Offset      int   `json:"offset"`
	Hits        []Hit `json:"hits"`
	// RankedWithin is, when not 0, the number of most recently ingested
	// matches the hits were ranked among (SearchOptions.RankLimit).
	RankedWithin int `json:"ranked_within,omitempty"`
	// Facets are counted when SearchOptions.Facets asks.
	Facets *Facets `json:"facets,omitempty"`
	// Notices are remarks on the query (Plan.Notices), such as a
	// term that matches nothing because it holds no letter or digit.
	Notices []string `json:"notices,omitempty"`
}

// bm25 weights of the full-text columns: title, text, speaker names,
// entity names. A word in the title counts as much as three in the text.
const bm25 = "bm25(articles_fts, 3.0, 1.0, 0.5, 0.5)"

// Search returns the articles that match the query, best first when the
// query has free text, else newest first, with snippets.
//
// The hits are exact: the same as ranking every match by bm25 (ties: newest
// ingested first) or sorting every match by date, then cutting the page.
// Total is exact unless SearchOptions.CountLimit caps it. A search works in
// three steps (see rank, count and hits): the ids of the page from the
// full-text index alone, or from the articles' date index when the query is
// not ranked; the count; then the page's details and snippets, read for
// those ids only.
func (s *Store) Search(ctx context.Context, opts SearchOptions) (*SearchResult, error) {
	opts.applyDefaults()
	var err error
	if opts.Filter, err = s.resolveNames(ctx, opts.Filter); err != nil {
		return nil, err
	}
	m, err := opts.Filter.matchSet(s.d)
	if err != nil {
		return nil, err
	}
	res := &SearchResult{Query: opts.Query, Ranked: m.ranked(), Offset: opts.Offset, Total: -1, Hits: []Hit{}, Notices: m.p.Notices}
	n := opts.Offset + opts.Limit
	if opts.Facets {
		n = max(n, FacetSample+1)
	}
	var ranked []rankedID
	var tq fulltext.Node // the query the text index ran, nil for SQL
	text := s.textIndex()
	if text != nil && res.Ranked {
		if ranked, tq, err = s.rankIndexed(ctx, text, m, n, opts, res); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", opts.Query, err)
		}
	}
	if tq == nil {
		if ranked, err = s.rankSQL(ctx, m, n, opts, res); err != nil {
			return nil, err
		}
	}
	page := ranked[min(opts.Offset, len(ranked)):min(opts.Offset+opts.Limit, len(ranked))]
	if tq != nil {
		res.Hits, err = s.hitsIndexed(ctx, tq, page, opts)
	} else {
		res.Hits, err = s.hits(ctx, m, page, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", opts.Query, err)
	}
	if opts.Facets {
		sample := ranked[:min(len(ranked), FacetSample)]
		ids := make([]int64, len(sample))
		for i, r := range sample {
			ids[i] = r.id
		}
		if res.Facets, err = s.facetsOf(ctx, ids, len(ranked) > FacetSample); err != nil {
			return nil, fmt.Errorf("store: search %q: facets: %w", opts.Query, err)
		}
	}
	return res, nil
}

// rankSQL is rank and count in SQL: the first n matches in result order
// and, unless NoTotal, the total (into res).
func (s *Store) rankSQL(ctx context.Context, m matchSet, n int, opts SearchOptions, res *SearchResult) ([]rankedID, error) {
	var err error
	window := 0
	if !opts.NoTotal && (!res.Ranked || opts.RankLimit > 0) {
		// Count first: the count decides whether every match is ranked
		// (to RankLimit at least), and how to find the newest matches.
		limit := opts.CountLimit
		if limit > 0 && res.Ranked && limit < opts.RankLimit {
			limit = opts.RankLimit
		}
		if res.Total, res.TotalCapped, err = s.count(ctx, m, limit); err != nil {
			return nil, fmt.Errorf("store: search %q: count: %w", opts.Query, err)
		}
		if res.Ranked && (res.TotalCapped || res.Total > opts.RankLimit) {
			window = opts.RankLimit
			res.RankedWithin = window
		}
		if opts.CountLimit > 0 && res.Total > opts.CountLimit {
			res.Total, res.TotalCapped = opts.CountLimit, true
		}
	}
	ranked, err := s.rankWithin(ctx, m, n, window, res.Total)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", opts.Query, err)
	}
	if !opts.NoTotal && res.Total < 0 {
		if len(ranked) < n {
			res.Total = len(ranked) // every match was ranked
			if opts.CountLimit > 0 && res.Total > opts.CountLimit {
				res.Total, res.TotalCapped = opts.CountLimit, true
			}
		} else if res.Total, res.TotalCapped, err = s.count(ctx, m, opts.CountLimit); err != nil {
			return nil, fmt.Errorf("store: search %q: count: %w", opts.Query, err)
		}
	}
	return ranked, nil
}

// matchSet is a compiled filter split the way Search runs it: the
// full-text expression that drives the query, and the other conditions on
// articles, both as a condition on each article row and as a set of ids
// (Plan.IDs), so each statement can use whichever reads less.
type matchSet struct {
	p *Plan
	// match is the FTS5 expression that drives the query, "" for none.
	match string
	// filter is an SQL condition on articles a besides the match and the
	// latest-version test (the query's fields, Originals), "" for none;
	// args are its values.
	filter string
	args   []any
	// sets are the id sets the matches must be in, or not in when
	// Negated (the query's fields, conjunct by conjunct; Originals).
	sets   []IDSet
	latest bool
}

// setArgs are the values of the sets, in order.
func (m matchSet) setArgs() []any {
	var args []any
	for _, s := range m.sets {
		args = append(args, s.Args...)
	}
	return args
}

func (f Filter) matchSet(d dialect) (matchSet, error) {
	p, err := parseCompile(f.Query, d)
	if err != nil {
		return matchSet{}, joinQuery(err)
	}
	m := matchSet{p: p, match: p.Match, latest: !f.AllVersions}
	var conds []string
	if p.Where != "" {
		conds = append(conds, "("+p.Where+")")
		m.args = p.Args
		m.sets = append(m.sets, p.IDConj...)
	}
	if f.Originals {
		conds = append(conds, originalsCond)
		m.sets = append(m.sets, IDSet{SQL: originals})
	}
	m.filter = strings.Join(conds, " AND ")
	return m, nil
}

// ranked says results are in bm25 order.
func (m matchSet) ranked() bool { return m.match != "" && m.p.Ranked }

// ftsWhere is the WHERE clause of a statement on articles_fts alone that
// selects the matches. The other conditions are tests of the rowid against
// id sets that SQLite builds once per statement, from indexes: the unary +
// keeps them from being offered to FTS5 as rowid constraints, which would
// run the full-text query again for each id.
func (m matchSet) ftsWhere() (string, []any) {
	w := "articles_fts MATCH ?"
	args := []any{m.match}
	if m.latest {
		w += " AND rowid NOT IN (" + superseded + ")"
	}
	for _, set := range m.sets {
		if set.Negated {
			w += " AND +rowid NOT IN (" + set.SQL + ")"
		} else {
			w += " AND +rowid IN (" + set.SQL + ")"
		}
	}
	return "WHERE " + w, append(args, m.setArgs()...)
}

// articleWhere is the conditions on articles a that select the matches
// (ANDed after others; "1" for every article).
func (m matchSet) articleWhere() (string, []any) {
	var conds []string
	var args []any
	pg := m.p.d == postgresDialect
	if m.match != "" && pg {
		conds = append(conds, tsMatch("a.fts"))
		args = append(args, m.match)
	} else if m.match != "" {
		conds = append(conds, "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, m.match)
	}
	if m.latest {
		conds = append(conds, latestCond)
	}
	if m.filter != "" {
		conds = append(conds, m.filter)
		args = append(args, m.args...)
	}
	if len(conds) == 0 && pg {
		return "TRUE", nil
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// idWhere is the conditions that select the matches as tests of an id
// (the SQL expression id): membership of the full-text match set, and for
// each other set an EXISTS that SQLite answers, for a set read from one
// index, with one look-up in that index.
func (m matchSet) idWhere(id string) (string, []any) {
	var conds []string
	var args []any
	if m.match != "" {
		conds = append(conds, id+" IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, m.match)
	}
	if m.latest {
		conds = append(conds, id+" NOT IN ("+superseded+")")
	}
	for _, set := range m.sets {
		e := "EXISTS (SELECT 1 FROM (" + set.SQL + ") s WHERE s.id = " + id + ")"
		if set.Negated {
			e = "NOT " + e
		}
		conds = append(conds, e)
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), append(args, m.setArgs()...)
}

// rankedID is a match's id and score (-bm25, 0 when not ranked).
type rankedID struct {
	id    int64
	score float64
}

// rank returns the first n matches in result order: by bm25 from the
// full-text index alone (FTS5 computes bm25 only for rows that pass the id
// tests, and SQLite's sorter keeps only the best n), or newest first: dated
// articles through the published index, then undated ones by id.
func (s *Store) rank(ctx context.Context, m matchSet, n int) ([]rankedID, error) {
	return s.rankWithin(ctx, m, n, 0, -1)
}

// rankWithin is rank, but when window > 0 a ranked query ranks only the
// window matches with the highest ids (the most recently ingested). total
// is the number of matches when known (-1 if not), to choose how to find
// the newest ones.
func (s *Store) rankWithin(ctx context.Context, m matchSet, n, window, total int) ([]rankedID, error) {
	if s.d == postgresDialect {
		return s.rankPG(ctx, m, n, window)
	}
	var out []rankedID
	scan := func(q string, args ...any) error {
		rows, err := s.h.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r rankedID
			if err := rows.Scan(&r.id, &r.score); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	}
	if m.ranked() {
		where, args := m.ftsWhere()
		if window > 0 {
			// FTS5 reads the matches newest first and stops after
			// window of them: bm25 is computed for those only.
			err := scan("SELECT id, score FROM (SELECT rowid AS id, -"+bm25+" AS score FROM articles_fts "+where+
				" ORDER BY rowid DESC LIMIT ?) ORDER BY score DESC, id DESC LIMIT ?", append(args, window, n)...)
			return out, err
		}
		err := scan("SELECT rowid, -"+bm25+" FROM articles_fts "+where+" ORDER BY "+bm25+", rowid DESC LIMIT ?", append(args, n)...)
		return out, err
	}
	where, args := m.articleWhere()
	probe := s.probeMin
	if total > 0 {
		// Enough newest articles to hold n matches if the matches are
		// spread evenly, and half as many again.
		var last int64
		if err := s.h.QueryRowContext(ctx, "SELECT COALESCE(max(id), 0) FROM articles").Scan(&last); err != nil {
			return nil, err
		}
		probe = max(s.probeMin, int(float64(n)*1.5*float64(last)/float64(total)))
	}
	if where != "1" && (total < 0 || total >= s.probeMin/2) && probe <= s.probeMax {
		// A query with many matches: look for the n newest among the
		// newest dated articles first, read from the published index
		// and tested against the match's id sets, each id by an index
		// look-up. n found there are the n newest of all. (With few
		// matches, SQLite's own plan, from the matches' index, is
		// quicker.)
		rw, rargs := m.idWhere("r.id")
		err := scan("WITH recent(id, published) AS MATERIALIZED (SELECT id, published FROM articles WHERE published IS NOT NULL ORDER BY published DESC, id DESC LIMIT ?)"+
			" SELECT r.id, 0 FROM recent r WHERE "+rw+" ORDER BY r.published DESC, r.id DESC LIMIT ?", append(append([]any{probe}, rargs...), n)...)
		if err != nil || len(out) == n {
			return out, err
		}
		out = out[:0]
	}
	if err := scan("SELECT a.id, 0 FROM articles a WHERE a.published IS NOT NULL AND "+where+
		" ORDER BY a.published DESC, a.id DESC LIMIT ?", append(slices.Clone(args), n)...); err != nil {
		return nil, err
	}
	if len(out) < n {
		err := scan("SELECT a.id, 0 FROM articles a WHERE a.published IS NULL AND "+where+
			" ORDER BY a.id DESC LIMIT ?", append(slices.Clone(args), n-len(out))...)
		return out, err
	}
	return out, nil
}

// count counts the matches, at most limit of them when limit > 0 (capped
// then says there are more).
func (s *Store) count(ctx context.Context, m matchSet, limit int) (n int, capped bool, err error) {
	if s.d == postgresDialect {
		return s.countPG(ctx, m, limit)
	}
	var sel string
	var args []any
	switch {
	case m.match != "":
		where, a := m.ftsWhere()
		sel, args = "SELECT 1 FROM articles_fts "+where, a
	case len(m.sets) == 1 && m.sets[0].OneIndex && !m.sets[0].Negated:
		// One field: count its index entries, not article rows.
		sel = "SELECT DISTINCT x.id FROM (" + m.sets[0].SQL + ") x"
		if m.latest {
			sel += " WHERE x.id NOT IN (" + superseded + ")"
		}
		args = m.sets[0].Args
	default:
		where, a := m.articleWhere()
		sel, args = "SELECT 1 FROM articles a WHERE "+where, a
	}
	if limit > 0 {
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM ("+sel+" LIMIT ?)", append(args, limit+1)...).Scan(&n)
		if n > limit {
			return limit, true, err
		}
		return n, false, err
	}
	err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM ("+sel+")", args...).Scan(&n)
	return n, false, err
}

// idList is ids as a JSON array, for json_each(?).
func idList(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// hits reads the details and snippets of the page's articles, in the
// page's order.
func (s *Store) hits(ctx context.Context, m matchSet, page []rankedID, opts SearchOptions) ([]Hit, error) {
	out := make([]Hit, len(page))
	if len(page) == 0 {
		return out, nil
	}
	if s.d == postgresDialect {
		return s.hitsPG(ctx, m, page, opts)
	}
	at := make(map[int64]int, len(page))
	ids := make([]int64, len(page))
	for i, r := range page {
		at[r.id] = i
		ids[i] = r.id
	}
	cols := "a.id, a.title, " + outletName + ", COALESCE(o.host, ''), a.url, a.canonical_url, a.published, a.language, COALESCE(a.cluster_id, 0), a.version"
	var q string
	var args []any
	if m.match != "" {
		// One FTS5 look-up per id (the IN list is offered to FTS5 as a
		// rowid constraint), so snippet() runs for the page only.
		q = "SELECT " + cols + ", snippet(articles_fts, 1, ?, ?, '…', ?) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid" +
			" LEFT JOIN outlets o ON o.id = a.outlet_id WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))"
		args = []any{opts.MarkOpen, opts.MarkClose, opts.SnippetWords, m.match, idList(ids)}
	} else {
		q = "SELECT " + cols + ", substr(a.text, 1, 600) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id" +
			" WHERE a.id IN (SELECT value FROM json_each(?))"
		args = []any{idList(ids)}
	}
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	lead := m.match == "" // snippet holds the opening of the text
	found := 0
	for rows.Next() {
		var h Hit
		var canonical string
		var published sql.NullString
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.OutletHost, &h.URL, &canonical, &published, &h.Language,
			&h.ClusterID, &h.Version, &h.Snippet); err != nil {
			return nil, err
		}
		i, ok := at[h.ID]
		if !ok {
			continue
		}
		h.URL = displayURL(h.URL, canonical)
		h.Published = parseTime(published)
		h.Score = page[i].score
		if lead {
			h.Snippet = openingWords(h.Snippet, opts.SnippetWords)
		}
		out[i] = h
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if found < len(page) {
		// An article deleted between the two statements: leave it out.
		out = slices.DeleteFunc(out, func(h Hit) bool { return h.ID == 0 })
	}
	// Free text under OR with a field (putin OR tag:Syria) does not drive
	// the query: mark its words in a second, per-hit look-up.
	if lead && m.p.Highlight != "" {
		for i := range out {
			var snip string
			err := s.h.QueryRowContext(ctx, "SELECT snippet(articles_fts, 1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
				opts.MarkOpen, opts.MarkClose, opts.SnippetWords, m.p.Highlight, out[i].ID).Scan(&snip)
			if err == nil {
				out[i].Snippet = snip
			} else if err != sql.ErrNoRows {
				return nil, fmt.Errorf("snippet: %w", err)
			}
		}
	}
	return out, nil
}

// openingWords is the first n words of s (s being a prefix of a text cut
// at any byte), on one line, with … when cut.
func openingWords(s string, n int) string {
	for !utf8.ValidString(s) && len(s) > 0 {
		s = s[:len(s)-1] // substr() counts characters, but be safe
	}
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + " …"
	}
	return strings.Join(f, " ")
}
