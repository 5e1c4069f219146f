package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// TestTokenizeAsFTS5: the Go tokenizer the PostgreSQL store indexes with
// splits and folds as SQLite's unicode61 tokenizer (remove_diacritics 2).
func TestTokenizeAsFTS5(t *testing.T) {
	texts := []string{
		"The White House said: “Talks went on” — e-mail bob@example.org, 3.5% of $1,200.",
		"Zürich, São Paulo, Kraków, Ærø, Łódź, Ørsted, İstanbul, naïve café, ÉCOLE, Straße",
		"Ελληνικά Κείμενα, Русский текст, 日本語のテキスト, 한국어 텍스트, عربى",
		"cafe\u0301 (decomposed), ﬁnance (ligature), x²+y₂, ⅻ, ½, ٣٤, ①, _under_score_, it's",
		"Tab\tnew\nline; emoji 🙂 between🙂words; CamelCase; ĀāĒēĪīŌōŪū; Ǆ ǅ ǆ; ﬀ",
		"Vietnamese: Tiếng Việt có dấu; Polish: zażółć gęślą jaźń; Turkish: ığüşöç İĞÜŞÖÇ",
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE VIRTUAL TABLE f USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range texts {
		if _, err := db.ExecContext(ctx, `INSERT INTO f(rowid, x) VALUES (?, ?)`, i+1, s); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range texts {
		rows, err := db.QueryContext(ctx, `SELECT term FROM v WHERE doc = ? ORDER BY offset`, i+1)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for rows.Next() {
			var w string
			rows.Scan(&w)
			want = append(want, w)
		}
		rows.Close()
		if got := words(s); !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", s, got, want)
		}
	}
}
