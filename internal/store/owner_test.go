package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
)

// TestOpenRefusesForeignFiles: a file that is not a newsgraph store is
// refused with ErrNotStore, untouched; an empty file becomes a store.
func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = store.Open(ctx, foreign)
	if !errors.Is(err, store.ErrNotStore) || !strings.Contains(err.Error(), "invoices") {
		t.Errorf("another program's database: %v, want ErrNotStore naming its tables", err)
	}
	db, _ = sql.Open("sqlite", foreign)
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).Scan(&n)
	db.Close()
	if n != 0 {
		t.Error("newsgraph's tables were added to another program's database")
	}

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database at all\n", 100)), 0o644)
	if _, err := store.Open(ctx, text); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("a text file: %v, want ErrNotStore", err)
	}

	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := store.OpenOptions(ctx, empty, store.Options{ReadOnly: true}); !errors.Is(err, store.ErrNotStore) || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty file, read-only: %v, want ErrNotStore saying it is empty", err)
	}
	st, err := store.Open(ctx, empty)
	if err != nil {
		t.Fatalf("an empty file, to write: %v, want a new store", err)
	}
	st.Close()
	st, err = store.OpenOptions(ctx, empty, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the new store, read-only: %v", err)
	}
	st.Close()
}

// TestWriteToDeletedStore: when the store's file is deleted while it is
// open, a write fails with ErrGone instead of going to the deleted file.
func TestWriteToDeletedStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); !errors.Is(err, store.ErrGone) {
		t.Errorf("Commit after the file was deleted: %v, want ErrGone", err)
	}
	if _, err := st.Begin(ctx); !errors.Is(err, store.ErrGone) {
		t.Errorf("Begin after the file was deleted: %v, want ErrGone", err)
	}
}
