package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store"
)

// workerOptions are the flags of "newsgraph worker".
type workerOptions struct {
	ingestOptions
	Attempts   int
	AckWait    time.Duration
	UntilEmpty bool
}

func cmdWorker(ctx context.Context, e env, args []string) error {
	opts := workerOptions{ingestOptions: ingestOptions{Rate: 1}}
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.Queue, "queue", "", "the NATS JetStream work queue: nats://HOST:PORT[,…] (required)")
	fs.StringVar(&opts.QueueName, "queue-name", "", "the queue's name (default newsgraph)")
	fs.StringVar(&opts.DB, "db", "", "the corpus database the items are stored in (required)")
	fs.IntVar(&opts.Workers, "workers", 1, "items analysed at once (one per core to use)")
	fs.BoolVar(&opts.UntilEmpty, "until-empty", false, "exit when the queue is empty and no item is in flight (default: wait for items until interrupted)")
	fs.IntVar(&opts.Attempts, "attempts", 0, "tries of a failing item before it is dead-lettered (0: 5)")
	fs.DurationVar(&opts.AckWait, "ack-wait", 0, "redeliver an item after this long without news of its worker (0: 60s)")
	fs.BoolVar(&opts.AllowPrivate, "allow-private", false, "allow requests to private, loopback and link-local addresses")
	fs.Var(rateFlag{&opts.Rate}, "rate", "most requests per host from this worker: N/s, N/m or N/h")
	fs.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "time limit of one HTTP request")
	fs.Int64Var(&opts.MaxBytes, "max-bytes", 0, "largest input accepted after decompression (0: 64 MiB)")
	fs.BoolVar(&opts.IgnoreRobots, "ignore-robots", false, "do not read robots.txt (only for your own sites)")
	fs.TextVar(&opts.LogLevel, "log-level", slog.LevelWarn, "log level: debug, info, warn, error")
	fs.StringVar(&opts.Progress, "progress", "auto", "progress line on stderr: auto (when a terminal), always, never")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph worker --queue nats://HOST:PORT --db DB [flags]")
		fmt.Fprintln(e.stderr, "pulls the items 'newsgraph ingest --queue' published, analyses and stores them; run any number, on any machines")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if opts.Queue == "" || opts.DB == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: worker needs --queue and --db, and takes no arguments", errUsage)
	}
	return runWorker(ctx, e, opts)
}

func runWorker(ctx context.Context, e env, opts workerOptions) error {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: opts.LogLevel}))
	st, err := store.Open(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	nc, err := queue.Connect(opts.Queue, "newsgraph worker")
	if err != nil {
		return err
	}
	defer nc.Close()
	q, err := queue.Open(ctx, nc, queue.Options{Name: opts.QueueName, Logger: logger, Attempts: opts.Attempts, AckWait: opts.AckWait})
	if err != nil {
		return err
	}

	var mu sync.Mutex // the progress line and failure lines share stderr
	bar := newProgressLine(e.stderr, opts.Progress)
	iopts := ingest.Options{
		Logger: logger,
		Fetch:  fetchOptions(opts.ingestOptions),
		OnFailure: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			bar.clear()
			fmt.Fprintln(e.stderr, "newsgraph worker:", oneLine(err.Error()))
		},
	}
	iopts.Input.MaxBytes = opts.MaxBytes
	proc, err := ingest.NewProcessor(iopts)
	if err != nil {
		return err
	}
	// The share done: this worker's items against what the whole queue
	// holds, read every few seconds.
	var left atomic.Int64
	if bar.on {
		go pollLeft(ctx, q, &left)
	}
	w := q.NewWorker(queue.Processor(proc, st), queue.WorkerOptions{
		Workers:    opts.Workers,
		UntilEmpty: opts.UntilEmpty,
		OnFailure: func(err error, attempt int, dead bool) {
			mu.Lock()
			defer mu.Unlock()
			bar.clear()
			what := fmt.Sprintf("attempt %d failed, will retry", attempt)
			if dead {
				what = fmt.Sprintf("dead-lettered after %d deliveries", attempt)
			}
			fmt.Fprintf(e.stderr, "newsgraph worker: %s: %s\n", what, oneLine(err.Error()))
		},
		OnProgress: func(p queue.WorkerProgress) {
			mu.Lock()
			defer mu.Unlock()
			bar.update(ingest.Progress{Found: p.Done + left.Load(), Done: p.Done, Started: p.Started})
		},
	})
	sum, err := w.Run(ctx)
	bar.clear()
	if sum != nil {
		if n, cerr := st.ClusterCount(context.WithoutCancel(ctx)); cerr == nil {
			sum.Clusters = n
		}
		printSummary(e.stdout, &sum.Summary)
		printWorkerSummary(e, sum)
		if opts.UntilEmpty && err == nil {
			// The whole queue's outcome, all workers together.
			if s, serr := q.Status(context.WithoutCancel(ctx)); serr == nil {
				fmt.Fprintf(e.stdout, "queue %-12s %d items done, %d pending, %d in flight, %d dead-lettered\n",
					q.Name(), s.Done, s.Pending, s.InFlight, s.Dead)
			}
		}
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 || sum.DeadLettered > 0 {
		return errPartial
	}
	return nil
}

func printWorkerSummary(e env, s *queue.WorkerSummary) {
	fmt.Fprintf(e.stdout, "redelivered        %d (items another worker had, or this one retried)\n", s.Redelivered)
	fmt.Fprintf(e.stdout, "retried            %d failed attempts put back\n", s.Retried)
	fmt.Fprintf(e.stdout, "dead-lettered      %d (newsgraph queue status / retry)\n", s.DeadLettered)
	if s.Busy > 0 {
		fmt.Fprintf(e.stdout, "queue's own time   %.1f%% of analysis and storing time (%s / %s); waited for items %s\n",
			100*s.Queue.Seconds()/s.Busy.Seconds(), s.Queue.Round(time.Millisecond), s.Busy.Round(time.Millisecond), s.Waited.Round(time.Millisecond))
	}
}

// pollLeft keeps left at the queue's pending and in-flight count.
func pollLeft(ctx context.Context, q *queue.Queue, left *atomic.Int64) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		if s, err := q.Status(ctx); err == nil {
			left.Store(int64(s.Pending + s.InFlight))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
