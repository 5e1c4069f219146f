// Package evaluate scores newsgraph's output against gold data with the
// metrics each task is judged by: the Scrapinghub 4-gram shingle F1 for main
// text, conlleval's exact-span F1 for entities, and the who-said-what metric
// for quotes, SemEval-2020 Task 11's span identification F1 (partial
// credit for overlap) and technique classification micro-F1 for
// persuasion techniques, and, for coreference, the share of pronouns and
// descriptions linked to the entity of their GUM chain (coref.go).
//
// The scorers are reimplemented from the published definitions (the data
// sets' READMEs); no third-party scorer code is copied. The package reads
// gold data but never ships it: tests and the eval command point it at
// ../shared/data.
package evaluate
