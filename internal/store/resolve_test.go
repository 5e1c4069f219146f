package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
)

// Name queries stand for the corpus entity: an article that only says
// "Okafor" is found by person:"Amara Okafor" once the corpus links the
// two, and a namesake with another first name is not.
func TestNameQueriesMatchEveryAlias(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		p, err := analyze.New(analyze.Options{Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		ds := []doc{
			{title: "Full name", text: "Amara Okafor opened the bridge. \"It is finished,\" Amara Okafor said.",
				entities: []ent{{"Amara Okafor", "Amara Okafor", article.Person, article.Female}},
				quotes:   []quo{{"It is finished,", "Amara Okafor", article.SpeakerPerson}}},
			{title: "Surname only", text: "Okafor visited the port. \"Trade is up,\" Okafor said.",
				entities: []ent{{"Okafor", "Okafor", article.Person, ""}},
				quotes:   []quo{{"Trade is up,", "Okafor", article.SpeakerPerson}}},
			{title: "Titled", text: "Mayor Okafor closed the market. \"It is unsafe,\" said Mayor Okafor.",
				entities: []ent{{"Okafor", "Okafor", article.Person, ""}},
				quotes:   []quo{{"It is unsafe,", "Okafor", article.SpeakerPerson}}},
			{title: "Namesake", text: "Chidi Okafor won the race. \"I trained hard,\" Chidi Okafor said.",
				entities: []ent{{"Chidi Okafor", "Chidi Okafor", article.Person, article.Male}},
				quotes:   []quo{{"I trained hard,", "Chidi Okafor", article.SpeakerPerson}}},
		}
		for i, d := range ds {
			tx, err := st.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			a := build(t, p, fmt.Sprintf("n%d.txt", i), d)
			in := Input{SHA256: ContentHash([]byte(d.text)), Size: int64(len(d.text)), SourceKind: SourceFile, FilePath: fmt.Sprintf("/n/%d.txt", i)}
			if _, err := tx.PutArticle(in, a); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		c := st
		titles := func(q string) []string {
			t.Helper()
			res, err := c.Search(ctx, SearchOptions{Filter: Filter{Query: q}, Limit: 20})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var out []string
			for _, h := range res.Hits {
				out = append(out, h.Title)
			}
			slices.Sort(out)
			return out
		}
		want := []string{"Full name", "Surname only", "Titled"}
		for _, q := range []string{`person:"Amara Okafor"`, `person:Okafor`, `person:"Okafor"`, `speaker:Okafor`, `speaker:"Amara Okafor"`} {
			if got := titles(q); !slices.Equal(got, want) {
				t.Errorf("%s: %q, want %q", q, got, want)
			}
		}
		if got := titles(`person:"Chidi Okafor"`); !slices.Equal(got, []string{"Namesake"}) {
			t.Errorf(`person:"Chidi Okafor": %q`, got)
		}
		st2, err := c.Stats(ctx, StatsOptions{Top: 10})
		if err != nil {
			t.Fatal(err)
		}
		var speakers []string
		for _, s := range st2.TopSpeakers {
			speakers = append(speakers, s.Name)
		}
		slices.Sort(speakers)
		if !slices.Equal(speakers, []string{"Amara Okafor", "Chidi Okafor"}) {
			t.Errorf("top speakers %q, want one entry per person", speakers)
		}
	})
}

// Techniques are stored with the article; technique: takes the label or
// its short name, any case.
func TestTechniqueQueries(t *testing.T) {
	eachStore(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		p, err := analyze.New(analyze.Options{Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		ds := []struct {
			d    doc
			tech map[string]string // text → technique
		}{
			{doc{title: "Loaded", published: "2016-07-04T09:00:00Z", text: "The reckless scheme will ruin the harbour."}, map[string]string{"reckless scheme": "Loaded_Language"}},
			{doc{title: "Plain", text: "The council met on Tuesday."}, nil},
		}
		tx, err := st.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, x := range ds {
			a := build(t, p, fmt.Sprintf("t%d.txt", i), x.d)
			for frag, tech := range x.tech {
				j := strings.Index(a.Text, frag)
				a.Techniques = append(a.Techniques, article.Technique{Span: article.NewSpan(a.Text, j, j+len(frag)), Technique: tech, Score: 0.9})
			}
			in := Input{SHA256: ContentHash([]byte(x.d.text)), Size: 1, SourceKind: SourceFile, FilePath: fmt.Sprintf("/t/%d", i)}
			if _, err := tx.PutArticle(in, a); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		c := st
		for q, want := range map[string]int{
			"technique:loaded":                  1,
			"technique:Loaded_Language":         1,
			`technique:"loaded_language"`:       1,
			"technique:doubt":                   0,
			"technique:loaded AND title:loaded": 1,
			"NOT technique:loaded":              1,
		} {
			res, err := c.Search(ctx, SearchOptions{Filter: Filter{Query: q}, Limit: 10})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if len(res.Hits) != want {
				t.Errorf("%s: %d hits, want %d", q, len(res.Hits), want)
			}
		}
		st2, err := c.Stats(ctx, StatsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(st2.Techniques) != 1 || st2.Techniques[0].Technique != "Loaded_Language" || st2.Techniques[0].Articles != 1 || st2.Techniques[0].Share != 0.5 {
			t.Fatalf("stats techniques %+v, want Loaded_Language in 1 of 2 articles", st2.Techniques)
		}
		if o := st2.TechniquesOver; len(o) != 1 || o[0].Period != "2016-07-04" || len(o[0].Techniques) != 1 || o[0].Techniques[0].Share != 1 {
			t.Errorf("techniques over time %+v, want Loaded_Language in the one article of 2016-07-04", o)
		}
		// 1 fragment in the 12 words of the two texts
		if got := st2.Techniques[0].Per1000Words; got < 83 || got > 84 {
			t.Errorf("per 1000 words %v, want 83.33", got)
		}
	})
}
