// Package analyze composes newsgraph's stages into the pipeline behind
// `newsgraph analyze`: read an input safely (internal/input), turn it into
// clean article text and metadata (internal/htmlpage for HTML pages,
// internal/textpage for plain-text scrapes, or take it as it is), find its
// structure (internal/segment) and language (internal/language), then its
// entities, quotes and persuasion techniques (internal/technique).
//
// Documents are processed one at a time inside a goroutine; a batch runs
// several documents at once (Options.Workers) and hands the results back in
// input order. One bad input never stops a batch: its error, which names the
// input, is passed on as that input's result and the rest go on.
//
// It is not the place for the stages' own logic, nor for output formatting
// (cmd/newsgraph does that).
package analyze
