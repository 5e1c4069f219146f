package queue

import (
	"context"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/ingest"
)

// Processor returns the Ingester of p storing in st. A worker given it
// analyses items apart from storing them and stores them in groups, up to
// WorkerOptions.Batch items to a transaction; each item is acknowledged
// after the commit of its group. Its Ingest stores one item in a
// transaction of its own, as p.Ingest does.
func Processor(p *ingest.Processor, st ingest.Store) Ingester {
	return processorIngester{p: p, st: st}
}

type processorIngester struct {
	p  *ingest.Processor
	st ingest.Store
}

func (pi processorIngester) Ingest(ctx context.Context, it ingest.Item) (*ingest.Summary, error) {
	return pi.p.Ingest(ctx, pi.st, it)
}

func (pi processorIngester) prepare(ctx context.Context, it ingest.Item) (any, error) {
	return pi.p.Prepare(ctx, pi.st, it)
}

func (pi processorIngester) store(ctx context.Context, items []any) (*ingest.Summary, error) {
	ps := make([]*ingest.Prepared, len(items))
	for i, a := range items {
		ps[i] = a.(*ingest.Prepared)
	}
	return pi.p.Store(ctx, pi.st, ps)
}

// batcher is how a worker processes items: prepare (read and analyse)
// each item, then store several in one transaction, committed when store
// returns. An error from store means nothing of the group was stored.
type batcher interface {
	prepare(ctx context.Context, it ingest.Item) (any, error)
	store(ctx context.Context, items []any) (*ingest.Summary, error)
}

// single is an Ingester as a batcher: prepare stores and commits the item
// (Ingest), store only sums what was stored. The acknowledgements of its
// items still leave in groups.
type single struct{ Ingester }

func (s single) prepare(ctx context.Context, it ingest.Item) (any, error) {
	return s.Ingest(ctx, it)
}

func (single) store(_ context.Context, items []any) (*ingest.Summary, error) {
	sum := &ingest.Summary{Failures: map[string]int{}}
	for _, a := range items {
		sum.Add(a.(*ingest.Summary))
	}
	return sum, nil
}

func batcherOf(ing Ingester) batcher {
	if b, ok := ing.(batcher); ok {
		return b
	}
	return single{ing}
}

// prepared is an item analysed and waiting for its group's commit; its
// heartbeats go on until then.
type prepared struct {
	d       delivery
	md      *jetstream.MsgMetadata
	attempt int
	name    string
	value   any
	ready   time.Time // when it was prepared
	// busy, queue and waited are its time in prepare, its own queue time
	// so far and how long its processing goroutine waited for it
	// (WorkerSummary).
	busy, queue, waited time.Duration
}

// committer gathers prepared items and stores them in groups: a group is
// stored when it holds max items, when its first item has waited delay,
// when soon or flush asks, and at close. One goroutine (loop) stores the groups,
// one at a time, while the processing goroutines analyse the next items.
type committer struct {
	max   int
	delay time.Duration
	store func([]*prepared) // stores a group, then acknowledges or fails each item

	mu      sync.Mutex
	pending []*prepared
	asked   []chan struct{} // flush calls waiting for pending to be stored
	hurry   bool            // store pending now (soon was called)
	closed  bool
	kick    chan struct{} // capacity 1: pending, asked or closed changed
}

func newCommitter(max int, delay time.Duration, store func([]*prepared)) *committer {
	return &committer{max: max, delay: delay, store: store, kick: make(chan struct{}, 1)}
}

func (c *committer) wake() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// add hands a prepared item to the committer. It never blocks.
func (c *committer) add(p *prepared) {
	p.ready = time.Now()
	c.mu.Lock()
	c.pending = append(c.pending, p)
	c.mu.Unlock()
	c.wake()
}

// flush returns once every item added before it was stored, reporting
// whether there were any.
func (c *committer) flush() bool {
	done := make(chan struct{})
	c.mu.Lock()
	if len(c.pending) == 0 {
		c.mu.Unlock()
		return false
	}
	c.asked = append(c.asked, done)
	c.mu.Unlock()
	c.wake()
	<-done
	return true
}

// soon asks for what is pending to be stored now rather than after the
// delay: no item is waiting to be analysed, so the group would not grow
// before it (the end of the queue, or a pause in it).
func (c *committer) soon() {
	c.mu.Lock()
	c.hurry = len(c.pending) > 0
	c.mu.Unlock()
	c.wake()
}

// close makes loop store what is pending and return.
func (c *committer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wake()
}

// loop stores the groups until close.
func (c *committer) loop() {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		c.mu.Lock()
		n := len(c.pending)
		wait := time.Duration(0)
		if n > 0 {
			wait = c.delay - time.Since(c.pending[0].ready)
		}
		if n > 0 && (n >= c.max || wait <= 0 || c.closed || c.hurry || len(c.asked) > 0) {
			group := c.pending[:min(n, c.max)]
			c.pending = append([]*prepared(nil), c.pending[len(group):]...)
			var asked []chan struct{}
			if len(c.pending) == 0 {
				asked, c.asked, c.hurry = c.asked, nil, false
			}
			c.mu.Unlock()
			c.store(group)
			for _, done := range asked {
				close(done)
			}
			continue
		}
		if n == 0 {
			for _, done := range c.asked {
				close(done)
			}
			c.asked = nil
			if c.closed {
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		if n > 0 {
			timer.Reset(wait)
		}
		select {
		case <-c.kick:
		case <-timer.C:
		}
		timer.Stop()
	}
}
