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
// Top-k without scoring every match (block-max pruning): each skip block
// of a word's postings keeps the largest counts, the shortest document
// and the best term weight of its documents, which bound the score any
// document of the block can get. A query of one word takes its total
// from the word's counts and skips, undecoded, the blocks that cannot
// enter the hits found so far. An And or an Or of words does the same
// (block-max WAND for the Or) once the total is known to pass
// Options.CountLimit: it counts every match up to the limit (an Or whose
// word alone passes it, not at all) and says TotalCapped. A phrase of
// two of the index's most frequent words is read from the list of that
// pair (biword.go), like one word. Longer phrases and other shapes score
// every match: bm25 needs each phrase's exact count of matching articles
// (FTS5's nHit), so every match is decoded anyway.
// The hits are the same, score for score, on every path
// (TestSearchWordsEqualsExhaustive, TestSearchTermEqualsExhaustive).
//
// Snippet makes FTS5's snippet() of a column from the article's columns
// and the query, for the hits shown only.
//
// What it is not: the source of truth, nor a reader of the store. The
// store is the truth; store.TextIndex keeps an Index in step with the
// store's change log (text_changes) and saves its snapshot
// (WriteSnapshot, ReadSnapshot) beside the store so that a process skips
// the rebuild at start. Fields other than the four columns are not its
// business.
package fulltext
