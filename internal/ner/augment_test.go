package ner

import (
	"slices"
	"strings"
	"testing"
)

func TestJoinParticles(t *testing.T) {
	tests := []struct{ words, tags, want string }{
		{"Ursula von der Leyen visited", "B-PER O O B-PER O", "B-PER I-PER I-PER I-PER O"},
		{"Vincent van Gogh painted", "B-PER O B-PER O", "B-PER I-PER I-PER O"},
		{"Smith de Paris", "B-PER O B-LOC", "B-PER O B-LOC"},              // not a person after the particle
		{"Real de la x Madrid", "B-ORG O O O B-LOC", "B-ORG O O O B-LOC"}, // not after a person
		{"Anna van de la Rosa", "B-PER O O O B-PER", "B-PER O O O B-PER"}, // three particles: left alone
	}
	for _, tc := range tests {
		checkRetag(t, tc.words, tc.tags, tc.want, joinParticles)
	}
}

// checkRetag runs fix over the tags (IOB names, space-separated) of words
// and compares the result with want.
func checkRetag(t *testing.T, words, tags, want string, fix func([]token, []int)) {
	t.Helper()
	s := prepareSentence(strings.Fields(words))
	var ids []int
	for _, n := range strings.Fields(tags) {
		id, _ := tagIndex(n)
		ids = append(ids, id)
	}
	fix(s.toks, ids)
	var got []string
	for _, id := range ids {
		got = append(got, tagNames[id])
	}
	if g := strings.Join(got, " "); g != want {
		t.Errorf("%s: got %s, want %s", words, g, want)
	}
}

func TestEvenDocumentsAndCopies(t *testing.T) {
	docs := []TrainDoc{
		{Sents: [][]string{{"Tampa", "Bay", "is", "nice"}}, Allowed: [][]uint16{oneHot("B-LOC", "I-LOC", "O", "O")}},
		{Sents: [][]string{{"odd"}}, Allowed: [][]uint16{oneHot("O")}},
		{Sents: [][]string{{"I", "like", "Argentinian", "food"}}, Allowed: [][]uint16{oneHot("O", "O", "O", "O")}},
	}
	even, odd := EvenDocuments(docs)
	if len(even) != 2 || len(odd) != 1 || odd[0].Sents[0][0] != "odd" {
		t.Fatalf("split %d/%d", len(even), len(odd))
	}
	OpenMISC(even)
	al := even[1].Allowed[0]
	if al[2] != 1<<tagO|1<<tagBMISC|1<<tagIMISC || al[3] != 1<<tagO {
		t.Errorf("OpenMISC: allowed %v", al)
	}
	if al[0] != 1<<tagO {
		t.Errorf("OpenMISC opened the pronoun I: %v", al)
	}
	lc := LowerCaseCopies(even, 2, 0.5)
	if len(lc) != 1 || !slices.Equal(lc[0].Sents[0], []string{"tampa", "bay", "is", "nice"}) || lc[0].Weight != 0.5 {
		t.Errorf("LowerCaseCopies = %+v", lc)
	}
	if even[0].Sents[0][0] != "Tampa" {
		t.Error("LowerCaseCopies changed the original")
	}
}

func TestLearnSurnames(t *testing.T) {
	fn := map[string]uint8{"angela": 2, "john": 3}
	texts := [][]string{
		strings.Fields("Chancellor Angela Merkel said ."),
		strings.Fields("We met Angela Merkel today ."),
		strings.Fields("Then Merkel left ."),
		strings.Fields("John Smith and John Smith met John Lewis Partnership staff ."),
		strings.Fields("Smith says Smith Smith Smith Smith Smith Smith Smith Smith Smith Smith ."),
	}
	got := LearnSurnames(texts, fn)
	if !got["merkel"] {
		t.Error("merkel not learnt")
	}
	if got["smith"] {
		t.Error("smith learnt although mostly not after a first name")
	}
	if got["lewis"] || got["angela"] {
		t.Errorf("got %v", got)
	}
}

func TestTrimLowerEnds(t *testing.T) {
	tests := []struct{ words, tags, want string }{
		{`" Enough , " Sinclair states .`, "O O O O B-PER I-PER O", "O O O O B-PER O O"},
		{"Ursula von der Leyen spoke", "B-PER I-PER I-PER I-PER O", "B-PER I-PER I-PER I-PER O"}, // particles inside stay
		{"Anna Smith said so", "B-PER I-PER I-PER I-PER", "B-PER I-PER O O"},
		{"Gulf of Mexico waters", "B-LOC I-LOC I-LOC I-LOC", "B-LOC I-LOC I-LOC I-LOC"}, // only persons
		{"smith", "B-PER", "B-PER"}, // a one-word name is the tagger's call
	}
	for _, tc := range tests {
		checkRetag(t, tc.words, tc.tags, tc.want, trimLowerEnds)
	}
}

func TestCased(t *testing.T) {
	d := prepareDocument([][]string{strings.Fields("The mayor spoke ."), strings.Fields("He left .")}, nil, nil, nil)
	if !d.cased() {
		t.Error("edited prose not cased")
	}
	d = prepareDocument([][]string{strings.Fields("the mayor spoke ."), strings.Fields("he left .")}, nil, nil, nil)
	if d.cased() {
		t.Error("lower-case text taken as cased")
	}
}
