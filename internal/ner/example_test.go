package ner_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/ner"
)

func ExampleTagger_Tag() {
	t, err := ner.Load()
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Tag([]string{"Angela", "Merkel", "visited", "Paris", "."}))
	// Output: [B-PER I-PER O B-LOC O]
}
