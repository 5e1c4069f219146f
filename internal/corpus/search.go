package corpus

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
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
	// NoTotal skips counting every match (Total is then -1), which is
	// the slow part of a search with very many matches.
	NoTotal bool
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
	// Total is the number of matching articles (-1 when not counted).
	Total  int   `json:"total"`
	Offset int   `json:"offset"`
	Hits   []Hit `json:"hits"`
}

// bm25 weights of the full-text columns: title, text, speaker names,
// entity names. A word in the title counts as much as three in the text.
const bm25 = "bm25(articles_fts, 3.0, 1.0, 0.5, 0.5)"

// Search returns the articles that match the query, best first when the
// query has free text, else newest first, with snippets.
func (c *Corpus) Search(ctx context.Context, opts SearchOptions) (*SearchResult, error) {
	opts.applyDefaults()
	p, extra, err := opts.Filter.plan()
	if err != nil {
		return nil, err
	}
	res := &SearchResult{Query: opts.Query, Ranked: p.Ranked, Offset: opts.Offset, Total: -1, Hits: []Hit{}}
	if !opts.NoTotal {
		from, args := p.FromWhere("", extra)
		if err := c.db.QueryRowContext(ctx, "SELECT count(*) "+from, args...).Scan(&res.Total); err != nil {
			return nil, fmt.Errorf("corpus: search %q: count: %w", opts.Query, err)
		}
	}
	from, args := p.FromWhere("LEFT JOIN outlets o ON o.id = a.outlet_id", extra)
	cols := "a.id, a.title, " + outletName + ", COALESCE(o.host, ''), a.url, a.canonical_url, a.published, a.language, COALESCE(a.cluster_id, 0), a.version"
	var score, snippet, order string
	switch {
	case p.Match != "" && p.Ranked:
		score = "-" + bm25
		snippet = "snippet(articles_fts, 1, ?, ?, '…', ?)"
		order = bm25 + ", a.published DESC, a.id"
	case p.Match != "":
		score = "0"
		snippet = "snippet(articles_fts, 1, ?, ?, '…', ?)"
		order = "a.published IS NULL, a.published DESC, a.id DESC"
	default:
		score = "0"
		snippet = "substr(a.text, 1, 600)"
		order = "a.published IS NULL, a.published DESC, a.id DESC"
	}
	// The snippet()'s placeholders come before FROM: their arguments go
	// first.
	var sargs []any
	if strings.HasPrefix(snippet, "snippet(") {
		sargs = []any{opts.MarkOpen, opts.MarkClose, opts.SnippetWords}
	}
	q := "SELECT " + cols + ", " + score + ", " + snippet + " " + from + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	all := append(append(sargs, args...), opts.Limit, opts.Offset)
	rows, err := c.db.QueryContext(ctx, q, all...)
	if err != nil {
		return nil, fmt.Errorf("corpus: search %q: %w", opts.Query, err)
	}
	defer rows.Close()
	lead := p.Match == "" // snippet holds the opening of the text
	for rows.Next() {
		var h Hit
		var canonical string
		var published sql.NullString
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.OutletHost, &h.URL, &canonical, &published, &h.Language,
			&h.ClusterID, &h.Version, &h.Score, &h.Snippet); err != nil {
			return nil, fmt.Errorf("corpus: search %q: %w", opts.Query, err)
		}
		h.URL = displayURL(h.URL, canonical)
		h.Published = parseTime(published)
		if lead {
			h.Snippet = openingWords(h.Snippet, opts.SnippetWords)
		}
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corpus: search %q: %w", opts.Query, err)
	}
	rows.Close()
	// Free text under OR with a field (putin OR tag:Syria) does not drive
	// the query: mark its words in a second, per-hit look-up.
	if lead && p.Highlight != "" {
		for i := range res.Hits {
			var s string
			err := c.db.QueryRowContext(ctx, "SELECT snippet(articles_fts, 1, ?, ?, '…', ?) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
				opts.MarkOpen, opts.MarkClose, opts.SnippetWords, p.Highlight, res.Hits[i].ID).Scan(&s)
			if err == nil {
				res.Hits[i].Snippet = s
			} else if err != sql.ErrNoRows {
				return nil, fmt.Errorf("corpus: search %q: snippet: %w", opts.Query, err)
			}
		}
	}
	return res, nil
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
