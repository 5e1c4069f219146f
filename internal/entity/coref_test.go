package entity

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// entityAt returns the entity whose text is the n-th (0-based) occurrence
// of text, or nil.
func entityAt(a *article.Article, text string, n int) *article.Entity {
	off := -1
	for k := 0; k <= n; k++ {
		i := strings.Index(a.Text[off+1:], text)
		if i < 0 {
			return nil
		}
		off += 1 + i
	}
	for i := range a.Entities {
		if a.Entities[i].Start == off {
			return &a.Entities[i]
		}
	}
	return nil
}

// The rules below took over what the quote stage once did on its own
// (capitalised names and a pronoun recency rule); each case is one rule.

func TestSurnameGoesToLastFullName(t *testing.T) {
	text := "Dorie Halvorsen writes cookbooks. She visited with her husband Michael Halvorsen.\n\n" +
		"In college, Dorie Halvorsen met her husband Michael.\n\n" +
		"Halvorsen said the recipes were simple."
	a := newArticle(text)
	tags := dictTagger{"Dorie Halvorsen": "PER", "Michael Halvorsen": "PER", "Michael": "PER", "Halvorsen": "PER"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if e := entityAt(a, "Halvorsen said", 0); e == nil || e.Name != "Dorie Halvorsen" {
		t.Errorf("Halvorsen → %+v, want Dorie Halvorsen", e)
	}
}

func TestNameAfterOrganisationNoun(t *testing.T) {
	text := "Spending will fall, according to media buying company Quorvex. Prices rose, the company wrote."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if e := entityAt(a, "Quorvex", 0); e == nil || e.Type != article.Organization {
		t.Errorf("Quorvex → %+v, want an organisation", e)
	}
	if got := refName(a, "the company", 0); got != "Quorvex" {
		t.Errorf("the company → %q, want Quorvex (refs %+v)", got, a.References)
	}
}

func TestTitledNameTaggedAsOrganisation(t *testing.T) {
	text := "Councillor Ines Abernathy was blunt. Abernathy said the council failed."
	a := newArticle(text)
	tags := dictTagger{"Councillor Ines Abernathy": "ORG", "Abernathy": "PER"}
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if e := entityAt(a, "Ines Abernathy", 0); e == nil || e.Type != article.Person || e.Name != "Ines Abernathy" {
		t.Errorf("Ines Abernathy → %+v, want the person Ines Abernathy", e)
	}
	if e := entityAt(a, "Abernathy said", 0); e == nil || e.Name != "Ines Abernathy" {
		t.Errorf("Abernathy → %+v, want Ines Abernathy", e)
	}
}

func TestDistantSubjectPronoun(t *testing.T) {
	text := "Nadia Jamil, who runs the drop-in centre, has seen demand double.\n\n" +
		"The city will add beds. The tents open in May. Funding comes from the province. " +
		"Landlords often refuse tenants on assistance. Many users have no credit history.\n\n" +
		"“We need more room,” she added."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Nadia Jamil": "PER"}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "she", 0); got != "Nadia Jamil" {
		t.Errorf("she → %q, want Nadia Jamil (refs %+v)", got, a.References)
	}
	// an object or a name in parentheses is no such subject
	text = "The report thanked Nadia Jamil.\n\nThe city will add beds. The tents open in May. " +
		"Funding comes from the province. Landlords often refuse tenants.\n\n“We need more room,” she added."
	a = newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Nadia Jamil": "PER"}); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "she", 0); got != "" {
		t.Errorf("she → %q, want no reference", got)
	}
}

func TestPersonShapedOrganisationIsPronounAntecedent(t *testing.T) {
	text := "Ottoline Brask has run the shelter for a decade.\n\n“Every winter is worse,” she said."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Ottoline Brask": "ORG"}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "she", 0); got != "Ottoline Brask" {
		t.Errorf("she → %q, want Ottoline Brask (refs %+v)", got, a.References)
	}
	if e := entityAt(a, "Ottoline Brask", 0); e == nil || e.Type != article.Person {
		t.Errorf("Ottoline Brask → %+v, want a person", e)
	}
	// not when the name holds an organisation word
	a = newArticle(strings.Replace(text, "Ottoline Brask", "Brask Foundation", 1))
	if err := testResolver(t).Resolve(a, dictTagger{"Brask Foundation": "ORG"}); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "she", 0); got != "" {
		t.Errorf("she → %q, want no reference", got)
	}
}
