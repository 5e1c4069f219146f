package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/input"
)

// doc is a test article written for these tests. Quotes and entities are
// given by the text they cover, so spans are computed, not typed.
type doc struct {
	url, site, title, published, section string
	text                                 string
	tags                                 []string
	entities                             []ent
	quotes                               []quo
}

type ent struct {
	text, name string
	typ        article.EntityType
	gender     article.Gender
}

type quo struct {
	content, speaker string
	kind             article.SpeakerKind
}

var docs = []doc{
	{
		url: "https://www.northgazette.example/world/talks", site: "North Gazette", title: "Ministers meet over Syria ceasefire",
		published: "2016-07-04T09:00:00Z", section: "World", tags: []string{"Syria", "Diplomacy"},
		text: "Vladimir Putin said the ceasefire in Syria must hold. \"We will not allow the talks to fail,\" Putin told reporters in Moscow.\n\n" +
			"Maria Zakharova, the ministry spokeswoman, said the convoy would reach Aleppo by Friday. \"The corridor is open,\" Zakharova said.",
		entities: []ent{{"Vladimir Putin", "Vladimir Putin", article.Person, article.Male}, {"Syria", "Syria", article.Place, ""},
			{"Moscow", "Moscow", article.Place, ""}, {"Maria Zakharova", "Maria Zakharova", article.Person, article.Female},
			{"Aleppo", "Aleppo", article.Place, ""}},
		quotes: []quo{{"We will not allow the talks to fail,", "Vladimir Putin", article.SpeakerPerson},
			{"The corridor is open,", "Maria Zakharova", article.SpeakerPerson}},
	},
	{
		url: "https://southherald.example/2016/07/harvest", site: "South Herald", title: "Farmers count the cost of a dry summer",
		published: "2016-07-20T12:30:00Z", section: "Business", tags: []string{"Agriculture"},
		text: "The drought has cut the wheat harvest by a third, the farmers' union said on Tuesday.\n\n" +
			"\"Many farms will not survive another year like this,\" said Ellen Marsh, who grows barley near the river.",
		entities: []ent{{"Ellen Marsh", "Ellen Marsh", article.Person, article.Female}},
		quotes:   []quo{{"Many farms will not survive another year like this,", "Ellen Marsh", article.SpeakerPerson}},
	},
	{
		url: "https://www.northgazette.example/politics/budget", site: "North Gazette", title: "Budget vote delayed again",
		published: "2016-08-02T08:00:00Z", section: "Politics", tags: []string{"Budget", "Parliament"},
		text: "Parliament postponed the budget vote for a second week. \"We need more time to read it,\" said Tomas Brandt, who leads the finance committee.\n\n" +
			"A government spokesperson said the delay would not affect pensions.",
		entities: []ent{{"Parliament", "Parliament", article.Organization, ""}, {"Tomas Brandt", "Tomas Brandt", article.Person, article.Male}},
		quotes: []quo{{"We need more time to read it,", "Tomas Brandt", article.SpeakerPerson},
			{"the delay would not affect pensions.", "government spokesperson", article.SpeakerAnonymous}},
	},
	{
		url: "https://eastpost.example/syria-aid", site: "East Post", title: "Aid groups warn of winter in Aleppo",
		published: "2016-07-28T17:45:00Z", section: "World", tags: []string{"Syria", "Aid"},
		text:     "Aid groups said fuel stocks in Aleppo would run out before winter. \"Time is short,\" said Jo Okafor of the relief coalition.",
		entities: []ent{{"Aleppo", "Aleppo", article.Place, ""}, {"Jo Okafor", "Jo Okafor", article.Person, ""}},
		quotes:   []quo{{"Time is short,", "Jo Okafor", article.SpeakerPerson}},
	},
	{
		// No date, no URL: a file.
		title: "A letter about the ceasefire",
		text:  "Readers wrote about the ceasefire and the price of bread.",
	},
}

// newStore builds a store in a temporary file holding docs, analysed by
// the plain-text pipeline and annotated with the docs' entities and quotes.
func newStore(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := analyze.New(analyze.Options{Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		a := build(t, p, fmt.Sprintf("doc%d.txt", i), d)
		in := Input{SHA256: ContentHash([]byte(d.text)), Size: int64(len(d.text)), SourceKind: SourceFile,
			FilePath: fmt.Sprintf("/corpus/doc%d.txt", i), URL: d.url}
		if _, err := tx.PutArticle(in, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

func build(t testing.TB, p *analyze.Pipeline, name string, d doc) *article.Article {
	t.Helper()
	a, err := p.Document(&input.Document{Name: name, Kind: input.Text, Body: d.text})
	if err != nil {
		t.Fatal(err)
	}
	a.Title, a.URL, a.Site, a.Section, a.Tags = d.title, d.url, d.site, d.section, d.tags
	// Only the annotations written here, whatever the pipeline finds.
	a.Entities, a.EntitySummary, a.References, a.Quotes, a.Techniques = nil, nil, nil, nil, nil
	if a.Tags == nil {
		a.Tags = []string{}
	}
	if d.published != "" {
		pt, err := time.Parse(time.RFC3339, d.published)
		if err != nil {
			t.Fatal(err)
		}
		a.Published = &pt
	}
	for _, e := range d.entities {
		i := strings.Index(a.Text, e.text)
		if i < 0 {
			t.Fatalf("%s: entity %q not in text", name, e.text)
		}
		a.Entities = append(a.Entities, article.Entity{Span: article.NewSpan(a.Text, i, i+len(e.text)), Type: e.typ, Name: e.name, Gender: e.gender})
	}
	for _, q := range d.quotes {
		i := strings.Index(a.Text, q.content)
		if i < 0 {
			t.Fatalf("%s: quote %q not in text", name, q.content)
		}
		a.Quotes = append(a.Quotes, article.Quote{Kind: article.Direct, Content: article.NewSpan(a.Text, i, i+len(q.content)),
			Speaker: article.Speaker{Name: q.speaker, Kind: q.kind}})
	}
	return a
}
