package queue

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// TestCommitterGroups: items are stored in groups of at most max, in the
// order they came; flush returns once all that was added is stored; a
// lone item is stored after the delay without a flush; close stores the
// rest.
func TestCommitterGroups(t *testing.T) {
	var mu sync.Mutex
	var groups [][]int
	stored := func() (n int) {
		mu.Lock()
		defer mu.Unlock()
		for _, g := range groups {
			n += len(g)
		}
		return n
	}
	c := newCommitter(4, 50*time.Millisecond, func(g []*prepared) {
		ids := make([]int, len(g))
		for i, p := range g {
			ids[i] = p.value.(int)
		}
		mu.Lock()
		groups = append(groups, ids)
		mu.Unlock()
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.loop()
	}()
	for i := range 10 {
		c.add(&prepared{value: i})
	}
	c.flush()
	if n := stored(); n != 10 {
		t.Fatalf("flush returned with %d of 10 items stored", n)
	}
	c.add(&prepared{value: 10})
	for end := time.Now().Add(10 * time.Second); stored() < 11 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := stored(); n != 11 {
		t.Fatalf("a lone item was not stored after the delay: %d of 11 stored", n)
	}
	c.add(&prepared{value: 11})
	c.close()
	<-done
	next := 0
	for _, g := range groups {
		if len(g) == 0 || len(g) > 4 {
			t.Errorf("group of %d items, want 1 to 4", len(g))
		}
		for _, id := range g {
			if id != next {
				t.Fatalf("groups %v: items out of order", groups)
			}
			next++
		}
	}
	if next != 12 {
		t.Errorf("groups %v: %d items stored, want 12", groups, next)
	}
}

// TestCommitterSoon: soon stores what is pending without waiting for the
// group to fill or for the delay (an hour here).
func TestCommitterSoon(t *testing.T) {
	stored := make(chan int, 10)
	c := newCommitter(16, time.Hour, func(g []*prepared) { stored <- len(g) })
	go c.loop()
	defer c.close()
	c.soon() // nothing pending: nothing to store
	c.add(&prepared{value: 1})
	c.add(&prepared{value: 2})
	c.soon()
	select {
	case n := <-stored:
		if n != 2 {
			t.Errorf("stored a group of %d, want the 2 pending", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("soon did not store the pending items")
	}
	select {
	case n := <-stored:
		t.Errorf("a second group of %d stored", n)
	default:
	}
}

// poisonBatcher stores items by name; a group holding a "poison" item
// fails as a whole, as a transaction does when one of its writes fails.
type poisonBatcher struct {
	mu     sync.Mutex
	stored map[string]int
	groups []int // sizes of the groups stored
}

func (b *poisonBatcher) Ingest(ctx context.Context, it ingest.Item) (*ingest.Summary, error) {
	return nil, errors.New("not used")
}

func (b *poisonBatcher) prepare(_ context.Context, it ingest.Item) (any, error) {
	time.Sleep(5 * time.Millisecond) // an analysis, which the next pull hides behind
	return it.Name, nil
}

func (b *poisonBatcher) store(_ context.Context, items []any) (*ingest.Summary, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, v := range items {
		if strings.Contains(v.(string), "poison") {
			return nil, fmt.Errorf("%s: the store refuses it", v)
		}
	}
	b.groups = append(b.groups, len(items))
	for _, v := range items {
		b.stored[v.(string)]++
	}
	return &ingest.Summary{Inputs: len(items), Articles: len(items)}, nil
}

// testQueue opens a queue of its own on the cluster of
// scripts/services.sh, with a text file of each name published to it.
func testQueue(t *testing.T, opts Options, names ...string) *Queue {
	t.Helper()
	nc, err := Connect(testenv.NATS(t), t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx := context.Background()
	opts.Name = fmt.Sprintf("%s%d", strings.ReplaceAll(t.Name(), "/", ""), rand.Uint32())
	q, err := Open(ctx, nc, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Delete(context.Background()) })
	dir := t.TempDir()
	for i, name := range names {
		os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("Page %d of the test.", i)), 0o644)
	}
	if ps, err := q.Publish(ctx, []string{dir}, ingest.Options{}); err != nil || ps.Published != len(names) {
		t.Fatalf("publish: %v %+v", err, ps)
	}
	return q
}

func pageNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("page%02d.txt", i)
	}
	return names
}

// TestItemsStoredInGroups: a worker stores its items several to a group,
// never more than Batch, each item once, and acknowledges them all.
func TestItemsStoredInGroups(t *testing.T) {
	q := testQueue(t, Options{}, pageNames(40)...)
	b := &poisonBatcher{stored: map[string]int{}}
	sum, err := q.NewWorker(b, WorkerOptions{Workers: 2, UntilEmpty: true, Poll: 100 * time.Millisecond, Batch: 8}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(b.stored) != 40 || sum.Articles != 40 {
		t.Errorf("stored %d distinct items (%+v), want 40", len(b.stored), sum)
	}
	for name, n := range b.stored {
		if n != 1 {
			t.Errorf("%s stored %d times", name, n)
		}
	}
	if len(b.groups) >= 40 {
		t.Errorf("%d groups for 40 items: not grouped", len(b.groups))
	}
	for _, n := range b.groups {
		if n > 8 {
			t.Errorf("a group of %d items, Batch is 8", n)
		}
	}
	if s, err := q.Status(context.Background()); err != nil || s.Done != 40 || s.InFlight != 0 || s.Pending != 0 {
		t.Errorf("status %+v (%v), want 40 done", s, err)
	}
}

// TestGroupFailureStoresTheOthers: when storing a group fails because of
// one item, the others are stored (each once) and acknowledged, and only
// that item is retried and, after its attempts, dead-lettered.
func TestGroupFailureStoresTheOthers(t *testing.T) {
	names := pageNames(12)
	names[5] = "poison.txt"
	q := testQueue(t, Options{Attempts: 2, RetryDelay: 50 * time.Millisecond}, names...)
	ctx := context.Background()
	b := &poisonBatcher{stored: map[string]int{}}
	sum, err := q.NewWorker(b, WorkerOptions{UntilEmpty: true, Poll: 100 * time.Millisecond, Batch: 16, BatchDelay: time.Second}).Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.stored) != 11 || sum.Articles != 11 || sum.DeadLettered != 1 || sum.Retried != 1 {
		t.Errorf("stored %d items (%+v), want the 11 good ones, the poison retried once and dead-lettered", len(b.stored), sum)
	}
	for name, n := range b.stored {
		if n != 1 {
			t.Errorf("%s stored %d times", name, n)
		}
	}
	if s, err := q.Status(ctx); err != nil || s.Done != 11 || s.Dead != 1 || s.Pending != 0 || s.InFlight != 0 {
		t.Errorf("status %+v (%v), want 11 done, 1 dead", s, err)
	}
}
