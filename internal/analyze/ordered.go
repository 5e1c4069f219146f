package analyze

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Ordered runs the jobs that produce submits on workers goroutines and hands
// their results to consume in the order the jobs were submitted, from the
// calling goroutine, so that output order never depends on timing. At most
// window results (at least workers) are pending at once, which bounds
// memory whatever the number of jobs.
//
// produce and the jobs get a context that is cancelled when ctx is, when
// produce fails, or when consume fails. After consume fails, the remaining
// results are drained without being consumed and its error is returned;
// otherwise Ordered returns produce's error, if any.
//
// It is the batch mechanism of Pipeline.Run, and of internal/ingest, whose
// batches are analyses too.
func Ordered[R any](ctx context.Context, workers, window int,
	produce func(ctx context.Context, submit func(job func() R) error) error,
	consume func(ctx context.Context, r R) error) error {
	workers = max(workers, 1)
	window = max(window, workers)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	g, gctx := errgroup.WithContext(ctx)
	// Each job gets a one-slot channel for its result; the channels reach
	// the consumer in submission order.
	pending := make(chan chan R, window)
	jobs := make(chan func(), workers)
	for range workers {
		g.Go(func() error {
			for job := range jobs {
				job()
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(pending)
		defer close(jobs)
		return produce(gctx, func(job func() R) error {
			slot := make(chan R, 1)
			select {
			case pending <- slot:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case jobs <- func() { slot <- job() }:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	})
	var consumeErr error
	done := false // consumed all it will: the consumer failed or the work was cancelled
	for slot := range pending {
		if done {
			continue // drain so the producer can finish
		}
		select {
		case r := <-slot:
			if consumeErr = consume(gctx, r); consumeErr != nil {
				done = true
				stop()
			}
		case <-gctx.Done():
			done = true
		}
	}
	err := g.Wait()
	switch {
	case consumeErr != nil:
		return consumeErr
	case err != nil:
		return err // produce's error, or ctx's as seen by produce
	}
	return ctx.Err()
}
