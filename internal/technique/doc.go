// Package technique finds how a news text persuades: the fragments that
// use one of the 14 propaganda techniques of the Propaganda Techniques
// Corpus (PTC; Da San Martino et al., EMNLP 2019, SemEval-2020 Task 11),
// such as loaded language, name calling, repetition, slogans, flag-waving
// or appeals to fear, as byte ranges of the article's text.
//
// Learned models in pure Go. Span identification (subtask SI) is an
// averaged structured perceptron with first-order Viterbi decoding that
// tags each sentence's tokens B/I/O, over the words and their window,
// prefixes, suffixes, shapes, word clusters learned from unlabelled news
// text, quotation state, entity types, sentence cues (exclamation,
// question, length, title), how often each word and bigram recurs in the
// article, and the band of a sentence classifier's score (does this
// sentence persuade at all?) with the article's density of such
// sentences; the sentence classifier is stacked (trained out of fold).
// Three taggers trained in different orders are averaged into one. A
// bias on the "outside" label, chosen by cross-validation, trades
// precision for recall; spans are split at quotation marks. Technique
// classification (subtask TC) is a multinomial logistic regression
// (AdaGrad; a technique's spans weigh more the rarer it is) over the
// span's words, their prefixes and suffixes, bigrams, first and last
// words, the whole span when short, length, the share of its sentence it
// covers, how often the span's words recur in the article and before it
// (the Repetition class), how many other spans of the article have the
// same words or overlap it, context words and their clusters,
// punctuation, capitals, entities and quotation; a temperature fitted in training turns its
// scores into confidences (fitted on the training spans, so somewhat too
// high). All are trained by "newsgraph train techniques" from the PTC
// training articles and embedded in the binary (model/technique.model.gz);
// the model holds hashed feature weights and word-cluster ids, none of
// the articles' text.
//
// Cross-validated on the PTC training articles (5 folds by article): SI
// F1 0.38, TC micro-F1 0.61; figures per technique in the commit log and
// README. The rare techniques (black-and-white fallacy, appeal to
// authority, bandwagon, whataboutism: under 2.5% of the spans each) are
// mostly missed by the classifier.
//
// The package reads an article already segmented (internal/segment) and,
// for the best results, annotated by the entity and quote stages: a
// technique inside a quotation is the speaker's, and is marked so. It
// does not judge whether an article is propaganda, nor whether a claim is
// true; the techniques are cues for a reader, with a confidence, not
// verdicts. The scoring of SI and TC output is in internal/evaluate.
package technique
