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

// The cases below are the speaker rules internal/quote once kept beside
// these references (issue 9: coreference in one place).

func TestObjectOfIntroductoryClause(t *testing.T) {
	text := "Dale Ostrander has a tent by the river. Asked what he would tell Halden Mayor Rosa Quill, he said: “Just listen.”"
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Dale Ostrander": "PER", "Rosa Quill": "PER"}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "he", 1); got != "Dale Ostrander" {
		t.Errorf("he → %q, want Dale Ostrander (refs %+v)", got, a.References)
	}
}

func TestAgeAndPartyDescriptions(t *testing.T) {
	for _, tc := range []struct{ text, desc, want string }{
		{"Marius Lindgren scored twice on Saturday. The 24-year-old right wing said his knee had healed.", "The 24-year-old right wing", "Marius Lindgren"},
		{"Senator Ada Brightwater voted against the bill. The Kentucky Republican said it spent too much.", "The Kentucky Republican", "Ada Brightwater"},
	} {
		a := newArticle(tc.text)
		if err := testResolver(t).Resolve(a, dictTagger{"Marius Lindgren": "PER", "Ada Brightwater": "PER", "Kentucky": "LOC"}); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, a)
		var got *article.Reference
		for i := range a.References {
			if a.References[i].Text == tc.desc {
				got = &a.References[i]
			}
		}
		if got == nil || got.Name != tc.want {
			t.Errorf("%q → %+v, want %s (refs %+v)", tc.desc, got, tc.want, a.References)
		}
	}
	// lower case, "independent" is an adjective, not a party
	a := newArticle("Ada Brightwater spoke first. The independent review said costs rose.")
	if err := testResolver(t).Resolve(a, dictTagger{"Ada Brightwater": "PER"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range a.References {
		if strings.HasPrefix(r.Text, "The independent") {
			t.Errorf("reference %+v, want none on the independent review", r)
		}
	}
}

func TestItSaysIsTheOrganisation(t *testing.T) {
	text := "Export Credit Norden declined to comment. In a statement, it said the policies were confidential."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Export Credit Norden": "ORG"}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "it", 0); got != "Export Credit Norden" {
		t.Errorf("it → %q, want Export Credit Norden (refs %+v)", got, a.References)
	}
	// "it" that is no speaker stays unresolved
	a = newArticle("Export Credit Norden declined to comment. It is unclear when the policies end.")
	if err := testResolver(t).Resolve(a, dictTagger{"Export Credit Norden": "ORG"}); err != nil {
		t.Fatal(err)
	}
	if len(a.References) != 0 {
		t.Errorf("refs %+v, want none", a.References)
	}
}

func TestOrganisationNounWithModifiers(t *testing.T) {
	text := "The figures came from the Kestrel News Agency on Monday. The cases rose, the state news agency said."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Kestrel News Agency": "ORG"}); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "the state news agency", 0); got != "Kestrel News Agency" {
		t.Errorf("the state news agency → %q, want Kestrel News Agency (refs %+v)", got, a.References)
	}
	// a plain modifier before a person's role is not read as a description
	a = newArticle("Mayor Ines Abernathy spoke. The new tax minister said costs rose.")
	if err := testResolver(t).Resolve(a, dictTagger{"Ines Abernathy": "PER"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range a.References {
		if strings.HasPrefix(r.Text, "The new tax") {
			t.Errorf("reference %+v, want none", r)
		}
	}
}

func TestItSaysNeedsASubjectOrganisation(t *testing.T) {
	text := "Fans wrote to the organisers of the Harbour Awards. In a statement, it said the show would go on."
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, dictTagger{"Harbour Awards": "ORG"}); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "it", 0); got != "" {
		t.Errorf("it → %q, want no reference: the awards were never a subject", got)
	}
}

func TestSpeakingPronounIsTheLastSpeaker(t *testing.T) {
	text := "“We are full every night,” Nadine Vollmer says.\n\nThe shelter, which Corinne Abt's group funds, opened in 2015.\n\n“We need more space,” she added."
	tags := dictTagger{"Nadine Vollmer": "PER", "Corinne Abt": "PER"}
	a := newArticle(text)
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a)
	if got := refName(a, "she", 0); got != "Nadine Vollmer" {
		t.Errorf("she → %q, want Nadine Vollmer (refs %+v)", got, a.References)
	}
	// a new subject in between takes over
	a = newArticle(strings.Replace(text, "The shelter, which Corinne Abt's group funds, opened in 2015.", "Corinne Abt opened the shelter in 2015.", 1))
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "she", 0); got != "Corinne Abt" {
		t.Errorf("she → %q, want Corinne Abt (refs %+v)", got, a.References)
	}
	// "said Smith would …" is no speech of Smith's
	a = newArticle("“We are full,” Nadine Vollmer says. Staff said Corinne Abt would visit.\n\n“We need more space,” she added.")
	if err := testResolver(t).Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "she", 0); got == "" {
		t.Errorf("she unresolved (refs %+v)", a.References)
	}
}
