package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/newsgraph/newsgraph/internal/corpus"
)

// resultCache keeps recent search results and facets for a short time:
// analysts page through and re-run the same queries, and counting or
// ranking every match of a frequent word is the slow part of a search. At
// most one computation of a key runs at a time (singleflight); the others
// wait for it; once a value has expired, callers get it while one
// computation refreshes it. Writes through this server clear the cache;
// writes by another process (newsgraph ingest on the same file) show after
// at most the TTL plus one computation.
type resultCache struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	gen     uint64
	entries map[string]cacheEntry
	flight  singleflight.Group
}

type cacheEntry struct {
	v       any
	expires time.Time
}

func newResultCache(ttl time.Duration, max int) *resultCache {
	return &resultCache{ttl: ttl, max: max, entries: map[string]cacheEntry{}}
}

// get returns the cached value of key or computes it with fn. A nil cache
// always computes.
func (c *resultCache) get(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	if c == nil {
		return fn(ctx)
	}
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[key]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.v, nil
	}
	ch := c.flight.DoChan(fmt.Sprint(gen, "\x00", key), func() (any, error) {
		// Detached from the first caller's cancellation: the others wait
		// for this result too. Bounded by the query's own time.
		v, err := fn(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.gen != gen {
			return v, nil // cleared meanwhile: do not store a stale result
		}
		if len(c.entries) >= c.max {
			// Drop expired entries, else an arbitrary half.
			n := 0
			for k, e := range c.entries {
				if now.After(e.expires) || n%2 == 0 {
					delete(c.entries, k)
				}
				n++
			}
		}
		c.entries[key] = cacheEntry{v: v, expires: time.Now().Add(c.ttl)}
		return v, nil
	})
	if ok {
		// Expired: answer with the old value while one computation
		// refreshes it (stale while revalidate), so the expiry of a slow
		// query does not stall everyone who asks for it.
		return e.v, nil
	}
	select {
	case r := <-ch:
		return r.Val, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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

// Search limits of the web server (corpus.SearchOptions): a query that
// matches more than searchRankLimit articles is ranked among its
// searchRankLimit most recently ingested matches, so no search computes
// bm25 for the whole corpus; the count stops at searchCountLimit.
const (
	searchRankLimit  = 10_000
	searchCountLimit = 10_000
)

// search is corpus.Search through the cache, with the server's limits.
func (s *Server) search(ctx context.Context, opts corpus.SearchOptions) (*corpus.SearchResult, error) {
	opts.RankLimit, opts.CountLimit = searchRankLimit, searchCountLimit
	key := fmt.Sprintf("search\x00%q\x00%d\x00%d\x00%q\x00%q\x00%t\x00%t", opts.Query, opts.Limit, opts.Offset, opts.MarkOpen, opts.MarkClose, opts.NoTotal, opts.Facets)
	v, err := s.cache.get(ctx, key, func(ctx context.Context) (any, error) { return s.corpus.Search(ctx, opts) })
	if err != nil {
		return nil, err
	}
	return v.(*corpus.SearchResult), nil
}
