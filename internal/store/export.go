package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// Format is an export format.
type Format string

// Export formats.
const (
	// JSONL writes one JSON object per line: the article's `analyze
	// --json` record as stored, with a "provenance" object added.
	JSONL Format = "jsonl"
	// CSV writes a header and one row per article in the columns of
	// CSVColumns.
	CSV Format = "csv"
)

// CSVColumns are the columns of a CSV export, in order. Lists are joined
// with "; ". Times are RFC 3339 UTC.
var CSVColumns = []string{
	"id",            // the article's id in the store
	"published",     // publication date, "" if unknown
	"outlet",        // outlet name (or host)
	"outlet_host",   // outlet host, "" for files
	"url",           // canonical URL, else fetch URL
	"title",         //
	"language",      // ISO 639-1
	"section",       //
	"authors",       // bylines
	"tags",          // the page's tags, in page order
	"people",        // distinct PERSON entities, most mentioned first
	"organizations", // distinct ORG entities
	"places",        // distinct PLACE entities
	"speakers",      // distinct quote speakers
	"quotes",        // number of quotes
	"techniques",    // persuasion techniques with their fragment counts, most frequent first
	"words",         // number of words (tokens of letters or digits), from the record's text
	"cluster_id",    // near-duplicate cluster
	"original_id",   // the cluster's original (this id when it is the original)
	"version",       // version of the page at its URL (1 first)
	"source_kind",   // file, warc, feed, sitemap or url
	"source_file",   // file read (page file or WARC file)
	"source_url",    // fetch URL or WARC target URI
	"warc_record_id",
	"warc_offset",
	"fetched_at",
	"ingested_at",
	"sha256", // of the raw input's content
	"text",   // the article text
}

// ExportOptions configures Export. Format is required.
type ExportOptions struct {
	Filter
	Format Format
}

// Provenance says where a stored article came from; it is the
// "provenance" object of a JSONL export record.
type Provenance struct {
	ArticleID         int64  `json:"article_id"`
	Version           int    `json:"version"`
	Latest            bool   `json:"latest"`
	PreviousVersionID *int64 `json:"previous_version_id"`
	ClusterID         *int64 `json:"cluster_id"`
	ClusterOriginalID *int64 `json:"cluster_original_id"`
	Outlet            string `json:"outlet"`
	OutletHost        string `json:"outlet_host"`
	// SourceKind is file, warc, feed, sitemap or url.
	SourceKind   string `json:"source_kind"`
	SourceFile   string `json:"source_file"`
	SourceURL    string `json:"source_url"`
	WARCRecordID string `json:"warc_record_id,omitempty"`
	WARCOffset   *int64 `json:"warc_offset,omitempty"`
	FeedURL      string `json:"feed_url,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
	IngestedAt   string `json:"ingested_at"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
}

// Export writes every article the filter matches to w, in the order of
// ingest when the query has free text or is empty (else in the order
// SQLite reads them, to avoid a sort), and returns how many it wrote. It streams: one row
// is read, written and dropped at a time, so memory does not grow with the
// number of articles, and there is no cap.
func (s *Store) Export(ctx context.Context, w io.Writer, opts ExportOptions) (int, error) {
	if opts.Format != JSONL && opts.Format != CSV {
		return 0, fmt.Errorf("%w: export format %q (want jsonl or csv)", ErrQuery, opts.Format)
	}
	var err error
	if opts.Filter, err = s.resolveNames(ctx, opts.Filter); err != nil {
		return 0, err
	}
	q, args, err := exportQuery(s.d, opts)
	if err != nil {
		return 0, err
	}
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("store: export: %w", err)
	}
	defer rows.Close()
	bw := bufio.NewWriterSize(w, 64<<10)
	var cw *csv.Writer
	if opts.Format == CSV {
		cw = csv.NewWriter(bw)
		if err := cw.Write(CSVColumns); err != nil {
			return 0, err
		}
	}
	var provBuf bytes.Buffer
	provEnc := json.NewEncoder(&provBuf)
	provEnc.SetEscapeHTML(false)
	n := 0
	for rows.Next() {
		var pv Provenance
		var prev, cluster, original, warcOffset sql.NullInt64
		var fetched sql.NullString
		var latest int
		dest := []any{&pv.ArticleID, &pv.Version, &latest, &prev, &cluster, &original, &pv.Outlet, &pv.OutletHost,
			&pv.SourceKind, &pv.SourceFile, &pv.SourceURL, &pv.WARCRecordID, &warcOffset, &pv.FeedURL, &pv.ContentType,
			&fetched, &pv.IngestedAt, &pv.SHA256, &pv.Size}
		var record sql.RawBytes
		var row csvRow
		if opts.Format == JSONL {
			dest = append(dest, &record)
		} else {
			dest = append(dest, row.dest()...)
		}
		if err := rows.Scan(dest...); err != nil {
			return n, fmt.Errorf("store: export: %w", err)
		}
		pv.Latest = latest == 1
		pv.PreviousVersionID = ptr(prev)
		pv.ClusterID = ptr(cluster)
		pv.ClusterOriginalID = ptr(original)
		pv.WARCOffset = ptr(warcOffset)
		pv.FetchedAt = fetched.String
		if opts.Format == JSONL {
			provBuf.Reset()
			if err := provEnc.Encode(&pv); err != nil {
				return n, err
			}
			if err := writeRecord(bw, record, bytes.TrimRight(provBuf.Bytes(), "\n")); err != nil {
				return n, err
			}
		} else {
			if err := cw.Write(row.values(&pv)); err != nil {
				return n, err
			}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: export: %w", err)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, err
		}
	}
	return n, bw.Flush()
}

func entityList(d dialect, typ string) string {
	// typ is one of three constants, never user input.
	return ", (SELECT " + d.groupConcat("e.name", "'; '", "e.mentions DESC, e.name") + " FROM article_entities e WHERE e.article_id = a.id AND e.type = '" + typ + "')"
}

// techniqueList joins "technique count" over the rows of tc in their
// order (SQLite keeps the subquery's order; PostgreSQL is told it).
func techniqueList(d dialect) string {
	if d == postgresDialect {
		return d.groupConcat("tc.technique || ' ' || tc.n", "'; '", "tc.n DESC, tc.technique")
	}
	return d.groupConcat("technique || ' ' || n", "'; '", "")
}

func ptr(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	x := v.Int64
	return &x
}

// writeRecord writes the stored record with "provenance" added as its last
// member, and a newline.
func writeRecord(w *bufio.Writer, record, prov []byte) error {
	rec := bytes.TrimSpace(record)
	if len(rec) < 2 || rec[0] != '{' || rec[len(rec)-1] != '}' {
		return fmt.Errorf("store: export: stored record is not a JSON object")
	}
	body := bytes.TrimSpace(rec[1 : len(rec)-1])
	w.WriteByte('{')
	w.Write(body)
	if len(body) > 0 {
		w.WriteByte(',')
	}
	w.WriteString(`"provenance":`)
	w.Write(prov)
	w.WriteString("}\n")
	return nil
}

// csvRow holds the article columns of a CSV row.
type csvRow struct {
	published                  sql.NullString
	canonical, url, title      string
	language, section, authors string
	tags, people, orgs, places sql.NullString
	speakers                   string
	quotes                     int
	techniques                 sql.NullString
	text                       string
}

func (r *csvRow) dest() []any {
	return []any{&r.published, &r.canonical, &r.url, &r.title, &r.language, &r.section, &r.authors,
		&r.tags, &r.people, &r.orgs, &r.places, &r.speakers, &r.quotes, &r.techniques, &r.text}
}

func (r *csvRow) values(pv *Provenance) []string {
	opt := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	return []string{
		strconv.FormatInt(pv.ArticleID, 10), r.published.String, pv.Outlet, pv.OutletHost,
		displayURL(r.url, r.canonical), r.title, r.language, r.section, r.authors,
		r.tags.String, r.people.String, r.orgs.String, r.places.String, r.speakers,
		strconv.Itoa(r.quotes), r.techniques.String, strconv.Itoa(countWords(r.text)),
		opt(pv.ClusterID), opt(pv.ClusterOriginalID), strconv.Itoa(pv.Version),
		pv.SourceKind, pv.SourceFile, pv.SourceURL, pv.WARCRecordID, opt(pv.WARCOffset),
		pv.FetchedAt, pv.IngestedAt, pv.SHA256, r.text,
	}
}

// countWords counts runs of letters and digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// exportQuery is the SQL of an export and its arguments.
func exportQuery(d dialect, opts ExportOptions) (string, []any, error) {
	p, extra, err := opts.Filter.plan(d)
	if err != nil {
		return "", nil, err
	}
	from, args := p.FromWhere("JOIN raw_inputs r ON r.id = a.raw_input_id LEFT JOIN clusters c ON c.id = a.cluster_id LEFT JOIN outlets o ON o.id = a.outlet_id", extra)
	// Ingest (rowid) order where it is the order the driving table is read
	// in: the full-text index, or articles scanned whole. With field
	// conditions alone SQLite may read through an index or an OR of
	// subqueries instead, and asking for an order would make it sort, which
	// buffers whole rows; there the order is SQLite's.
	order := " ORDER BY a.id"
	switch {
	case d == postgresDialect:
		// PostgreSQL streams a sorted result as well.
		order = " ORDER BY a.id"
	case p.Match != "":
		order = " ORDER BY articles_fts.rowid"
	case p.Where != "":
		order = ""
	}
	cols := "a.id, a.version, a.latest, a.previous_version_id, a.cluster_id, c.original_article_id, " + outletName + ", COALESCE(o.host, ''), " +
		"r.source_kind, r.file_path, r.url, r.warc_record_id, r.warc_offset, r.feed_url, r.content_type, r.fetched_at, r.ingested_at, r.sha256, r.size"
	if opts.Format == JSONL {
		cols += ", a.record"
	} else {
		cols += ", a.published, a.canonical_url, a.url, a.title, a.language, a.section, replace(a.authors, " + d.newline() + ", '; ')" +
			", (SELECT " + d.groupConcat("t.tag", "'; '", "t.pos") + " FROM tags t WHERE t.article_id = a.id)" +
			entityList(d, "PERSON") + entityList(d, "ORG") + entityList(d, "PLACE") +
			", replace(a.speaker_names, " + d.newline() + ", '; ')" +
			", (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)" +
			", (SELECT " + techniqueList(d) + " FROM (SELECT t.technique, count(*) AS n FROM techniques t WHERE t.article_id = a.id GROUP BY t.technique ORDER BY n DESC, t.technique) tc)" +
			", a.text"
	}
	return "SELECT " + cols + " " + from + order, args, nil
}
