package entity

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// pronounDocs are short texts written for this test with their gold
// chains: who each pronoun refers to.
func pronounDocs(t *testing.T) []*TrainDoc {
	t.Helper()
	texts := []struct{ text string }{
		{"Ada Brightwater met Lena Okafor in Lyon. Her speech was short. She thanked Okafor."},
		{"Tomas Ruiz hired Jon Pell in May. His first job was the audit. He finished it in June."},
	}
	var docs []*TrainDoc
	for _, tx := range texts {
		a := newArticle(tx.text)
		td := &TrainDoc{Article: a}
		first := strings.Fields(tx.text)[0] + " " + strings.Fields(tx.text)[1]
		add := func(sub, chain string, from int) int {
			i := strings.Index(tx.text[from:], sub) + from
			td.Gold = append(td.Gold, GoldMention{Start: i, End: i + len(sub), Chain: chain})
			return i + len(sub)
		}
		add(first, "1", 0)
		for _, p := range []string{"Her", "She", "His", "He"} {
			if i := strings.Index(tx.text, p+" "); i >= 0 {
				add(p, "1", i)
			}
		}
		docs = append(docs, td)
	}
	return docs
}

func TestTrainPronouns(t *testing.T) {
	r := testResolver(t)
	tags := dictTagger{"Ada Brightwater": "PER", "Lena Okafor": "PER", "Okafor": "PER", "Tomas Ruiz": "PER", "Jon Pell": "PER", "Lyon": "LOC"}
	m, st, err := r.TrainPronouns(pronounDocs(t), tags, PronounTrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Instances == 0 || st.ModelRight < st.RulesRight || st.Features == 0 {
		t.Errorf("stats %+v", st)
	}
	var a, b bytes.Buffer
	if err := m.Save(&a, 0); err != nil {
		t.Fatal(err)
	}
	m2, _, _ := r.TrainPronouns(pronounDocs(t), tags, PronounTrainOptions{})
	if err := m2.Save(&b, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("training is not deterministic")
	}
	read, err := ReadPronounModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := read.Save(&b, 0); !errors.Is(err, ErrPronounModel) {
		t.Errorf("saving a loaded model: %v, want ErrPronounModel", err)
	}
	// the model in use: every reference still names a person of the text
	ro, err := NewResolver(Options{Pronouns: read})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range pronounDocs(t) {
		if err := ro.Resolve(d.Article, tags); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d.Article)
		if len(d.Article.References) == 0 {
			t.Errorf("%q: no reference", d.Article.Text)
		}
	}
	if _, _, err := r.TrainPronouns(nil, tags, PronounTrainOptions{}); !errors.Is(err, ErrNoPronounData) {
		t.Errorf("no documents: %v, want ErrNoPronounData", err)
	}
}

func TestReadPronounModelRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "not gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00"} {
		if _, err := ReadPronounModel(strings.NewReader(in)); !errors.Is(err, ErrPronounModel) {
			t.Errorf("%q: %v, want ErrPronounModel", in, err)
		}
	}
}

// TestEmbeddedPronounModelKeepsSpeakers: the embedded model loads, and a
// pronoun that speaks keeps the rules' antecedent (the last speaker).
func TestEmbeddedPronounModelKeepsSpeakers(t *testing.T) {
	m, err := LoadPronounModel()
	if err != nil {
		t.Fatal(err)
	}
	text := "“We are full every night,” Nadine Vollmer says.\n\nThe shelter, which Corinne Abt's group funds, opened in 2015.\n\n“We need more space,” she added."
	tags := dictTagger{"Nadine Vollmer": "PER", "Corinne Abt": "PER"}
	r, err := NewResolver(Options{Pronouns: m})
	if err != nil {
		t.Fatal(err)
	}
	a := newArticle(text)
	if err := r.Resolve(a, tags); err != nil {
		t.Fatal(err)
	}
	if got := refName(a, "she", 0); got != "Nadine Vollmer" {
		t.Errorf("she → %q, want Nadine Vollmer", got)
	}
}
