package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

// Source kinds of raw_inputs.source_kind.
const (
	SourceFile    = "file"
	SourceWARC    = "warc"
	SourceFeed    = "feed"
	SourceSitemap = "sitemap"
	SourceURL     = "url"
)

// Statuses of raw_inputs.status.
const (
	StatusArticle   = "article"
	StatusUnchanged = "unchanged"
	StatusFailed    = "failed"
)

// Input describes one raw input and where it came from.
type Input struct {
	SHA256       string    // hex of the content bytes (see ContentHash)
	Size         int64     // content bytes
	SourceKind   string    // SourceFile, SourceWARC …
	URL          string    // fetch URL, WARC target URI; "" for files
	FetchedAt    time.Time // zero: unknown
	FilePath     string    // the page file or WARC file read
	WARCRecordID string
	WARCOffset   int64 // valid when WARCRecordID != ""
	FeedURL      string
	ContentType  string
}

// ContentHash is the hex SHA-256 used as raw_inputs.sha256.
func ContentHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Outcome is what PutArticle did.
type Outcome int

// Outcomes of PutArticle and PutFailed.
const (
	Duplicate  Outcome = iota // the content was stored before: nothing written
	NewArticle                // a new article (version 1 of its URL)
	NewVersion                // a new version of an article at the same URL
	Unchanged                 // new bytes, same article text as the URL's latest version
	Failed                    // stored as a failed input
)

func (o Outcome) String() string {
	return [...]string{"duplicate", "new article", "new version", "unchanged", "failed"}[o]
}

// Put is the result of PutArticle.
type Put struct {
	Outcome    Outcome
	RawInputID int64
	// ArticleID is the article written (NewArticle, NewVersion) or the one
	// the input repeats (Unchanged).
	ArticleID int64
	Version   int
}

// Tx is a write transaction. It is not safe for concurrent use.
type Tx struct {
	ctx        context.Context
	tx         txHandle
	now        string
	st         *Store
	noIdentity bool
}

// Begin starts a write transaction (BEGIN IMMEDIATE). It fails with
// ErrGone when the store's file was deleted or replaced.
func (s *Store) Begin(ctx context.Context) (*Tx, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	tx, err := s.h.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	if s.d == postgresDialect {
		// Writers take turns (pgWriteLock), as SQLite's BEGIN IMMEDIATE.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgWriteLock); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("store: begin: %w", err)
		}
	}
	return &Tx{ctx: ctx, tx: tx, now: FormatTime(time.Now()), st: s, noIdentity: s.noIdentity}, nil
}

// Commit commits the transaction, unless the store's file is gone
// (ErrGone: the transaction is rolled back, since what it wrote would be
// lost with the deleted file).
func (t *Tx) Commit() error {
	if err := t.st.Check(); err != nil {
		t.tx.Rollback()
		return err
	}
	return t.tx.Commit()
}

// Rollback abandons the transaction.
func (t *Tx) Rollback() error { return t.tx.Rollback() }

// HasContent reports whether an input with this content hash is stored.
func (s *Store) HasContent(ctx context.Context, sha string) (bool, error) {
	var one int
	err := s.h.QueryRowContext(ctx, `SELECT 1 FROM raw_inputs WHERE sha256 = ?`, sha).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// TimeLayout is how the store keeps times: RFC 3339 in UTC to the second,
// so that string order is time order.
const TimeLayout = "2006-01-02T15:04:05Z"

// FormatTime formats t the way the store keeps times.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

func nullTime(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return FormatTime(*t)
}

func (t *Tx) exec(q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, q, args...)
}

// insertRaw inserts the raw input unless its hash is stored; ok is false
// when it was.
func (t *Tx) insertRaw(in Input, status, errText string) (id int64, ok bool, err error) {
	var off any
	if in.WARCRecordID != "" {
		off = in.WARCOffset
	}
	var fetched any
	if !in.FetchedAt.IsZero() {
		fetched = FormatTime(in.FetchedAt)
	}
	err = t.tx.QueryRowContext(t.ctx, `INSERT INTO raw_inputs(sha256, url, fetched_at, ingested_at, source_kind, file_path,
		warc_record_id, warc_offset, feed_url, size, content_type, status, error)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING RETURNING id`,
		in.SHA256, in.URL, fetched, t.now, in.SourceKind, in.FilePath,
		in.WARCRecordID, off, in.FeedURL, in.Size, in.ContentType, status, errText).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil // stored before (or by a concurrent writer, now committed)
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: insert raw input: %w", err)
	}
	return id, true, nil
}

// PutFailed records an input that held no article, so that a rerun skips
// it. A content hash stored before gives Duplicate.
func (t *Tx) PutFailed(in Input, cause error) (Put, error) {
	id, ok, err := t.insertRaw(in, StatusFailed, cause.Error())
	if err != nil || !ok {
		return Put{Outcome: Duplicate}, err
	}
	return Put{Outcome: Failed, RawInputID: id}, nil
}

// VersionKey is the URL an article's versions are chained by: the input's
// URL, else the page's canonical URL, else the file's absolute path as a
// file:// URL.
func VersionKey(in Input, a *article.Article) string {
	switch {
	case in.URL != "":
		return in.URL
	case a.URL != "":
		return a.URL
	case in.FilePath != "":
		p, err := filepath.Abs(in.FilePath)
		if err != nil {
			p = in.FilePath
		}
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	}
	return ""
}

// PutArticle stores an analysed input: the raw input, its outlet, the
// article with its paragraphs, entities, quotes, speakers and tags (the FTS
// index follows by trigger). Content stored before gives Duplicate and
// writes nothing; new content at a URL whose latest version has the same
// text gives Unchanged (only the raw input is recorded). The article's
// cluster is left NULL: the caller assigns it (SetCluster / NewCluster).
func (t *Tx) PutArticle(in Input, a *article.Article) (Put, error) {
	key := VersionKey(in, a)
	textSum := ContentHash([]byte(a.Text))
	var prevID int64
	var prevVersion int
	var prevSum string
	if key != "" {
		err := t.tx.QueryRowContext(t.ctx, `SELECT id, version, text_sha256 FROM articles WHERE url = ? AND latest = 1 ORDER BY version DESC LIMIT 1`, key).
			Scan(&prevID, &prevVersion, &prevSum)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Put{}, fmt.Errorf("store: find previous version: %w", err)
		}
	}
	if prevID != 0 && prevSum == textSum {
		id, ok, err := t.insertRaw(in, StatusUnchanged, "")
		if err != nil || !ok {
			return Put{Outcome: Duplicate}, err
		}
		if _, err := t.exec(`UPDATE raw_inputs SET article_id = ? WHERE id = ?`, prevID, id); err != nil {
			return Put{}, err
		}
		return Put{Outcome: Unchanged, RawInputID: id, ArticleID: prevID, Version: prevVersion}, nil
	}
	rawID, ok, err := t.insertRaw(in, StatusArticle, "")
	if err != nil || !ok {
		return Put{Outcome: Duplicate}, err
	}
	outletID, err := t.outlet(key, a)
	if err != nil {
		return Put{}, err
	}
	record, err := json.Marshal(a)
	if err != nil {
		return Put{}, fmt.Errorf("store: encode record: %w", err)
	}
	version, out := 1, NewArticle
	var prev any
	if prevID != 0 {
		version, out, prev = prevVersion+1, NewVersion, prevID
		if _, err := t.exec(`UPDATE articles SET latest = 0 WHERE id = ?`, prevID); err != nil {
			return Put{}, fmt.Errorf("store: supersede version: %w", err)
		}
	}
	var artID int64
	err = t.tx.QueryRowContext(t.ctx, `INSERT INTO articles(raw_input_id, outlet_id, url, canonical_url, title, published, page_time,
		section, language, format, authors, text, text_sha256, speaker_names, entity_names, record,
		version, previous_version_id, latest, ingested_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?) RETURNING id`,
		rawID, outletID, key, a.URL, a.Title, nullTime(a.Published), nullTime(a.PageTime),
		a.Section, a.Language, string(a.Format), strings.Join(a.Authors, "\n"), a.Text, textSum,
		speakerNames(a), entityNames(a), string(record), version, prev, t.now).Scan(&artID)
	if err != nil {
		return Put{}, fmt.Errorf("store: insert article: %w", err)
	}
	if _, err := t.exec(`UPDATE raw_inputs SET article_id = ? WHERE id = ?`, artID, rawID); err != nil {
		return Put{}, err
	}
	if err := t.annotations(artID, a); err != nil {
		return Put{}, err
	}
	return Put{Outcome: out, RawInputID: rawID, ArticleID: artID, Version: version}, nil
}

// outletHost is the outlet key of a URL: its host, lower case, "www." and
// port stripped; "" for non-HTTP URLs.
func outletHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// outlet finds or makes the article's outlet; nil when there is neither a
// host nor a site name.
func (t *Tx) outlet(key string, a *article.Article) (any, error) {
	host := outletHost(key)
	if host == "" {
		host = outletHost(a.URL)
	}
	name := strings.TrimSpace(a.Site)
	if host == "" && name == "" {
		return nil, nil
	}
	var id int64
	var have string
	var err error
	if host != "" {
		err = t.tx.QueryRowContext(t.ctx, `SELECT id, name FROM outlets WHERE host = ? LIMIT 1`, host).Scan(&id, &have)
	} else {
		err = t.tx.QueryRowContext(t.ctx, `SELECT id, name FROM outlets WHERE host = '' AND name = ? LIMIT 1`, name).Scan(&id, &have)
	}
	switch {
	case err == nil:
		if name != "" && (have == "" || have == host) && have != name {
			if _, err := t.exec(`UPDATE outlets SET name = ? WHERE id = ?`, name, id); err != nil {
				return nil, err
			}
		}
		return id, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("store: find outlet: %w", err)
	}
	if name == "" {
		name = host
	}
	if err := t.tx.QueryRowContext(t.ctx, `INSERT INTO outlets(host, name) VALUES (?, ?) RETURNING id`, host, name).Scan(&id); err != nil {
		return nil, fmt.Errorf("store: insert outlet: %w", err)
	}
	return id, nil
}

func speakerNames(a *article.Article) string {
	var names []string
	seen := map[string]bool{}
	for _, q := range a.Quotes {
		n := q.Speaker.Name
		if n != "" && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, "\n")
}

func entityNames(a *article.Article) string {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			names = append(names, n)
		}
	}
	for _, e := range a.EntitySummary {
		add(e.Name)
	}
	for _, e := range a.Entities {
		add(e.Name)
	}
	return strings.Join(names, "\n")
}

func spanArgs(s *article.Span) (any, any, any) {
	if s == nil {
		return nil, nil, nil
	}
	return s.Start, s.End, s.Text
}

// annotations writes the article's paragraphs, entities, quotes, speakers
// and tags.
func (t *Tx) annotations(id int64, a *article.Article) error {
	rows := make([]any, 0, 4*len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		rows = append(rows, id, i, p.Start, p.End)
	}
	if err := t.insertRows(`paragraphs(article_id, idx, start, "end")`, 4, rows); err != nil {
		return fmt.Errorf("store: insert paragraph: %w", err)
	}
	summary := a.EntitySummary
	if len(summary) == 0 && len(a.Entities) > 0 {
		summary = summarize(a.Entities)
	}
	names, err := t.linkNames(id, a, summary)
	if err != nil {
		return err
	}
	// canon is the corpus entity's name for an article-level name.
	canon := func(typ article.EntityType, name string) string {
		if n, ok := names[entityKey{typ, strings.ToLower(name)}]; ok {
			return n
		}
		return name
	}
	gender := map[string]string{}
	rows = make([]any, 0, 7*len(a.Entities))
	for _, e := range a.Entities {
		e.Name = canon(e.Type, e.Name)
		rows = append(rows, id, e.Start, e.End, e.Text, string(e.Type), e.Name, string(e.Gender))
		if e.Type == article.Person && e.Gender != "" && e.Gender != article.GenderUnknown {
			gender[strings.ToLower(e.Name)] = string(e.Gender)
		}
	}
	if err := t.insertRows(`entities(article_id, start, "end", text, type, name, gender)`, 7, rows); err != nil {
		return fmt.Errorf("store: insert entity: %w", err)
	}
	for _, e := range summary {
		e.Name = canon(e.Type, e.Name)
		if _, err := t.exec(`INSERT INTO article_entities(article_id, name, type, gender, mentions) VALUES (?,?,?,?,?)
			ON CONFLICT(article_id, type, name) DO UPDATE SET mentions = article_entities.mentions + excluded.mentions`,
			id, e.Name, string(e.Type), string(e.Gender), e.Mentions); err != nil {
			return fmt.Errorf("store: insert entity summary: %w", err)
		}
		if e.Type == article.Person && e.Gender != "" && e.Gender != article.GenderUnknown {
			gender[strings.ToLower(e.Name)] = string(e.Gender)
		}
	}
	rows = make([]any, 0, 15*len(a.Quotes))
	for i, q := range a.Quotes {
		switch q.Speaker.Kind {
		case article.SpeakerPerson:
			q.Speaker.Name = canon(article.Person, q.Speaker.Name)
		case article.SpeakerOrganization:
			q.Speaker.Name = canon(article.Organization, q.Speaker.Name)
		case article.SpeakerGovernment:
			q.Speaker.Name = canon(article.Place, q.Speaker.Name)
		}
		var speakerID any
		if q.Speaker.Name != "" {
			sid, err := t.speaker(q.Speaker, gender[strings.ToLower(q.Speaker.Name)])
			if err != nil {
				return err
			}
			speakerID = sid
		}
		ms, me, mt := spanArgs(q.Speaker.Mention)
		cs, ce, ct := spanArgs(q.Cue)
		rows = append(rows, id, i, string(q.Kind), q.Content.Start, q.Content.End, q.Content.Text,
			speakerID, q.Speaker.Name, string(q.Speaker.Kind), ms, me, mt, cs, ce, ct)
	}
	if err := t.insertRows(`quotes(article_id, idx, kind, content_start, content_end, content_text,
		speaker_id, speaker_name, speaker_kind, mention_start, mention_end, mention_text, cue_start, cue_end, cue_text)`, 15, rows); err != nil {
		return fmt.Errorf("store: insert quote: %w", err)
	}
	rows = make([]any, 0, 7*len(a.Techniques))
	for i, tq := range a.Techniques {
		rows = append(rows, id, i, tq.Start, tq.End, tq.Technique, tq.Score, boolInt(tq.InQuote))
	}
	if err := t.insertRows(`techniques(article_id, idx, start, "end", technique, score, in_quote)`, 7, rows); err != nil {
		return fmt.Errorf("store: insert technique: %w", err)
	}
	rows = make([]any, 0, 3*len(a.Tags))
	for i, tag := range a.Tags {
		rows = append(rows, id, i, tag)
	}
	if err := t.insertRows(`tags(article_id, pos, tag)`, 3, rows); err != nil {
		return fmt.Errorf("store: insert tag: %w", err)
	}
	return t.refreshNames(id)
}

// rowsPerInsert is the most rows one INSERT of insertRows carries. A
// statement per row cost a round trip to the server each on PostgreSQL
// (and a prepared statement each on SQLite), for the tens to hundreds of
// paragraphs, entities, quotes and techniques of an article. 64 rows of
// the widest table (quotes, 15 columns) bind 960 values, far below
// either engine's limit (SQLite 32,766, PostgreSQL 65,535).
const rowsPerInsert = 64

// insertRows inserts rows, width values each, into into ("table(columns)"),
// up to rowsPerInsert rows to a statement, in order.
func (t *Tx) insertRows(into string, width int, rows []any) error {
	for len(rows) > 0 {
		n := min(len(rows)/width, rowsPerInsert)
		var q strings.Builder
		q.Grow(len(into) + 20 + n*(2*width+2))
		q.WriteString("INSERT INTO ")
		q.WriteString(into)
		q.WriteString(" VALUES ")
		for i := range n {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			q.WriteString(strings.Repeat("?,", width-1))
			q.WriteString("?)")
		}
		if _, err := t.exec(q.String(), rows[:n*width]...); err != nil {
			return err
		}
		rows = rows[n*width:]
	}
	return nil
}

func summarize(es []article.Entity) []article.EntityCount {
	idx := map[string]int{}
	var out []article.EntityCount
	for _, e := range es {
		k := string(e.Type) + "\x00" + strings.ToLower(e.Name)
		if i, ok := idx[k]; ok {
			out[i].Mentions++
			continue
		}
		idx[k] = len(out)
		out = append(out, article.EntityCount{Name: e.Name, Type: e.Type, Gender: e.Gender, Mentions: 1})
	}
	return out
}

// speaker finds or makes the speaker row; a known gender fills an unknown one.
func (t *Tx) speaker(s article.Speaker, gender string) (int64, error) {
	if s.Kind == article.SpeakerPerson && gender == "" {
		gender = string(article.GenderUnknown)
	}
	var id int64
	err := t.tx.QueryRowContext(t.ctx, `INSERT INTO speakers(name, kind, gender) VALUES (?,?,?)
		ON CONFLICT(name, kind) DO UPDATE SET gender = CASE
			WHEN speakers.gender IN ('', 'unknown') AND excluded.gender NOT IN ('', 'unknown') THEN excluded.gender
			ELSE speakers.gender END
		RETURNING id`, s.Name, string(s.Kind), gender).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert speaker: %w", err)
	}
	return id, nil
}

// Candidate is a stored article that shares an LSH band with a new one.
type Candidate struct {
	ArticleID int64
	ClusterID int64
	Signature []uint32
}

// PutSignature stores an article's MinHash signature and LSH band keys.
func (t *Tx) PutSignature(articleID int64, sig []uint32, bands []int64) error {
	blob := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(blob[4*i:], v)
	}
	if _, err := t.exec(`INSERT INTO minhash(article_id, signature) VALUES (?, ?)`, articleID, blob); err != nil {
		return fmt.Errorf("store: insert signature: %w", err)
	}
	for _, b := range bands {
		if _, err := t.exec(`INSERT INTO lsh_bands(band_key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, b, articleID); err != nil {
			return fmt.Errorf("store: insert band: %w", err)
		}
	}
	return nil
}

// Candidates returns the stored articles (other than exclude) that share at
// least one of the band keys, with their signatures and clusters.
func (t *Tx) Candidates(bands []int64, exclude int64) ([]Candidate, error) {
	seen := map[int64]bool{exclude: true}
	var ids []int64
	for _, b := range bands {
		rows, err := t.tx.QueryContext(t.ctx, `SELECT article_id FROM lsh_bands WHERE band_key = ?`, b)
		if err != nil {
			return nil, fmt.Errorf("store: band lookup: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]Candidate, 0, len(ids))
	for _, id := range ids {
		var blob []byte
		var cluster sql.NullInt64
		err := t.tx.QueryRowContext(t.ctx, `SELECT m.signature, a.cluster_id FROM minhash m JOIN articles a ON a.id = m.article_id WHERE m.article_id = ?`, id).Scan(&blob, &cluster)
		if err != nil {
			return nil, fmt.Errorf("store: read signature: %w", err)
		}
		sig := make([]uint32, len(blob)/4)
		for i := range sig {
			sig[i] = binary.LittleEndian.Uint32(blob[4*i:])
		}
		out = append(out, Candidate{ArticleID: id, ClusterID: cluster.Int64, Signature: sig})
	}
	return out, nil
}

// NewCluster puts the article in a new singleton cluster and returns its id.
func (t *Tx) NewCluster(articleID int64) (int64, error) {
	var cid int64
	if err := t.tx.QueryRowContext(t.ctx, `INSERT INTO clusters(original_article_id, size) VALUES (?, 1) RETURNING id`, articleID).Scan(&cid); err != nil {
		return 0, fmt.Errorf("store: insert cluster: %w", err)
	}
	_, err := t.exec(`UPDATE articles SET cluster_id = ? WHERE id = ?`, cid, articleID)
	return cid, err
}

// JoinCluster adds the article to a cluster and makes it the cluster's
// original when it is the earliest copy: published earlier than the current
// original (a known date beats an unknown one); between undated copies the
// first ingested stays the original.
func (t *Tx) JoinCluster(articleID, clusterID int64) error {
	if _, err := t.exec(`UPDATE articles SET cluster_id = ? WHERE id = ?`, clusterID, articleID); err != nil {
		return fmt.Errorf("store: join cluster: %w", err)
	}
	_, err := t.exec(`UPDATE clusters SET size = size + 1,
		original_article_id = CASE WHEN (SELECT n.published IS NOT NULL AND (o.published IS NULL OR n.published < o.published)
			FROM articles n, articles o WHERE n.id = ? AND o.id = clusters.original_article_id) THEN ? ELSE original_article_id END
		WHERE id = ?`, articleID, articleID, clusterID)
	if err != nil {
		return fmt.Errorf("store: update cluster: %w", err)
	}
	return nil
}
