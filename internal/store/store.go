package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite" // the "sqlite" database/sql driver (pure Go, FTS5)
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed schema.sql
var schemaSQL string

// SchemaVersion is the version recorded in meta.schema_version by this code.
const SchemaVersion = 1

// ErrSchemaTooNew is returned by Open for a file written by a newer
// newsgraph whose schema this one does not know.
var ErrSchemaTooNew = errors.New("store: database schema is newer than this newsgraph")

// ErrNotStore is returned by Open for a file that is not a newsgraph store:
// not an SQLite database, an SQLite database of another program (tables
// but no newsgraph meta table), or, read-only, an empty file; and for a
// PostgreSQL schema holding another program's tables, or, read-only, none.
var ErrNotStore = errors.New("not a newsgraph store")

// ErrGone is returned by Check and Begin when the store's file was deleted
// or replaced while it was open: SQLite would go on writing to the deleted
// file, and everything written would be lost.
var ErrGone = errors.New("store: the database file was deleted or replaced while open")

// Store is an open corpus database, SQLite or PostgreSQL. It is safe for
// concurrent use; reads run alongside the one writer.
type Store struct {
	// DB is the raw database handle, for tests and tools that inspect
	// the schema (its statements are the engine's own: '?' on SQLite,
	// $n on PostgreSQL). Nothing outside this package writes through it.
	// On SQLite every connection has foreign keys on, WAL journaling and
	// a busy timeout, and transactions take the write lock at once
	// (BEGIN IMMEDIATE).
	DB *sql.DB
	// h is DB for the store's own statements (placeholders rewritten
	// for d).
	h    dbHandle
	d    dialect
	path string
	// noIdentity leaves corpus identity out of writes (Options.NoIdentity).
	noIdentity bool
	// file is the file opened, to tell when path no longer names it.
	file os.FileInfo
	// probeMin and probeMax bound the newest articles Search reads
	// first for the newest matches of a query that is not ranked (tests
	// make them small to exercise that path on a small store).
	probeMin, probeMax int
	// text, when set (UseTextIndex), ranks free-text searches and counts
	// facets.
	text *atomic.Pointer[TextIndex]
}

// Options tunes Open. The zero value works.
type Options struct {
	// ReadOnly opens the file (or the PostgreSQL database) for queries
	// only; it must exist.
	ReadOnly bool
	// BusyTimeout is how long an SQLite statement waits for a lock held
	// by another connection or process. Zero means 10 seconds. (A
	// PostgreSQL writer waits for its turn without limit; the server
	// detects deadlocks.)
	BusyTimeout time.Duration
	// NoIdentity stores names as the articles wrote them, without linking
	// them to corpus entities: only to measure what linking costs.
	NoIdentity bool
	// MaxConns bounds the open connections (0: two per CPU, at least
	// 4). Each SQLite connection keeps its own page cache and searches
	// are CPU-bound, so more connections only add memory under load.
	MaxConns int
}

// applyDefaults fills in the zero values of Options.
func (o *Options) applyDefaults() {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 10 * time.Second
	}
	if o.MaxConns <= 0 {
		o.MaxConns = max(4, 2*runtime.GOMAXPROCS(0))
	}
}

// Open opens the store dsn names and applies the schema: an SQLite file
// path (created if needed), or a postgres:// (postgresql://) URL. Use
// OpenOptions for read-only access.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenOptions(ctx, dsn, Options{})
}

// IsFile reports whether dsn names an SQLite file rather than a database
// server (a postgres:// or postgresql:// URL).
func IsFile(dsn string) bool {
	return !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://")
}

// OpenOptions is Open with options.
func OpenOptions(ctx context.Context, dsn string, opts Options) (*Store, error) {
	opts.applyDefaults()
	if !IsFile(dsn) {
		return openPostgres(ctx, dsn, opts)
	}
	return openSQLite(ctx, dsn, opts)
}

// redact is a database URL without its password, for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(a database URL)"
	}
	return u.Redacted()
}

// openSQLite opens (creating if needed) the SQLite file at path.
func openSQLite(ctx context.Context, path string, opts Options) (*Store, error) {
	opts.applyDefaults()
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	if opts.ReadOnly {
		q.Add("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(opts.MaxConns)
	s := &Store{DB: db, h: dbHandle{db, sqliteDialect}, path: path, noIdentity: opts.NoIdentity, probeMin: probeMin, probeMax: probeMax,
		text: new(atomic.Pointer[TextIndex])}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if se := (*sqlite.Error)(nil); errors.As(err, &se) && se.Code() == sqlite3.SQLITE_NOTADB {
			return nil, fmt.Errorf("%w: %s is not an SQLite database", ErrNotStore, path)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := checkOwner(ctx, db, path, opts.ReadOnly); err != nil {
		db.Close()
		return nil, err
	}
	if !opts.ReadOnly {
		if _, err := db.ExecContext(ctx, schemaSQL); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: apply schema to %s: %w", path, err)
		}
	}
	var v int
	if err := db.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: read schema version: %w", path, err)
	}
	if v > SchemaVersion {
		db.Close()
		return nil, fmt.Errorf("%w: %s has version %d, this build knows %d", ErrSchemaTooNew, path, v, SchemaVersion)
	}
	if s.file, err = os.Stat(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// checkOwner refuses a database that is not newsgraph's before the schema
// is added to it: one with tables but no meta table (another program's),
// a file SQLite cannot read, and, read-only, one without tables (an empty
// file: nothing was ever ingested into it). An empty file opened for
// writing becomes a new store.
func checkOwner(ctx context.Context, db *sql.DB, path string, readOnly bool) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotStore, path, err)
	}
	defer rows.Close()
	var tables []string
	hasMeta := false
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrNotStore, path, err)
		}
		hasMeta = hasMeta || name == "meta"
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotStore, path, err)
	}
	switch {
	case len(tables) == 0 && readOnly:
		return fmt.Errorf("%w: %s is empty (ingest into it first)", ErrNotStore, path)
	case len(tables) > 0 && !hasMeta:
		shown := tables[:min(len(tables), 5)]
		return fmt.Errorf("%w: %s is another program's SQLite database (tables %s); newsgraph will not add its tables to it",
			ErrNotStore, path, strings.Join(shown, ", "))
	}
	return nil
}

// Check returns ErrGone when the store's path no longer names the file
// that was opened (deleted, or replaced by another file).
func (s *Store) Check() error {
	if s.d == postgresDialect {
		return nil // a server's database has no file to lose
	}
	fi, err := os.Stat(s.path)
	if err != nil || s.file == nil || !os.SameFile(fi, s.file) {
		return fmt.Errorf("%w: %s", ErrGone, s.path)
	}
	return nil
}

// Path is the file the store was opened on (a database URL without its
// password on PostgreSQL).
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }
