package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver (pure Go, FTS5)
)

//go:embed schema.sql
var schemaSQL string

// SchemaVersion is the version recorded in meta.schema_version by this code.
const SchemaVersion = 1

// ErrSchemaTooNew is returned by Open for a file written by a newer
// newsgraph whose schema this one does not know.
var ErrSchemaTooNew = errors.New("store: database schema is newer than this newsgraph")

// Store is an open corpus database. DB is safe for concurrent use; reads
// run alongside the one writer (WAL).
type Store struct {
	// DB is the database handle for queries. Every connection has
	// foreign keys on, WAL journaling and a busy timeout; transactions
	// begun with DB.BeginTx take the write lock at once (BEGIN IMMEDIATE).
	DB   *sql.DB
	path string
	// noIdentity leaves corpus identity out of writes (Options.NoIdentity).
	noIdentity bool
}

// Options tunes Open. The zero value works.
type Options struct {
	// ReadOnly opens the file for queries only (it must exist).
	ReadOnly bool
	// BusyTimeout is how long a statement waits for a lock held by
	// another connection or process. Zero means 10 seconds.
	BusyTimeout time.Duration
	// NoIdentity stores names as the articles wrote them, without linking
	// them to corpus entities: only to measure what linking costs.
	NoIdentity bool
}

// Open opens (creating if needed) the SQLite file at path and applies the
// schema. Use OpenOptions for read-only access.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenOptions(ctx, path, Options{})
}

// OpenOptions is Open with options.
func OpenOptions(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 10 * time.Second
	}
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
	s := &Store{DB: db, path: path, noIdentity: opts.NoIdentity}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
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
	return s, nil
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }
