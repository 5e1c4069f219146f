package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

// exportOptions are the flags of "newsgraph export".
type exportOptions struct {
	DB          string
	Timeout     time.Duration
	Format      string
	AllVersions bool
	Originals   bool
}

func cmdExport(ctx context.Context, e env, args []string) error {
	var opts exportOptions
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database: a file, or a postgres:// URL (required)")
	fs.StringVar(&opts.Format, "format", "jsonl", "jsonl (analyze --json records plus provenance) or csv")
	fs.BoolVar(&opts.AllVersions, "all-versions", false, "also export superseded versions of changed pages")
	fs.BoolVar(&opts.Originals, "originals", false, "only the original of each near-duplicate cluster")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph export --db FILE --format jsonl|csv [QUERY]")
		fs.PrintDefaults()
	}
	q, err := parseCorpusFlags(fs, args, &opts.DB, &opts.Timeout, false)
	if err != nil {
		return err
	}
	return runExport(ctx, e, opts, q)
}

func runExport(ctx context.Context, e env, opts exportOptions, q string) error {
	c, ctx, closeDB, err := openCorpus(ctx, opts.DB, opts.Timeout)
	if err != nil {
		return err
	}
	defer closeDB()
	n, err := c.Export(ctx, e.stdout, store.ExportOptions{
		Filter: store.Filter{Query: q, AllVersions: opts.AllVersions, Originals: opts.Originals},
		Format: store.Format(opts.Format),
	})
	if err != nil {
		return queryError(e.stderr, q, err)
	}
	fmt.Fprintf(e.stderr, "newsgraph export: %d articles\n", n)
	return nil
}
