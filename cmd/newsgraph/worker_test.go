package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// TestQueueCommands: ingest --queue, worker, queue status and retry on
// the NATS cluster of scripts/services.sh.
func TestQueueCommands(t *testing.T) {
	url := testenv.NATS(t)
	name := fmt.Sprintf("cmdtest%d", rand.Uint32())
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(pages, 0o755)
	writeFile(t, pages, "pier.txt", []byte(testArticle))
	writeFile(t, pages, "pier2.txt", []byte(strings.Replace(testArticle, "Monday", "Tuesday", 1)))
	db := filepath.Join(dir, "c.db")
	q := []string{"--queue", url, "--queue-name", name}
	t.Cleanup(func() {
		if nc, err := queue.Connect(url, "cleanup"); err == nil {
			if qq, err := queue.Open(context.Background(), nc, queue.Options{Name: name}); err == nil {
				qq.Delete(context.Background())
			}
			nc.Close()
		}
	})

	out, _, err := runCmd(t, "", append(append([]string{"ingest"}, q...), pages)...)
	if err != nil || !strings.Contains(out, "items queued       2") {
		t.Fatalf("ingest --queue: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "", "ingest", "--queue", url, "--db", db, pages); exitCode(err) != exitUsage {
		t.Errorf("ingest --queue --db: %v, want a usage error", err)
	}
	out, _, err = runCmd(t, "", append([]string{"queue", "status"}, q...)...)
	if err != nil || !strings.Contains(out, "pending            2") || !strings.Contains(out, "replicas)") {
		t.Errorf("status: %v\n%s", err, out)
	}
	// One page goes missing: it fails every attempt and is dead-lettered.
	os.Rename(filepath.Join(pages, "pier2.txt"), filepath.Join(dir, "pier2.txt"))
	out, errOut, err := runCmd(t, "", append([]string{"worker", "--db", db, "--until-empty", "--attempts", "2", "--progress", "never"}, q...)...)
	if !errors.Is(err, errPartial) {
		t.Errorf("worker with a dead letter: %v, want partial", err)
	}
	for _, want := range []string{"articles stored    1", "dead-lettered      1", "inputs read        1"} {
		if !strings.Contains(out, want) {
			t.Errorf("worker summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "pier2.txt") {
		t.Errorf("worker stderr does not name the failing item:\n%s", errOut)
	}
	out, _, _ = runCmd(t, "", append([]string{"queue", "status"}, q...)...)
	if !strings.Contains(out, "done               1") || !strings.Contains(out, "dead-lettered      1") || !strings.Contains(out, "pier2.txt") {
		t.Errorf("status after the worker:\n%s", out)
	}
	os.Rename(filepath.Join(dir, "pier2.txt"), filepath.Join(pages, "pier2.txt"))
	if out, _, err := runCmd(t, "", append([]string{"queue", "retry"}, q...)...); err != nil || !strings.Contains(out, "re-queued          1") {
		t.Errorf("retry: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "", append([]string{"worker", "--db", db, "--until-empty", "--progress", "never"}, q...)...)
	if err != nil || !strings.Contains(out, "articles stored    1") || !strings.Contains(out, "2 items done, 0 pending, 0 in flight, 0 dead-lettered") {
		t.Errorf("worker after retry: %v\n%s", err, out)
	}
	out, _, _ = runCmd(t, "", append([]string{"queue", "status"}, q...)...)
	if !strings.Contains(out, "done               2") || !strings.Contains(out, "dead-lettered      0 (retried before: 1)") {
		t.Errorf("final status:\n%s", out)
	}
	if out, _, err := runCmd(t, "", "stats", "--db", db); err != nil || !strings.Contains(out, "2") {
		t.Errorf("stats: %v\n%s", err, out)
	}
}
