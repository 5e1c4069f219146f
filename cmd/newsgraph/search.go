package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/query"
	"github.com/newsgraph/newsgraph/internal/store"
)

// searchOptions are the flags of "newsgraph search".
type searchOptions struct {
	DB          string
	Timeout     time.Duration
	JSON        bool
	Limit       int
	Offset      int
	AllVersions bool
	Originals   bool
}

func cmdSearch(ctx context.Context, e env, args []string) error {
	var opts searchOptions
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database: a file, or a postgres:// URL (required)")
	fs.BoolVar(&opts.JSON, "json", false, "print one JSON object with the hits")
	fs.IntVar(&opts.Limit, "limit", store.DefaultLimit, fmt.Sprintf("hits to show (at most %d)", store.MaxLimit))
	fs.IntVar(&opts.Offset, "offset", 0, "hits to skip first")
	fs.BoolVar(&opts.AllVersions, "all-versions", false, "also search superseded versions of changed pages")
	fs.BoolVar(&opts.Originals, "originals", false, "only the original of each near-duplicate cluster")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph search --db FILE [--json] [--limit N] [--offset N] QUERY")
		fmt.Fprintln(e.stderr, `QUERY: words, "phrases", prefix*, AND OR NOT -, ( ), fields such as speaker:"Vladimir Putin" tag:Syria published:[2016-07-01 TO 2016-07-31]`)
		fs.PrintDefaults()
	}
	q, err := parseCorpusFlags(fs, args, &opts.DB, &opts.Timeout, true)
	if err != nil {
		return err
	}
	return runSearch(ctx, e, opts, q)
}

func runSearch(ctx context.Context, e env, opts searchOptions, q string) error {
	c, ctx, closeDB, err := openCorpus(ctx, opts.DB, opts.Timeout)
	if err != nil {
		return err
	}
	defer closeDB()
	res, err := c.Search(ctx, store.SearchOptions{
		Filter: store.Filter{Query: q, AllVersions: opts.AllVersions, Originals: opts.Originals},
		Limit:  opts.Limit, Offset: opts.Offset,
	})
	if err != nil {
		return queryError(e.stderr, q, err)
	}
	for _, n := range res.Notices {
		fmt.Fprintln(e.stderr, "newsgraph search: notice:", n)
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	order := "newest first"
	if res.Ranked {
		order = "by relevance"
	}
	fmt.Fprintf(w, "%d matching articles, %s", res.Total, order)
	if len(res.Hits) > 0 {
		fmt.Fprintf(w, "; showing %d–%d", res.Offset+1, res.Offset+len(res.Hits))
	}
	fmt.Fprintln(w)
	for _, h := range res.Hits {
		date := "(undated)  "
		if h.Published != nil {
			date = h.Published.Format("2006-01-02")
		}
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(w, "\n[%d] %s  %s  %s\n", h.ID, date, orDash(h.Outlet), title)
		if h.URL != "" {
			fmt.Fprintf(w, "     %s\n", h.URL)
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "     %s\n", oneLine(h.Snippet))
		}
	}
	return nil
}

// parseCorpusFlags parses the flags of a corpus command and returns its
// query: the remaining arguments joined by spaces (so an unquoted query
// works too). needQuery says the command requires one.
func parseCorpusFlags(fs *flag.FlagSet, args []string, db *string, timeout *time.Duration, needQuery bool) (string, error) {
	fs.DurationVar(timeout, "timeout", 0, "time limit of the query, e.g. 10s (0: none; Ctrl-C always stops it)")
	if err := fs.Parse(args); err != nil {
		return "", flagError(err)
	}
	if *db == "" {
		fs.Usage()
		return "", fmt.Errorf("%w: %s needs --db FILE", errUsage, fs.Name())
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if needQuery && q == "" {
		fs.Usage()
		return "", fmt.Errorf("%w: %s needs a query", errUsage, fs.Name())
	}
	return q, nil
}

// corpusReader is what the corpus commands (search, quotes, stats,
// export) read; internal/store's *Store is one.
type corpusReader interface {
	Search(ctx context.Context, opts store.SearchOptions) (*store.SearchResult, error)
	Quotes(ctx context.Context, opts store.QuoteOptions, fn func(store.QuoteHit) error) error
	Stats(ctx context.Context, opts store.StatsOptions) (*store.Stats, error)
	Export(ctx context.Context, w io.Writer, opts store.ExportOptions) (int, error)
}

// openCorpus opens an existing store read-only, and returns ctx bounded by
// timeout (0: not bounded) for its queries.
func openCorpus(ctx context.Context, path string, timeout time.Duration) (corpusReader, context.Context, func(), error) {
	st, err := openExisting(ctx, path, true)
	if err != nil {
		return nil, nil, nil, err
	}
	cancel := func() {}
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	return st, ctx, func() { cancel(); st.Close() }, nil
}

// openExisting opens a store that must exist already (a usage error
// names a missing file), read-only or for writing. path is a file or a
// postgres:// URL (store.Open).
func openExisting(ctx context.Context, path string, readOnly bool) (*store.Store, error) {
	if store.IsFile(path) {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w: corpus database %s: %v", errUsage, path, err)
		}
	}
	return store.OpenOptions(ctx, path, store.Options{ReadOnly: readOnly})
}

// queryError reports a bad query with a caret under the error's position
// and makes it a usage error; other errors pass through.
func queryError(w io.Writer, q string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("the query ran past its time limit (--timeout): %w", err)
	}
	if !errors.Is(err, store.ErrQuery) {
		return err
	}
	var se *query.SyntaxError
	if errors.As(err, &se) {
		fmt.Fprintf(w, "  %s\n  %s^\n", q, strings.Repeat(" ", se.Column()-1))
		return fmt.Errorf("%w: %v", errUsage, se)
	}
	return fmt.Errorf("%w: %v", errUsage, err)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
