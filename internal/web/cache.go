package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

// resultCache keeps recent search results and facets for a short time:
// analysts page through and re-run the same queries, and counting or
// ranking every match of a frequent word is the slow part of a search. At
// most one computation of a key runs at a time; the others wait for it;
// once a value has expired, callers get it while one computation refreshes
// it. A computation runs detached from any one caller, bounded by the
// cache's timeout, and is cancelled (which interrupts its SQLite statement)
// as soon as every caller waiting for it has gone. Writes through this
// server clear the cache; writes by another process (newsgraph ingest on
// the same file) show after at most the TTL plus one computation.
type resultCache struct {
	ttl time.Duration
	max int
	// timeout bounds one computation (0: none).
	timeout time.Duration

	mu      sync.Mutex
	gen     uint64
	entries map[string]cacheEntry
	flights map[string]*flight
}

type cacheEntry struct {
	v       any
	expires time.Time
}

// flight is one computation in progress and the callers waiting for it.
type flight struct {
	done    chan struct{}
	v       any
	err     error
	waiters int
	cancel  context.CancelFunc
}

func newResultCache(ttl time.Duration, max int, timeout time.Duration) *resultCache {
	return &resultCache{ttl: ttl, max: max, timeout: timeout, entries: map[string]cacheEntry{}, flights: map[string]*flight{}}
}

// get returns the cached value of key or computes it with fn. A nil cache
// always computes, under the caller's context.
func (c *resultCache) get(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	if c == nil {
		return fn(ctx)
	}
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[key]
	if ok && now.Before(e.expires) {
		c.mu.Unlock()
		return e.v, nil
	}
	gen := c.gen
	fkey := fmt.Sprint(gen, "\x00", key)
	fl := c.flights[fkey]
	if fl == nil {
		fl = c.start(ctx, fkey, key, gen, fn)
	}
	if ok {
		// Expired: answer with the old value while one computation
		// refreshes it (stale while revalidate), so the expiry of a slow
		// query does not stall everyone who asks for it. The refresh has
		// no waiter: it runs to its end or its timeout.
		c.mu.Unlock()
		return e.v, nil
	}
	fl.waiters++
	c.mu.Unlock()
	select {
	case <-fl.done:
		return fl.v, fl.err
	case <-ctx.Done():
		c.mu.Lock()
		fl.waiters--
		if fl.waiters == 0 {
			fl.cancel() // nobody wants the result any more
		}
		c.mu.Unlock()
		return nil, ctx.Err()
	}
}

// start runs fn for key in its own goroutine. c.mu is held.
func (c *resultCache) start(ctx context.Context, fkey, key string, gen uint64, fn func(context.Context) (any, error)) *flight {
	fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if c.timeout > 0 {
		fctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	}
	fl := &flight{done: make(chan struct{}), cancel: cancel}
	c.flights[fkey] = fl
	go func() {
		defer cancel()
		v, err := fn(fctx)
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.flights, fkey)
		fl.v, fl.err = v, err
		close(fl.done)
		if err != nil || c.gen != gen {
			return // failed, or cleared meanwhile: store nothing stale
		}
		if len(c.entries) >= c.max {
			// Drop expired entries, else an arbitrary half.
			n, now := 0, time.Now()
			for k, e := range c.entries {
				if now.After(e.expires) || n%2 == 0 {
					delete(c.entries, k)
				}
				n++
			}
		}
		c.entries[key] = cacheEntry{v: v, expires: time.Now().Add(c.ttl)}
	}()
	return fl
}

// clear forgets every entry (after a write).
func (c *resultCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	c.entries = map[string]cacheEntry{}
	c.mu.Unlock()
}

// Search limits of the web server (store.SearchOptions): a query that
// matches more than searchRankLimit articles is ranked among its
// searchRankLimit most recently ingested matches, so no search computes
// bm25 for the whole corpus in SQL; the count stops at searchCountLimit.
// With the store's full-text index in use (store.Store.UseTextIndex) every
// match is ranked: the index scores a match in nanoseconds, and the order
// is then exactly bm25's over every match.
const (
	searchRankLimit  = 10_000
	searchCountLimit = 10_000
)

// search is store.Search through the cache, with the server's limits.
func (s *Server) search(ctx context.Context, opts store.SearchOptions) (*store.SearchResult, error) {
	opts.RankLimit, opts.CountLimit = searchRankLimit, searchCountLimit
	if ti, ok := s.st.(interface{ TextIndexed() bool }); ok && ti.TextIndexed() {
		opts.RankLimit = 0
	}
	key := fmt.Sprintf("search\x00%q\x00%d\x00%d\x00%q\x00%q\x00%t\x00%t", opts.Query, opts.Limit, opts.Offset, opts.MarkOpen, opts.MarkClose, opts.NoTotal, opts.Facets)
	v, err := s.cache.get(ctx, key, func(ctx context.Context) (any, error) {
		res, err := s.st.Search(ctx, opts)
		if err != nil && ctx.Err() != nil {
			s.opts.Logger.Info("query stopped", "query", opts.Query, "err", err, "cause", ctx.Err())
		}
		return res, err
	})
	if err != nil {
		return nil, err
	}
	return v.(*store.SearchResult), nil
}
