package ner

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// BenchmarkTagNews tags the Gender Gap Tracker development articles (news
// prose, read from ../shared at run time; lines split on spaces, each
// line a sentence) and reports tokens per second of the calling thread's
// CPU time, so that other load on the machine changes the figure less
// than wall-clock time would. Unlike BenchmarkTagDocument's repeated
// sentences, the words follow news text's frequencies, which decide how
// often the tagger's caches help.
func BenchmarkTagNews(b *testing.B) {
	tg := loadEmbedded(b)
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "quotes", "ggt-dev.jsonl"))
	if err != nil {
		b.Skip("GGT data not available:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var docs [][][]string
	ntok := 0
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		var sents [][]string
		for _, l := range strings.Split(d.Text, "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				sents = append(sents, f)
				ntok += len(f)
			}
		}
		docs = append(docs, sents)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := threadTime()
		for _, d := range docs {
			tg.TagDocument(d)
		}
		cpu += threadTime() - t0
	}
	b.ReportMetric(float64(ntok*b.N)/cpu.Seconds(), "cpu-tokens/s")
}

// threadTime is the CPU time the calling OS thread has used.
func threadTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		panic(err)
	}
	return time.Duration(ts.Nano())
}
