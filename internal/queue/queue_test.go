package queue_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// childEnv makes the test binary a worker process (see TestMain): the
// SIGKILL test runs workers as subprocesses. Its value is the NATS URLs,
// the queue name and the store path, separated by \x1f.
const childEnv = "NEWSGRAPH_QUEUE_CHILD"

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		f := strings.Split(v, "\x1f")
		if err := runChild(f[0], f[1], f[2]); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childOptions are the queue options of the tests that run worker
// processes: a short AckWait so a dead worker's item comes back soon, and
// a first retry delay that lets an item's attempts (1 + 2 + 4 + 8 s
// between them) outlast a PostgreSQL restart, as the default's (2 s)
// do; with 100 ms, items stored during a restart were dead-lettered.
var childOptions = queue.Options{AckWait: 3 * time.Second, RetryDelay: time.Second}

func runChild(url, name, db string) error {
	ctx := context.Background()
	nc, err := queue.Connect(url, "test-child")
	if err != nil {
		return err
	}
	defer nc.Close()
	opts := childOptions
	opts.Name = name
	q, err := queue.Open(ctx, nc, opts)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := q.NewWorker(processor(nil, st), queue.WorkerOptions{Workers: 2, UntilEmpty: true}).Run(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("child: %d inputs, %d articles, %d duplicates\n", sum.Inputs, sum.Articles, sum.Duplicates)
	return nil
}

// processor binds an ingest.Processor to st as the queue's Ingester
// (items stored in groups).
func processor(t testing.TB, st *store.Store) queue.Ingester {
	p, err := ingest.NewProcessor(ingest.Options{})
	if err != nil {
		if t != nil {
			t.Fatal(err)
		}
		panic(err)
	}
	return queue.Processor(p, st)
}

// connect connects to the cluster of scripts/services.sh.
func connect(t testing.TB) (*nats.Conn, string) {
	t.Helper()
	url := testenv.NATS(t)
	nc, err := queue.Connect(url, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc, url
}

// openQueue opens a queue with a name of its own, deleted at the end.
func openQueue(t testing.TB, nc *nats.Conn, opts queue.Options) *queue.Queue {
	t.Helper()
	opts.Name = regexp.MustCompile(`[^A-Za-z0-9]`).ReplaceAllString(t.Name(), "") + fmt.Sprint(rand.Uint32())
	q, err := queue.Open(context.Background(), nc, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := q.Delete(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return q
}

// generatedWARC writes a corpusgen WARC.gz of n pages with planted copies.
func generatedWARC(t testing.TB, dir string, n int) (string, int) {
	t.Helper()
	path := filepath.Join(dir, "gen.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := corpusgen.WriteWARC(f, nil, corpusgen.Options{Pages: n, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return path, got
}

func count(t testing.TB, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkOnce asserts the store holds want articles from want WARC records,
// every input and URL once, every article in a cluster.
func checkOnce(t *testing.T, db *sql.DB, want int) {
	t.Helper()
	checks := map[string]int{
		`SELECT count(*) FROM articles`:                                                                 want,
		`SELECT count(DISTINCT url) FROM articles`:                                                      want,
		`SELECT count(*) FROM raw_inputs`:                                                               want,
		`SELECT count(DISTINCT warc_record_id) FROM raw_inputs`:                                         want,
		`SELECT count(*) FROM articles WHERE cluster_id IS NULL`:                                        0,
		`SELECT count(*) FROM (SELECT sha256 FROM raw_inputs GROUP BY sha256 HAVING count(*) > 1) AS d`: 0,
	}
	var fts int
	if db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'`).Scan(&fts) == nil && fts == 1 {
		checks[`SELECT count(*) FROM articles_fts`] = want // SQLite's full-text index
	}
	for q, n := range checks {
		if got := count(t, db, q); got != n {
			t.Errorf("%s = %d, want %d", q, got, n)
		}
	}
}

func status(t testing.TB, q *queue.Queue) *queue.Status {
	t.Helper()
	s, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPublishTwoWorkers: a WARC published twice is queued once; two
// workers with stores of their own on one file store every record once.
func TestPublishTwoWorkers(t *testing.T) {
	nc, _ := connect(t)
	q := openQueue(t, nc, queue.Options{})
	if q.Replicas() != 3 {
		t.Errorf("replicas = %d on a 3-node cluster, want 3", q.Replicas())
	}
	dir := t.TempDir()
	warc, n := generatedWARC(t, dir, 120)
	ctx := context.Background()
	ps, err := q.Publish(ctx, []string{warc}, ingest.Options{})
	if err != nil || ps.Items != n || ps.Published != n || ps.Failed != 0 {
		t.Fatalf("publish: %v, %+v; want %d items published", err, ps, n)
	}
	ps, err = q.Publish(ctx, []string{warc}, ingest.Options{})
	if err != nil || ps.Published != 0 || ps.Repeated != n {
		t.Fatalf("publish again: %v, %+v; want all %d repeated", err, ps, n)
	}
	if s := status(t, q); s.Pending != uint64(n) || s.Done != 0 || s.Published != uint64(n) {
		t.Errorf("status before workers: %+v", s)
	}

	db := filepath.Join(dir, "c.db")
	sums := make(chan *queue.WorkerSummary, 2)
	for range 2 {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		go func() {
			s, err := q.NewWorker(processor(t, st), queue.WorkerOptions{UntilEmpty: true}).Run(ctx)
			if err != nil {
				t.Error(err)
			}
			sums <- s
		}()
	}
	a, b := <-sums, <-sums
	if a == nil || b == nil {
		t.FailNow()
	}
	if a.Articles+b.Articles != n || a.Inputs+b.Inputs != n {
		t.Errorf("workers stored %d+%d articles from %d+%d inputs, want %d", a.Articles, b.Articles, a.Inputs, b.Inputs, n)
	}
	if a.Inputs == 0 || b.Inputs == 0 {
		t.Errorf("one worker did all the work: %d and %d inputs", a.Inputs, b.Inputs)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkOnce(t, st.DB, n)
	if s := status(t, q); s.Pending != 0 || s.InFlight != 0 || s.Done != uint64(n) || s.Dead != 0 {
		t.Errorf("status after: %+v, want %d done", s, n)
	}
}
