package ner

// The IOB2 tag set, in the fixed order the model's weight rows use.
const (
	tagO = iota
	tagBPER
	tagIPER
	tagBORG
	tagIORG
	tagBLOC
	tagILOC
	tagBMISC
	tagIMISC
	numTags
)

// startTag is the "previous tag" of a sentence's first token.
const startTag = numTags

var tagNames = [numTags]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

func tagIndex(s string) (int, bool) {
	for i, n := range tagNames {
		if n == s {
			return i, true
		}
	}
	return 0, false
}

// tagType returns the entity type index (0..3) of t, or -1 for O.
func tagType(t int) int {
	if t == tagO {
		return -1
	}
	return (t - 1) / 2
}

func isBegin(t int) bool { return t != tagO && (t-1)%2 == 0 }

// allowed reports whether tag t may follow tag prev in IOB2: an I- tag only
// continues a chunk of its own type.
func allowed(prev, t int) bool {
	if t == tagO || isBegin(t) {
		return true
	}
	return prev != startTag && prev != tagO && tagType(prev) == tagType(t)
}
