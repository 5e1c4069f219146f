package store

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

var updateFold = flag.Bool("update-fold", false, "rewrite fold.bin from SQLite's unicode61 tokenizer")

// probeUnicode61 asks SQLite's unicode61 tokenizer (remove_diacritics 2)
// what it does with every code point: a separator, a token character
// folding to another, or one folding to nothing.
func probeUnicode61(t *testing.T) []foldRange {
	t.Helper()
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
	var out []foldRange
	add := func(cp rune, kind uint8, delta int32) {
		if n := len(out); n > 0 && out[n-1].hi == cp-1 && out[n-1].kind == kind && out[n-1].delta == delta {
			out[n-1].hi = cp
			return
		}
		out = append(out, foldRange{lo: cp, hi: cp, kind: kind, delta: delta})
	}
	const batch = 4096
	for base := rune(0); base <= utf8.MaxRune; base += batch {
		var cps []rune
		var b strings.Builder
		for cp := base; cp < base+batch && cp <= utf8.MaxRune; cp++ {
			if cp >= 0xD800 && cp < 0xE000 || cp == 0 {
				continue
			}
			cps = append(cps, cp)
			b.WriteString(" a")
			b.WriteRune(cp)
			b.WriteString("b ")
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM f`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO f(rowid, x) VALUES (1, ?)`, b.String()); err != nil {
			t.Fatal(err)
		}
		rows, err := db.QueryContext(ctx, `SELECT term FROM v ORDER BY offset`)
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			terms = append(terms, s)
		}
		rows.Close()
		i := 0
		for _, cp := range cps {
			if i >= len(terms) {
				t.Fatalf("U+%04X: tokens ran out", cp)
			}
			term := terms[i]
			switch {
			case term == "a":
				add(cp, foldSeparator, 0)
				i += 2
			case term == "ab":
				add(cp, foldDrop, 0)
				i++
			default:
				mid := term[1 : len(term)-1]
				r, size := utf8.DecodeRuneInString(mid)
				if size != len(mid) || !strings.HasPrefix(term, "a") || !strings.HasSuffix(term, "b") {
					t.Fatalf("U+%04X: token %q", cp, term)
				}
				add(cp, foldToken, r-cp)
				i++
			}
		}
	}
	return out
}

// TestFoldTable: fold.bin is what SQLite's tokenizer does, code point by
// code point (go test -run FoldTable -update-fold rewrites it).
func TestFoldTable(t *testing.T) {
	ranges := probeUnicode61(t)
	enc := encodeFold(ranges)
	if *updateFold {
		if err := os.WriteFile("fold.bin", enc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(enc, foldBin) {
		t.Fatalf("fold.bin differs from SQLite's tokenizer (%d ranges): run go test -run FoldTable -update-fold", len(ranges))
	}
	// foldOf's ASCII shortcut agrees with the table.
	for r := rune(1); r < 0x80; r++ {
		k, f := foldOf(r)
		i := 0
		for ranges[i].hi < r {
			i++
		}
		if want := ranges[i]; k != want.kind || k == foldToken && f != r+want.delta {
			t.Errorf("U+%04X: foldOf gives %d %q, the table %+v", r, k, f, want)
		}
	}
	t.Logf("%d ranges, %d bytes", len(ranges), len(enc))
}
