package store

// Reads of single articles and of the corpus's lists (speakers, entities,
// near-duplicate clusters, outlets), for the web page and the API.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

// ErrNotFound is wrapped by errors about an article or outlet the store
// does not hold.
var ErrNotFound = errors.New("not found")

// Source says where a stored article came from (the store's raw_inputs
// row): the "provenance" of an article read with Article.
type Source struct {
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
	Provenance        Source          `json:"provenance"`
	Record            json.RawMessage `json:"record"`
	Article           article.Article `json:"-"`
}

// Article reads article id (any version) with its provenance and its
// near-duplicate cluster (at most 200 members, earliest first). An id the
// store does not hold gives an error wrapping ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (*StoredArticle, error) {
	db := s.h
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
		return nil, fmt.Errorf("store: article %d: %w", id, err)
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
		return nil, fmt.Errorf("store: article %d: decode record: %w", id, err)
	}
	if cluster.Valid {
		rows, err := db.QueryContext(ctx, `SELECT a.id, a.title, `+outletName+`, a.published FROM articles a
			LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id LIMIT 200`, cluster.Int64)
		if err != nil {
			return nil, fmt.Errorf("store: article %d: cluster: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var m ClusterMember
			var p sql.NullString
			if err := rows.Scan(&m.ID, &m.Title, &m.Outlet, &p); err != nil {
				return nil, fmt.Errorf("store: article %d: cluster: %w", id, err)
			}
			m.Published = parseTime(p)
			m.Original = m.ID == a.ClusterOriginalID
			a.Cluster = append(a.Cluster, m)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: article %d: cluster: %w", id, err)
		}
	}
	return a, nil
}

// ArticleText reads only an article's text (ErrNotFound when the store
// does not hold it).
func (s *Store) ArticleText(ctx context.Context, id int64) (string, error) {
	db := s.h
	var t string
	err := db.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: article %d: %w", id, err)
	}
	return t, nil
}

// Speakers lists the most quoted speakers of the latest article versions,
// with their kind (Count.Type) and number of quotes; prefix, when not "",
// keeps names that start with it (any case).
func (s *Store) Speakers(ctx context.Context, prefix string, limit int) ([]Count, error) {
	db := s.h
	q := `SELECT q.speaker_name, q.speaker_kind, count(*) AS n FROM quotes q
		WHERE q.article_id NOT IN (` + superseded + `) AND q.speaker_name <> ''`
	var args []any
	if prefix != "" {
		q += ` AND q.speaker_name LIKE ? ESCAPE '\'`
		args = append(args, likeEscape(prefix)+"%")
	}
	q += ` GROUP BY q.speaker_name, q.speaker_kind ORDER BY n DESC, q.speaker_name LIMIT ?`
	return counts(ctx, db, q, append(args, limit)...)
}

// Entities lists the entities in the most latest article versions, of one
// type (PERSON, ORG, PLACE, MISC) or all (""), with their type and number
// of articles.
func (s *Store) TopEntities(ctx context.Context, typ string, limit int) ([]Count, error) {
	db := s.h
	q := `SELECT e.name, e.type, count(*) AS n FROM article_entities e WHERE e.article_id NOT IN (` + superseded + `)`
	var args []any
	if typ != "" {
		q += ` AND e.type = ?`
		args = append(args, typ)
	}
	q += ` GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT ?`
	return counts(ctx, db, q, append(args, limit)...)
}

// counts runs a query of (value, type, count) rows.
func counts(ctx context.Context, db dbHandle, q string, args ...any) ([]Count, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Value, &c.Type, &c.Count); err != nil {
			return nil, fmt.Errorf("store: %w", err)
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

// Clusters lists the largest near-duplicate clusters (two or more
// articles), with their members (at most 50 each, earliest first).
func (s *Store) Clusters(ctx context.Context, limit, offset int) ([]Cluster, error) {
	db := s.h
	rows, err := db.QueryContext(ctx, `SELECT id, original_article_id, size FROM clusters WHERE size > 1
		ORDER BY size DESC, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: clusters: %w", err)
	}
	out := []Cluster{}
	for rows.Next() {
		var c Cluster
		if err := rows.Scan(&c.ID, &c.OriginalID, &c.Size); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: clusters: %w", err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: clusters: %w", err)
	}
	for i := range out {
		mrows, err := db.QueryContext(ctx, `SELECT a.id, a.title, `+outletName+`, a.published FROM articles a
			LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id LIMIT 50`, out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("store: clusters: %w", err)
		}
		out[i].Members = []ClusterMember{}
		for mrows.Next() {
			var m ClusterMember
			var p sql.NullString
			if err := mrows.Scan(&m.ID, &m.Title, &m.Outlet, &p); err != nil {
				mrows.Close()
				return nil, fmt.Errorf("store: clusters: %w", err)
			}
			m.Published = parseTime(p)
			m.Original = m.ID == out[i].OriginalID
			out[i].Members = append(out[i].Members, m)
		}
		mrows.Close()
		if err := mrows.Err(); err != nil {
			return nil, fmt.Errorf("store: clusters: %w", err)
		}
	}
	return out, nil
}

// OutletExists reports whether an outlet of that name or host (www.
// ignored, any case) is stored.
func (s *Store) OutletExists(ctx context.Context, name string) (bool, error) {
	db := s.h
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM outlets WHERE name = ? OR host = ?`, name, strings.TrimPrefix(strings.ToLower(name), "www.")).Scan(&n)
	return n > 0, err
}

// ClusterCount is the number of near-duplicate clusters of two or more
// articles.
func (s *Store) ClusterCount(ctx context.Context) (int, error) {
	var n int
	if err := s.h.QueryRowContext(ctx, `SELECT count(*) FROM clusters WHERE size > 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count clusters: %w", err)
	}
	return n, nil
}

// ClusterOfURL maps the URL (version key) of every clustered article to
// its near-duplicate cluster's id, for scoring the clustering against a
// known truth.
func (s *Store) ClusterOfURL(ctx context.Context) (map[string]int64, error) {
	rows, err := s.h.QueryContext(ctx, `SELECT url, cluster_id FROM articles WHERE cluster_id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: clusters by URL: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var u string
		var c int64
		if err := rows.Scan(&u, &c); err != nil {
			return nil, fmt.Errorf("store: clusters by URL: %w", err)
		}
		out[u] = c
	}
	return out, rows.Err()
}
