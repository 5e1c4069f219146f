package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
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

// TestServe starts the server on a free loopback port, reads its address
// from its output, fetches a page and stops it as SIGINT would.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(context.Background(), st, []string{filepath.Join("..", "..", "internal", "web", "testdata", "corpus")}, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- cmdServe(ctx, env{stdout: &out, stderr: &errOut}, []string{"--db", db, "--addr", "127.0.0.1:0"})
	}()
	addrRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		base = addrRE.FindString(out.String())
	}
	if base == "" {
		t.Fatalf("no address printed: %q %q", out.String(), errOut.String())
	}
	resp, err := http.Get(base + "search?q=ferry")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Harbor council approves new ferry line") {
		t.Errorf("search page: %d", resp.StatusCode)
	}
	// No token: writes are refused.
	req, _ := http.NewRequest("DELETE", base+"api/article/1", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("delete without a configured token: %v %v", resp.StatusCode, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(out.String(), "shutting down") {
		t.Errorf("output %q", out.String())
	}
}

func TestServeUsage(t *testing.T) {
	var out, errOut syncBuffer
	err := cmdServe(context.Background(), env{stdout: &out, stderr: &errOut}, nil)
	if exitCode(err) != exitUsage {
		t.Errorf("no --db: %v", err)
	}
	err = cmdServe(context.Background(), env{stdout: &out, stderr: &errOut}, []string{"--db", filepath.Join(t.TempDir(), "missing.db")})
	if err == nil || !strings.Contains(err.Error(), "newsgraph ingest") {
		t.Errorf("missing db: %v", err)
	}
}
