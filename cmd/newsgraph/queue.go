package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/queue"
)

// queueOptions are the flags of "newsgraph queue status|retry".
type queueOptions struct {
	Queue, QueueName string
}

func cmdQueue(ctx context.Context, e env, args []string) error {
	var opts queueOptions
	fs := flag.NewFlagSet("queue", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.Queue, "queue", "", "the NATS JetStream work queue: nats://HOST:PORT[,…] (required)")
	fs.StringVar(&opts.QueueName, "queue-name", "", "the queue's name (default newsgraph)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph queue status|retry --queue nats://HOST:PORT")
		fmt.Fprintln(e.stderr, "status: items pending, in flight, done and dead-lettered; retry: re-queue the dead letters")
		fs.PrintDefaults()
	}
	if len(args) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: queue needs status or retry", errUsage)
	}
	sub := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	if (sub != "status" && sub != "retry") || opts.Queue == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: queue status|retry --queue URL", errUsage)
	}
	nc, err := queue.Connect(opts.Queue, "newsgraph queue")
	if err != nil {
		return err
	}
	defer nc.Close()
	q, err := queue.Open(ctx, nc, queue.Options{Name: opts.QueueName})
	if err != nil {
		return err
	}
	if sub == "retry" {
		n, err := q.Retry(ctx)
		fmt.Fprintf(e.stdout, "re-queued          %d dead letters\n", n)
		return err
	}
	s, err := q.Status(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "queue              %s (%d replicas)\n", q.Name(), s.Replicas)
	fmt.Fprintf(e.stdout, "pending            %d\n", s.Pending)
	fmt.Fprintf(e.stdout, "in flight          %d\n", s.InFlight)
	fmt.Fprintf(e.stdout, "done               %d\n", s.Done)
	fmt.Fprintf(e.stdout, "dead-lettered      %d (retried before: %d)\n", s.Dead, s.Retried)
	if s.Dead > 0 {
		dls, err := q.DeadLetters(ctx)
		if err != nil {
			return err
		}
		for i, d := range dls {
			if i == 20 {
				fmt.Fprintf(e.stdout, "  … %d more\n", len(dls)-i)
				break
			}
			fmt.Fprintf(e.stdout, "  after %d attempts: %s\n", d.Attempts, d.Error)
		}
	}
	return nil
}
