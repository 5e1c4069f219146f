package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/queue"
)

// runPublish is "newsgraph ingest --queue": the sources are expanded here
// and their items published to the work queue, for workers to store.
func runPublish(ctx context.Context, e env, opts ingestOptions, sources []string) error {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: opts.LogLevel}))
	nc, err := queue.Connect(opts.Queue, "newsgraph ingest")
	if err != nil {
		return err
	}
	defer nc.Close()
	q, err := queue.Open(ctx, nc, queue.Options{Name: opts.QueueName, Logger: logger})
	if err != nil {
		return err
	}
	var mu sync.Mutex
	iopts := ingest.Options{
		MaxLinks:        opts.MaxLinks,
		MaxLinksPerFeed: opts.MaxLinksPerFeed,
		Logger:          logger,
		Fetch:           fetchOptions(opts),
		OnFailure: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintln(e.stderr, "newsgraph ingest:", oneLine(err.Error()))
		},
	}
	iopts.Input.MaxBytes = opts.MaxBytes
	sum, err := q.Publish(ctx, sources, iopts)
	if sum != nil {
		rate := 0.0
		if sum.Elapsed > 0 {
			rate = float64(sum.Items) / sum.Elapsed.Seconds()
		}
		fmt.Fprintf(e.stdout, "items found        %d (%.1f/s in %s)\n", sum.Items, rate, sum.Elapsed.Round(time.Millisecond))
		fmt.Fprintf(e.stdout, "items queued       %d on %s (%d replicas)\n", sum.Published, q.Name(), q.Replicas())
		fmt.Fprintf(e.stdout, "already queued     %d (published before, within the duplicate window)\n", sum.Repeated)
		fmt.Fprintf(e.stdout, "failures           %d\n", sum.Failed)
		printReasons(e, sum.Failures)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errPartial
	}
	return nil
}

// fetchOptions are the fetcher's options from the ingest flags.
func fetchOptions(opts ingestOptions) ingest.FetchOptions {
	return ingest.FetchOptions{
		AllowPrivate: opts.AllowPrivate,
		Rate:         opts.Rate,
		Timeout:      opts.Timeout,
		IgnoreRobots: opts.IgnoreRobots,
	}
}

// printReasons prints failure counts by reason, most frequent first.
func printReasons(e env, failures map[string]int) {
	s := ingest.Summary{Failures: failures}
	for _, r := range s.SortedFailures() {
		fmt.Fprintf(e.stdout, "  %-28s %d\n", r, failures[r])
	}
}
