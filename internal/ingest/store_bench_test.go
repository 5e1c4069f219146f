package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/pgtest"
)

// BenchmarkStorePrepared stores the articles of $NEWSGRAPH_BENCH_WARC,
// analysed once beforehand, as a queue worker does (Processor.Store, 16
// to a transaction), into a fresh SQLite store and a fresh PostgreSQL
// database ($NEWSGRAPH_PG), and reports the CPU time of storing alone per
// article: this process's and, with $NEWSGRAPH_SERVICES, the PostgreSQL
// server's (its processes, those ended included).
//
//	NEWSGRAPH_BENCH_WARC=pages.warc.gz go test ./internal/ingest -run '^$' -bench StorePrepared -benchtime 3x
func BenchmarkStorePrepared(b *testing.B) {
	warc := os.Getenv("NEWSGRAPH_BENCH_WARC")
	if warc == "" {
		b.Skip("NEWSGRAPH_BENCH_WARC not set")
	}
	ctx := context.Background()
	var items []ingest.Item
	if _, err := ingest.Expand(ctx, []string{warc}, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	p, err := ingest.NewProcessor(ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var cpu, server time.Duration
			n := 0
			for b.Loop() {
				b.StopTimer()
				var st *store.Store
				var err error
				if engine == "sqlite" {
					st, err = store.Open(ctx, filepath.Join(b.TempDir(), "s.db"))
				} else {
					st, err = store.Open(ctx, pgtest.NewDatabase(b))
				}
				if err != nil {
					b.Fatal(err)
				}
				var ps []*ingest.Prepared
				for _, it := range items {
					a, err := p.Prepare(ctx, st, it)
					if err != nil {
						b.Fatal(err)
					}
					ps = append(ps, a)
				}
				b.StartTimer()
				c0, s0 := processCPU(b), pgServerCPU()
				for i := 0; i < len(ps); i += 16 {
					sum, err := p.Store(ctx, st, ps[i:min(i+16, len(ps))])
					if err != nil {
						b.Fatal(err)
					}
					n += sum.Articles
				}
				cpu += processCPU(b) - c0
				server += pgServerCPU() - s0
				st.Close()
			}
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
			b.ReportMetric(ms(cpu), "store_cpu_ms/art")
			if engine == "postgres" {
				b.ReportMetric(ms(server), "pg_server_cpu_ms/art")
			}
		})
	}
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pgServerCPU is the CPU time of the PostgreSQL server of
// scripts/services.sh so far: the postmaster, its live children, and the
// children it reaped (0 without $NEWSGRAPH_SERVICES).
func pgServerCPU() time.Duration {
	dir := os.Getenv("NEWSGRAPH_SERVICES")
	if dir == "" {
		return 0
	}
	pidFile, err := os.ReadFile(filepath.Join(dir, "pg", "data", "postmaster.pid"))
	if err != nil {
		return 0
	}
	pm := strings.SplitN(string(pidFile), "\n", 2)[0]
	procs, _ := os.ReadDir("/proc")
	var ticks int64
	for _, p := range procs {
		stat, err := os.ReadFile(filepath.Join("/proc", p.Name(), "stat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 15 || (p.Name() != pm && f[1] != pm) {
			continue
		}
		for _, i := range []int{11, 12} {
			v, _ := strconv.ParseInt(f[i], 10, 64)
			ticks += v
		}
		if p.Name() == pm {
			for _, i := range []int{13, 14} {
				v, _ := strconv.ParseInt(f[i], 10, 64)
				ticks += v
			}
		}
	}
	return time.Duration(ticks) * time.Second / 100
}
