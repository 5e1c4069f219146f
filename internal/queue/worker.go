package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/internal/ingest"
)

// Ingester analyses and stores one item, committing before it returns (an
// *ingest.Processor bound to a store). An error means nothing was stored.
type Ingester interface {
	Ingest(ctx context.Context, it ingest.Item) (*ingest.Summary, error)
}

// IngesterFunc is a function as an Ingester.
type IngesterFunc func(ctx context.Context, it ingest.Item) (*ingest.Summary, error)

// Ingest calls f.
func (f IngesterFunc) Ingest(ctx context.Context, it ingest.Item) (*ingest.Summary, error) {
	return f(ctx, it)
}

// WorkerOptions configures Worker.Run. The zero value works.
type WorkerOptions struct {
	// Workers is how many items are processed at once. Zero means 1.
	Workers int
	// UntilEmpty ends Run when the queue is empty and nothing is in
	// flight (on any worker); otherwise Run waits for items until ctx ends.
	UntilEmpty bool
	// Poll is how long one pull waits for an item. Zero means 1 s.
	Poll time.Duration
	// Batch is the most items stored in one transaction (with an Ingester
	// from Processor; with another, the most acknowledged at once). An
	// item is acknowledged after the commit of its group, so the
	// acknowledgements of a group leave together: per item, the store
	// commits and the NATS servers replicate a fraction of what they
	// would one by one. Zero means 16; 1 stores and acknowledges each
	// item alone.
	Batch int
	// BatchDelay is the longest an analysed item waits for the rest of its
	// group (its heartbeats go on meanwhile). Zero means 500 ms.
	BatchDelay time.Duration
	// OnFailure is called for every failed attempt (attempt counts from
	// 1) and for items dead-lettered (dead true). Calls may come from
	// several goroutines at once.
	OnFailure func(err error, attempt int, dead bool)
	// OnProgress is called after each item is done (cheap: copy the
	// counts), from several goroutines, one at a time.
	OnProgress func(WorkerProgress)
}

// WorkerProgress is the state of a worker's run.
type WorkerProgress struct {
	Done    int64 // items acknowledged (stored, failed inputs stored, duplicates)
	Started time.Time
}

// WorkerSummary is the outcome of Worker.Run.
type WorkerSummary struct {
	// Summary sums the items stored by this worker, as the embedded
	// ingest reports them (Inputs, Articles, Duplicates …).
	ingest.Summary
	// Redelivered counts the deliveries that were not an item's first.
	Redelivered int
	// Retried counts failed attempts put back for a later attempt;
	// DeadLettered the items sent to the dead-letter stream.
	Retried, DeadLettered int
	// Busy is the time spent in the Ingester, summed over items; Queue the
	// time the processing goroutines spent on the queue around stored
	// items (decoding, acknowledging, heartbeats stopped); Waited the time
	// they waited for items (a pull not hidden behind the item before, an
	// empty queue, items held by a dead worker until AckWait).
	Busy, Queue, Waited time.Duration
}

// Worker pulls items from a queue and stores them through an Ingester.
type Worker struct {
	q    *Queue
	ing  Ingester
	opts WorkerOptions
}

// NewWorker returns a worker of q storing through ing.
func (q *Queue) NewWorker(ing Ingester, opts WorkerOptions) *Worker {
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Batch <= 0 {
		opts.Batch = 16
	}
	if opts.BatchDelay <= 0 {
		opts.BatchDelay = 500 * time.Millisecond
	}
	if opts.OnFailure == nil {
		opts.OnFailure = func(error, int, bool) {}
	}
	if opts.OnProgress == nil {
		opts.OnProgress = func(WorkerProgress) {}
	}
	return &Worker{q: q, ing: ing, opts: opts}
}

// Dead-letter headers: the item's last error, its attempts, where it was.
const (
	HeaderError    = "Newsgraph-Error"
	HeaderAttempts = "Newsgraph-Attempts"
	HeaderSeq      = "Newsgraph-Work-Seq"
)

// Run pulls and processes items until ctx ends (or, with UntilEmpty,
// until the queue is drained). An item being processed when ctx ends is
// finished and acknowledged first. Run fails only when the consumer is
// gone or cannot be reached at start.
//
// One goroutine pulls through one subscription that keeps a few items
// ahead of the processing goroutines, so the round trip of a pull is
// hidden behind the analysis of the items before. The processing
// goroutines analyse items; one more stores them in groups (see
// WorkerOptions.Batch) and acknowledges each item after its group's
// commit.
func (w *Worker) Run(ctx context.Context) (*WorkerSummary, error) {
	cons, err := w.q.work.Consumer(ctx, w.q.names.consumer)
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", w.q.names.consumer, err)
	}
	r := &run{w: w, cons: cons, sum: &WorkerSummary{}, started: time.Now(), b: batcherOf(w.ing)}
	r.sum.Failures = map[string]int{}
	r.c = newCommitter(w.opts.Batch, w.opts.BatchDelay, func(group []*prepared) {
		r.commit(context.WithoutCancel(ctx), group)
	})
	committed := make(chan struct{})
	go func() {
		defer close(committed)
		r.c.loop()
	}()
	items := make(chan delivery)
	var g errgroup.Group
	g.Go(func() error {
		defer close(items)
		return r.pull(ctx, items)
	})
	for range w.opts.Workers {
		g.Go(func() error {
			for {
				t0 := time.Now()
				var d delivery
				ok := true
				select {
				case d, ok = <-items:
				default:
					// No item ready: store the items analysed now, not
					// after BatchDelay (at the end of the queue, this
					// goroutine and the others have nothing else to do).
					r.c.soon()
					d, ok = <-items
				}
				if !ok {
					return nil
				}
				r.handle(context.WithoutCancel(ctx), d, time.Since(t0))
			}
		})
	}
	err = g.Wait()
	// The items analysed and not yet stored are stored (and acknowledged)
	// before Run returns.
	r.c.close()
	<-committed
	// The acknowledgements are sent without waiting for replies: see
	// that they left before the caller closes the connection.
	if ferr := w.q.nc.FlushTimeout(5 * time.Second); ferr != nil {
		w.q.opts.Logger.Warn("flush of acknowledgements failed (their items will be redelivered and found stored)", "err", ferr)
	}
	r.sum.Elapsed = time.Since(r.started)
	return r.sum, err
}

// delivery is a pulled item on its way to a processing goroutine.
type delivery struct {
	msg  jetstream.Msg
	stop func() // ends the item's heartbeats
}

// run is the state of one Run.
type run struct {
	w       *Worker
	cons    jetstream.Consumer
	started time.Time
	done    atomic.Int64
	mu      sync.Mutex // guards sum and OnProgress
	sum     *WorkerSummary
	b       batcher
	c       *committer
}

// pull pulls items and hands them to the processing goroutines until ctx
// ends or, with UntilEmpty, the queue is drained. It keeps one pull
// subscription with a small buffer (pullAhead items, refilled ahead), so
// the processing goroutines rarely wait for the server.
func (r *run) pull(ctx context.Context, items chan<- delivery) error {
	pause := 100 * time.Millisecond
	var iter jetstream.MessagesContext
	// starved is when the subscription last began to return nothing while
	// items were pending; draining is set while an abandoned
	// subscription gives out the items it holds.
	var starved time.Time
	draining := false
	starvedAfter := max(5*time.Second, 5*r.w.opts.Poll)
	defer func() {
		if iter != nil {
			iter.Stop()
		}
	}()
	for ctx.Err() == nil {
		if iter == nil {
			var err error
			iter, err = r.cons.Messages(jetstream.PullMaxMessages(pullAhead(r.w.opts.Workers)), jetstream.WithMessagesErrOnMissingHeartbeat(false))
			if err != nil {
				if errors.Is(err, jetstream.ErrConsumerDeleted) || errors.Is(err, jetstream.ErrConsumerNotFound) {
					return fmt.Errorf("queue: consumer %s: %w", r.w.q.names.consumer, err)
				}
				iter = nil
				r.w.q.opts.Logger.Warn("subscribe failed, retrying", "err", err)
				if !sleep(ctx, pause) {
					return nil
				}
				pause = min(2*pause, 2*time.Second)
				continue
			}
		}
		msg, err := iter.Next(jetstream.NextMaxWait(r.w.opts.Poll))
		if err != nil {
			switch {
			case errors.Is(err, nats.ErrTimeout):
				// No item for a while: store (and acknowledge) the items
				// analysed, and look at the consumer's state after the
				// next wait, once the server has taken the
				// acknowledgements in (so that, with UntilEmpty, the run
				// ends with the queue's counts settled).
				if r.c.flush() {
					break
				}
				info, ierr := r.cons.Info(ctx)
				if ierr != nil {
					break
				}
				if r.w.opts.UntilEmpty && info.NumPending == 0 && info.NumAckPending == 0 {
					return nil
				}
				if info.NumPending == 0 && !draining {
					starved = time.Time{}
					break
				}
				if starved.IsZero() {
					starved = time.Now()
				}
				if time.Since(starved) < starvedAfter {
					break
				}
				starved = time.Time{}
				if draining {
					iter.Stop() // the drain did not end: give up on it
					iter, draining = nil, false
					break
				}
				// Items wait but none came for a while: the subscription
				// lost its pull request (a node went away and the client
				// reconnected elsewhere). Drain it (the items it holds
				// still come out) and subscribe again.
				r.w.q.opts.Logger.Warn("no items delivered while some are pending; subscribing again", "pending", info.NumPending)
				iter.Drain()
				draining = true
			case draining && errors.Is(err, jetstream.ErrMsgIteratorClosed):
				iter, draining = nil, false
			case errors.Is(err, jetstream.ErrConsumerDeleted) || errors.Is(err, jetstream.ErrConsumerNotFound):
				return fmt.Errorf("queue: consumer %s: %w", r.w.q.names.consumer, err)
			default:
				// The subscription ended (connection closed) or the
				// server failed: subscribe again after a pause; the
				// client reconnects to another node meanwhile.
				r.w.q.opts.Logger.Warn("pull failed, retrying", "err", err)
				iter.Stop()
				iter, draining = nil, false
				if !sleep(ctx, pause) {
					return nil
				}
				pause = min(2*pause, 2*time.Second)
			}
			continue
		}
		pause, starved = 100*time.Millisecond, time.Time{}
		d := delivery{msg: msg, stop: r.keepAlive(msg)}
		select {
		case items <- d:
		case <-ctx.Done():
			// Not started: give it and the buffered ones back now
			// rather than after AckWait.
			d.stop()
			msg.Nak()
			iter.Drain()
			for {
				m, err := iter.Next(jetstream.NextMaxWait(100 * time.Millisecond))
				if err != nil {
					break
				}
				m.Nak()
			}
			return nil
		}
	}
	return nil
}

// sleep waits d, or less when ctx ends first; it reports whether ctx is
// still alive.
func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}

// handle analyses one delivered item and hands it to the committer, which
// acknowledges it once stored; or, when it cannot be read, puts it back
// for a later attempt or dead-letters it. waited is how long the
// processing goroutine waited for it.
func (r *run) handle(ctx context.Context, d delivery, waited time.Duration) {
	msg := d.msg
	t0 := time.Now()
	md, err := msg.Metadata()
	if err != nil {
		r.w.q.opts.Logger.Error("message without metadata", "err", err)
		msg.Term()
		d.stop()
		return
	}
	attempt := int(md.NumDelivered)
	var it ingest.Item
	if err := json.Unmarshal(msg.Data(), &it); err != nil {
		r.deadLetter(ctx, msg, md, fmt.Errorf("seq %d: undecodable item: %w", md.Sequence.Stream, err))
		d.stop()
		return
	}
	if attempt > r.w.q.opts.Attempts {
		// Delivered more often than tried: workers died on it each time.
		r.deadLetter(ctx, msg, md, fmt.Errorf("%s: delivered %d times without an answer (did it crash the workers?)", it.Name, attempt-1))
		d.stop()
		return
	}
	queueTime := time.Since(t0)

	t1 := time.Now()
	v, err := r.b.prepare(ctx, it)
	busy := time.Since(t1)
	if err != nil {
		r.failed(ctx, msg, md, it.Name, err)
		d.stop()
		return
	}
	r.c.add(&prepared{d: d, md: md, attempt: attempt, name: it.Name, value: v, busy: busy, queue: queueTime, waited: waited})
}

// commit stores a group of prepared items in one transaction and, once it
// committed, acknowledges each. When the group fails, each item is stored
// alone, so that the one that fails is the only one put back.
func (r *run) commit(ctx context.Context, group []*prepared) {
	values := make([]any, len(group))
	for i, p := range group {
		values[i] = p.value
	}
	t0 := time.Now()
	sum, err := r.b.store(ctx, values)
	busy := time.Since(t0)
	if err != nil {
		if len(group) > 1 {
			r.w.q.opts.Logger.Warn("storing a group failed; storing its items one by one", "items", len(group), "err", err)
			for _, p := range group {
				r.commit(ctx, []*prepared{p})
			}
			return
		}
		p := group[0]
		r.failed(ctx, p.d.msg, p.md, p.name, err)
		p.d.stop()
		return
	}
	// Stored and committed: only now acknowledge. If an acknowledgement
	// is lost the item comes back, and the store finds it stored; so they
	// are sent without waiting for the server's replies, together.
	t1 := time.Now()
	for _, p := range group {
		if aerr := p.d.msg.Ack(); aerr != nil {
			r.w.q.opts.Logger.Warn("ack failed (a redelivery will find the item stored)", "item", p.name, "err", aerr)
		}
		p.d.stop()
	}
	acked := time.Since(t1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Add(sum)
	r.sum.Busy += busy
	r.sum.Queue += acked
	for _, p := range group {
		if p.attempt > 1 {
			r.sum.Redelivered++
		}
		r.sum.Busy += p.busy
		r.sum.Queue += p.queue
		r.sum.Waited += p.waited
		r.w.opts.OnProgress(WorkerProgress{Done: r.done.Add(1), Started: r.started})
	}
}

// failed puts back an item that failed for a later attempt, or
// dead-letters it after its last attempt.
func (r *run) failed(ctx context.Context, msg jetstream.Msg, md *jetstream.MsgMetadata, name string, err error) {
	attempt := int(md.NumDelivered)
	if attempt >= r.w.q.opts.Attempts {
		r.deadLetter(ctx, msg, md, err)
		return
	}
	r.w.opts.OnFailure(err, attempt, false)
	if nerr := msg.NakWithDelay(r.w.q.opts.backoff(uint64(attempt))); nerr != nil {
		r.w.q.opts.Logger.Warn("nak failed (the item is redelivered after AckWait)", "item", name, "err", nerr)
	}
	r.mu.Lock()
	r.sum.Retried++
	r.mu.Unlock()
}

// keepAlive tells the server every AckWait/3 that msg is being worked on,
// until the returned stop is called.
func (r *run) keepAlive(msg jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(r.w.q.opts.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if err := msg.InProgress(); err != nil {
					r.w.q.opts.Logger.Warn("in-progress heartbeat failed", "err", err)
				}
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// deadLetter republishes msg to the dead-letter stream with its error and
// terminates it in the work stream. When the dead letter cannot be
// published the item is put back (its next delivery comes here again).
func (r *run) deadLetter(ctx context.Context, msg jetstream.Msg, md *jetstream.MsgMetadata, cause error) {
	m := nats.NewMsg(r.w.q.names.deadSubj)
	m.Data = msg.Data()
	m.Header.Set(HeaderError, oneLine(cause.Error()))
	m.Header.Set(HeaderAttempts, strconv.FormatUint(md.NumDelivered, 10))
	m.Header.Set(HeaderSeq, strconv.FormatUint(md.Sequence.Stream, 10))
	id := "dead-" + msgID(msg.Data()) + "-" + strconv.FormatUint(md.Sequence.Stream, 10)
	if _, err := r.w.q.js.PublishMsg(ctx, m, jetstream.WithMsgID(id)); err != nil {
		r.w.q.opts.Logger.Error("dead letter not published; the item is put back", "err", err)
		msg.NakWithDelay(r.w.q.opts.RetryDelay)
		return
	}
	if err := msg.Term(); err != nil {
		r.w.q.opts.Logger.Warn("term failed", "err", err)
	}
	r.w.opts.OnFailure(cause, int(md.NumDelivered), true)
	r.mu.Lock()
	r.sum.DeadLettered++
	r.mu.Unlock()
}

// oneLine keeps the first line of s (a header value is one line).
func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}

// pullAhead is how many items a worker's subscription holds ahead: enough
// that a pull's round trip (a few ms, more on a loaded cluster) hides
// behind light items too, few enough that the items a dead worker held
// are soon back (after AckWait) and that workers share the tail of a
// queue. Each pull request (for half of them) is replicated to the
// consumer's three nodes twice, when it comes and when it is served:
// 16 rather than 8 cut the NATS servers' CPU per item by a fifth in
// three alternating runs (items of 30 ms, grouped acknowledgements).
func pullAhead(workers int) int { return max(16, 4*workers) }
