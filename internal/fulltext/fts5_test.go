package fulltext

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// fts5Columns are FTS5's names of the index's columns.
var fts5Columns = [numCols]string{"title", "text", "speaker_names", "entity_names"}

// fts5Expr is q as an FTS5 expression, written as internal/query writes
// one: every phrase quoted, with its column filter.
func fts5Expr(q Node) string {
	switch q := q.(type) {
	case *Phrase:
		var cols []string
		for c := range numCols {
			if q.Cols&(1<<c) != 0 {
				cols = append(cols, fts5Columns[c])
			}
		}
		col := cols[0]
		if len(cols) > 1 {
			col = "{" + strings.Join(cols, " ") + "}"
		}
		e := col + ` : "` + strings.ReplaceAll(q.Text, `"`, `""`) + `"`
		if q.Prefix {
			e += " *"
		}
		return e
	case *And:
		parts := make([]string, len(q.Must))
		for i, c := range q.Must {
			parts[i] = fts5Expr(c)
		}
		m := "(" + strings.Join(parts, " AND ") + ")"
		for _, c := range q.Not {
			m = "(" + m + " NOT " + fts5Expr(c) + ")"
		}
		return m
	case *Or:
		parts := make([]string, len(q.Any))
		for i, c := range q.Any {
			parts[i] = fts5Expr(c)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	panic(fmt.Sprintf("%T", q))
}

// testVocab holds words with capitals and diacritics, so folding counts.
var testVocab = []string{"ceasefire", "talks", "border", "trade", "Genève", "genève", "GENEVE", "Zürich", "zurich", "crème", "brûlée",
	"naïve", "Ørsted", "straße", "élan", "water", "fuel", "bread", "summit", "o'brien", "keller", "anna", "volkov", "aleppo",
	"inflation", "bank", "politics", "election", "elect", "elector", "polite", "2016", "x1", "déjà-vu", "résumé", "Σίσυφος", "Ελλάδα", "日本"}

func testDoc(r *rand.Rand, id int64) Doc {
	words := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			// Zipf-like: low indexes are frequent.
			ws[i] = testVocab[min(len(testVocab)-1, int(r.ExpFloat64()*6))]
		}
		return strings.Join(ws, []string{" ", ", ", " — ", "\n"}[r.IntN(4)])
	}
	return Doc{ID: id, Cols: [numCols]string{words(2 + r.IntN(6)), words(10 + r.IntN(120)), words(r.IntN(4)), words(r.IntN(5))}}
}

// versionedDocs are n test documents with ids 1..n, every every-th one
// (after the first) a new version of the one back before it.
func versionedDocs(r *rand.Rand, n, every, back int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = testDoc(r, int64(i+1))
		if i%every == 0 && i > 0 {
			docs[i].Previous = int64(i + 1 - back)
		}
	}
	return docs
}

// testQueries are queries of every shape internal/query compiles.
func testQueries() []Node {
	tt := func(s string) *Phrase { return &Phrase{Text: s, Cols: TitleText} }
	return []Node{
		tt("ceasefire"), tt("genève"), tt("Geneve"), tt("zurich"), tt("straße"), tt("日本"), tt("nosuchword"),
		&Phrase{Text: "talks", Cols: TitleOnly}, &Phrase{Text: "keller", Cols: SpeakersOnly}, &Phrase{Text: "aleppo", Cols: EntitiesOnly},
		tt("border trade"), tt("ceasefire talks"), tt("o'brien"), tt("déjà-vu"),
		&Phrase{Text: "elect", Prefix: true, Cols: TitleText}, &Phrase{Text: "pol", Prefix: true, Cols: TitleText},
		&Phrase{Text: "border tr", Prefix: true, Cols: TitleText},
		&And{Must: []Node{tt("ceasefire"), tt("talks")}},
		&And{Must: []Node{tt("water")}, Not: []Node{tt("fuel")}},
		&Or{Any: []Node{tt("inflation"), tt("bank")}},
		&Or{Any: []Node{&Phrase{Text: "polit", Prefix: true, Cols: TitleText}, &Phrase{Text: "elect", Prefix: true, Cols: TitleText}}},
		&And{Must: []Node{tt("water"), &Or{Any: []Node{tt("fuel"), tt("bread")}}}, Not: []Node{tt("summit")}},
		&And{Must: []Node{&And{Must: []Node{tt("water")}, Not: []Node{&Or{Any: []Node{tt("fuel"), tt("bread")}}}}, &Phrase{Text: "keller", Cols: SpeakersOnly}}},
		&And{Must: []Node{tt("ceasefire"), tt("ceasefire")}},
	}
}

// fts5Store makes an SQLite file with an FTS5 table configured as the
// store's articles_fts, holding docs.
func fts5Store(t testing.TB, docs []Doc) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, speaker_names, entity_names,
		tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, err := tx.Exec(`INSERT INTO articles_fts(rowid, title, text, speaker_names, entity_names) VALUES (?, ?, ?, ?, ?)`,
			d.ID, d.Cols[0], d.Cols[1], d.Cols[2], d.Cols[3]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return db
}

// fts5Search ranks as internal/corpus does: bm25 with its weights, ties
// newest first.
func fts5Search(t testing.TB, db *sql.DB, q Node) []Hit {
	t.Helper()
	rows, err := db.Query(`SELECT rowid, -bm25(articles_fts, 3.0, 1.0, 0.5, 0.5) FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY bm25(articles_fts, 3.0, 1.0, 0.5, 0.5), rowid DESC`, fts5Expr(q))
	if err != nil {
		t.Fatalf("%s: %v", fts5Expr(q), err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Score); err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// nestedAnd reports whether an And sits below the root of q. FTS5 clears
// the instances of the phrases below such an And when it fails to match
// a row, and does not read them again for a later row its iterators
// already stand on: its bm25 for that row then depends on the rows it
// scanned before (scored on its own, rowid = ?, the row gets the full
// score). The index always gives the row its own score.
func nestedAnd(q Node, root bool) bool {
	switch q := q.(type) {
	case *And:
		if !root {
			return true
		}
		for _, c := range append(slices.Clone(q.Must), q.Not...) {
			if nestedAnd(c, false) {
				return true
			}
		}
		// The root And of a NOT is FTS5's NOT node over an AND node.
		return len(q.Not) > 0 && len(q.Must) > 1
	case *Or:
		for _, c := range q.Any {
			if nestedAnd(c, false) {
				return true
			}
		}
	}
	return false
}

// fts5RowScores scores each hit on its own (rowid = ?) and orders them.
func fts5RowScores(t testing.TB, db *sql.DB, q Node, hits []Hit) []Hit {
	out := make([]Hit, len(hits))
	for i, h := range hits {
		out[i].ID = h.ID
		if err := db.QueryRow(`SELECT -bm25(articles_fts, 3.0, 1.0, 0.5, 0.5) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`,
			fts5Expr(q), h.ID).Scan(&out[i].Score); err != nil {
			t.Fatal(err)
		}
	}
	slices.SortFunc(out, func(a, b Hit) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return out
}

func checkSame(t *testing.T, x *Index, db *sql.DB, what string) {
	t.Helper()
	nested := 0
	for _, q := range testQueries() {
		want := fts5Search(t, db, q)
		if nestedAnd(q, true) {
			want = fts5RowScores(t, db, q, want)
			nested++
		}
		for _, k := range []int{1, 10, 1000} {
			res, err := x.Search(q, Options{K: k})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(want) {
				t.Errorf("%s: %s: total %d, FTS5 %d", what, fts5Expr(q), res.Total, len(want))
			}
			w := want[:min(k, len(want))]
			if !slices.Equal(res.Hits, w) {
				n := 0
				for i := range min(len(w), len(res.Hits)) {
					if res.Hits[i] != w[i] {
						t.Errorf("%s: %s k=%d: hit %d is %+v, FTS5 %+v", what, fts5Expr(q), k, i, res.Hits[i], w[i])
						if n++; n > 3 {
							break
						}
					}
				}
				if len(res.Hits) != len(w) {
					t.Errorf("%s: %s k=%d: %d hits, FTS5 %d", what, fts5Expr(q), k, len(res.Hits), len(w))
				}
			}
		}
	}
	if nested == len(testQueries()) || nested == 0 {
		t.Errorf("%d of %d queries have a nested And: both kinds must be tested", nested, len(testQueries()))
	}
}

// TestSearchEqualsFTS5 checks matches, bm25 scores (bit for bit) and
// order against FTS5 on a real SQLite file, before and after articles
// are changed and deleted.
func TestSearchEqualsFTS5(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var docs []Doc
	for i := range 600 {
		docs = append(docs, testDoc(r, int64(i+1)))
	}
	x := New()
	x.Put(docs...)
	db := fts5Store(t, docs)
	checkSame(t, x, db, "as added")

	// Change every 5th article, delete every 7th.
	for i := 0; i < len(docs); i += 5 {
		d := testDoc(r, docs[i].ID)
		if _, err := db.Exec(`UPDATE articles_fts SET title = ?, text = ?, speaker_names = ?, entity_names = ? WHERE rowid = ?`,
			d.Cols[0], d.Cols[1], d.Cols[2], d.Cols[3], d.ID); err != nil {
			t.Fatal(err)
		}
		x.Put(d)
	}
	for i := 3; i < len(docs); i += 7 {
		if _, err := db.Exec(`DELETE FROM articles_fts WHERE rowid = ?`, docs[i].ID); err != nil {
			t.Fatal(err)
		}
		x.Delete(docs[i].ID)
	}
	checkSame(t, x, db, "changed")
}

// TestTokensEqualFTS5 checks the tokens of mixed texts against FTS5's
// own (fts5vocab), positions included.
func TestTokensEqualFTS5(t *testing.T) {
	texts := []string{"Hello, World! ÉCOLE école", "déjà-vu o'brien 3.14 x_y", "Straße ß İstanbul ǅemal ﬁne",
		"日本語のテキスト 中文", "emoji 🙂 here\u00a0nbsp\u200bzw", "a\u0301b combining", "Ⅻ ① ²³ ٣٤", "ﬀ ﬃ Ⓐ ⓐ"}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)`); err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		if _, err := db.Exec(`INSERT INTO t(rowid, x) VALUES (?, ?)`, i, s); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`SELECT term, offset FROM v WHERE doc = ? ORDER BY offset`, i)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for rows.Next() {
			var term string
			var off int
			if err := rows.Scan(&term, &off); err != nil {
				t.Fatal(err)
			}
			want = append(want, fmt.Sprintf("%s@%d", term, off))
		}
		rows.Close()
		var got []string
		Tokens(s, func(tok []byte, pos int) { got = append(got, fmt.Sprintf("%s@%d", tok, pos)) })
		if !slices.Equal(got, want) {
			t.Errorf("%q: tokens %q, FTS5 %q", s, got, want)
		}
	}
}
