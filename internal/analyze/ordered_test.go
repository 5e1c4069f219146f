package analyze

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOrderedKeepsSubmissionOrder(t *testing.T) {
	const n = 200
	var got []int
	err := Ordered(context.Background(), 4, 8,
		func(ctx context.Context, submit func(func() int) error) error {
			for i := range n {
				// Later jobs finish first more often than not.
				d := time.Duration((n-i)%7) * 100 * time.Microsecond
				if err := submit(func() int { time.Sleep(d); return i }); err != nil {
					return err
				}
			}
			return nil
		},
		func(_ context.Context, v int) error { got = append(got, v); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("consumed %d results, want %d", len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d is %d: order lost", i, v)
		}
	}
}

func TestOrderedConsumeErrorStopsProducer(t *testing.T) {
	errStop := errors.New("stop")
	submitted, consumed := 0, 0
	err := Ordered(context.Background(), 2, 4,
		func(ctx context.Context, submit func(func() int) error) error {
			for i := range 1_000_000 {
				if err := submit(func() int { return i }); err != nil {
					return err
				}
				submitted++
			}
			return nil
		},
		func(_ context.Context, v int) error {
			consumed++
			if v == 10 {
				return errStop
			}
			return nil
		})
	if !errors.Is(err, errStop) {
		t.Fatalf("err = %v, want the consumer's error", err)
	}
	if consumed != 11 {
		t.Errorf("consumed %d results after the error, want 11", consumed)
	}
	if submitted > 1000 {
		t.Errorf("producer went on for %d jobs after the consumer failed", submitted)
	}
}

func TestOrderedProduceError(t *testing.T) {
	errBad := errors.New("bad source")
	var got []int
	err := Ordered(context.Background(), 3, 3,
		func(ctx context.Context, submit func(func() int) error) error {
			for i := range 5 {
				if err := submit(func() int { return i }); err != nil {
					return err
				}
			}
			return errBad
		},
		func(_ context.Context, v int) error { got = append(got, v); return nil })
	if !errors.Is(err, errBad) {
		t.Fatalf("err = %v, want the producer's error", err)
	}
	if len(got) > 5 {
		t.Errorf("consumed %v", got)
	}
}

func TestOrderedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	err := Ordered(ctx, 2, 2,
		func(ctx context.Context, submit func(func() int) error) error {
			for i := range 1_000_000 {
				if err := submit(func() int { return i }); err != nil {
					return err
				}
			}
			return nil
		},
		func(_ context.Context, v int) error {
			if v == 5 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
