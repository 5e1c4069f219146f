// Package web serves a stored news corpus to people and programs: the
// pages of `newsgraph serve` and its JSON API.
//
// Pages (server-rendered with html/template, no JavaScript, one embedded
// stylesheet, charts drawn as SVG on the server; every address can be
// bookmarked):
//
//	/ and /search?q=QUERY  search box (the query syntax of newsgraph search),
//	                       ranked hits with snippets, facets, dates chart
//	/article/ID            the text with quotes highlighted in a colour per
//	                       speaker, speaker mentions and cues marked,
//	                       entities underlined; who is quoted; metadata and
//	                       provenance; near-duplicates, with a word diff
//	                       against the cluster's original
//	/person/NAME           a speaker's quotes across the corpus, by date and
//	                       outlet, with a timeline
//	/outlet/NAME           who the outlet quotes most, the gender share of
//	                       the people it quotes (unknown shown), its top
//	                       entities, its articles per day
//
// The JSON API lives under /api/ and is described by openapi.yaml (served
// at /api/openapi.yaml); the tests check that every route is documented and
// answers as documented.
//
// Every read request has a time budget (Options.QueryTimeout, 2 s): past
// it, its SQLite statements are interrupted (modernc.org/sqlite interrupts
// a statement whose context is done) and it answers 503 naming the limit.
// A client that hangs up cancels its request's statements; a cached
// search shared by several requests stops when the last of them leaves.
// Write endpoints answer 503 when the store's file was deleted under the
// server (store.ErrGone); responses name a source file, never its path.
//
// Every read and the one delete go through the Store interface the server
// declares (server.go), which internal/store's *Store implements with the
// methods the command line uses too: search with facets, one article with
// provenance and cluster, quotes, statistics, speaker, entity and cluster
// lists, export, deleting an article. Searches run with
// limits (cache.go): a query matching more than 10,000 articles shows
// "10000+" and is ranked among its 10,000 most recently added matches;
// facets are counted over the first 1,000 matches (the page says so).
//
// Article text is hostile input. Every piece of it reaches the page
// through html/template, which escapes it for its context; the highlighted
// text is a tree of Nodes (highlight.go) rendered by a recursive template,
// never an HTML string. Responses carry a Content-Security-Policy that
// allows no script and no inline style, and nosniff, no-referrer and
// frame-ancestors 'none'. Write endpoints (POST /api/ingest, DELETE
// /api/article/{id}) need the configured bearer token (compared in
// constant time) and are refused when none is configured. Each client IP
// has a token-bucket rate limit; request bodies are size-limited. Recent
// search results and facets are cached for a short time (Options.CacheTTL).
//
// It is not the place for query logic (internal/query, internal/store),
// storage (internal/store) or ingest (internal/ingest), and it holds no
// state beyond its caches and rate-limit buckets. Listening, timeouts and
// graceful shutdown are the command's (cmd/newsgraph/serve.go).
package web
