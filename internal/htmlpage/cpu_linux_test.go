//go:build linux

package htmlpage

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestExtractionCPUCost measures docs per CPU-second (which, unlike wall
// time, holds on a busy shared machine) for bare go-trafilatura and for
// Extract, fallback off and on, over the benchmark pages, and checks that
// Extract's additions cost little. Run it with
//
//	NEWSGRAPH_MEASURE=1 GOMAXPROCS=1 go test ./internal/htmlpage/ -run CPUCost -v
func TestExtractionCPUCost(t *testing.T) {
	if os.Getenv("NEWSGRAPH_MEASURE") == "" {
		t.Skip("set NEWSGRAPH_MEASURE=1 to measure")
	}
	pages := loadBench(t)
	runs := []struct {
		name string
		f    func(p benchPage)
	}{
		{"bare, fallback off", func(p benchPage) {
			d, _ := html.Parse(strings.NewReader(p.html))
			trafilatura.ExtractDocument(d, trafilatura.Options{})
		}},
		{"Extract, fallback off", func(p benchPage) { Extract(p.html, Options{}) }},
		{"bare, fallback on", func(p benchPage) {
			d, _ := html.Parse(strings.NewReader(p.html))
			trafilatura.ExtractDocument(d, trafilatura.Options{EnableFallback: true})
		}},
		{"Extract, fallback on", func(p benchPage) { Extract(p.html, Options{Fallback: true}) }},
	}
	cost := make([]time.Duration, len(runs))
	const rounds = 3
	for range rounds {
		for i, r := range runs {
			c0 := cpuNow()
			for _, p := range pages {
				r.f(p)
			}
			cost[i] += cpuNow() - c0
		}
	}
	for i, r := range runs {
		t.Logf("%-22s %6.1f docs per CPU-second", r.name, float64(rounds*len(pages))/cost[i].Seconds())
	}
	if cost[1] > cost[0]*5/4 {
		t.Errorf("Extract costs %v, bare go-trafilatura %v: more than 25%% over", cost[1], cost[0])
	}
}
