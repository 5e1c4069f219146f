// Package ingest fills the corpus store (internal/store) from wherever news
// comes from: files and directories (recursive, gzip), WARC and WARC.gz
// files (github.com/nlnwa/gowarc; HTML response records, with the WARC
// file, record id and offset kept as provenance), RSS/Atom feeds
// (github.com/mmcdole/gofeed) and sitemaps (encoding/xml) given as files or
// URLs, whose listed pages are fetched, and single URLs. What a source is
// is told from its content (a WARC record header, a feed or sitemap root
// element); a name ending .rss/.atom/.xml or a feed Content-Type makes a
// source a feed, so a broken feed is reported as one.
//
// Fetching (Fetcher) is polite and safe: robots.txt (RFC 9309, through
// github.com/temoto/robotstxt; Crawl-delay honoured up to 30 s), a per-host
// rate limit, timeouts, a size limit, the user agent
// "newsgraph/0.1 (+https://github.com/newsgraph/newsgraph)", and no
// connection to a private, loopback, link-local or otherwise non-public
// address unless FetchOptions.AllowPrivate: the check runs on the resolved
// address at dial time (net.Dialer.Control), so neither a DNS name that
// resolves to such an address (DNS rebinding) nor a redirect to one gets
// through; proxies from the environment are not used.
//
// Run is the pipeline: one goroutine expands the sources into inputs,
// workers (errgroup) fetch, hash and analyse them (internal/analyze) and
// compute their MinHash signatures (internal/dedup), and one goroutine
// writes the results in input order, in batched transactions. Ingest is
// idempotent and resumable: an input is keyed by the SHA-256 of its content
// (UNIQUE in raw_inputs), so content stored before is skipped before
// analysis, a changed page at a known URL becomes a new version linked to
// the old, and a run killed at any point loses at most the open batch,
// which a rerun stores again — every input ends up stored exactly once.
// Inputs that hold no article are stored as failed inputs (so they are not
// analysed again); inputs that could not be read at all (a 404, a refused
// address, an unreadable file) are reported and counted by reason, never
// stored, and never stop the run.
//
// Hostile sources are bounded. Files and directories are expanded by
// input.Walk, the walk analyze uses (links followed, loops, dangling links
// and FIFOs reported by name). A WARC file is read record by record with
// its gzip members split here (readWARC): a corrupt record is reported
// (ErrCorruptRecord, with its offset), counted in Summary.SkippedRecords,
// and reading resumes at the next member or WARC/1. header. Every URL is
// fetched at most once a run (a sitemap listing itself is read once), and
// links are capped per feed and per run (Options.MaxLinksPerFeed,
// MaxLinks; ErrTooManyLinks).
//
// Each new article joins the cluster of its most similar stored
// near-duplicate (estimated Jaccard ≥ dedup's threshold, found through the
// LSH band index in the store) or starts its own; the cluster's original is
// its earliest copy (by published date, else ingest order).
//
// For a distributed ingest (internal/queue), Run comes apart in two:
// Expand turns sources into Items — references to content that can be
// read again (a file by absolute path, a WARC record by file and offset,
// a link to fetch) or the content itself when it cannot — and a
// Processor, built once per worker process, reads, analyses and stores
// one Item in a transaction of its own, with the same idempotence (the
// content hash) and clustering as Run.
//
// Subpackage corpusgen generates synthetic corpora with planted copies for
// measuring all this.
//
// It is not a crawler: it fetches the pages it is given or that a feed or
// sitemap lists, and follows no other links.
package ingest
