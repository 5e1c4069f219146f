package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/query"
)

// QuoteOptions selects quotes. The zero value lists every quote of every
// latest article, newest article first.
type QuoteOptions struct {
	// Filter selects the articles the quotes come from.
	Filter
	// Speaker keeps the quotes of one speaker, matched by name without
	// regard to case: the whole name ("Maria Zakharova"), or, for a
	// one-word name, also a name ending in that word ("Zakharova").
	Speaker string
	// Outlet keeps the quotes of one outlet, by name or host
	// (www. ignored), without regard to case.
	Outlet string
	// Kind keeps one kind of quote: direct, indirect or mixed ("" all).
	Kind string
	// Limit is the most quotes returned (0: no limit); Offset skips that
	// many first.
	Limit, Offset int
}

// QuoteHit is one quote with its speaker and article.
type QuoteHit struct {
	Speaker     string `json:"speaker"`
	SpeakerKind string `json:"speaker_kind"`
	// Gender is the speaker's gender for persons (female, male, unknown),
	// "" for other speakers.
	Gender string `json:"gender,omitempty"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	// Start and End are the quote's byte offsets in the article text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Cue   string `json:"cue,omitempty"`

	ArticleID int64      `json:"article_id"`
	Title     string     `json:"title"`
	Outlet    string     `json:"outlet"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

// Quotes calls fn for each quote that matches, in order: newest article
// first (undated last), then the quote's position in the article. It
// streams: memory does not grow with the number of quotes. An error from
// fn stops it and is returned.
func (s *Store) Quotes(ctx context.Context, opts QuoteOptions, fn func(QuoteHit) error) error {
	f := opts.Filter
	if o := strings.TrimSpace(opts.Outlet); o != "" {
		// Compose with the query as one more AND-ed term.
		n, err := query.Parse(f.Query)
		if err != nil {
			return joinQuery(err)
		}
		t := &query.Term{Field: query.Outlet, Value: o, Phrase: true}
		if n == nil {
			f.Query = t.String()
		} else {
			f.Query = (&query.And{Children: []query.Node{n, t}}).String()
		}
	}
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return err
	}
	if sp := strings.TrimSpace(opts.Speaker); sp != "" {
		if name, ok, err := s.entityName(ctx, sp, aliasTypes[query.Speaker]); err != nil {
			return err
		} else if ok {
			opts.Speaker = name
		}
	}
	p, extra, err := f.plan(s.d)
	if err != nil {
		return err
	}
	var conds []string
	var cargs []any
	if sp := strings.TrimSpace(opts.Speaker); sp != "" {
		if strings.ContainsAny(sp, " \t") {
			conds = append(conds, "q.speaker_name = ?")
			cargs = append(cargs, sp)
		} else {
			conds = append(conds, `(q.speaker_name = ? OR q.speaker_name LIKE ? ESCAPE '\')`)
			cargs = append(cargs, sp, "% "+likeEscape(sp))
		}
	}
	switch opts.Kind {
	case "":
	case "direct", "indirect", "mixed":
		conds = append(conds, "q.kind = ?")
		cargs = append(cargs, opts.Kind)
	default:
		return fmt.Errorf("%w: quote kind %q (want direct, indirect or mixed)", ErrQuery, opts.Kind)
	}
	all := append([]string{extra}, conds...)
	from, args := p.FromWhere("JOIN quotes q ON q.article_id = a.id LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id", all...)
	args = append(args, cargs...)
	q := "SELECT q.speaker_name, q.speaker_kind, COALESCE(s.gender, ''), q.kind, q.content_text, q.content_start, q.content_end, COALESCE(q.cue_text, ''), " +
		"a.id, a.title, " + outletName + ", a.url, a.canonical_url, a.published " + from +
		" ORDER BY a.published IS NULL, a.published DESC, a.id DESC, q.idx"
	if opts.Limit > 0 || opts.Offset > 0 {
		limit := opts.Limit
		if limit <= 0 {
			limit = -1
		}
		q += " LIMIT ? OFFSET ?"
		args = append(args, limit, max(opts.Offset, 0))
	}
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h QuoteHit
		var canonical string
		var published sql.NullString
		if err := rows.Scan(&h.Speaker, &h.SpeakerKind, &h.Gender, &h.Kind, &h.Text, &h.Start, &h.End, &h.Cue,
			&h.ArticleID, &h.Title, &h.Outlet, &h.URL, &canonical, &published); err != nil {
			return fmt.Errorf("store: quotes: %w", err)
		}
		h.URL = displayURL(h.URL, canonical)
		h.Published = parseTime(published)
		if err := fn(h); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: quotes: %w", err)
	}
	return nil
}

// displayURL is the URL to show for an article: the canonical URL it
// declares, else its fetch URL; "" for files.
func displayURL(url, canonical string) string {
	if canonical != "" && !strings.HasPrefix(canonical, "file:") {
		return canonical
	}
	if strings.HasPrefix(url, "file:") {
		return ""
	}
	return url
}

// likeEscape escapes LIKE's wildcards for ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func joinQuery(err error) error { return fmt.Errorf("%w: %w", ErrQuery, err) }
