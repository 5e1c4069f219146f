package entity

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// The texts below are written for these tests.

type resolveCase struct {
	name string
	text string
	tags dictTagger
	// persons is the exact set of persons expected, with their gender.
	persons map[string]article.Gender
	// named are "mention text→canonical name" pairs that must all occur.
	named []string
	// places and orgs are canonical names that must occur with that type
	// and mention count ("United States×3").
	places, orgs []string
	// refs is the exact sequence of references, "text→name".
	refs []string
	// absent are mention texts that must not be entities.
	absent []string
}

var resolveCases = []resolveCase{
	{
		name:    "titles and surnames",
		text:    "Russian President Vladimir Putin met US Secretary of State John Kerry in Moscow on Monday. Putin said he was pleased with the talks. Kerry's aides were less sure.",
		tags:    dictTagger{"Russian": "MISC", "Vladimir Putin": "PER", "US": "LOC", "John Kerry": "PER", "Moscow": "LOC", "Putin": "PER", "Kerry": "PER"},
		persons: map[string]article.Gender{"Vladimir Putin": article.Male, "John Kerry": article.Male},
		named:   []string{"Putin→Vladimir Putin", "Kerry→John Kerry", "Vladimir Putin→Vladimir Putin"},
		refs:    []string{"he→Vladimir Putin"},
	},
	{
		name:    "title inside the tagged span",
		text:    "Foreign Ministry spokeswoman Maria Zakharova spoke on Friday. President Vladimir Putin was not present, Zakharova said.",
		tags:    dictTagger{"Foreign Ministry": "ORG", "spokeswoman Maria Zakharova": "PER", "President Vladimir Putin": "PER", "Zakharova": "PER"},
		persons: map[string]article.Gender{"Maria Zakharova": article.Female, "Vladimir Putin": article.Male},
		named:   []string{"Maria Zakharova→Maria Zakharova", "Zakharova→Maria Zakharova", "Vladimir Putin→Vladimir Putin"},
		absent:  []string{"President Vladimir Putin", "spokeswoman Maria Zakharova"},
	},
	{
		name:    "lone title tagged as a person",
		text:    "The Secretary of State Dana Whitlock arrived late. Whitlock apologised.",
		tags:    dictTagger{"Secretary": "PER", "Dana Whitlock": "PER", "Whitlock": "PER"},
		persons: map[string]article.Gender{"Dana Whitlock": article.GenderUnknown},
		named:   []string{"Whitlock→Dana Whitlock"},
		absent:  []string{"Secretary"},
	},
	{
		name:    "initials",
		text:    "J. K. Rowling published a new novel on Tuesday. Rowling said she wrote it in a year.",
		tags:    dictTagger{"J. K. Rowling": "PER", "Rowling": "PER"},
		persons: map[string]article.Gender{"J. K. Rowling": article.Female},
		named:   []string{"Rowling→J. K. Rowling"},
		refs:    []string{"she→J. K. Rowling"},
	},
	{
		name:    "particles and hyphens",
		text:    "Syrian President Bashar al-Assad spoke to Ursula von der Leyen by phone. Assad later met von der Leyen's deputy in Geneva.",
		tags:    dictTagger{"Syrian": "MISC", "Bashar al-Assad": "PER", "Ursula von der Leyen": "PER", "Assad": "PER", "von der Leyen": "PER", "Geneva": "LOC"},
		persons: map[string]article.Gender{"Bashar al-Assad": article.Male, "Ursula von der Leyen": article.Female},
		named:   []string{"Assad→Bashar al-Assad", "von der Leyen→Ursula von der Leyen"},
	},
	{
		name:    "bracketed first name",
		text:    "US President [Barack] Obama spoke on Monday. Later, Obama flew home.",
		tags:    dictTagger{"US": "LOC", "Barack": "PER", "Obama": "PER"},
		persons: map[string]article.Gender{"Barack Obama": article.Male},
		named:   []string{"[Barack] Obama→Barack Obama", "Obama→Barack Obama"},
		places:  []string{"United States×1"},
	},
	{
		name: "organisation with a country adjective",
		text: "A statement from the Russian Foreign Ministry said the ministry would respond. Officials at the ministry declined to comment.",
		tags: dictTagger{"Russian": "MISC", "Foreign Ministry": "ORG"},
		orgs: []string{"Russian Foreign Ministry×1"},
		refs: []string{"the ministry→Russian Foreign Ministry", "the ministry→Russian Foreign Ministry"},
	},
	{
		name:    "possessives",
		text:    "Angela Merkel's coalition held. Merkel's critics said the chancellor's plan failed.",
		tags:    dictTagger{"Angela Merkel": "PER", "Merkel": "PER"},
		persons: map[string]article.Gender{"Angela Merkel": article.Female},
		named:   []string{"Merkel→Angela Merkel", "Angela Merkel→Angela Merkel"},
		absent:  []string{"Merkel's", "Angela Merkel's"},
	},
	{
		name:   "country aliases",
		text:   "The US and Britain signed the deal. Officials in the United States and the U.S. Congress praised it, and the UK agreed. America will pay.",
		tags:   dictTagger{"US": "LOC", "Britain": "LOC", "United States": "LOC", "U.S. Congress": "ORG", "UK": "LOC", "America": "LOC"},
		places: []string{"United States×3", "United Kingdom×2"},
		orgs:   []string{"U.S. Congress×1"},
	},
	{
		name: "acronym in brackets",
		text: "Fighters of the Free Syrian Army (FSA) withdrew. The FSA said it would return.",
		tags: dictTagger{"Free Syrian Army": "ORG", "FSA": "ORG"},
		orgs: []string{"Free Syrian Army×3"},
	},
	{
		name: "gender from pronouns, names and nothing",
		text: "Jordan Ellis runs the clinic. She opened it in 2010. Taylor Quinn, a nurse, joined later. Emily Carter and David Brooks are on the board. Zorvath Quelle also attended.",
		tags: dictTagger{"Jordan Ellis": "PER", "Taylor Quinn": "PER", "Emily Carter": "PER", "David Brooks": "PER", "Zorvath Quelle": "PER"},
		persons: map[string]article.Gender{
			"Jordan Ellis": article.Female, "Taylor Quinn": article.GenderUnknown,
			"Emily Carter": article.Female, "David Brooks": article.Male, "Zorvath Quelle": article.GenderUnknown,
		},
		refs: []string{"She→Jordan Ellis"},
	},
	{
		name:    "honorific beats the name table",
		text:    "Ms. Kelly Young and Mr. Jordan Ellis met. Mr. Ellis said he was happy.",
		tags:    dictTagger{"Kelly Young": "PER", "Jordan Ellis": "PER", "Ellis": "PER"},
		persons: map[string]article.Gender{"Kelly Young": article.Female, "Jordan Ellis": article.Male},
		named:   []string{"Ellis→Jordan Ellis"},
		refs:    []string{"he→Jordan Ellis"},
	},
	{
		name:    "pronouns follow gender",
		text:    "Emily Carter met David Brooks in Paris. She said the talks went well. He disagreed with her.",
		tags:    dictTagger{"Emily Carter": "PER", "David Brooks": "PER", "Paris": "LOC"},
		persons: map[string]article.Gender{"Emily Carter": article.Female, "David Brooks": article.Male},
		refs:    []string{"She→Emily Carter", "He→David Brooks", "her→Emily Carter"},
	},
	{
		name:    "subject of the previous sentence",
		text:    "Peter Hale told reporters about Mark Dunn. He said the plan was sound.",
		tags:    dictTagger{"Peter Hale": "PER", "Mark Dunn": "PER"},
		persons: map[string]article.Gender{"Peter Hale": article.Male, "Mark Dunn": article.Male},
		refs:    []string{"He→Peter Hale"},
	},
	{
		name:    "cataphora and quoted names",
		text:    "Speaking after his meeting with John Kerry, Russian President Vladimir Putin praised the talks. \"I spoke with Kerry as well,\" he said.",
		tags:    dictTagger{"John Kerry": "PER", "Kerry": "PER", "Russian": "MISC", "Vladimir Putin": "PER"},
		persons: map[string]article.Gender{"Vladimir Putin": article.Male, "John Kerry": article.Male},
		refs:    []string{"his→Vladimir Putin", "he→Vladimir Putin"},
	},
	{
		name:    "role nouns",
		text:    "US President Barack Obama called Russian President Vladimir Putin. Foreign Ministry spokeswoman Maria Zakharova confirmed the call. The Russian leader was calm, the spokeswoman said. The president did not comment.",
		tags:    dictTagger{"US": "LOC", "Barack Obama": "PER", "Russian": "MISC", "Vladimir Putin": "PER", "Foreign Ministry": "ORG", "Maria Zakharova": "PER"},
		persons: map[string]article.Gender{"Barack Obama": article.Male, "Vladimir Putin": article.Male, "Maria Zakharova": article.Female},
		refs:    []string{"The Russian leader→Vladimir Putin", "the spokeswoman→Maria Zakharova", "The president→Vladimir Putin"},
	},
	{
		name: "generic organisation noun",
		text: "Acme Widgets cut 200 jobs on Monday. The company blamed costs.",
		tags: dictTagger{"Acme Widgets": "ORG"},
		orgs: []string{"Acme Widgets×1"},
		refs: []string{"The company→Acme Widgets"},
	},
	{
		name:    "shared surname goes to the latest",
		text:    "George Hart and Laura Hart arrived. Laura Hart spoke first. Hart thanked the crowd. Later George Hart left. Hart waved.",
		tags:    dictTagger{"George Hart": "PER", "Laura Hart": "PER", "Hart": "PER"},
		persons: map[string]article.Gender{"George Hart": article.Male, "Laura Hart": article.Female},
		named:   []string{"Hart→Laura Hart", "Hart→George Hart"},
	},
	{
		name:    "first name alone",
		text:    "Maria Lopez opened the bakery in June. Maria bakes every morning.",
		tags:    dictTagger{"Maria Lopez": "PER", "Maria": "PER"},
		persons: map[string]article.Gender{"Maria Lopez": article.Female},
		named:   []string{"Maria→Maria Lopez"},
	},
	{
		name:    "lone word the article never introduces",
		text:    "Strikes hit Qorvath positions overnight. Officials said Qorvath lost ground.",
		tags:    dictTagger{"Qorvath": "PER"},
		persons: map[string]article.Gender{},
	},
	{
		name:    "first name tagged as a place",
		text:    "But when Jake Morrow left the cabin, police arrived. Morrow ran.",
		tags:    dictTagger{"Jake": "LOC", "Morrow": "PER"},
		persons: map[string]article.Gender{"Jake Morrow": article.Male},
		named:   []string{"Jake Morrow→Jake Morrow", "Morrow→Jake Morrow"},
	},
	{
		name:    "city before a title",
		text:    "Toronto Mayor John Tory spoke on Monday. The mayor said the budget was fine.",
		tags:    dictTagger{"Toronto Mayor John Tory": "PER"},
		persons: map[string]article.Gender{"John Tory": article.Male},
		refs:    []string{"The mayor→John Tory"},
	},
	{
		name:    "royal titles stay with a single name",
		text:    "Queen Elizabeth met Lady Gaga and Sir Elton John in London.",
		tags:    dictTagger{"Queen Elizabeth": "PER", "Lady Gaga": "PER", "Sir Elton John": "PER", "London": "LOC"},
		persons: map[string]article.Gender{"Queen Elizabeth": article.Female, "Lady Gaga": article.Female, "Elton John": article.Male},
	},
	{
		name:    "party before a title",
		text:    "Green Leader Andrew Weaver said he was pleased.",
		tags:    dictTagger{"Green": "PER", "Andrew Weaver": "PER"},
		persons: map[string]article.Gender{"Andrew Weaver": article.Male},
		refs:    []string{"he→Andrew Weaver"},
		absent:  []string{"Green"},
	},
	{
		name:    "surname the tagger missed",
		text:    "Dorie Greenspan wrote the book. Later Greenspan said she was proud.",
		tags:    dictTagger{"Dorie Greenspan": "PER"},
		persons: map[string]article.Gender{"Dorie Greenspan": article.Female},
		named:   []string{"Greenspan→Dorie Greenspan"},
		refs:    []string{"she→Dorie Greenspan"},
	},
	{
		name: "short organisation names",
		text: "Suncor Energy reported a loss. Suncor said the company would recover. The International Union of Operating Engineers objected, and the IUOE said so twice.",
		tags: dictTagger{"Suncor Energy": "ORG", "Suncor": "ORG", "International Union of Operating Engineers": "ORG", "IUOE": "ORG"},
		orgs: []string{"Suncor Energy×2", "International Union of Operating Engineers×2"},
		refs: []string{"the company→Suncor Energy"},
	},
	{
		name:    "quoted sentences do not count as distance",
		text:    "Mark Dunn spoke at length. \"We tried. We failed. We tried again. We will not stop. Never,\" he said.",
		tags:    dictTagger{"Mark Dunn": "PER"},
		persons: map[string]article.Gender{"Mark Dunn": article.Male},
		refs:    []string{"he→Mark Dunn"},
	},
	{
		name:    "a pronoun fixes an unknown gender",
		text:    "Jordan Vale and Robin Hale met. Jordan said she was tired. He left.",
		tags:    dictTagger{"Jordan Vale": "PER", "Robin Hale": "PER", "Jordan": "PER"},
		persons: map[string]article.Gender{"Jordan Vale": article.Female, "Robin Hale": article.Male},
		named:   []string{"Jordan→Jordan Vale"},
		refs:    []string{"she→Jordan Vale", "He→Robin Hale"},
	},
	{
		name:    "mistagged pronoun",
		text:    "He left early.",
		tags:    dictTagger{"He": "PER"},
		persons: map[string]article.Gender{},
	},
}

func TestResolve(t *testing.T) {
	r := testResolver(t)
	for _, tc := range resolveCases {
		t.Run(tc.name, func(t *testing.T) {
			a := newArticle(tc.text)
			if err := r.Resolve(a, tc.tags); err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			sum := summaryOf(a)
			if tc.persons != nil {
				got := map[string]article.Gender{}
				for _, e := range a.EntitySummary {
					if e.Type == article.Person {
						got[e.Name] = e.Gender
					}
				}
				if len(got) != len(tc.persons) {
					t.Errorf("persons %v, want %v", got, tc.persons)
				}
				for n, g := range tc.persons {
					if gg, ok := got[n]; !ok || gg != g {
						t.Errorf("person %q: got %q (present %v), want %q", n, gg, ok, g)
					}
				}
			}
			for _, pair := range tc.named {
				text, name, _ := strings.Cut(pair, "→")
				found := false
				for _, e := range a.Entities {
					if e.Text == text && e.Name == name {
						found = true
					}
				}
				if !found {
					t.Errorf("no mention %q named %q in %v", text, name, mentions(a))
				}
			}
			checkCounts := func(list []string, typ article.EntityType) {
				for _, s := range list {
					name, n, _ := strings.Cut(s, "×")
					e, ok := sum[name]
					if !ok || e.Type != typ || strconv.Itoa(e.Mentions) != n {
						t.Errorf("want %s %s, got %+v (summary %+v)", typ, s, e, a.EntitySummary)
					}
				}
			}
			checkCounts(tc.places, article.Place)
			checkCounts(tc.orgs, article.Organization)
			var refs []string
			for _, ref := range a.References {
				refs = append(refs, ref.Text+"→"+ref.Name)
			}
			if !slices.Equal(refs, tc.refs) {
				t.Errorf("references\n got %q\nwant %q", refs, tc.refs)
			}
			for _, x := range tc.absent {
				for _, e := range a.Entities {
					if e.Text == x {
						t.Errorf("unexpected mention %q", x)
					}
				}
			}
		})
	}
}

func mentions(a *article.Article) []string {
	var out []string
	for _, e := range a.Entities {
		out = append(out, e.Text+"→"+e.Name+"/"+string(e.Type))
	}
	return out
}

// checkInvariants checks what holds for every output: spans inside the
// text and matching it, sorted mentions, a summary that counts them.
func checkInvariants(t *testing.T, a *article.Article) {
	t.Helper()
	total := 0
	for _, e := range a.EntitySummary {
		total += e.Mentions
		if e.Name == "" {
			t.Errorf("summary entry without a name: %+v", e)
		}
	}
	if total != len(a.Entities) {
		t.Errorf("summary counts %d mentions, entities %d", total, len(a.Entities))
	}
	for i, e := range a.Entities {
		if e.Start < 0 || e.End > len(a.Text) || e.Start >= e.End || a.Text[e.Start:e.End] != e.Text {
			t.Errorf("bad entity span %+v", e)
		}
		if i > 0 && a.Entities[i-1].End > e.Start {
			t.Errorf("overlapping or unsorted entities %+v %+v", a.Entities[i-1], e)
		}
		if (e.Type == article.Person) != (e.Gender != "") {
			t.Errorf("gender set wrongly: %+v", e)
		}
	}
	for _, r := range a.References {
		if r.Start < 0 || r.End > len(a.Text) || r.Start >= r.End || a.Text[r.Start:r.End] != r.Text || r.Name == "" {
			t.Errorf("bad reference %+v", r)
		}
	}
}

// badTagger returns one tag too few.
type badTagger struct{}

func (badTagger) Tag(words []string) []string { return make([]string, len(words)-1) }

func TestResolveTagCount(t *testing.T) {
	a := newArticle("Jane Doe spoke.")
	err := testResolver(t).Resolve(a, badTagger{})
	if !errors.Is(err, ErrTagCount) {
		t.Fatalf("err = %v, want ErrTagCount", err)
	}
}

func TestResolveEmpty(t *testing.T) {
	a := &article.Article{}
	if err := testResolver(t).Resolve(a, dictTagger{}); err != nil {
		t.Fatal(err)
	}
	if len(a.Entities)+len(a.References)+len(a.EntitySummary) != 0 {
		t.Fatalf("entities from nothing: %+v", a)
	}
}
