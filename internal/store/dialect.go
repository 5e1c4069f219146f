package store

// The two SQL dialects of the store. Statements are written once, with
// '?' placeholders, in the SQL both engines accept; the few spellings
// that differ are methods of dialect. On PostgreSQL the handles rewrite
// the placeholders to $1, $2 … before a statement reaches the driver.

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// dialect says which engine a store runs on.
type dialect bool

const (
	sqliteDialect   dialect = false
	postgresDialect dialect = true
)

// rebind rewrites '?' placeholders to PostgreSQL's $n, outside quoted
// literals and identifiers; on SQLite q is returned as is.
func (d dialect) rebind(q string) string {
	if d == sqliteDialect || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// newline is the SQL expression of a newline character.
func (d dialect) newline() string {
	if d == postgresDialect {
		return "chr(10)"
	}
	return "char(10)"
}

// groupConcat aggregates expr's values into one string joined by sep (an
// SQL string literal), in the order of orderBy ("" for any order).
func (d dialect) groupConcat(expr, sep, orderBy string) string {
	if orderBy != "" {
		orderBy = " ORDER BY " + orderBy
	}
	if d == postgresDialect {
		return "string_agg(CAST(" + expr + " AS text), " + sep + orderBy + ")"
	}
	return "group_concat(" + expr + ", " + sep + orderBy + ")"
}

// idList is the table expression of a list of ids bound as one value
// (idArg), its column named value, aliased as.
func (d dialect) idList(as string) string {
	if d == postgresDialect {
		return "unnest(CAST(? AS bigint[])) AS " + as + "(value)"
	}
	return "json_each(?) " + as
}

// idArg is ids as the one value idList binds.
func (d dialect) idArg(ids []int64) string {
	s := idList(ids)
	if d == postgresDialect {
		return "{" + s[1:len(s)-1] + "}"
	}
	return s
}

// dbHandle is the store's *sql.DB with placeholders rewritten for its
// dialect.
type dbHandle struct {
	*sql.DB
	d dialect
}

func (h dbHandle) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return h.DB.QueryContext(ctx, h.d.rebind(q), args...)
}

func (h dbHandle) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return h.DB.QueryRowContext(ctx, h.d.rebind(q), args...)
}

func (h dbHandle) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return h.DB.ExecContext(ctx, h.d.rebind(q), args...)
}

func (h dbHandle) BeginTx(ctx context.Context, opts *sql.TxOptions) (txHandle, error) {
	tx, err := h.DB.BeginTx(ctx, opts)
	return txHandle{tx, h.d}, err
}

// txHandle is a transaction with placeholders rewritten for its dialect.
type txHandle struct {
	*sql.Tx
	d dialect
}

func (h txHandle) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return h.Tx.QueryContext(ctx, h.d.rebind(q), args...)
}

func (h txHandle) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return h.Tx.QueryRowContext(ctx, h.d.rebind(q), args...)
}

func (h txHandle) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return h.Tx.ExecContext(ctx, h.d.rebind(q), args...)
}

// boolInt is b as the integer the schema keeps booleans as.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// crossJoin is an inner join SQLite does in the order written (CROSS
// JOIN); PostgreSQL plans its joins itself.
func (d dialect) crossJoin() string {
	if d == postgresDialect {
		return "JOIN"
	}
	return "CROSS JOIN"
}
