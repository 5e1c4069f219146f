package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of a queue.
type Status struct {
	// Published is how many items the work stream ever took (retried
	// dead letters count again).
	Published uint64
	// Pending items wait for a worker; InFlight ones were delivered and
	// are not acknowledged yet (being processed, or waiting for a
	// redelivery after a failure or a dead worker).
	Pending, InFlight uint64
	// Done items were acknowledged: stored, or stored as failed inputs,
	// or found stored before.
	Done uint64
	// Dead items are in the dead-letter stream now; Retried were moved
	// back from it by Retry.
	Dead, Retried uint64
	// Replicas of the work stream.
	Replicas int
}

// Status reads the queue's state from its streams and consumer.
func (q *Queue) Status(ctx context.Context) (*Status, error) {
	wi, err := q.work.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %s: %w", q.names.work, err)
	}
	ci, err := q.work.Consumer(ctx, q.names.consumer)
	if err != nil {
		return nil, fmt.Errorf("queue: %s: %w", q.names.consumer, err)
	}
	cinfo, err := ci.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %s: %w", q.names.consumer, err)
	}
	dead, retried, err := q.deadCounts(ctx)
	if err != nil {
		return nil, err
	}
	s := &Status{
		Published: wi.State.LastSeq,
		InFlight:  uint64(cinfo.NumAckPending),
		Dead:      dead,
		Retried:   retried,
		Replicas:  wi.Config.Replicas,
	}
	if wi.State.Msgs >= s.InFlight {
		s.Pending = wi.State.Msgs - s.InFlight
	}
	// Every message the work stream removed was acknowledged: done, or
	// dead-lettered (those are counted in the dead-letter stream, now or
	// as retried).
	removed := wi.State.LastSeq - wi.State.Msgs
	if removed >= dead+retried {
		s.Done = removed - dead - retried
	}
	return s, nil
}

// deadCounts counts the dead letters and the retry markers.
func (q *Queue) deadCounts(ctx context.Context) (dead, retried uint64, err error) {
	info, err := q.dead.Info(ctx, jetstream.WithSubjectFilter(q.names.deadSubj))
	if err != nil {
		return 0, 0, fmt.Errorf("queue: %s: %w", q.names.dead, err)
	}
	dead = info.State.Subjects[q.names.deadSubj]
	info, err = q.dead.Info(ctx, jetstream.WithSubjectFilter(q.names.retriedSj))
	if err != nil {
		return 0, 0, fmt.Errorf("queue: %s: %w", q.names.dead, err)
	}
	return dead, info.State.Subjects[q.names.retriedSj], nil
}

// DeadLetter is one item in the dead-letter stream.
type DeadLetter struct {
	Seq      uint64 // in the dead-letter stream
	Item     []byte // the work message, as published
	Error    string // the last error
	Attempts int
}

// DeadLetters lists the dead letters, oldest first.
func (q *Queue) DeadLetters(ctx context.Context) ([]DeadLetter, error) {
	info, err := q.dead.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %s: %w", q.names.dead, err)
	}
	var out []DeadLetter
	if info.State.Msgs == 0 {
		return nil, nil
	}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq; seq++ {
		m, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // deleted (retried)
		}
		if err != nil {
			return out, fmt.Errorf("queue: %s seq %d: %w", q.names.dead, seq, err)
		}
		if m.Subject != q.names.deadSubj {
			continue
		}
		n, _ := strconv.Atoi(m.Header.Get(HeaderAttempts))
		out = append(out, DeadLetter{Seq: seq, Item: m.Data, Error: m.Header.Get(HeaderError), Attempts: n})
	}
	return out, nil
}

// Retry moves every dead letter back to the work stream (as a new item:
// its attempts start again) and returns how many it moved. Each moved
// item leaves a marker in the dead-letter stream, which Status counts.
func (q *Queue) Retry(ctx context.Context) (int, error) {
	dls, err := q.DeadLetters(ctx)
	n := 0
	for _, d := range dls {
		m := nats.NewMsg(q.names.workSubj)
		m.Data = d.Item
		id := "retry-" + q.names.dead + "-" + strconv.FormatUint(d.Seq, 10)
		if _, err := q.js.PublishMsg(ctx, m, jetstream.WithMsgID(id)); err != nil {
			return n, fmt.Errorf("queue: retry: %w", err)
		}
		marker := nats.NewMsg(q.names.retriedSj)
		marker.Data = []byte(strconv.FormatUint(d.Seq, 10))
		if _, err := q.js.PublishMsg(ctx, marker, jetstream.WithMsgID(id)); err != nil {
			return n, fmt.Errorf("queue: retry: %w", err)
		}
		if err := q.dead.DeleteMsg(ctx, d.Seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return n, fmt.Errorf("queue: retry: %w", err)
		}
		n++
	}
	return n, err
}
