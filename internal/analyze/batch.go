package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

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

// Expand turns command-line arguments into the list of inputs: files as
// they are, directories walked recursively in lexical order (hidden files
// and folders skipped), "-" for standard input. A directory that cannot be
// read is reported as a failed input and the walk goes on.
func Expand(args []string) []Result {
	var out []Result
	for _, arg := range args {
		if arg == Stdin {
			out = append(out, Result{Name: Stdin})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			out = append(out, Result{Name: arg, Err: err})
			continue
		}
		if !fi.IsDir() {
			out = append(out, Result{Name: arg})
			continue
		}
		var files []Result
		_ = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				files = append(files, Result{Name: path, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, Result{Name: path})
			}
			return nil
		})
		sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
		out = append(out, files...)
	}
	return out
}

// Run analyses the inputs named by args (see Expand) and calls emit once per
// input, in input order, from a single goroutine. Failed inputs reach emit
// with Err set. Run stops early only when ctx is cancelled or emit returns
// an error, and returns that error.
func (p *Pipeline) Run(ctx context.Context, args []string, stdin io.Reader, emit func(Result) error) error {
	inputs := Expand(args)
	workers := p.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return Ordered(ctx, workers, 2*workers,
		func(ctx context.Context, submit func(func() Result) error) error {
			for _, in := range inputs {
				var job func() Result
				if in.Err != nil {
					r := Result{Name: in.Name, Err: fmt.Errorf("%s: %w", in.Name, unwrapPathError(in.Err))}
					job = func() Result { return r }
				} else {
					job = func() Result { return p.analyzeInput(in.Name, stdin) }
				}
				if err := submit(job); err != nil {
					return err
				}
			}
			return nil
		},
		func(_ context.Context, r Result) error { return emit(r) })
}

func (p *Pipeline) analyzeInput(name string, stdin io.Reader) (r Result) {
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
		doc, err = input.Read(name, stdin, p.opts.Input)
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

// unwrapPathError shortens *fs.PathError to its cause, since the caller
// already names the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
