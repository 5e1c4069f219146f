package evaluate

import (
	"strings"
	"unicode"
)

// ShingleCounts is one document's shingle comparison: true positives, false
// positives and false negatives, counted over the multiset of 4-token
// shingles as the Scrapinghub article-extraction benchmark does.
type ShingleCounts struct {
	TP, FP, FN int
	// Exact is true when the token sequences are equal.
	Exact bool
}

// ExtractionScore is the benchmark's macro-averaged score over documents.
type ExtractionScore struct {
	Precision, Recall, F1, Accuracy float64
	Docs                            int
}

// wordTokens splits s into the runs of characters Python's \w matches:
// letters, numbers and the underscore. Soft hyphens are removed first, as
// the benchmark does for the Go extractors.
func wordTokens(s string) []string {
	s = strings.ReplaceAll(s, "\u00ad", "")
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

func shingles(tokens []string) map[string]int {
	m := make(map[string]int)
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < 4 {
		m[strings.Join(tokens, "\x00")]++
		return m
	}
	for i := 0; i+4 <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+4], "\x00")]++
	}
	return m
}

// CompareShingles compares a predicted main text with the true one.
func CompareShingles(truth, pred string) ShingleCounts {
	tt, pt := wordTokens(truth), wordTokens(pred)
	ts, ps := shingles(tt), shingles(pt)
	var c ShingleCounts
	for k, n := range ts {
		m := ps[k]
		c.TP += min(n, m)
		if n > m {
			c.FN += n - m
		}
	}
	for k, m := range ps {
		if n := ts[k]; m > n {
			c.FP += m - n
		}
	}
	c.Exact = strings.Join(tt, " ") == strings.Join(pt, " ")
	return c
}

// ScoreExtraction macro-averages per-document counts the way the benchmark
// does: each document's counts are normalised by their sum so every
// document weighs the same, precision and recall are averaged over the
// documents where they are defined, and F1 is computed from the averages.
func ScoreExtraction(docs []ShingleCounts) ExtractionScore {
	var pSum, rSum float64
	var pN, rN, exact int
	for _, d := range docs {
		if d.Exact {
			exact++
		}
		if d.FP == 0 && d.FN == 0 {
			pSum, rSum = pSum+1, rSum+1
			pN, rN = pN+1, rN+1
			continue
		}
		if d.TP+d.FP > 0 {
			pSum += float64(d.TP) / float64(d.TP+d.FP)
			pN++
		}
		if d.TP+d.FN > 0 {
			rSum += float64(d.TP) / float64(d.TP+d.FN)
			rN++
		}
	}
	s := ExtractionScore{Docs: len(docs)}
	if pN > 0 {
		s.Precision = pSum / float64(pN)
	}
	if rN > 0 {
		s.Recall = rSum / float64(rN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(docs) > 0 {
		s.Accuracy = float64(exact) / float64(len(docs))
	}
	return s
}
