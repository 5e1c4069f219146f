package web

// Read queries the web pages need that internal/corpus does not (yet)
// offer: one article with its provenance and cluster, search facets, the
// speaker, entity, outlet and cluster lists, and article deletion. They
// read the store's tables (internal/store/schema.sql) and compile queries
// with internal/query, exactly as internal/corpus does; they are candidates
// to move there.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/internal/query"
)

// ErrNotFound is returned for an article, person or outlet the store does
// not hold.
var ErrNotFound = errors.New("not found")

// outletName is how an outlet is shown: its name, else its host.
const outletName = "COALESCE(NULLIF(o.name, ''), o.host, '')"

// Provenance says where a stored article came from.
type Provenance struct {
	SourceKind   string `json:"source_kind"`
	SourceFile   string `json:"source_file,omitempty"`
	SourceURL    string `json:"source_url,omitempty"`
	WARCRecordID string `json:"warc_record_id,omitempty"`
	WARCOffset   *int64 `json:"warc_offset,omitempty"`
	FeedURL      string `json:"feed_url,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
	IngestedAt   string `json:"ingested_at"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
}

// ClusterMember is one article of a near-duplicate cluster.
type ClusterMember struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	Outlet    string     `json:"outlet"`
	Published *time.Time `json:"published"`
	Original  bool       `json:"original"`
}

// StoredArticle is one stored article version with everything the store
// knows of it. Record is the `analyze --json` record as stored (text and
// every span); Article is the same, decoded.
type StoredArticle struct {
	ID                int64           `json:"id"`
	Title             string          `json:"title"`
	Outlet            string          `json:"outlet"`
	OutletHost        string          `json:"outlet_host"`
	URL               string          `json:"url"`
	CanonicalURL      string          `json:"canonical_url,omitempty"`
	Published         *time.Time      `json:"published"`
	Language          string          `json:"language"`
	Format            string          `json:"format"`
	Version           int             `json:"version"`
	Latest            bool            `json:"latest"`
	PreviousVersionID *int64          `json:"previous_version_id"`
	ClusterID         int64           `json:"cluster_id,omitempty"`
	ClusterOriginalID int64           `json:"cluster_original_id,omitempty"`
	Cluster           []ClusterMember `json:"cluster,omitempty"`
	Provenance        Provenance      `json:"provenance"`
	Record            json.RawMessage `json:"record"`
	Article           article.Article `json:"-"`
}

const storeTime = "2006-01-02T15:04:05Z"

func parseTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t, err := time.Parse(storeTime, s.String)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, s.String); err != nil {
			return nil
		}
	}
	return &t
}

// loadArticle reads article id with its provenance and cluster.
func loadArticle(ctx context.Context, db *sql.DB, id int64) (*StoredArticle, error) {
	a := &StoredArticle{ID: id}
	var published, fetched sql.NullString
	var prev, warcOff sql.NullInt64
	var cluster, original sql.NullInt64
	var latest int
	var record string
	err := db.QueryRowContext(ctx, `SELECT a.title, `+outletName+`, COALESCE(o.host, ''), a.url, a.canonical_url, a.published,
		a.language, a.format, a.version, a.latest, a.previous_version_id, a.cluster_id, c.original_article_id, a.record,
		r.source_kind, r.file_path, r.url, r.warc_record_id, r.warc_offset, r.feed_url, r.content_type, r.fetched_at,
		r.ingested_at, r.sha256, r.size
		FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN clusters c ON c.id = a.cluster_id
		JOIN raw_inputs r ON r.id = a.raw_input_id WHERE a.id = ?`, id).Scan(
		&a.Title, &a.Outlet, &a.OutletHost, &a.URL, &a.CanonicalURL, &published, &a.Language, &a.Format, &a.Version,
		&latest, &prev, &cluster, &original, &record,
		&a.Provenance.SourceKind, &a.Provenance.SourceFile, &a.Provenance.SourceURL, &a.Provenance.WARCRecordID,
		&warcOff, &a.Provenance.FeedURL, &a.Provenance.ContentType, &fetched, &a.Provenance.IngestedAt,
		&a.Provenance.SHA256, &a.Provenance.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("web: article %d: %w", id, err)
	}
	a.Published = parseTime(published)
	a.Latest = latest == 1
	if prev.Valid {
		a.PreviousVersionID = &prev.Int64
	}
	if warcOff.Valid {
		a.Provenance.WARCOffset = &warcOff.Int64
	}
	a.Provenance.FetchedAt = fetched.String
	a.ClusterID, a.ClusterOriginalID = cluster.Int64, original.Int64
	a.Record = json.RawMessage(record)
	if err := json.Unmarshal(a.Record, &a.Article); err != nil {
		return nil, fmt.Errorf("web: article %d: decode record: %w", id, err)
	}
	if cluster.Valid {
		rows, err := db.QueryContext(ctx, `SELECT a.id, a.title, `+outletName+`, a.published FROM articles a
			LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id LIMIT 200`, cluster.Int64)
		if err != nil {
			return nil, fmt.Errorf("web: article %d: cluster: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var m ClusterMember
			var p sql.NullString
			if err := rows.Scan(&m.ID, &m.Title, &m.Outlet, &p); err != nil {
				return nil, fmt.Errorf("web: article %d: cluster: %w", id, err)
			}
			m.Published = parseTime(p)
			m.Original = m.ID == a.ClusterOriginalID
			a.Cluster = append(a.Cluster, m)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("web: article %d: cluster: %w", id, err)
		}
	}
	return a, nil
}

// articleText reads only an article's text.
func articleText(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var t string
	err := db.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return t, err
}

// Count is a facet value or list entry with its count.
type Count struct {
	Value string `json:"value"`
	Type  string `json:"type,omitempty"`
	Count int    `json:"count"`
}

// Facets count the articles a query matches by outlet, month, speaker,
// person, tag and language (the most frequent values of each).
type Facets struct {
	Outlet   []Count `json:"outlet"`
	Date     []Count `json:"date"`
	Speaker  []Count `json:"speaker"`
	Person   []Count `json:"person"`
	Tag      []Count `json:"tag"`
	Language []Count `json:"language"`
}

// facetSize is how many values each facet lists.
const facetSize = 10

// facets counts the latest articles matching q by each facet.
func facets(ctx context.Context, db *sql.DB, q string) (*Facets, error) {
	p, err := query.ParseCompile(q)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", corpus.ErrQuery, err)
	}
	f := &Facets{}
	type facet struct {
		dst         *[]Count
		joins, expr string
		cond        string
		limit       int
		order       string
	}
	list := []facet{
		{&f.Outlet, "JOIN outlets o ON o.id = a.outlet_id", outletName, "", facetSize, "n DESC, v"},
		{&f.Date, "", "substr(a.published, 1, 7)", "a.published IS NOT NULL", 240, "v"},
		{&f.Speaker, "JOIN quotes q ON q.article_id = a.id", "q.speaker_name", "q.speaker_name <> '' AND q.speaker_kind IN ('person', 'organization')", facetSize, "n DESC, v"},
		{&f.Person, "JOIN article_entities e ON e.article_id = a.id", "e.name", "e.type = 'PERSON'", facetSize, "n DESC, v"},
		{&f.Tag, "JOIN tags t ON t.article_id = a.id", "t.tag", "", facetSize, "n DESC, v"},
		{&f.Language, "", "a.language", "a.language <> ''", facetSize, "n DESC, v"},
	}
	// The matching ids are computed once per facet query (MATERIALIZED),
	// then joined to the facet's table: joining the full-text match into
	// a group-by instead makes SQLite probe the index once per row.
	from, args := p.FromWhere("", "a.latest = 1")
	matched := "WITH m(id) AS MATERIALIZED (SELECT a.id " + from + ") "
	for _, fc := range list {
		// CROSS JOIN keeps this join order (SQLite does not reorder
		// it): without it, a condition on an indexed column (e.type,
		// a.language) makes the planner scan that index over the whole
		// corpus and probe the matches.
		joins := "CROSS JOIN articles a ON a.id = m.id"
		if fc.joins != "" {
			joins += " CROSS " + fc.joins
		}
		where := ""
		if fc.cond != "" {
			where = " WHERE " + fc.cond
		}
		rows, err := db.QueryContext(ctx, matched+"SELECT "+fc.expr+" AS v, count(DISTINCT a.id) AS n FROM m "+joins+where+
			" GROUP BY v ORDER BY "+fc.order+" LIMIT ?", append(slices.Clone(args), fc.limit)...)
		if err != nil {
			return nil, fmt.Errorf("web: facets %q: %w", q, err)
		}
		out := []Count{}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Value, &c.Count); err != nil {
				rows.Close()
				return nil, fmt.Errorf("web: facets %q: %w", q, err)
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("web: facets %q: %w", q, err)
		}
		*fc.dst = out
	}
	return f, nil
}

// listSpeakers lists the most quoted speakers (name prefix filter).
func listSpeakers(ctx context.Context, db *sql.DB, prefix string, limit int) ([]Count, error) {
	q := `SELECT q.speaker_name, q.speaker_kind, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id
		WHERE a.latest = 1 AND q.speaker_name <> ''`
	var args []any
	if prefix != "" {
		q += ` AND q.speaker_name LIKE ? ESCAPE '\'`
		args = append(args, likeEscape(prefix)+"%")
	}
	q += ` GROUP BY q.speaker_name, q.speaker_kind ORDER BY n DESC, q.speaker_name LIMIT ?`
	return counts(ctx, db, q, append(args, limit)...)
}

// listEntities lists the entities in the most articles, of one type
// (PERSON, ORG, PLACE, MISC) or all ("").
func listEntities(ctx context.Context, db *sql.DB, typ string, limit int) ([]Count, error) {
	q := `SELECT e.name, e.type, count(*) AS n FROM article_entities e JOIN articles a ON a.id = e.article_id WHERE a.latest = 1`
	var args []any
	if typ != "" {
		q += ` AND e.type = ?`
		args = append(args, typ)
	}
	q += ` GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT ?`
	return counts(ctx, db, q, append(args, limit)...)
}

func counts(ctx context.Context, db *sql.DB, q string, args ...any) ([]Count, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Value, &c.Type, &c.Count); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Cluster is a near-duplicate cluster of two or more articles.
type Cluster struct {
	ID         int64           `json:"id"`
	OriginalID int64           `json:"original_id"`
	Size       int             `json:"size"`
	Members    []ClusterMember `json:"members"`
}

// listClusters lists the largest near-duplicate clusters with their
// members (at most 50 each).
func listClusters(ctx context.Context, db *sql.DB, limit, offset int) ([]Cluster, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, original_article_id, size FROM clusters WHERE size > 1
		ORDER BY size DESC, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("web: clusters: %w", err)
	}
	out := []Cluster{}
	for rows.Next() {
		var c Cluster
		if err := rows.Scan(&c.ID, &c.OriginalID, &c.Size); err != nil {
			rows.Close()
			return nil, fmt.Errorf("web: clusters: %w", err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("web: clusters: %w", err)
	}
	for i := range out {
		mrows, err := db.QueryContext(ctx, `SELECT a.id, a.title, `+outletName+`, a.published FROM articles a
			LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id LIMIT 50`, out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("web: clusters: %w", err)
		}
		out[i].Members = []ClusterMember{}
		for mrows.Next() {
			var m ClusterMember
			var p sql.NullString
			if err := mrows.Scan(&m.ID, &m.Title, &m.Outlet, &p); err != nil {
				mrows.Close()
				return nil, fmt.Errorf("web: clusters: %w", err)
			}
			m.Published = parseTime(p)
			m.Original = m.ID == out[i].OriginalID
			out[i].Members = append(out[i].Members, m)
		}
		mrows.Close()
		if err := mrows.Err(); err != nil {
			return nil, fmt.Errorf("web: clusters: %w", err)
		}
	}
	return out, nil
}

// outletExists reports whether an outlet of that name or host is stored.
func outletExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM outlets WHERE name = ? OR host = ?`, name, strings.TrimPrefix(strings.ToLower(name), "www.")).Scan(&n)
	return n > 0, err
}

// deleteArticle removes one article version and its annotations in one
// transaction. The raw input stays, marked 'deleted', so ingesting the same
// bytes again does not bring the article back; a previous version becomes
// the latest again; its cluster shrinks (and gets a new original, or goes).
func deleteArticle(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("web: delete %d: %w", id, err)
	}
	defer tx.Rollback()
	var raw int64
	var prev, cluster sql.NullInt64
	var latest int
	err = tx.QueryRowContext(ctx, `SELECT raw_input_id, previous_version_id, cluster_id, latest FROM articles WHERE id = ?`, id).Scan(&raw, &prev, &cluster, &latest)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("web: delete %d: %w", id, err)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM quotes WHERE article_id = ?`, []any{id}},
		{`DELETE FROM entities WHERE article_id = ?`, []any{id}},
		{`DELETE FROM article_entities WHERE article_id = ?`, []any{id}},
		{`DELETE FROM paragraphs WHERE article_id = ?`, []any{id}},
		{`DELETE FROM tags WHERE article_id = ?`, []any{id}},
		{`DELETE FROM lsh_bands WHERE article_id = ?`, []any{id}},
		{`DELETE FROM minhash WHERE article_id = ?`, []any{id}},
		{`UPDATE articles SET previous_version_id = ? WHERE previous_version_id = ?`, []any{prev, id}},
		{`UPDATE raw_inputs SET article_id = NULL WHERE article_id = ?`, []any{id}},
		{`UPDATE raw_inputs SET status = 'deleted', error = 'deleted through the web API' WHERE id = ?`, []any{raw}},
	}
	if latest == 1 && prev.Valid {
		stmts = append(stmts, struct {
			q    string
			args []any
		}{`UPDATE articles SET latest = 1 WHERE id = ?`, []any{prev.Int64}})
	}
	stmts = append(stmts, struct {
		q    string
		args []any
	}{`DELETE FROM articles WHERE id = ?`, []any{id}})
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("web: delete %d: %w", id, err)
		}
	}
	if cluster.Valid {
		var n int
		var first sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT count(*), (SELECT id FROM articles WHERE cluster_id = ?1
			ORDER BY published IS NULL, published, id LIMIT 1) FROM articles WHERE cluster_id = ?1`, cluster.Int64).Scan(&n, &first); err != nil {
			return fmt.Errorf("web: delete %d: cluster: %w", id, err)
		}
		if n == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM clusters WHERE id = ?`, cluster.Int64)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE clusters SET size = ?, original_article_id = ? WHERE id = ?`, n, first.Int64, cluster.Int64)
		}
		if err != nil {
			return fmt.Errorf("web: delete %d: cluster: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("web: delete %d: %w", id, err)
	}
	return nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
