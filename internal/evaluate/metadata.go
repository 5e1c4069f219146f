package evaluate

import (
	"hash/fnv"
	"strings"
)

// This file scores extraction on trafilatura's evaluation set: main text by
// its snippets (each "with" snippet found in the extracted text is a true
// positive, else a false negative; each "without" snippet found is a false
// positive; pooled over pages), and title, author and date by exact match
// after folding white space and case (dates on their first ten
// characters, YYYY-MM-DD).

// Fold folds white space runs to one space, trims, and lower-cases s.
func Fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// SnippetCounts are the snippet matches of one or more pages.
type SnippetCounts struct{ TP, FP, FN int }

// Add adds o to c.
func (c *SnippetCounts) Add(o SnippetCounts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// PRF returns the pooled precision, recall and F1.
func (c SnippetCounts) PRF() (p, r, f float64) {
	if c.TP+c.FP > 0 {
		p = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// CompareSnippets matches a page's snippets against the extracted text,
// white space folded on both sides (case kept).
func CompareSnippets(text string, with, without []string) SnippetCounts {
	t := strings.Join(strings.Fields(text), " ")
	var c SnippetCounts
	for _, s := range with {
		if s = strings.Join(strings.Fields(s), " "); s == "" {
			continue
		}
		if strings.Contains(t, s) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, s := range without {
		if s = strings.Join(strings.Fields(s), " "); s != "" && strings.Contains(t, s) {
			c.FP++
		}
	}
	return c
}

// FieldMatch reports whether a predicted field equals the truth after
// folding; dates compare on their first ten characters.
func FieldMatch(field, got, want string) bool {
	if field == "date" {
		got, want = strings.TrimSpace(got), strings.TrimSpace(want)
		if len(got) > 10 {
			got = got[:10]
		}
		if len(want) > 10 {
			want = want[:10]
		}
		return got == want
	}
	return Fold(got) == Fold(want)
}

// Fold2 is the fold (0 or 1) of a page named name: a deterministic split
// by the FNV-1a hash of the name, so development can keep one fold unseen.
func Fold2(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % 2)
}
