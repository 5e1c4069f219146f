package store

import (
	"context"
	"errors"
	"testing"
)

func TestArticleAndLists(t *testing.T) {
	c := equivStore(t)
	ctx := context.Background()

	// An article that joined another's cluster, and a superseded version.
	var joined, old int64
	if err := c.DB.QueryRow(`SELECT a.id FROM articles a JOIN clusters c ON c.id = a.cluster_id WHERE c.size > 1 AND c.original_article_id <> a.id LIMIT 1`).Scan(&joined); err != nil {
		t.Fatal(err)
	}
	if err := c.DB.QueryRow(`SELECT id FROM articles WHERE latest = 0 LIMIT 1`).Scan(&old); err != nil {
		t.Fatal(err)
	}
	a, err := c.Article(ctx, joined)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != joined || a.Article.Text == "" || len(a.Record) == 0 || a.Provenance.SourceKind != "url" || len(a.Provenance.SHA256) != 64 {
		t.Errorf("article %d: %+v", joined, a)
	}
	if len(a.Cluster) < 2 || a.ClusterOriginalID == 0 {
		t.Errorf("article %d: cluster %+v original %d", joined, a.Cluster, a.ClusterOriginalID)
	}
	originals := 0
	for _, m := range a.Cluster {
		if m.Original {
			originals++
			if m.ID != a.ClusterOriginalID {
				t.Errorf("member %d marked original, cluster original is %d", m.ID, a.ClusterOriginalID)
			}
		}
	}
	if originals != 1 {
		t.Errorf("%d originals in %+v", originals, a.Cluster)
	}
	v, err := c.Article(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if v.Latest {
		t.Errorf("superseded version %d says latest", old)
	}
	text, err := c.ArticleText(ctx, joined)
	if err != nil || text != a.Article.Text {
		t.Errorf("ArticleText: %v, same text %v", err, text == a.Article.Text)
	}
	if _, err := c.Article(ctx, 1<<40); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	if _, err := c.ArticleText(ctx, 1<<40); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article text: %v", err)
	}

	// Lists count latest versions only, as a join on a.latest does.
	ref := func(q string, args ...any) map[string]int {
		rows, err := c.DB.Query(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var v string
			var n int
			if err := rows.Scan(&v, &n); err != nil {
				t.Fatal(err)
			}
			m[v] = n
		}
		return m
	}
	speakers, err := c.Speakers(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	wantSp := ref(`SELECT q.speaker_name, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.latest = 1 AND q.speaker_name <> '' GROUP BY 1`)
	if len(speakers) != len(wantSp) || len(speakers) == 0 {
		t.Errorf("%d speakers, want %d", len(speakers), len(wantSp))
	}
	for _, s := range speakers {
		if wantSp[s.Value] != s.Count || s.Type != "person" {
			t.Errorf("speaker %+v, want %d quotes", s, wantSp[s.Value])
		}
	}
	if sp, err := c.Speakers(ctx, "anna", 10); err != nil || len(sp) != 1 || sp[0].Value != "Anna Keller" {
		t.Errorf("speakers with prefix anna: %+v %v", sp, err)
	}
	places, err := c.TopEntities(ctx, "PLACE", 100)
	if err != nil {
		t.Fatal(err)
	}
	wantPl := ref(`SELECT e.name, count(*) FROM article_entities e JOIN articles a ON a.id = e.article_id WHERE a.latest = 1 AND e.type = 'PLACE' GROUP BY 1`)
	if len(places) != len(wantPl) || len(places) == 0 {
		t.Errorf("%d places, want %d", len(places), len(wantPl))
	}
	for _, p := range places {
		if wantPl[p.Value] != p.Count || p.Type != "PLACE" {
			t.Errorf("place %+v, want %d", p, wantPl[p.Value])
		}
	}
	clusters, err := c.Clusters(ctx, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(clusters) == 0 || clusters[0].Size < 2 || len(clusters[0].Members) != clusters[0].Size {
		t.Errorf("clusters %+v", clusters)
	}
	for i := 1; i < len(clusters); i++ {
		if clusters[i].Size > clusters[i-1].Size {
			t.Errorf("clusters not largest first: %d after %d", clusters[i].Size, clusters[i-1].Size)
		}
	}
	for _, name := range []string{"north.example", "www.North.example", "North News"} {
		if ok, err := c.OutletExists(ctx, name); err != nil || !ok {
			t.Errorf("OutletExists(%q) = %v, %v", name, ok, err)
		}
	}
	if ok, err := c.OutletExists(ctx, "nowhere.example"); err != nil || ok {
		t.Errorf("OutletExists(nowhere) = %v, %v", ok, err)
	}
}
