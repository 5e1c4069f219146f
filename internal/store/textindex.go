package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/newsgraph/newsgraph/internal/fulltext"
)

// TextIndex is the store's full-text index (internal/fulltext) over the
// articles' title, text, speaker and entity names, kept in step with the
// articles through the text_changes log (schema.sql): every Search first
// applies the changes committed since the last one, by this process or
// any other, so it sees every committed write, as a query on
// articles_fts does.
//
// The store stays the source of truth. At open the index is read from its
// snapshot file (an SQLite store's path + "-fulltext"; a PostgreSQL store
// has none) and brought up to date from the log; without a usable snapshot (none, damaged, of another
// store, or ahead of the log) it is rebuilt from the articles. Save writes
// the snapshot (atomically: a temporary file renamed over the old one),
// so a crash at any point leaves the store, the log and at worst an older
// snapshot, from which the index is brought up to date again.
type TextIndex struct {
	st *Store
	// idx is replaced whole by Rebuild while searches run.
	idx atomic.Pointer[fulltext.Index]
	// mu makes catching up one goroutine's job at a time.
	mu    sync.Mutex
	owner string
	// applied counts the changes applied since the snapshot was written.
	applied int
	// facets are the facet values of every article, read with the text.
	facets *facetRows
	// running admits as many searches at once as there are CPUs: a
	// search is CPU-bound from start to end, and more at once only
	// interleaves them (each takes longer, and the scheduler preempts).
	running chan struct{}
	// searches counts the searches run.
	searches atomic.Int64
}

// ErrSnapshotSave is wrapped by the error of a snapshot that could not be
// written (a read-only directory, a full disk). The index itself is in
// step: only the next open will have to rebuild it or apply more changes.
var ErrSnapshotSave = errors.New("store: full-text index snapshot not saved")

// snapshotPath is where the index snapshot of the store lives: beside an
// SQLite file; none for a PostgreSQL store (its index is built from the
// articles when a process opens it).
func (s *Store) snapshotPath() string {
	if s.d == postgresDialect {
		return ""
	}
	return s.path + "-fulltext"
}

// readTx begins the read transaction the index reads articles and their
// changes in: one snapshot of the store for all its statements (SQLite's
// transactions are; PostgreSQL's need repeatable read).
func (s *Store) readTx(ctx context.Context) (txHandle, error) {
	o := &sql.TxOptions{ReadOnly: true}
	if s.d == postgresDialect {
		o.Isolation = sql.LevelRepeatableRead
	}
	return s.h.BeginTx(ctx, o)
}

// TextIndex opens the store's full-text index: from its snapshot brought
// up to date, else rebuilt from the articles.
func (s *Store) TextIndex(ctx context.Context) (*TextIndex, error) {
	return s.openTextIndex(ctx, true)
}

// RebuildTextIndex builds the store's full-text index from the articles,
// whatever snapshot there is, and saves its snapshot.
func (s *Store) RebuildTextIndex(ctx context.Context) (*TextIndex, error) {
	return s.openTextIndex(ctx, false)
}

// SnapshotPath is the file the index snapshot is saved to.
func (t *TextIndex) SnapshotPath() string { return t.st.snapshotPath() }

func (s *Store) openTextIndex(ctx context.Context, snapshot bool) (*TextIndex, error) {
	t := &TextIndex{st: s, facets: newFacetRows(), running: make(chan struct{}, runtime.GOMAXPROCS(0))}
	if err := s.h.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'store_id'), '')`).Scan(&t.owner); err != nil {
		return nil, fmt.Errorf("store: text index of %s: %w", s.path, err)
	}
	if !snapshot {
		if err := t.Rebuild(ctx); err != nil {
			return nil, err
		}
		return t, nil
	}
	if path := s.snapshotPath(); path == "" {
		// No snapshot: built below.
	} else if f, err := os.Open(path); err == nil {
		idx, owner, err := fulltext.ReadSnapshot(f)
		f.Close()
		if err == nil && owner == t.owner && t.owner != "" {
			t.idx.Store(idx)
		}
	}
	if idx := t.idx.Load(); idx != nil {
		last, err := s.lastChange(ctx)
		if err != nil {
			return nil, err
		}
		if idx.Seq() > last {
			t.idx.Store(nil) // a snapshot of a later state of the store: restored from a backup?
		}
	}
	var err error
	if t.idx.Load() == nil {
		err = t.Rebuild(ctx)
	} else {
		// The facet values are not in the snapshot: read them all,
		// with the log position, then apply the changes since the
		// snapshot as usual.
		err = t.loadFacets(ctx)
		if err == nil {
			err = t.Sync(ctx)
		}
	}
	if err != nil && !errors.Is(err, ErrSnapshotSave) {
		return nil, err
	}
	return t, nil
}

func (s *Store) lastChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.h.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) FROM text_changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("store: text changes of %s: %w", s.path, err)
	}
	return seq, nil
}

// textCols reads an article's indexed columns.
const textCols = `SELECT id, title, text, speaker_names, entity_names, COALESCE(previous_version_id, 0) FROM articles`

func scanDoc(rows *sql.Rows) (fulltext.Doc, error) {
	var d fulltext.Doc
	err := rows.Scan(&d.ID, &d.Cols[fulltext.Title], &d.Cols[fulltext.Text], &d.Cols[fulltext.Speakers], &d.Cols[fulltext.Entities], &d.Previous)
	return d, err
}

// loadFacets reads every article's facet values.
func (t *TextIndex) loadFacets(ctx context.Context) error {
	tx, err := t.st.readTx(ctx)
	if err != nil {
		return fmt.Errorf("store: facets of %s: %w", t.st.path, err)
	}
	defer tx.Rollback()
	if err := t.facets.load(ctx, tx, nil); err != nil {
		return fmt.Errorf("store: facets of %s: %w", t.st.path, err)
	}
	return nil
}

// Rebuild builds the index anew from every article, and saves it.
func (t *TextIndex) Rebuild(ctx context.Context) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	// One read transaction: the articles and the log position agree.
	tx, err := t.st.readTx(ctx)
	if err != nil {
		return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) FROM text_changes`).Scan(&seq); err != nil {
		return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
	}
	rows, err := tx.QueryContext(ctx, textCols+` ORDER BY id`)
	if err != nil {
		return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
	}
	defer rows.Close()
	idx := fulltext.New()
	batch := make([]fulltext.Doc, 0, 512)
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
		}
		if batch = append(batch, d); len(batch) == cap(batch) {
			idx.Put(batch...)
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
	}
	idx.Put(batch...)
	idx.SetSeq(seq)
	if err := t.facets.load(ctx, tx, nil); err != nil {
		return fmt.Errorf("store: rebuild text index of %s: %w", t.st.path, err)
	}
	t.idx.Store(idx)
	return t.save()
}

// Sync applies the changes committed since the index's sequence. Every
// few thousand changes it also writes the snapshot (an error wrapping
// ErrSnapshotSave when that fails: the index is in step all the same).
func (t *TextIndex) Sync(ctx context.Context) error {
	last, err := t.st.lastChange(ctx)
	if err != nil {
		return err
	}
	if last <= t.idx.Load().Seq() {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	idx := t.idx.Load()
	from := idx.Seq()
	if last <= from {
		return nil // another goroutine caught up meanwhile
	}
	tx, err := t.st.readTx(ctx)
	if err != nil {
		return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT seq, article_id FROM text_changes WHERE seq > ? ORDER BY seq`, from)
	if err != nil {
		return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
	}
	seen := map[int64]bool{}
	var ids []string
	seq := from
	for rows.Next() {
		var id int64
		if err := rows.Scan(&seq, &id); err != nil {
			rows.Close()
			return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, fmt.Sprint(id))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
	}
	if len(ids) > 0 {
		if err := t.facets.load(ctx, tx, ids); err != nil {
			return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
		}
	}
	var docs []fulltext.Doc
	for len(ids) > 0 {
		n := min(len(ids), 500)
		rows, err := tx.QueryContext(ctx, textCols+` WHERE id IN (`+strings.Join(ids[:n], ",")+`) ORDER BY id`)
		if err != nil {
			return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
		}
		for rows.Next() {
			d, err := scanDoc(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
			}
			docs = append(docs, d)
			delete(seen, d.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: text changes of %s: %w", t.st.path, err)
		}
		ids = ids[n:]
	}
	var gone []int64
	for id := range seen {
		gone = append(gone, id) // logged, but no longer stored: deleted
	}
	idx.Delete(gone...)
	idx.Put(docs...)
	idx.SetSeq(seq)
	t.applied += len(docs) + len(gone)
	if t.applied >= saveEvery {
		return t.save()
	}
	return nil
}

// saveEvery is how many applied changes make Sync write a new snapshot.
const saveEvery = 20000

// Save writes the index snapshot.
func (t *TextIndex) Save() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.save()
}

func (t *TextIndex) save() error {
	path := t.st.snapshotPath()
	if path == "" {
		t.applied = 0
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSnapshotSave, err)
	}
	defer os.Remove(f.Name())
	if err := t.idx.Load().WriteSnapshot(f, t.owner); err != nil {
		f.Close()
		return fmt.Errorf("%w: %s: %v", ErrSnapshotSave, path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("%w: %s: %v", ErrSnapshotSave, path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSnapshotSave, path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSnapshotSave, path, err)
	}
	t.applied = 0
	return nil
}

// Search brings the index up to date and runs the query on it.
func (t *TextIndex) Search(ctx context.Context, q fulltext.Node, opts fulltext.Options) (*fulltext.Result, error) {
	if err := t.Sync(ctx); err != nil && !errors.Is(err, ErrSnapshotSave) {
		return nil, err
	}
	select {
	case t.running <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-t.running }()
	t.searches.Add(1)
	return t.idx.Load().Search(q, opts)
}

// Searches is the number of searches the index ran.
func (t *TextIndex) Searches() int64 { return t.searches.Load() }

// Words is the index's n most frequent words (fulltext.Index.Words).
func (t *TextIndex) Words(n int) []string { return t.idx.Load().Words(n) }

// Len is the number of articles in the index.
func (t *TextIndex) Len() int { return t.idx.Load().Len() }
