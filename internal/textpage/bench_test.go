package textpage

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkClean cleans the seed page and the dev pages (when present),
// else the invented pages; b.SetBytes makes the output report MB/s.
func BenchmarkClean(b *testing.B) {
	var pages []string
	if raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt")); err == nil {
		pages = append(pages, string(raw))
	}
	files, _ := filepath.Glob(filepath.Join(dataDir, "textpages-dev", "*.txt"))
	for _, f := range files {
		if raw, err := os.ReadFile(f); err == nil {
			pages = append(pages, string(raw))
		}
	}
	if len(pages) == 0 {
		pages = []string{pageHarbour, pageBakery}
	}
	var total int64
	for _, p := range pages {
		total += int64(len(p))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			Clean(p, Options{})
		}
		n++
	}
	// MB/s of CPU time (all goroutines, GC included): steadier than the
	// wall-clock MB/s on a shared machine.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(n)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}
