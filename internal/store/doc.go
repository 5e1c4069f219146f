// Package store is newsgraph's corpus database, and the one package that
// knows its schema: it writes analysed inputs, deletes articles, answers
// every read (search with ranked snippets, who said what, counts over time
// and by outlet, facets, export, corpus entities) and translates a parsed
// query (internal/query's syntax tree) into SQL. Nothing outside it issues
// SQL; its users declare the few methods they call as interfaces of their
// own (internal/web, internal/ingest, cmd/newsgraph).
//
// Open takes a file path or a database URL. A path is one SQLite file
// (through modernc.org/sqlite, pure Go, with FTS5), WAL journaling,
// foreign keys on: the default, needing no server. A postgres:// URL is a
// PostgreSQL database (through pgx's database/sql driver), with the same
// schema (schema_pg.sql), applied as versioned migrations (store_pg.go).
// The two are one implementation: statements are written once, in the SQL
// both accept, and dialect.go spells the few that differ; search's steps
// and the full text differ (search_pg.go, fts.go, rank.go): PostgreSQL
// keeps a tsvector made by a Go tokenizer that reproduces SQLite's
// (unicode61, remove_diacritics 2; fold.bin is read from SQLite itself),
// and ranks and makes snippets as FTS5's bm25() and snippet() do, so both
// stores give the same hits, order, totals and snippets. On PostgreSQL,
// write transactions take turns on one advisory lock, across processes,
// as SQLite's writers do; the unique content hash stores an input once
// even when two processes store it at once.
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
// (internal/ingest) writes from a single goroutine in batches. Reads run
// alongside a writer (WAL), also from another process. DeleteArticle
// removes one article version (the web API's delete).
//
// Open refuses, with ErrNotStore, a file or a PostgreSQL schema that is
// not a newsgraph store (another program's tables, a file that is not
// SQLite, or an empty file or database opened read-only) rather than add
// the schema to it; an empty one opened to write becomes a store. Begin and Commit fail with ErrGone
// when the file was deleted or replaced while open (Check).
//
// Full-text index: (*Store).UseTextIndex opens the in-memory index of
// internal/fulltext over the four full-text columns, with each article's
// facet values, and Search then ranks free-text queries and counts facets
// with it (the same hits, scores, snippets and counts as FTS5 and SQL, on
// SQLite and PostgreSQL alike: the index reads the query as compiled for
// FTS5, the other conditions stay the store's SQL). The store stays the
// source of truth: triggers log every write to those columns in
// text_changes inside the writing transaction (on PostgreSQL writers take
// turns, so the log's sequence commits in order, and the index reads it
// in repeatable-read transactions), every search first applies the
// changes logged since the index's last one, and on SQLite a snapshot
// file beside the store (path + "-fulltext", written atomically) spares
// the rebuild at start; without a usable snapshot, and always on
// PostgreSQL, the index is built from the articles when it is opened
// (RebuildTextIndex, newsgraph reindex).
//
// The schema only grows: later versions add tables, columns with defaults
// and indexes, never rename or drop.
//
// # Reads
//
// The command-line tools (newsgraph search, quotes, stats, export) and the
// web server call the same methods:
//
//	res, err := st.Search(ctx, store.SearchOptions{Filter: store.Filter{Query: q}, Limit: 20})
//	err = st.Quotes(ctx, store.QuoteOptions{Speaker: "Maria Zakharova"}, func(q store.QuoteHit) error { … })
//	stats, err := st.Stats(ctx, store.StatsOptions{By: store.Month})
//	n, err := st.Export(ctx, w, store.ExportOptions{Format: store.JSONL})
//
// Articles are read with Article and ArticleText, the corpus's lists with
// Speakers, TopEntities, Clusters and OutletExists, and search facets with
// Facets (or SearchOptions.Facets, along with a page of hits). Queries
// are in the search syntax of package query; each read parses the query,
// compiles it (compile.go: Compile, Plan) and binds every user value as a
// parameter.
//
// # Search cost and exactness
//
// A page of hits is exact: the same as ordering every match (by bm25, ties
// newest ingested first; or newest published first, undated last) and
// cutting the page. Search gets it without touching the article rows of
// every match: a ranked query ranks from the full-text index alone, field
// conditions (Plan.IDConj) and the latest-version test are id sets
// read from indexes, and a query ordered by date looks among the newest
// articles first (from the published index); only the page's rows are read,
// for snippets. Ranking costs about a microsecond per match (bm25 for
// each), counting less. Two options bound that on large corpora, at the
// cost of exactness, and say so in the result: CountLimit caps Total
// (TotalCapped), and RankLimit ranks a query with more matches among its
// RankLimit most recently ingested ones (RankedWithin). Facets are exact
// up to FacetSample matches and counted over the first FacetSample in
// result order beyond (Facets.Sampled).
//
// Errors caused by the request (a query syntax error, a bad option) wrap
// ErrQuery; an article or outlet the store does not hold, ErrNotFound;
// anything else is a store failure.
//
// It is not the place for query parsing (internal/query), analysis
// (internal/analyze) or near-duplicate logic (internal/dedup).
package store
