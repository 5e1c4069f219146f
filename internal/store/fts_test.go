package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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

// FuzzSnippetAsFTS5: for any text and any searched words, the PostgreSQL
// store's tokenizer, bm25 phrase counts and snippet give what SQLite's
// FTS5 gives for the same row.
func FuzzSnippetAsFTS5(f *testing.F) {
	f.Add("The harbor council of Eastport voted. A second ferry line: the ferry.", "ferry", false)
	f.Add("<b>Council</b> meets. The council met on Friday in the old hall.", "council", false)
	f.Add("Zürich and ZURICH; naïve café, CAFÉ: cafés.", "cafe", true)
	f.Add("a b c d e f g h i j k l m n o p q r s t u v w x y z. a b c.", "a b", false)
	f.Add("", "x", false)
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE f USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, word string, prefix bool) {
		if !utf8.ValidString(text) || !utf8.ValidString(word) || strings.ContainsRune(text+word, 0) || len(words(word)) == 0 {
			return
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM f`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO f(rowid, title, text) VALUES (1, '', ?)`, text); err != nil {
			t.Fatal(err)
		}
		expr := `{title text} : ` + ftsString(word)
		if prefix {
			expr += " *"
		}
		var want string
		err := db.QueryRowContext(ctx, `SELECT snippet(f, 1, '[', ']', '…', 8) FROM f WHERE f MATCH ?`, expr).Scan(&want)
		ph := ftsPhrase{words: words(word), prefix: prefix, cols: ftsColumns[ftsText]}
		toks := tokenize(text, nil)
		if errors.Is(err, sql.ErrNoRows) {
			if ph.count(toks) != 0 {
				t.Fatalf("FTS5 finds no %q in %q, the tokenizer %d", word, text, ph.count(toks))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if ph.count(toks) == 0 {
			t.Fatalf("FTS5 finds %q in %q, the tokenizer does not", word, text)
		}
		if got := snippet(text, []ftsPhrase{ph}, "[", "]", 8); got != want {
			t.Fatalf("snippet of %q for %q:\n got %q\nwant %q", text, word, got, want)
		}
	})
}
