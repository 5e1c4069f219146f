package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/input"
)

// Result is the outcome of one input of a batch: an article or an error
// that names the input.
type Result struct {
	Name    string
	Article *article.Article
	Err     error
}

// Stdin is the input name that stands for standard input.
const Stdin = "-"

// Run analyses the inputs named by args and calls emit once per input, in
// input order, from a single goroutine. args are files, directories and
// "-" for stdin; files and directories are expanded by input.Walk, the
// walk ingest uses too, so a FIFO, device, socket, dangling link or link
// loop is a failed input that names the path, never a silent skip. Failed
// inputs reach emit with Err set. Run stops early only when ctx is
// cancelled or emit returns an error, and returns that error.
func (p *Pipeline) Run(ctx context.Context, args []string, stdin io.Reader, emit func(Result) error) error {
	workers := p.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return Ordered(ctx, workers, 2*workers,
		func(ctx context.Context, submit func(func() Result) error) error {
			send := func(f input.File) error {
				if f.Err != nil {
					r := Result{Name: f.Path, Err: f.Err}
					return submit(func() Result { return r })
				}
				return submit(func() Result { return p.analyzeInput(ctx, f.Path, stdin) })
			}
			for _, arg := range args {
				var err error
				if arg == Stdin {
					err = send(input.File{Path: Stdin})
				} else {
					err = input.Walk(ctx, []string{arg}, send)
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
		func(_ context.Context, r Result) error { return emit(r) })
}

func (p *Pipeline) analyzeInput(ctx context.Context, name string, stdin io.Reader) (r Result) {
	r.Name = name
	defer func() {
		// A stage that panics on hostile input fails that input only.
		if v := recover(); v != nil {
			r.Article, r.Err = nil, fmt.Errorf("%s: %w: %v", name, ErrInternal, v)
		}
	}()
	var doc *input.Document
	var err error
	if name == Stdin {
		doc, err = input.Read(name, &ctxReader{ctx: ctx, r: stdin}, p.opts.Input)
	} else {
		doc, err = input.Open(name, p.opts.Input)
	}
	if err != nil {
		r.Err = err
		return r
	}
	r.Article, r.Err = p.Document(doc)
	return r
}

// ErrInternal marks a failure inside newsgraph (a bug) on one input.
var ErrInternal = errors.New("internal error")

// ctxReader reads r but returns ctx's error as soon as ctx is done, so that
// a read of a terminal or pipe that never ends does not outlive Ctrl-C. The
// read then left blocked ends with the process.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
	buf []byte
}

type readResult struct {
	n   int
	err error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	done := make(chan readResult, 1)
	go func() {
		n, err := c.r.Read(buf)
		done <- readResult{n, err}
	}()
	select {
	case res := <-done:
		copy(p, buf[:res.n])
		return res.n, res.err
	case <-c.ctx.Done():
		c.buf = nil // the blocked read still owns the old buffer
		return 0, c.ctx.Err()
	}
}
