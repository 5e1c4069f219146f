// Package attribution is newsgraph's learned attribution model: it finds
// the reporting cues of an article ("said", "according to", "told
// reporters"), and for each cue the content it attributes and the mention
// of its source, as byte ranges of the article's text.
//
// Two averaged structured perceptrons with first-order Viterbi decoding,
// in pure Go: a cue tagger over each sentence (BIO), and a content and
// source tagger over the cue's paragraph, whose features are taken
// relative to the cue (side, distance, sentence offset, commas, quotation
// marks and other cues in between, the cue's words), together with the
// tokens' words, shapes, quotation state and the entity stage's types and
// references. It is trained by "newsgraph train quotes" from PolNeAR
// (Newell et al., LREC 2018: attributions in US political news with
// source, cue and content spans) and embedded in the binary
// (model/attribution.model.gz).
//
// The package reads an article already segmented (internal/segment) and,
// for the best results, annotated by the entity stage. It does not
// resolve a source mention to a name, merge attributions into quotes or
// decide which attributions are speech: internal/quote does that.
package attribution
