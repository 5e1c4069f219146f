package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/store"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newWordyStore writes n articles of many distinct made-up words straight
// into a temporary store (no analysis), so that prefix queries expand to
// very many index terms and take long enough to be cancelled.
func newWordyStore(t testing.TB, n, words int) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "wordy.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for i := range n {
		var b strings.Builder
		for range words {
			for range 6 {
				b.WriteByte(letters[rng.IntN(len(letters))])
			}
			b.WriteByte(' ')
		}
		text := b.String()
		a := &article.Article{ID: fmt.Sprint("doc", i), Format: article.FormatPlain, Text: text, Title: "t"}
		in := store.Input{SHA256: store.ContentHash([]byte(text)), Size: int64(len(text)), SourceKind: store.SourceFile}
		if _, err := tx.PutArticle(in, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestSearchCancelledByClient: a client that gives up on an expensive
// search cancels its SQLite statements (the search returns a cancellation
// error), whatever the server's own time limit.
func TestSearchCancelledByClient(t *testing.T) {
	st := newWordyStore(t, 300, 2000)
	var logs syncBuffer
	s, err := New(st, Options{Rate: -1, QueryTimeout: 10 * time.Minute,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)

	var terms []string
	for c := 'a'; c < 'a'+16; c++ {
		terms = append(terms, string(c)+"*")
	}
	q := strings.Join(terms, " OR ") // about 2 s on this store, uncancelled
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/search?q="+url.QueryEscape(q), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("the search answered %s before it was cancelled", resp.Status)
		}
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("client: %v, want a cancelled request", err)
	}
	// The server notices the hang-up and the search itself stops with a
	// cancellation error from the store; generous wait, no timing claim.
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(logs.String(), "query stopped") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	out := logs.String()
	if !strings.Contains(out, "query stopped") || !strings.Contains(out, "context canceled") {
		t.Fatalf("the search did not stop with a cancellation error; log:\n%s", out)
	}
}

// TestSearchTimeLimit: a search past Options.QueryTimeout answers 503 with
// a message naming the limit.
func TestSearchTimeLimit(t *testing.T) {
	st := newWordyStore(t, 300, 2000)
	s, err := New(st, Options{Rate: -1, QueryTimeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	resp := get(t, ts.URL+"/api/search?q="+url.QueryEscape("a* OR b* OR c* OR d* OR e* OR f*"))
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body.String(), "time limit of 1ms") {
		t.Errorf("status %d, body %s; want 503 naming the time limit", resp.StatusCode, body.String())
	}
}
