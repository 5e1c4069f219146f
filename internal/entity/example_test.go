package entity

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func ExampleResolver_Resolve() {
	text := "Foreign Minister Anna Berg arrived in Oslo on Monday. Berg said she expected progress. The minister left on Tuesday."
	a := &article.Article{Text: text}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)

	// Any Tagger works; internal/ner's is the real one. This one tags a
	// fixed list of names.
	tagger := dictTagger{"Anna Berg": "PER", "Oslo": "LOC", "Berg": "PER"}

	r, err := NewResolver(Options{})
	if err != nil {
		panic(err)
	}
	if err := r.Resolve(a, tagger); err != nil {
		panic(err)
	}
	for _, e := range a.EntitySummary {
		fmt.Println(e.Name, e.Type, e.Gender, e.Mentions)
	}
	for _, ref := range a.References {
		fmt.Printf("%q → %s\n", ref.Text, ref.Name)
	}
	// Output:
	// Anna Berg PERSON female 2
	// Oslo PLACE  1
	// "she" → Anna Berg
	// "The minister" → Anna Berg
}
