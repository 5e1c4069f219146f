package store

// Search's three steps on PostgreSQL (search.go has SQLite's): the ids of
// the first matches in result order, the count, and the page's details
// with snippets. Matches are selected by one condition on articles
// (matchSet.articleWhere: the tsquery on the GIN index, the fields'
// subqueries, the latest-version and originals tests), which PostgreSQL's
// planner orders by itself. Ranked queries are ordered by FTS5's bm25
// (rank.go) over the matches' columns, so the order is SQLite's: the same
// scores, ties newest ingested first.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// rankPG returns the first n matches in result order; with window > 0 a
// ranked query ranks only the window matches with the highest ids.
func (s *Store) rankPG(ctx context.Context, m matchSet, n, window int) ([]rankedID, error) {
	where, args := m.articleWhere()
	if !m.ranked() {
		rows, err := s.h.QueryContext(ctx, "SELECT a.id FROM articles a WHERE "+where+
			" ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ?", append(args, n)...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []rankedID
		for rows.Next() {
			var r rankedID
			if err := rows.Scan(&r.id); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	bm, err := s.bm25Corpus(ctx, m.p.phrases)
	if err != nil {
		return nil, err
	}
	q := "SELECT a.id, a.title, a.text, a.speaker_names, a.entity_names FROM articles a WHERE " + where
	if window > 0 {
		q += " ORDER BY a.id DESC LIMIT ?"
		args = append(args, window)
	}
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rankedID
	var cols [nColumns]string
	var toks [nColumns][]token
	for rows.Next() {
		var r rankedID
		if err := rows.Scan(&r.id, &cols[colTitle], &cols[colText], &cols[colSpeakers], &cols[colEntities]); err != nil {
			return nil, err
		}
		for c := range nColumns {
			toks[c] = tokenize(cols[c], toks[c][:0])
		}
		r.score = bm.score(m.p.phrases, &toks)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b rankedID) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		case a.id > b.id:
			return -1
		case a.id < b.id:
			return 1
		}
		return 0
	})
	return out[:min(n, len(out))], nil
}

// bm25Corpus reads what bm25 needs of the whole index: the number of
// articles, their tokens, and the articles holding each phrase (all
// versions, as FTS5 counts its rows).
func (s *Store) bm25Corpus(ctx context.Context, phrases []ftsPhrase) (bm25Corpus, error) {
	var rows, tokens int64
	if err := s.h.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(fts_tokens), 0) FROM articles`).Scan(&rows, &tokens); err != nil {
		return bm25Corpus{}, err
	}
	hits := make([]int64, len(phrases))
	for i, ph := range phrases {
		if err := s.h.QueryRowContext(ctx, "SELECT count(*) FROM articles WHERE "+tsMatch("fts"), ph.tsquery).Scan(&hits[i]); err != nil {
			return bm25Corpus{}, err
		}
	}
	return newBM25(rows, tokens, hits), nil
}

// countPG counts the matches, at most limit of them when limit > 0
// (capped then says there are more).
func (s *Store) countPG(ctx context.Context, m matchSet, limit int) (n int, capped bool, err error) {
	where, args := m.articleWhere()
	if limit > 0 {
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM articles a WHERE "+where+" LIMIT ?) c", append(args, limit+1)...).Scan(&n)
		if n > limit {
			return limit, true, err
		}
		return n, false, err
	}
	err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM articles a WHERE "+where, args...).Scan(&n)
	return n, false, err
}

// hitsPG reads the details of the page's articles, in the page's order,
// with snippets made from their text (rank.go's snippet).
func (s *Store) hitsPG(ctx context.Context, m matchSet, page []rankedID, opts SearchOptions) ([]Hit, error) {
	at := make(map[int64]int, len(page))
	ids := make([]int64, len(page))
	for i, r := range page {
		at[r.id] = i
		ids[i] = r.id
	}
	hl := "FALSE"
	args := []any{}
	if m.match == "" && m.p.Highlight != "" {
		hl = tsMatch("a.fts")
		args = append(args, m.p.Highlight)
	}
	text := "a.text"
	if m.match == "" {
		text = "substr(a.text, 1, 600)"
	}
	q := "SELECT a.id, a.title, " + outletName + ", COALESCE(o.host, ''), a.url, a.canonical_url, a.published, a.language," +
		" COALESCE(a.cluster_id, 0), a.version, " + text + ", " + hl + ", CASE WHEN " + hl + " THEN a.text ELSE '' END" +
		" FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN (SELECT value FROM " + s.d.idList("m") + ")"
	if hl != "FALSE" {
		args = append(args, m.p.Highlight)
	}
	rows, err := s.h.QueryContext(ctx, q, append(args, s.d.idArg(ids))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Hit, len(page))
	found := 0
	for rows.Next() {
		var h Hit
		var canonical, body, full string
		var published sql.NullString
		var highlight bool
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.OutletHost, &h.URL, &canonical, &published, &h.Language,
			&h.ClusterID, &h.Version, &body, &highlight, &full); err != nil {
			return nil, err
		}
		i, ok := at[h.ID]
		if !ok {
			continue
		}
		h.URL = displayURL(h.URL, canonical)
		h.Published = parseTime(published)
		h.Score = page[i].score
		switch {
		case m.match != "":
			h.Snippet = snippet(body, m.p.phrases, opts.MarkOpen, opts.MarkClose, opts.SnippetWords)
		case highlight:
			// Free text under OR with a field: mark its words.
			h.Snippet = snippet(full, m.p.hlPhrases, opts.MarkOpen, opts.MarkClose, opts.SnippetWords)
		default:
			h.Snippet = openingWords(body, opts.SnippetWords)
		}
		out[i] = h
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("hits: %w", err)
	}
	if found < len(page) {
		out = slices.DeleteFunc(out, func(h Hit) bool { return h.ID == 0 })
	}
	return out, nil
}
