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
// Errors caused by the request (a query syntax error, a bad option) wrap
// ErrQuery; anything else is a store failure.
//
// It is not the ingest side (internal/ingest, internal/store) and holds no
// state of its own beyond the database handle.
package corpus
