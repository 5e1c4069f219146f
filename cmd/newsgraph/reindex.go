package main

import (
	"context"
	"flag"
	"fmt"
	"time"
)

// reindexOptions are the flags of "newsgraph reindex".
type reindexOptions struct {
	DB string
}

func cmdReindex(ctx context.Context, e env, args []string) error {
	var opts reindexOptions
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database file (required)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph reindex --db FILE")
		fmt.Fprintln(e.stderr, "rebuilds the full-text index serve ranks with from the store, and saves its snapshot beside it")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if opts.DB == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: reindex needs --db FILE and nothing else", errUsage)
	}
	return runReindex(ctx, e, opts)
}

// runReindex rebuilds the store's full-text index from its articles.
func runReindex(ctx context.Context, e env, opts reindexOptions) error {
	st, err := openExisting(ctx, opts.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	ti, err := st.RebuildTextIndex(ctx)
	if err != nil {
		return err
	}
	if path := ti.SnapshotPath(); path != "" {
		fmt.Fprintf(e.stdout, "newsgraph: indexed %d articles in %v: %s\n", ti.Len(), time.Since(start).Round(time.Millisecond), path)
		return nil
	}
	// A PostgreSQL store: its index is built by each process that opens
	// it, so this only checks that it can be.
	fmt.Fprintf(e.stdout, "newsgraph: indexed %d articles in %v (a PostgreSQL store keeps no snapshot: serve builds its index at start)\n",
		ti.Len(), time.Since(start).Round(time.Millisecond))
	return nil
}
