// Package corpus answers an analyst's questions of a stored corpus: search
// with ranked snippets, who said what, counts over time and by outlet,
// the gender share of quoted people, and export of every match.
//
// It reads the SQLite store that internal/store writes (schema in
// internal/store/schema.sql) and never writes to it. Queries are in the
// search syntax of package query; each function compiles the query once
// and binds every user value as a parameter.
//
// The command-line tools (newsgraph search, quotes, stats, export) and the
// web server call the same functions:
//
//	c := corpus.New(st.DB)
//	res, err := c.Search(ctx, corpus.SearchOptions{Filter: corpus.Filter{Query: q}, Limit: 20})
//	err = c.Quotes(ctx, corpus.QuoteOptions{Speaker: "Maria Zakharova"}, func(q corpus.QuoteHit) error { … })
//	st, err := c.Stats(ctx, corpus.StatsOptions{By: corpus.Month})
//	n, err := c.Export(ctx, w, corpus.ExportOptions{Format: corpus.JSONL})
//
// Articles are read with Article and ArticleText, the corpus's lists with
// Speakers, Entities, Clusters and OutletExists, and search facets with
// Facets (or SearchOptions.Facets, along with a page of hits).
//
// # Search cost and exactness
//
// A page of hits is exact: the same as ordering every match (by bm25, ties
// newest ingested first; or newest published first, undated last) and
// cutting the page. Search gets it without touching the article rows of
// every match: a ranked query ranks from the full-text index alone, field
// conditions (query.Plan.IDConj) and the latest-version test are id sets
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
// ErrQuery; anything else is a store failure.
//
// It is not the ingest side (internal/ingest, internal/store) and holds no
// state of its own beyond the database handle.
package corpus
