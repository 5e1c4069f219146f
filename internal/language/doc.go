// Package language detects the language of an article's text with
// github.com/pemistahl/lingua-go.
//
// The detector runs lingua in its low-accuracy mode (trigram models only),
// restricted to the languages most news is published in, and looks at a
// sample of the text (its first SampleBytes bytes, cut at a word boundary):
// a few dozen words of an article are plenty for a whole-article verdict,
// and lingua's cost grows faster than the sample (its confidence values are
// computed with arbitrary-precision exponents), so a short sample keeps
// detection to about half a millisecond per article and the models to tens
// of megabytes. Languages outside the list are reported as "" (unknown)
// or as their closest listed neighbour.
//
// It is not meant for per-sentence or mixed-language detection.
package language
