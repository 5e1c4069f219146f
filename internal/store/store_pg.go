package store

// The PostgreSQL store: the same schema (schema_pg.sql), the same methods,
// through github.com/jackc/pgx/v5's database/sql driver, so that every
// statement the two engines share is written once (dialect.go).

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed schema_pg.sql
var schemaPG string

//go:embed schema_pg_2.sql
var schemaPG2 string

// pgMigrations are the PostgreSQL schema's versions, in order: migration i
// takes the schema from version i to i+1. The schema version is
// meta.schema_version, as on SQLite; the PostgreSQL store is at
// pgSchemaVersion (version 2 added the change log of the full-text index,
// which SQLite's version 1 has).
var pgMigrations = []string{schemaPG, schemaPG2}

// pgSchemaVersion is the version this code migrates a PostgreSQL store to.
var pgSchemaVersion = len(pgMigrations)

// pgWriteLock is the key of the transaction-level advisory lock every
// write transaction takes first: writers to one PostgreSQL store, in any
// number of processes, take turns as SQLite's writers do, so that
// versioning by URL, outlets, corpus identity and near-duplicate
// clustering see every earlier commit (a candidate lookup and the cluster
// join it leads to happen under the lock). Inputs are stored once whatever
// the lock: raw_inputs.sha256 is unique and a second insert of the same
// content waits for the first to commit, then does nothing.
const pgWriteLock = 0x6e657773 // "news"

// openPostgres opens the PostgreSQL database at dsn (a postgres:// URL)
// and migrates its schema to pgSchemaVersion.
func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	name := redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	if opts.ReadOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(opts.MaxConns)
	s := &Store{DB: db, h: dbHandle{db, postgresDialect}, d: postgresDialect, path: name,
		noIdentity: opts.NoIdentity, probeMin: probeMin, probeMax: probeMax, text: new(atomic.Pointer[TextIndex])}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	if err := s.checkOwnerPG(ctx, opts.ReadOnly); err != nil {
		db.Close()
		return nil, err
	}
	v, err := s.migratePG(ctx, opts.ReadOnly)
	if err != nil {
		db.Close()
		return nil, err
	}
	if v > pgSchemaVersion {
		db.Close()
		return nil, fmt.Errorf("%w: %s has version %d, this build knows %d", ErrSchemaTooNew, name, v, pgSchemaVersion)
	}
	return s, nil
}

// checkOwnerPG refuses a schema that holds another program's tables (no
// newsgraph meta table) and, read-only, one without tables.
func (s *Store) checkOwnerPG(ctx context.Context, readOnly bool) error {
	rows, err := s.h.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() ORDER BY table_name`)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotStore, s.path, err)
	}
	defer rows.Close()
	var tables []string
	hasMeta := false
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrNotStore, s.path, err)
		}
		hasMeta = hasMeta || t == "meta"
		tables = append(tables, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotStore, s.path, err)
	}
	switch {
	case len(tables) == 0 && readOnly:
		return fmt.Errorf("%w: %s is empty (ingest into it first)", ErrNotStore, s.path)
	case len(tables) > 0 && !hasMeta:
		return fmt.Errorf("%w: %s holds another program's tables (%s); newsgraph will not add its tables to it",
			ErrNotStore, s.path, strings.Join(tables[:min(len(tables), 5)], ", "))
	}
	return nil
}

// migratePG applies the migrations the database lacks, in one
// transaction under the write lock (two processes opening a new database
// at once migrate it once), and returns the schema version.
func (s *Store) migratePG(ctx context.Context, readOnly bool) (int, error) {
	version := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (int, error) {
		var v int
		err := q.QueryRowContext(ctx, `SELECT CAST(value AS integer) FROM meta WHERE key = 'schema_version'`).Scan(&v)
		return v, err
	}
	if readOnly {
		v, err := version(s.h)
		if err != nil {
			return 0, fmt.Errorf("store: %s: read schema version: %w", s.path, err)
		}
		return v, nil
	}
	tx, err := s.h.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: %s: migrate: %w", s.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgWriteLock); err != nil {
		return 0, fmt.Errorf("store: %s: migrate: %w", s.path, err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("store: %s: migrate: %w", s.path, err)
	}
	v, err := version(tx)
	if err == sql.ErrNoRows {
		v, err = 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: %s: read schema version: %w", s.path, err)
	}
	for ; v < len(pgMigrations); v++ {
		if _, err := tx.ExecContext(ctx, pgMigrations[v]); err != nil {
			return 0, fmt.Errorf("store: %s: migration %d: %w", s.path, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('schema_version', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, fmt.Sprint(v)); err != nil {
		return 0, fmt.Errorf("store: %s: migrate: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: %s: migrate: %w", s.path, err)
	}
	return v, nil
}
