package input_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/internal/input"
)

// allocated is the bytes the Go heap has allocated, cumulatively: an
// upper bound of the peak heap growth of what runs between two calls.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// TestGzipBombMemory: a gzip bomb is refused at the size limit having
// allocated a small fraction of the limit (it was a doubling buffer of
// twice the limit, for files and for in-memory data alike); accepted
// gzip content costs about its own size.
func TestGzipBombMemory(t *testing.T) {
	const limit = 8 << 20
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 { // 64 MiB of content, 8 times the limit
		zw.Write(zeros)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "bomb.gz")
	if err := os.WriteFile(path, bomb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	before := allocated()
	_, err := input.Open(path, input.Options{MaxBytes: limit})
	used := allocated() - before
	if !errors.Is(err, input.ErrTooLarge) {
		t.Fatalf("Open(bomb) = %v, want ErrTooLarge", err)
	}
	if used > limit/4 {
		t.Errorf("refusing the bomb allocated %d bytes, want under %d (a quarter of the limit)", used, limit/4)
	}
	before = allocated()
	_, err = input.Gunzip(bomb.Bytes(), limit)
	used = allocated() - before
	if !errors.Is(err, input.ErrTooLarge) || used > limit/4 {
		t.Errorf("Gunzip(bomb): %v after allocating %d bytes, want ErrTooLarge under %d", err, used, limit/4)
	}
	// Content under the limit: its size plus buffers, not a doubling.
	before = allocated()
	b, err := input.Gunzip(bomb.Bytes(), 64<<20)
	used = allocated() - before
	if err != nil || len(b) != 64<<20 {
		t.Fatalf("Gunzip under the limit: %d bytes, %v", len(b), err)
	}
	if used > 64<<20+(1<<20) {
		t.Errorf("gunzipping 64 MiB allocated %d bytes, want its size plus at most 1 MiB", used)
	}
}
