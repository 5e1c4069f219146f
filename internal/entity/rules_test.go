package entity

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// refName returns the name the n-th (0-based) occurrence of the pronoun
// word was linked to, or "".
func refName(a *article.Article, word string, n int) string {
	for _, r := range a.References {
		if r.Text == word {
			if n == 0 {
				return r.Name
			}
			n--
		}
	}
	return ""
}

func TestPhotoCreditIsNoAntecedent(t *testing.T) {
	text := "Marisol Quintana runs the shelter on Dundas Street. She opened it in 2009.\n\n" +
		"The shelter has 40 beds. (Yannick Drouin / Lakeside Daily)\n\n" +
		"She said the waiting list keeps growing."
	a := newArticle(text)
	tags := dictTagger{"Marisol Quintana": "PER", "Yannick Drouin": "PER", "Lakeside Daily": "ORG", "Dundas Street": "LOC"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "She", 1); got != "Marisol Quintana" {
		t.Errorf("second She → %q, want Marisol Quintana (refs %+v)", got, a.References)
	}
}

func TestObjectOfVerbIsNoSubject(t *testing.T) {
	text := "Dorian Pell has slept in the park since June. Asked what he would tell Mayor Anton Reyes, he said nothing."
	a := newArticle(text)
	tags := dictTagger{"Dorian Pell": "PER", "Anton Reyes": "PER"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "he", 1); got != "Dorian Pell" {
		t.Errorf("second he → %q, want Dorian Pell (refs %+v)", got, a.References)
	}
}

func TestDayNameIsNotPartOfName(t *testing.T) {
	text := "On Wednesday Brantel Mining reported a loss. Brantel said prices were weak."
	a := newArticle(text)
	// the tagger takes the day into the name, as statistical taggers do
	tags := dictTagger{"Wednesday Brantel Mining": "ORG", "Brantel": "ORG"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Entities {
		if e.Name == "Wednesday Brantel Mining" || e.Text == "Wednesday Brantel Mining" {
			t.Errorf("day name kept in %+v", e)
		}
	}
}

func TestLoneWordOfOrganisationIsOrganisation(t *testing.T) {
	text := "Corvane Energy posted a profit. Later, Corvane said output rose."
	a := newArticle(text)
	tags := dictTagger{"Corvane Energy": "ORG", "Corvane": "PER"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	for _, e := range a.Entities {
		if e.Text == "Corvane" && e.Type != article.Organization {
			t.Errorf("Corvane typed %s, want ORG (%+v)", e.Type, e)
		}
	}
}
