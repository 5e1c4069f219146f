// Package corpusgen generates synthetic news corpora for measuring ingest:
// throughput, memory, and near-duplicate clustering against copies planted
// in known places.
//
// The text is made up: words are built from syllables by a seeded random
// generator (nothing is taken from real articles), drawn with a Zipf
// distribution so that frequent words repeat as in language. Each story is
// written once by an "original" outlet; some stories are planted again as
// syndicated copies (same text under another outlet's page chrome and
// URL, published later) and lightly edited copies (a few words replaced, a
// sentence dropped or added, a new headline). As hard negatives, some new
// stories reuse one paragraph of an earlier story; they are not copies.
//
// Pages are HTML with realistic chrome (navigation, related links,
// footer) and are written to a WARC.gz file (gowarc) with a truth file
// that maps every URL to its story. Score compares clusters with the
// truth by pairs: precision is the share of same-cluster pairs that are the
// same story, recall the share of same-story pairs put in the same cluster.
//
// It is a measuring tool, not a model of real news: no claim is made that
// its figures carry over to real corpora beyond what they test.
package corpusgen
