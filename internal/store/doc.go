// Package store is newsgraph's corpus database: one SQLite file (through
// modernc.org/sqlite, pure Go, with FTS5), WAL journaling, foreign keys on.
//
// The schema is schema.sql, embedded and applied by Open; its comments are
// the reference for every table and column. In short:
//
//	outlets      news sites, by host (else by name)
//	raw_inputs   every input read, once per content sha256, with provenance
//	             (file path; WARC file, record id and offset; feed URL; fetch time)
//	articles     one row per article version: metadata, clean text, the whole
//	             `analyze --json` record, version chain by URL, cluster id
//	paragraphs, entities, article_entities, quotes, speakers, tags
//	             the annotations of each article, spans as byte offsets into text
//	clusters     near-duplicate clusters with their original (earliest copy)
//	minhash, lsh_bands
//	             near-duplicate detection state (internal/dedup)
//	articles_fts FTS5 over title, text, speaker names and entity names (bm25)
//	text_changes the log of writes to those columns, for TextIndex
//
// Writing: (*Store).Begin opens a write transaction (*Tx) and Tx.PutArticle
// stores one analysed input with all its annotations; the ingest pipeline
// (internal/ingest) writes from a single goroutine in batches. Readers (the
// query side) use Store.DB directly; WAL lets them run alongside a writer,
// also from another process.
//
// Open refuses, with ErrNotStore, a file that is not a newsgraph store
// (another program's SQLite database, a file that is not SQLite, or an
// empty file opened read-only) rather than add the schema to it; an empty
// file opened to write becomes a store. Begin and Commit fail with ErrGone
// when the file was deleted or replaced while open (Check).
//
// Full-text index: (*Store).TextIndex opens the in-memory index of
// internal/fulltext over the four full-text columns, with each article's
// facet values, that the web server ranks searches and counts facets with
// (the same hits, scores, snippets and counts as FTS5 and SQL). The store
// stays the source of truth: triggers log every write to those columns in
// text_changes inside the writing transaction, every search first applies
// the changes logged since the index's last one, and a snapshot file
// beside the store (path + "-fulltext", written atomically) spares the
// rebuild at start; without a usable snapshot the index is rebuilt from
// the articles (RebuildTextIndex, newsgraph reindex).
//
// The schema only grows: later versions add tables, columns with defaults
// and indexes, never rename or drop.
//
// It is not the place for query parsing (internal/query), analysis
// (internal/analyze) or near-duplicate logic (internal/dedup).
package store
