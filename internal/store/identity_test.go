package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// personArticle writes an article that names each of names once (in this
// order) and quotes the first.
func personArticle(names ...string) *article.Article {
	var b strings.Builder
	a := &article.Article{Format: article.FormatPlain, Language: "en"}
	for _, n := range names {
		i := b.Len()
		b.WriteString(n)
		a.Entities = append(a.Entities, article.Entity{Span: article.Span{Start: i, End: i + len(n), Text: n}, Type: article.Person, Name: n})
		b.WriteString(" spoke. ")
	}
	q := b.Len()
	b.WriteString("It is done.")
	a.Text = b.String()
	a.Paragraphs = []article.Range{{Start: 0, End: len(a.Text)}}
	if len(names) > 0 {
		a.Quotes = []article.Quote{{Kind: article.Direct, Content: article.NewSpan(a.Text, q, len(a.Text)),
			Speaker: article.Speaker{Name: names[0], Kind: article.SpeakerPerson, Mention: &article.Span{Start: 0, End: len(names[0]), Text: names[0]}}}}
	}
	return a
}

type identityStore struct {
	t *testing.T
	s *Store
	n int
}

func newIdentityStore(t *testing.T, dsn string) *identityStore {
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &identityStore{t: t, s: s}
}

// put stores an article naming names and returns its id.
func (is *identityStore) put(names ...string) int64 {
	is.t.Helper()
	is.n++
	tx, err := is.s.Begin(context.Background())
	if err != nil {
		is.t.Fatal(err)
	}
	p, err := tx.PutArticle(Input{SHA256: fmt.Sprint(is.n), Size: 1, SourceKind: SourceFile, FilePath: fmt.Sprintf("/a/%d", is.n)}, personArticle(names...))
	if err != nil {
		is.t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		is.t.Fatal(err)
	}
	return p.ArticleID
}

func (is *identityStore) do(f func(tx *Tx) error) error {
	tx, err := is.s.Begin(context.Background())
	if err != nil {
		is.t.Fatal(err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// names returns the person names stored for an article (entities table,
// summary table and quote speaker must agree) .
func (is *identityStore) names(id int64) []string {
	is.t.Helper()
	var out []string
	rows, err := is.s.h.QueryContext(context.Background(), `SELECT name FROM article_entities WHERE article_id = ? AND type = 'PERSON' ORDER BY name`, id)
	if err != nil {
		is.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	var sp, en string
	if err := is.s.h.QueryRowContext(context.Background(), `SELECT speaker_names, entity_names FROM articles WHERE id = ?`, id).Scan(&sp, &en); err != nil {
		is.t.Fatal(err)
	}
	var q string
	is.s.h.QueryRowContext(context.Background(), `SELECT speaker_name FROM quotes WHERE article_id = ? AND idx = 0`, id).Scan(&q)
	if q != sp || !slices.Contains(out, q) {
		is.t.Errorf("article %d: quote speaker %q, speaker_names %q, entities %v disagree", id, q, sp, out)
	}
	var ents []string
	for _, l := range strings.Split(en, "\n") {
		if l != "" {
			ents = append(ents, l)
		}
	}
	slices.Sort(ents)
	if !slices.Equal(ents, out) {
		is.t.Errorf("article %d: entity_names %q, article_entities %v", id, en, out)
	}
	return out
}

func (is *identityStore) want(id int64, names ...string) {
	is.t.Helper()
	if got := is.names(id); !slices.Equal(got, names) {
		is.t.Errorf("article %d: persons %q, want %q", id, got, names)
	}
}

func TestIdentitySurnameJoinsFullName(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		is := newIdentityStore(t, dsn)
		a := is.put("Donald Trump")
		b := is.put("Trump")
		c := is.put("Donald J. Trump")
		for _, id := range []int64{a, b, c} {
			is.want(id, "Donald Trump")
		}
		// a different first name is a different person
		d := is.put("Ivanka Trump")
		is.want(d, "Ivanka Trump")
		// "Trump" alone stays with the person mentioned far more often
		e := is.put("Trump")
		is.want(e, "Donald Trump")
	})
}

func TestIdentityFullNameAbsorbsEarlierSurname(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		is := newIdentityStore(t, dsn)
		a := is.put("Trump")
		is.want(a, "Trump")
		b := is.put("Donald Trump")
		is.want(b, "Donald Trump")
		is.want(a, "Donald Trump") // renamed in place, incrementally
		var n int
		is.s.h.QueryRowContext(context.Background(), `SELECT count(*) FROM speakers WHERE name = 'Trump'`).Scan(&n)
		if n != 0 {
			t.Errorf("speaker row for the absorbed name left behind")
		}
	})
}

func TestIdentitySharedSurnameStaysApart(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		is := newIdentityStore(t, dsn)
		a := is.put("John Smith")
		b := is.put("Jane Smith")
		c := is.put("Smith")
		is.want(a, "John Smith")
		is.want(b, "Jane Smith")
		is.want(c, "Smith") // ambiguous: its own entity
	})
}

func TestIdentityMergeAndSplitAreKept(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		is := newIdentityStore(t, dsn)
		a := is.put("John Smith")
		b := is.put("Jane Smith")
		c := is.put("Smith")
		if err := is.do(func(tx *Tx) error { return tx.Merge("Smith", "John Smith", article.Person) }); err != nil {
			t.Fatal(err)
		}
		is.want(c, "John Smith")
		is.want(b, "Jane Smith")
		d := is.put("Smith") // the correction holds for new articles
		is.want(d, "John Smith")

		e := is.put("Pat Doe")
		f := is.put("Doe")
		is.want(f, "Pat Doe")
		if err := is.do(func(tx *Tx) error { return tx.Split("Doe", article.Person) }); err != nil {
			t.Fatal(err)
		}
		is.want(f, "Doe")
		is.want(e, "Pat Doe")
		g := is.put("Doe")
		is.want(g, "Doe")
		h := is.put("Pat Doe")
		is.want(h, "Pat Doe")
		is.want(a, "John Smith")

		if err := is.do(func(tx *Tx) error { return tx.Merge("Nobody", "John Smith", article.Person) }); err == nil {
			t.Error("merging an unknown name succeeded")
		}
	})
}

// eachStore runs f on a new SQLite store and on a new PostgreSQL database
// (pgtest: skipped without NEWSGRAPH_PG, except under CI=true).
func eachStore(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, filepath.Join(t.TempDir(), "c.db")) })
	t.Run("postgres", func(t *testing.T) { f(t, pgtest.NewDatabase(t)) })
}
