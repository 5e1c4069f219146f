package queue_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store"
)

// benchWARC is the WARC the benchmark ingests: $NEWSGRAPH_BENCH_WARC, else
// the Scrapinghub benchmark's 181 real pages written to a WARC.gz.
func benchWARC(b testing.TB) string {
	if p := os.Getenv("NEWSGRAPH_BENCH_WARC"); p != "" {
		return p
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "extraction", "scrapinghub", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skip("scrapinghub pages not available")
	}
	path := filepath.Join(b.TempDir(), "scrapinghub.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := corpusgen.NewWARCWriter(f)
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(file), ".html.gz")
		if _, err := w.Response("http://pages.example/"+name, date, "text/html", body); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// BenchmarkScaleOut ingests one WARC (see benchWARC) five ways in each
// iteration — embedded (ingest.Run) with 1 and 2 workers, the queue with
// 1 and 2 worker goroutines (publish first, then workers until the queue
// is empty), and the queue with 1 worker goroutine on one core
// (GOMAXPROCS 1) — each into a fresh SQLite store, and reports the ratios
// of the same run, plus the queue's own cost: the workers' time around items
// (waiting for a pull, decoding, acknowledging; the queue is full from the
// start, so every wait is the queue's) as a share of their time
// analysing and storing, and the time per item of the queue alone
// (publish, pull and acknowledge with an Ingester that does nothing). CPU
// time per article: this process's per variant (the queue's includes
// publishing, also reported alone) and, with $NEWSGRAPH_SERVICES, the
// NATS servers' while the 1-worker variant published and worked, their
// idle rate subtracted (creating and deleting the queue's streams, once
// per queue, is reported apart, in ms per queue).
//
// The queue's CPU overhead is reported two ways. queue_cpu_overhead_% is
// the difference of two totals, the 1-worker queue's (this process and
// the servers) less the embedded ingest's, over the latter: everything
// the queue changes, but on a shared machine either total moves by a few
// ms per article between runs, so it takes many iterations to settle.
// queue_own_cpu_% is the CPU of the run with an Ingester that does
// nothing (publishing, pulling, decoding, acknowledging; this process
// and the servers) over the embedded ingest's: the queue's own work,
// measured alone.
//
// Scaling is reported two ways too. queue2/queue1 is 2 worker goroutines
// against 1, both in a process free to use both cores; but 1 worker
// already uses more than one core (it stores beside its analysis, and
// the garbage collector and the NATS client run beside both).
// queue2/queue1_1core is 2 worker goroutines on 2 cores against 1 on one
// core (GOMAXPROCS 1 during that variant): per core, which is what the
// sizing arithmetic of the README uses. Both are wall-clock and move
// with the neighbours' load; queue2/queue1_cpu_bound is the per-core
// ratio from CPU time per article.
//
//	go test ./internal/queue -run '^$' -bench ScaleOut -benchtime 1x
func BenchmarkScaleOut(b *testing.B) {
	nc, _ := connect(b)
	warc := benchWARC(b)
	ctx := context.Background()
	dir := b.TempDir()
	var embedded1, embedded2, queue1, queue2, queue1c, own, publish, bare time.Duration
	// CPU time of this process (and of the NATS servers) per variant: on
	// a shared machine wall-clock ratios move with the neighbours' load,
	// CPU time per article much less.
	var cpuE1, cpuE2, cpuQ1, cpuQ2, cpuQ1c, cpuNATS1 time.Duration
	// cpuBare and cpuBareNATS are the CPU time of the run with an
	// Ingester that does nothing: this process's and the servers'.
	var cpuBare, cpuBareNATS time.Duration
	// cpuPub1 is the part of cpuQ1 spent publishing (expanding the WARC:
	// reading it through, which the embedded ingest does once and the
	// queue twice, by the publisher and record by record by the workers);
	// lastPub the publishing CPU of the last runQueue.
	var cpuPub1, lastPub time.Duration
	// lastNATS is the NATS servers' CPU time during the last runQueue's
	// publishing and work, their idle rate subtracted; lastSetup theirs
	// while it created and deleted the queue's streams and consumer, which
	// a queue costs once, not per item (setup1 sums it).
	var lastNATS, lastSetup, setup1 time.Duration
	var idle float64 // the NATS servers' idle CPU time per second
	var ownShare, ownShare2 float64
	var n int
	fresh := func() *store.Store {
		st, err := store.Open(ctx, filepath.Join(dir, time.Now().Format("150405.000000000")+".db"))
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	runEmbedded := func(workers int) time.Duration {
		st := fresh()
		defer st.Close()
		t0 := time.Now()
		sum, err := ingest.Run(ctx, st, []string{warc}, ingest.Options{Workers: workers})
		d := time.Since(t0)
		if err != nil || sum.Articles == 0 {
			b.Fatalf("embedded: %v %+v", err, sum)
		}
		n = sum.Articles
		return d
	}
	runQueue := func(workers int, ing func(*store.Store) queue.Ingester) (total, pub time.Duration, sum *queue.WorkerSummary) {
		n0 := natsCPU(b)
		q := openQueue(b, nc, queue.Options{})
		n1 := natsCPU(b)
		st := fresh()
		defer st.Close()
		t0, c0 := time.Now(), cpuTime(b)
		if _, err := q.Publish(ctx, []string{warc}, ingest.Options{}); err != nil {
			b.Fatal(err)
		}
		pub, lastPub = time.Since(t0), cpuTime(b)-c0
		t1 := time.Now()
		sum, err := q.NewWorker(ing(st), queue.WorkerOptions{Workers: workers, UntilEmpty: true, Poll: 100 * time.Millisecond}).Run(ctx)
		if err != nil {
			b.Fatal(err)
		}
		total = time.Since(t1)
		n2 := natsCPU(b)
		if err := q.Delete(ctx); err != nil {
			b.Fatal(err)
		}
		lastNATS = n2 - n1 - time.Duration(idle*float64(pub+total))
		lastSetup = n1 - n0 + natsCPU(b) - n2
		return total, pub, sum
	}
	real := func(st *store.Store) queue.Ingester { return processor(b, st) }
	nothing := func(*store.Store) queue.Ingester {
		return queue.IngesterFunc(func(context.Context, ingest.Item) (*ingest.Summary, error) {
			return &ingest.Summary{Inputs: 1}, nil
		})
	}
	// Warm up: the first analysis loads the models (seconds of CPU), and
	// the first pass over the pages cost 5% more CPU than the next three
	// in one process (26.6 against 25.2 ms per Scrapinghub page), which
	// must not be charged to the first variant measured (embedded, 1
	// worker): one pass first.
	warm := fresh()
	if _, err := ingest.Run(ctx, warm, []string{warc}, ingest.Options{}); err != nil {
		b.Fatal(err)
	}
	warm.Close()
	// The NATS servers' CPU time when idle (Raft heartbeats of every
	// stream on the cluster), subtracted from what they use per variant.
	n0, t0 := natsCPU(b), time.Now()
	time.Sleep(5 * time.Second)
	idle = float64(natsCPU(b)-n0) / float64(time.Since(t0))
	for b.Loop() {
		c0 := cpuTime(b)
		embedded1 += runEmbedded(1)
		c1 := cpuTime(b)
		cpuE1 += c1 - c0
		d, p, s := runQueue(1, real)
		c2 := cpuTime(b)
		cpuQ1 += c2 - c1
		cpuPub1 += lastPub
		cpuNATS1 += lastNATS
		setup1 += lastSetup
		queue1 += d
		publish += p
		own += s.Queue + s.Waited
		ownShare += (s.Queue + s.Waited).Seconds() / s.Busy.Seconds()
		if s.Articles != n {
			b.Fatalf("queue stored %d articles, embedded %d", s.Articles, n)
		}
		d, _, s = runQueue(2, real)
		ownShare2 += (s.Queue + s.Waited).Seconds() / s.Busy.Seconds()
		c3 := cpuTime(b)
		cpuQ2 += c3 - c2
		queue2 += d
		if s.Articles != n {
			b.Fatalf("queue with 2 workers stored %d articles, embedded %d", s.Articles, n)
		}
		embedded2 += runEmbedded(2)
		c4 := cpuTime(b)
		cpuE2 += c4 - c3
		prev := runtime.GOMAXPROCS(1)
		d, _, s = runQueue(1, real)
		runtime.GOMAXPROCS(prev)
		c5 := cpuTime(b)
		cpuQ1c += c5 - c4
		queue1c += d
		if s.Articles != n {
			b.Fatalf("queue on one core stored %d articles, embedded %d", s.Articles, n)
		}
		d, p, _ = runQueue(1, nothing)
		cpuBare += cpuTime(b) - c5
		cpuBareNATS += lastNATS
		bare += d + p
	}
	iters := float64(b.N)
	per := func(d time.Duration) float64 { return float64(n) * iters / d.Seconds() }
	b.ReportMetric(float64(n), "articles")
	b.ReportMetric(per(embedded1), "embedded1_art/s")
	b.ReportMetric(per(embedded2), "embedded2_art/s")
	b.ReportMetric(per(queue1), "queue1_art/s")
	b.ReportMetric(per(queue2), "queue2_art/s")
	b.ReportMetric(embedded1.Seconds()/queue1.Seconds(), "queue1/embedded1")
	b.ReportMetric(queue1.Seconds()/queue2.Seconds(), "queue2/queue1")
	b.ReportMetric(per(queue1c), "queue1_1core_art/s")
	b.ReportMetric(queue1c.Seconds()/queue2.Seconds(), "queue2/queue1_1core")
	b.ReportMetric(embedded1.Seconds()/embedded2.Seconds(), "embedded2/embedded1")
	b.ReportMetric(100*ownShare/iters, "queue_own_%")
	b.ReportMetric(100*ownShare2/iters, "queue2_own_%")
	b.ReportMetric(float64(publish.Microseconds())/iters/float64(n), "publish_µs/item")
	b.ReportMetric(float64(bare.Microseconds())/iters/float64(n), "bare_queue_µs/item")
	b.ReportMetric(float64(own.Microseconds())/iters/float64(n), "worker_queue_µs/item")
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / iters / float64(n) }
	b.ReportMetric(ms(cpuE1), "embedded1_cpu_ms/art")
	b.ReportMetric(ms(cpuE2), "embedded2_cpu_ms/art")
	b.ReportMetric(ms(cpuQ1), "queue1_cpu_ms/art")
	b.ReportMetric(ms(cpuQ2), "queue2_cpu_ms/art")
	b.ReportMetric(ms(cpuQ1c), "queue1_1core_cpu_ms/art")
	b.ReportMetric(ms(cpuBare), "bare_queue_cpu_ms/item")
	b.ReportMetric(ms(cpuBareNATS), "bare_nats_servers_cpu_ms/item")
	b.ReportMetric(ms(cpuNATS1), "nats_servers_cpu_ms/art")
	b.ReportMetric(float64(setup1.Milliseconds())/iters, "nats_setup_cpu_ms/queue")
	b.ReportMetric(ms(cpuPub1), "publish_cpu_ms/art")
	// The queue's CPU cost beyond the embedded ingest, servers included,
	// as a share of the embedded ingest's CPU time per article; and what
	// two workers would do on two free cores, from their CPU time per
	// article against one worker's.
	b.ReportMetric(100*(cpuQ1+cpuNATS1-cpuE1).Seconds()/cpuE1.Seconds(), "queue_cpu_overhead_%")
	b.ReportMetric(100*(cpuBare+cpuBareNATS).Seconds()/cpuE1.Seconds(), "queue_own_cpu_%")
	b.ReportMetric(2*cpuQ1.Seconds()/cpuQ2.Seconds(), "queue2/queue1_cpu_bound")
}

// cpuTime is the user and system CPU time of this process so far.
func cpuTime(b testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// natsCPU is the CPU time of the NATS servers of scripts/services.sh so
// far (0 when their folder is not known): their pid files, /proc/PID/stat.
func natsCPU(b testing.TB) time.Duration {
	dir := os.Getenv("NEWSGRAPH_SERVICES")
	if dir == "" {
		return 0
	}
	var total time.Duration
	for _, n := range []string{"1", "2", "3"} {
		pid, err := os.ReadFile(filepath.Join(dir, "nats", "n"+n+".pid"))
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", strings.TrimSpace(string(pid)), "stat"))
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: utime and stime
		// are the 12th and 13th (fields 14 and 15 of the whole line).
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		total += time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
	}
	return total
}
