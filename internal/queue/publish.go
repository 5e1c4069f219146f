package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/ingest"
)

// PublishSummary is the outcome of Publish.
type PublishSummary struct {
	// Items is how many items the sources yielded; Published how many
	// the work stream took as new, Repeated how many it already held (a
	// re-publish within the duplicate window).
	Items, Published, Repeated int
	// Failed counts sources and entries that could not be expanded, and
	// items that could not be published; Failures by reason.
	Failed   int
	Failures map[string]int
	Elapsed  time.Duration
}

// maxInFlight bounds the publishes awaiting their acknowledgement.
const maxInFlight = 256

// Items are published in bursts of burstItems, or of what the expansion
// yielded in burstDelay (checked as each item comes; the last ones go at
// the end), so that the stream's replicas agree on many messages per
// round: publishing the 181 Scrapinghub records one by one cost the three
// NATS servers 1.4-2.1 ms of CPU per item, in bursts 0.1-0.2 ms.
const (
	burstItems = 64
	burstDelay = 100 * time.Millisecond
)

// Publish expands sources (ingest.Expand with iopts) and publishes one
// message per item to the work stream, waiting for the stream to
// acknowledge each (an unacknowledged publish is retried; the message id
// makes a retry harmless). An item carrying content too large for a
// message is published as its URL to fetch when it has one, else counted
// as failed (ErrTooLarge).
func (q *Queue) Publish(ctx context.Context, sources []string, iopts ingest.Options) (*PublishSummary, error) {
	start := time.Now()
	sum := &PublishSummary{Failures: map[string]int{}}
	onFailure := iopts.OnFailure
	if onFailure == nil {
		onFailure = func(error) {}
	}
	iopts.OnFailure = func(err error) {
		sum.Failed++
		sum.Failures[ingest.Reason(err)]++
		onFailure(err)
	}
	var pending []pendingPub
	// settle waits for the oldest publishes until at most keep are open.
	settle := func(keep int) error {
		for len(pending) > keep {
			p := pending[0]
			ack, err := q.awaitAck(ctx, p)
			if err != nil {
				return err
			}
			if ack.Duplicate {
				sum.Repeated++
			} else {
				sum.Published++
			}
			pending = pending[1:]
		}
		return nil
	}
	// unsent are items waiting to be published together (burstItems).
	var unsent []pendingPub
	var since time.Time
	send := func() error {
		for len(unsent) > 0 {
			p := unsent[0]
			var err error
			if p.fut, err = q.publishAsync(p); err != nil {
				return err
			}
			pending, unsent = append(pending, p), unsent[1:]
		}
		return settle(maxInFlight)
	}
	maxPayload := q.nc.MaxPayload()
	_, err := ingest.Expand(ctx, sources, iopts, func(it ingest.Item) error {
		sum.Items++
		data, err := json.Marshal(it)
		if err != nil {
			return err
		}
		if int64(len(data)) > maxPayload-1024 && it.Input.URL != "" {
			it.Fetch, it.Body = it.Input.URL, nil
			data, err = json.Marshal(it)
			if err != nil {
				return err
			}
		}
		if int64(len(data)) > maxPayload-1024 {
			iopts.OnFailure(fmt.Errorf("%s: %w (%d bytes, the server takes %d)", it.Name, ErrTooLarge, len(data), maxPayload))
			return nil
		}
		if len(unsent) == 0 {
			since = time.Now()
		}
		unsent = append(unsent, pendingPub{data: data, id: msgID(data)})
		if len(unsent) >= burstItems || time.Since(since) >= burstDelay {
			return send()
		}
		return nil
	})
	// The last burst, unless the expansion was interrupted; then the
	// acknowledgements of all that was published.
	if ctx.Err() == nil {
		if serr := send(); err == nil {
			err = serr
		}
		if serr := settle(0); err == nil {
			err = serr
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}

// pendingPub is a publish awaiting its acknowledgement.
type pendingPub struct {
	data []byte
	id   string
	fut  jetstream.PubAckFuture
}

func (q *Queue) publishAsync(p pendingPub) (jetstream.PubAckFuture, error) {
	m := nats.NewMsg(q.names.workSubj)
	m.Data = p.data
	return q.js.PublishMsgAsync(m, jetstream.WithMsgID(p.id))
}

// awaitAck waits for a publish's acknowledgement, publishing again (same
// message id) when it failed or timed out, as when the stream's leader
// moved to another node.
func (q *Queue) awaitAck(ctx context.Context, p pendingPub) (*jetstream.PubAck, error) {
	fut := p.fut
	var last error
	for attempt := 1; attempt <= 40; attempt++ {
		if fut != nil {
			select {
			case ack := <-fut.Ok():
				return ack, nil
			case last = <-fut.Err():
			case <-time.After(10 * time.Second):
				last = errors.New("no acknowledgement in 10s")
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			q.opts.Logger.Warn("publish failed, retrying", "attempt", attempt, "err", last)
		}
		select {
		case <-time.After(time.Duration(min(attempt, 8)) * 250 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		var err error
		if fut, err = q.publishAsync(p); err != nil {
			last, fut = err, nil
		}
	}
	return nil, fmt.Errorf("queue: publish to %s: %w", q.names.work, last)
}
