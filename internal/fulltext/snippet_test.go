package fulltext

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSnippetEqualsFTS5 checks Snippet against FTS5's snippet() on the
// text column, for every test query and several lengths, on articles
// with sentences, accents and repeated words. Queries with an And below
// the root are left out: FTS5 may leave a phrase's instances out of a
// row for the rows it scanned before (see nestedAnd), and Snippet gives
// the row's own.
func TestSnippetEqualsFTS5(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var docs []Doc
	for i := range 300 {
		d := testDoc(r, int64(i+1))
		// Sentences: some separators become ". " or ": ".
		f := strings.Fields(d.Cols[Text])
		var b strings.Builder
		for j, w := range f {
			if j > 0 {
				b.WriteString([]string{" ", " ", " ", ". ", ": ", ".\n", "  "}[r.IntN(7)])
			}
			b.WriteString(w)
		}
		d.Cols[Text] = b.String()
		docs = append(docs, d)
	}
	db := fts5Store(t, docs)
	checked := 0
	for _, q := range testQueries() {
		if nestedAnd(q, true) {
			continue // FTS5's instances depend on the rows scanned before (nestedAnd)
		}
		e := fts5Expr(q)
		for _, n := range []int{3, 12, 24, 64} {
			rows, err := db.Query(`SELECT rowid, title, text, speaker_names, entity_names, snippet(articles_fts, 1, '[', ']', '…', ?)
				FROM articles_fts WHERE articles_fts MATCH ?`, n, e)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int64
				var cols [numCols]string
				var want string
				if err := rows.Scan(&id, &cols[0], &cols[1], &cols[2], &cols[3], &want); err != nil {
					t.Fatal(err)
				}
				got := Snippet(q, cols, Text, SnippetOptions{Open: "[", Close: "]", Ellipsis: "…", Tokens: n})
				if got != want {
					t.Errorf("%s n=%d article %d:\n got %q\nwant %q", e, n, id, got, want)
				}
				checked++
			}
			rows.Close()
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d snippets compared", checked)
	}
}
