package web

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestResultCache(t *testing.T) {
	c := newResultCache(50*time.Millisecond, 4, 0)
	var calls atomic.Int32
	slow := func(v int) func(context.Context) (any, error) {
		return func(context.Context) (any, error) {
			calls.Add(1)
			time.Sleep(20 * time.Millisecond)
			return v, nil
		}
	}
	ctx := context.Background()
	// Concurrent misses compute once.
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if v, err := c.get(ctx, "k", slow(1)); err != nil || v != 1 {
				t.Errorf("get: %v %v", v, err)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d computations for 10 concurrent gets, want 1", n)
	}
	// Expired: the stale value comes back at once, a refresh runs.
	time.Sleep(60 * time.Millisecond)
	if v, _ := c.get(ctx, "k", slow(2)); v != 1 {
		t.Errorf("stale get = %v, want the old 1", v)
	}
	time.Sleep(40 * time.Millisecond)
	if v, _ := c.get(ctx, "k", slow(3)); v != 2 {
		t.Errorf("after refresh = %v, want 2", v)
	}
	// A write clears everything.
	c.clear()
	if v, _ := c.get(ctx, "k", slow(4)); v != 4 {
		t.Errorf("after clear = %v, want 4", v)
	}
	// Errors are not kept.
	boom := errors.New("boom")
	if _, err := c.get(ctx, "e", func(context.Context) (any, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if v, err := c.get(ctx, "e", slow(5)); err != nil || v != 5 {
		t.Errorf("after an error: %v %v", v, err)
	}
	// Bounded size.
	for i := range 20 {
		c.get(ctx, string(rune('a'+i)), func(context.Context) (any, error) { return i, nil })
	}
	c.mu.Lock()
	n := len(c.entries)
	c.mu.Unlock()
	if n > 4 {
		t.Errorf("%d entries, max 4", n)
	}
	var nilCache *resultCache
	if v, _ := nilCache.get(ctx, "x", slow(6)); v != 6 {
		t.Error("nil cache does not compute")
	}
}

// TestResultCacheCancel: a shared computation goes on while one caller
// still waits for it, and is cancelled when the last one leaves.
func TestResultCacheCancel(t *testing.T) {
	c := newResultCache(time.Minute, 4, 0)
	stopped := make(chan error, 1)
	started := make(chan struct{})
	work := func(ctx context.Context) (any, error) {
		close(started)
		<-ctx.Done()
		stopped <- ctx.Err()
		return nil, ctx.Err()
	}
	ctx1, cancel1 := context.WithCancel(context.Background())
	ctx2, cancel2 := context.WithCancel(context.Background())
	errs := make(chan error, 2)
	go func() { _, err := c.get(ctx1, "k", work); errs <- err }()
	<-started
	go func() { _, err := c.get(ctx2, "k", work); errs <- err }()
	for waiters := 0; waiters < 2; time.Sleep(time.Millisecond) { // the second caller joins
		c.mu.Lock()
		for _, fl := range c.flights {
			waiters = fl.waiters
		}
		c.mu.Unlock()
	}
	cancel1()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("first caller: %v, want cancelled", err)
	}
	select {
	case err := <-stopped:
		t.Fatalf("the computation stopped (%v) while a caller still waited", err)
	case <-time.After(50 * time.Millisecond):
	}
	cancel2()
	<-errs
	select {
	case err := <-stopped:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("computation stopped with %v, want cancelled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the computation went on after every caller left")
	}
}
