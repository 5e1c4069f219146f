package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

// quotesOptions are the flags of "newsgraph quotes".
type quotesOptions struct {
	DB          string
	Timeout     time.Duration
	Speaker     string
	Outlet      string
	Kind        string
	JSON        bool
	Limit       int
	AllVersions bool
	Originals   bool
}

func cmdQuotes(ctx context.Context, e env, args []string) error {
	var opts quotesOptions
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database: a file, or a postgres:// URL (required)")
	fs.StringVar(&opts.Speaker, "speaker", "", "only this speaker's quotes (whole name, any case; one word also matches a surname)")
	fs.StringVar(&opts.Outlet, "outlet", "", "only quotes from this outlet (name or host)")
	fs.StringVar(&opts.Kind, "kind", "", "only direct, indirect or mixed quotes")
	fs.BoolVar(&opts.JSON, "json", false, "print JSON Lines, one quote per line")
	fs.IntVar(&opts.Limit, "limit", 0, "the most quotes to list (0: all)")
	fs.BoolVar(&opts.AllVersions, "all-versions", false, "also superseded versions of changed pages")
	fs.BoolVar(&opts.Originals, "originals", false, "only the original of each near-duplicate cluster")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph quotes --db FILE [--speaker NAME] [--outlet NAME] [--kind K] [--json] [QUERY]")
		fs.PrintDefaults()
	}
	q, err := parseCorpusFlags(fs, args, &opts.DB, &opts.Timeout, false)
	if err != nil {
		return err
	}
	return runQuotes(ctx, e, opts, q)
}

func runQuotes(ctx context.Context, e env, opts quotesOptions, q string) error {
	c, ctx, closeDB, err := openCorpus(ctx, opts.DB, opts.Timeout)
	if err != nil {
		return err
	}
	defer closeDB()
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	err = c.Quotes(ctx, store.QuoteOptions{
		Filter:  store.Filter{Query: q, AllVersions: opts.AllVersions, Originals: opts.Originals},
		Speaker: opts.Speaker, Outlet: opts.Outlet, Kind: opts.Kind, Limit: opts.Limit,
	}, func(h store.QuoteHit) error {
		n++
		if opts.JSON {
			return enc.Encode(h)
		}
		date := "(undated)"
		if h.Published != nil {
			date = h.Published.Format("2006-01-02")
		}
		speaker := h.Speaker
		if speaker == "" {
			speaker = "(unknown speaker)"
		}
		fmt.Fprintf(w, "%s [%s] %s: %s\n", speaker, h.SpeakerKind, h.Kind, oneLine(h.Text))
		fmt.Fprintf(w, "    %s  %s  [%d] %s\n", date, orDash(h.Outlet), h.ArticleID, h.Title)
		return nil
	})
	if err != nil {
		return queryError(e.stderr, q, err)
	}
	if !opts.JSON {
		fmt.Fprintf(w, "%d quotes\n", n)
	}
	return nil
}
