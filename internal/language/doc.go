// Package language detects the language of an article's text with the
// trigram profiles of github.com/RadhiFadlillah/whatlanggo (the detector
// go-trafilatura already uses, so it adds nothing to the binary).
//
// The detector chooses among the languages most news is published in
// (NewsLanguages) and looks at a sample of the text (its first SampleBytes
// bytes, cut at a word boundary): a few dozen words of an article are plenty
// for a whole-article verdict. Languages outside the list are reported as
// "" (unknown) or as their closest listed neighbour.
//
// It replaced lingua-go, whose 124 MB of models were embedded whatever
// languages were asked for; on the article texts of every shared page it
// agrees with lingua's verdicts on 99.7% of them (see the commit that made
// the change).
//
// It is not meant for per-sentence or mixed-language detection.
package language
