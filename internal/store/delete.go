package store

// Deleting an article (the web API's one delete).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DeleteArticle removes one article version and its annotations in one
// transaction. The raw input stays, marked 'deleted', so ingesting the same
// bytes again does not bring the article back; a previous version becomes
// the latest again; its cluster shrinks (and gets a new original, or goes). An id the
// store does not hold gives an error wrapping ErrNotFound.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	if err := s.Check(); err != nil {
		return err
	}
	tx, err := s.h.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: delete %d: %w", id, err)
	}
	defer tx.Rollback()
	if s.d == postgresDialect {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgWriteLock); err != nil {
			return fmt.Errorf("store: delete %d: %w", id, err)
		}
	}
	var raw int64
	var prev, cluster sql.NullInt64
	var latest int
	err = tx.QueryRowContext(ctx, `SELECT raw_input_id, previous_version_id, cluster_id, latest FROM articles WHERE id = ?`, id).Scan(&raw, &prev, &cluster, &latest)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: delete %d: %w", id, err)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM quotes WHERE article_id = ?`, []any{id}},
		{`DELETE FROM entities WHERE article_id = ?`, []any{id}},
		{`DELETE FROM article_entities WHERE article_id = ?`, []any{id}},
		{`DELETE FROM article_aliases WHERE article_id = ?`, []any{id}},
		{`DELETE FROM techniques WHERE article_id = ?`, []any{id}},
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
			return fmt.Errorf("store: delete %d: %w", id, err)
		}
	}
	if cluster.Valid {
		var n int
		var first sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT count(*), (SELECT id FROM articles WHERE cluster_id = ?
			ORDER BY published IS NULL, published, id LIMIT 1) FROM articles WHERE cluster_id = ?`, cluster.Int64, cluster.Int64).Scan(&n, &first); err != nil {
			return fmt.Errorf("store: delete %d: cluster: %w", id, err)
		}
		if n == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM clusters WHERE id = ?`, cluster.Int64)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE clusters SET size = ?, original_article_id = ? WHERE id = ?`, n, first.Int64, cluster.Int64)
		}
		if err != nil {
			return fmt.Errorf("store: delete %d: cluster: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: delete %d: %w", id, err)
	}
	return nil
}
