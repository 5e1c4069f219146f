// Package ner is newsgraph's named-entity tagger: it tags tokenised
// sentences with IOB2 tags for people (PER), organisations (ORG), places
// (LOC) and other names (MISC: nationalities, events, works …).
//
// It is an averaged structured perceptron with first-order Viterbi
// decoding, written in pure Go and trained by "newsgraph train ner" from
// CoNLL-2003 (Reuters news), GUM (Wikinews, Wikipedia, Wikivoyage and
// other permissively licensed genres) and the even-numbered documents of
// Universal NER English-EWT dev (web answers, reviews, email, blogs). GUM
// and UNER have PER/ORG/LOC only, so their tokens that may be MISC are
// trained as partly labelled. A lower-cased copy of every fourth training
// document, with half weight, teaches the tagger names written without
// capitals, as web text often has them. The model is embedded in the
// binary (model/ner.model.gz); Load decodes it.
//
// Features: the word, its lower case, shape and affixes; a ±2 word
// window of words and shapes; capitalisation in and out of sentence-
// initial position and in all-capitals headlines; first names (US SSA
// counts, public domain) and surnames (words that follow first names in
// unlabelled news text); a gazetteer of entity names from the training
// data and GUM's Wikipedia links, built leave-one-fold-out so a training
// document never sees its own names; distributional word clusters and
// casing ratios learnt from unlabelled local news text (a lower-case word
// never seen on its own takes the cluster of its cased form); and document-level
// facts (how a word is cased elsewhere in the document, whether it is part
// of a longer capitalised name there). A second, stacked stage adds how
// the first stage tagged the same word elsewhere in the document; on
// training data those tags come from fold-held-out first-stage models.
// After decoding, lower-case name particles between two person tags
// ("Ursula von der Leyen") join them into one name.
//
// Tagging sums each token's feature weights in groups a word can keep
// (groups.go): what a word gives itself and what it gives its neighbours
// are cached per word in a Tagger's word caches (one per goroutine at a
// time), the features of both stages are looked up together in one row
// index, and the second stage adds only its own features. About 500,000
// tokens a second of news text on one core.
//
// Tokens are expected in CoNLL / Penn Treebank tokenisation ("Russia"
// "'s", "do" "n't"); typographic quotes and dashes are mapped to ASCII.
//
// The package does not tokenise, link entities to identities or resolve
// coreference; it only tags token sequences. It also reads and writes
// CoNLL-style column files for the ner and eval commands.
package ner
