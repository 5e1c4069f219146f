package ner

import "strings"

// EvenDocuments returns the documents at even positions (0, 2, 4 …) and
// those at odd positions. Training on one half of a development file and
// checking on the other, split by whole documents, keeps the check honest
// while every genre of the file (grouped in order, as in UNER English-EWT)
// is in both halves.
func EvenDocuments(docs []TrainDoc) (even, odd []TrainDoc) {
	for i, d := range docs {
		if i%2 == 0 {
			even = append(even, d)
		} else {
			odd = append(odd, d)
		}
	}
	return even, odd
}

// OpenMISC marks the capitalised outside tokens (but the pronoun "I") of documents from a corpus
// annotated with PER, ORG and LOC only (UNER) as possibly MISC, so that
// training does not teach the tagger that "Argentinian" or "iPhone" is
// outside every name. Documents are changed in place.
func OpenMISC(docs []TrainDoc) {
	for _, d := range docs {
		for si, s := range d.Sents {
			al := d.Allowed[si]
			for i, w := range s {
				if al[i] == 1<<tagO && isCapitalized(w) && w != "I" {
					al[i] = 1<<tagO | 1<<tagBMISC | 1<<tagIMISC
				}
			}
		}
	}
}

// LowerCaseCopies returns a lower-cased copy of every n-th document of docs
// (the first, the n+1-th …) with the given update weight: web text (social
// posts, comments, captions) often writes names in lower case, and copies
// teach the tagger to find names by their words and contexts, not by
// capitals alone. Tags are kept.
func LowerCaseCopies(docs []TrainDoc, n int, weight float32) []TrainDoc {
	if n <= 0 {
		return nil
	}
	var out []TrainDoc
	for i := 0; i < len(docs); i += n {
		d := docs[i]
		c := TrainDoc{Allowed: d.Allowed, Weight: weight, Sents: make([][]string, len(d.Sents))}
		for si, s := range d.Sents {
			ls := make([]string, len(s))
			for k, w := range s {
				ls[k] = strings.ToLower(w)
			}
			c.Sents[si] = ls
		}
		out = append(out, c)
	}
	return out
}
