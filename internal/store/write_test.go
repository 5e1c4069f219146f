package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

func testArticle(text string, published *time.Time) *article.Article {
	a := &article.Article{ID: "x", Format: article.FormatHTML, Text: text, Title: "Pier closes", Site: "Harbour Gazette",
		Published: published, Tags: []string{"Transport", "Port Elsin"}, Language: "en"}
	a.Paragraphs = []article.Range{{Start: 0, End: len(text)}}
	name := "Ruth Calloway"
	i := strings.Index(text, name)
	a.Entities = []article.Entity{{Span: article.NewSpan(text, i, i+len(name)), Type: article.Person, Name: name, Gender: article.Female}}
	q := strings.Index(text, "The timbers")
	said := strings.Index(text, "said")
	a.Quotes = []article.Quote{{
		Kind:    article.Direct,
		Content: article.NewSpan(text, q, q+len("The timbers are old")),
		Speaker: article.Speaker{Name: name, Kind: article.SpeakerPerson, Mention: &article.Span{Start: i, End: i + len(name), Text: name}},
		Cue:     &article.Span{Start: said, End: said + 4, Text: "said"},
	}}
	return a
}

const pierText = `"The timbers are old," said Ruth Calloway, the director.`

func TestPutArticle(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := func(d int) *time.Time { t := time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC); return &t }
	in := func(sha, url string) Input {
		return Input{SHA256: sha, Size: 10, SourceKind: SourceURL, URL: url, FetchedAt: time.Now()}
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		in      Input
		a       *article.Article
		want    Outcome
		version int
	}{
		{"new", in("a", "https://www.gazette.example/pier"), testArticle(pierText, day(5)), NewArticle, 1},
		{"same content", in("a", "https://www.gazette.example/pier"), testArticle(pierText, day(5)), Duplicate, 0},
		{"same text, new bytes", in("b", "https://www.gazette.example/pier"), testArticle(pierText, day(5)), Unchanged, 1},
		{"changed page", in("c", "https://www.gazette.example/pier"), testArticle(pierText+" More.", day(5)), NewVersion, 2},
		{"syndicated, earlier", in("d", "https://wire.example/pier"), testArticle(pierText, day(3)), NewArticle, 1},
	}
	ids := map[string]int64{}
	for _, st := range steps {
		p, err := tx.PutArticle(st.in, st.a)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if p.Outcome != st.want || p.Version != st.version {
			t.Errorf("%s: %v v%d, want %v v%d", st.name, p.Outcome, p.Version, st.want, st.version)
		}
		ids[st.name] = p.ArticleID
	}
	// Clusters: the gazette's first version starts one; the wire copy,
	// published earlier, joins it and becomes the original.
	cid, err := tx.NewCluster(ids["new"])
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.JoinCluster(ids["syndicated, earlier"], cid); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.PutFailed(in("e", "https://gazette.example/404"), ErrSchemaTooNew); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		want int64
	}{
		{`SELECT count(*) FROM articles`, 3},
		{`SELECT count(*) FROM raw_inputs`, 5},
		{`SELECT count(*) FROM raw_inputs WHERE status = 'failed'`, 1},
		{`SELECT count(*) FROM outlets`, 2},
		{`SELECT count(*) FROM outlets WHERE host = 'GAZETTE.example' AND name = 'harbour gazette'`, 1},
		{`SELECT original_article_id FROM clusters WHERE size = 2`, ids["syndicated, earlier"]},
		{`SELECT count(*) FROM quotes WHERE speaker_name = 'ruth calloway' AND cue_text = 'said' AND mention_start IS NOT NULL`, 3},
		{`SELECT count(*) FROM speakers WHERE name = 'Ruth Calloway' AND gender = 'female'`, 1},
		{`SELECT count(*) FROM tags WHERE tag = 'transport'`, 3},
		{`SELECT count(*) FROM article_entities WHERE name = 'ruth calloway' AND type = 'PERSON' AND mentions = 1`, 3},
		{`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'speaker_names:calloway'`, 3},
		{`SELECT count(*) FROM articles WHERE published = '2026-01-05T12:00:00Z'`, 2},
		{`SELECT previous_version_id FROM articles WHERE version = 2`, ids["new"]},
		{`SELECT count(*) FROM articles WHERE latest = 1`, 2},
		{`SELECT article_id FROM raw_inputs WHERE sha256 = 'b'`, ids["new"]},
		{`SELECT count(*) FROM articles WHERE json_extract(record, '$.title') = 'Pier closes'`, 3},
	} {
		var got int64
		if err := s.DB.QueryRow(tc.q).Scan(&got); err != nil {
			t.Errorf("%s: %v", tc.q, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s = %d, want %d", tc.q, got, tc.want)
		}
	}
}
