package evaluate

import (
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// gumDoc is a GUM-shaped CoNLL-U document written for this test: two
// paragraphs, a two-token name, a nested mention, a pronoun and a
// description of the same person, and a place.
const gumDoc = `# newdoc id = GUM_news_test
# meta::genre = news
# newpar
# sent_id = t-1
1	Mara	Mara	PROPN	NNP	_	3	nsubj	_	Entity=(1-person-new-_-_-2-coref-Mara_Holt
2	Holt	Holt	PROPN	NNP	_	1	flat	_	Entity=1)
3	left	leave	VERB	VBD	_	0	root	_	_
4	Ravel	Ravel	PROPN	NNP	_	3	obj	_	Entity=(2-place-new-_-_-1-sgl)|SpaceAfter=No
5	.	.	PUNCT	.	_	3	punct	_	_
# newpar
# sent_id = t-2
1	She	she	PRON	PRP	_	2	nsubj	_	Entity=(1-person-giv-_-_-1-coref)
2	met	meet	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	Entity=(1-person-giv-_-_-2-coref
4	mayor	mayor	NOUN	NN	_	2	obj	_	Entity=1)|SpaceAfter=No
5	.	.	PUNCT	.	_	2	punct	_	_
`

func TestReadGUMCoref(t *testing.T) {
	d, err := ReadGUMCoref(strings.NewReader(gumDoc))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "GUM_news_test" || d.Genre != "news" {
		t.Errorf("id %q genre %q", d.ID, d.Genre)
	}
	if want := "Mara Holt left Ravel.\n\nShe met the mayor."; d.Text != want {
		t.Fatalf("text %q, want %q", d.Text, want)
	}
	var got []string
	for _, m := range d.Mentions {
		got = append(got, d.Text[m.Start:m.End]+"/"+m.Chain+"/"+m.EType)
	}
	want := "Mara Holt/1/person Ravel/2/place She/1/person the mayor/1/person"
	if strings.Join(got, " ") != want {
		t.Errorf("mentions %q, want %q", strings.Join(got, " "), want)
	}
	if !d.Mentions[0].Named || d.Mentions[2].Named || d.Mentions[3].Named {
		t.Errorf("named flags %+v", d.Mentions)
	}
	if _, err := ReadGUMCoref(strings.NewReader(strings.Replace(gumDoc, "Entity=1)|SpaceAfter=No", "Entity=7)|SpaceAfter=No", 1))); !errors.Is(err, ErrCorefFormat) {
		t.Errorf("unpaired bracket: err %v, want ErrCorefFormat", err)
	}
}

func TestCorefCounts(t *testing.T) {
	d, err := ReadGUMCoref(strings.NewReader(gumDoc))
	if err != nil {
		t.Fatal(err)
	}
	span := func(s string, name string) (article.Span, string) {
		i := strings.Index(d.Text, s)
		return article.NewSpan(d.Text, i, i+len(s)), name
	}
	sp, n := span("Mara Holt", "Mara Holt")
	ents := []article.Entity{{Span: sp, Name: n, Type: article.Person}}
	she, _ := span("She", "")
	mayor, _ := span("the mayor", "")
	c := NewCorefCounts()
	misses := c.AddDoc(d, []article.Reference{{Span: she, Name: "Mara Holt"}, {Span: mayor, Name: "Ravel"}}, ents)
	p, desc := c.ByClass[CorefPronoun], c.ByClass[CorefDescription]
	if p == nil || p.Predicted != 1 || p.RightPredicted != 1 || p.Gold != 1 || p.RightGold != 1 {
		t.Errorf("pronoun %+v, want 1/1 and 1/1", p)
	}
	if desc == nil || desc.Predicted != 1 || desc.RightPredicted != 0 || desc.Gold != 1 || desc.RightGold != 0 {
		t.Errorf("description %+v, want 0/1 and 0/1", desc)
	}
	if len(misses) != 1 || misses[0].Predicted != "Ravel" {
		t.Errorf("misses %v, want the mayor → Ravel", misses)
	}
	// without the reference the description is a miss, not a wrong link
	c = NewCorefCounts()
	misses = c.AddDoc(d, nil, ents)
	if len(misses) != 2 || misses[0].Predicted != "" || c.ByClass[CorefPronoun].Gold != 1 {
		t.Errorf("misses %v counts %+v", misses, c.ByClass)
	}
}

// FuzzReadGUMCoref: any input gives mentions inside the text, or an error.
func FuzzReadGUMCoref(f *testing.F) {
	f.Add(gumDoc)
	f.Add("1\ta\ta\tX\tX\t_\t0\troot\t_\tEntity=(1-person(2-place)1)\n")
	f.Add("1\ta\ta\tX\tX\t_\t0\troot\t_\tEntity=((((\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadGUMCoref(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, m := range d.Mentions {
			if m.Start < 0 || m.End < m.Start || m.End > len(d.Text) {
				t.Fatalf("mention %+v outside text of %d bytes", m, len(d.Text))
			}
		}
	})
}
