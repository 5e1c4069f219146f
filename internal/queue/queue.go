package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Errors callers can branch on.
var (
	// ErrConnect is the error of a queue URL no server answers at.
	ErrConnect = errors.New("queue: cannot connect")
	// ErrBadName is the error of an Options.Name streams cannot be named after.
	ErrBadName = errors.New("queue: bad queue name (letters, digits, - and _ only)")
	// ErrTooLarge is the error of an item whose message would pass the
	// server's payload limit.
	ErrTooLarge = errors.New("queue: item too large for a message")
)

// Options configures a queue's streams and its workers. The zero value
// works; defaults are applied in applyDefaults.
type Options struct {
	// Name names the streams ("<name>-work", "<name>-dead"), their
	// subjects ("<name>.work", …) and the consumer ("<name>-workers").
	// Empty means "newsgraph".
	Name string
	// Replicas of the streams: 0 means 3 when the server is in a cluster
	// that accepts it, else 1.
	Replicas int
	// DedupWindow is how long the work stream remembers message ids, so
	// that publishing the same item again adds nothing. Zero means 10 min.
	DedupWindow time.Duration
	// AckWait is how long a delivered item may go without an
	// acknowledgement or a heartbeat before it is redelivered. Zero means
	// 60 s; workers send heartbeats every AckWait/3 while they work.
	AckWait time.Duration
	// Attempts is how many times an item is tried before it goes to the
	// dead-letter stream. Zero means 5.
	Attempts int
	// RetryDelay is the wait before the second attempt of a failed item;
	// each further attempt waits twice as long, up to a minute. Zero
	// means 2 s.
	RetryDelay time.Duration
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

var validName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (o Options) applyDefaults() (Options, error) {
	if o.Name == "" {
		o.Name = "newsgraph"
	}
	if !validName.MatchString(o.Name) {
		return o, fmt.Errorf("%w: %q", ErrBadName, o.Name)
	}
	if o.DedupWindow <= 0 {
		o.DedupWindow = 10 * time.Minute
	}
	if o.AckWait <= 0 {
		o.AckWait = 60 * time.Second
	}
	if o.Attempts <= 0 {
		o.Attempts = 5
	}
	if o.RetryDelay <= 0 {
		o.RetryDelay = 2 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o, nil
}

// names are the JetStream names of one queue.
type names struct {
	work, dead, consumer          string // streams and consumer
	workSubj, deadSubj, retriedSj string
}

func namesOf(name string) names {
	return names{
		work: name + "-work", dead: name + "-dead", consumer: name + "-workers",
		workSubj: name + ".work", deadSubj: name + ".dead", retriedSj: name + ".retried",
	}
}

// Connect connects to the NATS servers of url (comma-separated URLs of
// one cluster), reconnecting for ever when a server goes away.
func Connect(url, clientName string) (*nats.Conn, error) {
	nc, err := nats.Connect(url,
		nats.Name(clientName),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
	)
	if err != nil {
		return nil, fmt.Errorf("%w to %s: %v", ErrConnect, url, err)
	}
	return nc, nil
}

// Queue is an open queue: its streams exist.
type Queue struct {
	nc    *nats.Conn
	js    jetstream.JetStream
	opts  Options
	names names
	work  jetstream.Stream
	dead  jetstream.Stream
}

// Open creates the queue's streams and consumer if they are missing (an
// update when they exist) and returns the queue.
func Open(ctx context.Context, nc *nats.Conn, opts Options) (*Queue, error) {
	opts, err := opts.applyDefaults()
	if err != nil {
		return nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, err
	}
	q := &Queue{nc: nc, js: js, opts: opts, names: namesOf(opts.Name)}
	replicas := opts.Replicas
	if replicas <= 0 {
		replicas = 1
		if nc.ConnectedClusterName() != "" {
			replicas = 3
		}
	}
	q.work, err = q.stream(ctx, jetstream.StreamConfig{
		Name:        q.names.work,
		Subjects:    []string{q.names.workSubj},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  opts.DedupWindow,
		Description: "newsgraph ingest work items",
	}, replicas, opts.Replicas == 0)
	if err != nil {
		return nil, err
	}
	q.dead, err = q.stream(ctx, jetstream.StreamConfig{
		Name:        q.names.dead,
		Subjects:    []string{q.names.deadSubj, q.names.retriedSj},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Description: "newsgraph ingest items that failed every attempt; markers of those retried",
	}, replicas, opts.Replicas == 0)
	if err != nil {
		return nil, err
	}
	ccfg := jetstream.ConsumerConfig{
		Durable:       q.names.consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       opts.AckWait,
		MaxDeliver:    opts.Attempts + 2,
		MaxAckPending: -1,
		// The consumer's state (what was delivered, how often, what is
		// acknowledged) is replicated like the streams but kept in
		// memory, not in a log on disk: that halved the NATS servers'
		// CPU per item (doc.go says what it costs). A consumer created
		// with its state on disk keeps it (the server refuses the change).
		MemoryStorage: true,
		Description:   "newsgraph workers",
	}
	if c, err := q.work.Consumer(ctx, q.names.consumer); err == nil {
		ccfg.MemoryStorage = c.CachedInfo().Config.MemoryStorage
	}
	_, err = retryTransient(ctx, func() (jetstream.Consumer, error) {
		return q.work.CreateOrUpdateConsumer(ctx, ccfg)
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.names.consumer, err)
	}
	return q, nil
}

// stream creates or updates a stream with the given replicas; when auto,
// a cluster that refuses them (fewer nodes) gets one replica.
func (q *Queue) stream(ctx context.Context, cfg jetstream.StreamConfig, replicas int, auto bool) (jetstream.Stream, error) {
	cfg.Replicas = replicas
	s, err := retryTransient(ctx, func() (jetstream.Stream, error) { return q.js.CreateOrUpdateStream(ctx, cfg) })
	if err != nil && auto && replicas > 1 {
		q.opts.Logger.Warn("stream refused with replicas, using one", "stream", cfg.Name, "replicas", replicas, "err", err)
		cfg.Replicas = 1
		s, err = retryTransient(ctx, func() (jetstream.Stream, error) { return q.js.CreateOrUpdateStream(ctx, cfg) })
	}
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Name, err)
	}
	return s, nil
}

// retryTransient calls f until it succeeds, fails with an error other
// than a JetStream cluster in transition (503: no leader yet, a node just
// gone) or a timeout, or 30 s have passed.
func retryTransient[T any](ctx context.Context, f func() (T, error)) (T, error) {
	end := time.Now().Add(30 * time.Second)
	for wait := 250 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		v, err := f()
		var apiErr *jetstream.APIError
		transient := errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil ||
			errors.As(err, &apiErr) && apiErr.Code == 503
		if err == nil || !transient || time.Now().After(end) {
			return v, err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return v, err
		}
	}
}

// Replicas is the number of replicas of the work stream.
func (q *Queue) Replicas() int { return q.work.CachedInfo().Config.Replicas }

// msgID is the de-duplication id of an item's encoding.
func msgID(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:16])
}

// backoff is the delay before attempt n+1 after n failed deliveries.
func (o Options) backoff(n uint64) time.Duration {
	d := o.RetryDelay
	for i := uint64(1); i < n && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

// Name is the queue's name (Options.Name).
func (q *Queue) Name() string { return q.opts.Name }

// Delete removes the queue's streams, with every item and dead letter in
// them.
func (q *Queue) Delete(ctx context.Context) error {
	for _, s := range []string{q.names.work, q.names.dead} {
		if err := q.js.DeleteStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("queue: delete %s: %w", s, err)
		}
	}
	return nil
}
