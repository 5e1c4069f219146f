// Package fulltext is an inverted index over the four full-text columns of
// the store's articles (title, text, speaker names, entity names) that
// answers the full-text part of a query the way the store's FTS5 table
// articles_fts does, without SQL: the same tokens (FTS5's unicode61
// tokenizer with remove_diacritics 2, reproduced code point by code point
// from SQLite's own tables), the same matches (phrases with positions,
// prefixes, AND, OR, NOT, column filters) and the same bm25 scores, bit
// for bit, with internal/corpus's column weights, so the same order, ties
// broken by the highest article id.
//
// Layout: one posting list per term, documents delta-coded as uvarints
// with a column mask and per-column counts, positions in a separate
// stream that only phrases read, and a skip entry every 64 documents.
// Articles are numbered in the order they are added; a changed article
// is added again and its old document marked dead.
//
// Search scores every match (no MaxScore/WAND pruning): the count of
// matches must be exact anyway, and scoring is a few nanoseconds per
// match on top of decoding it (BenchmarkSearch).
//
// What it is not: the source of truth. The store is; Sync keeps an index
// in step with the store's change log (see sync.go), and a snapshot file
// lets a process skip the rebuild at start. Snippets and fields other than
// the four columns are not its business.
package fulltext
