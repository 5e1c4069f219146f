package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"runtime"
	"sort"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/dedup"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Options configures Run. The zero value works: one worker per CPU,
// batches of 200 inputs or 2 seconds, the fetcher's, input's and dedup's
// own defaults, no logging.
type Options struct {
	// Workers is how many inputs are fetched and analysed at once; 0
	// means one per CPU.
	Workers int
	// BatchSize is the most inputs written per transaction. Zero means 200.
	BatchSize int
	// BatchInterval is the longest a written input waits for its commit.
	// Zero means 2 s.
	BatchInterval time.Duration
	// MaxLinksPerFeed bounds the links read from one feed or sitemap
	// (pages, or sitemaps of an index); zero means 50,000, the sitemap
	// protocol's own limit. MaxLinks bounds the page links of a whole run
	// (zero: 1,000,000). Links past either are reported
	// (ErrTooManyLinks), not fetched. Each URL is fetched at most once a
	// run whatever the feeds list.
	MaxLinksPerFeed, MaxLinks int
	Fetch                     FetchOptions
	Input                     input.Options
	Analyze                   analyze.Options
	Dedup                     dedup.Options
	// Logger receives progress and diagnostics; nil discards them.
	Logger *slog.Logger
	// OnFailure is called, from one goroutine, for every input that
	// failed; err names the input.
	OnFailure func(err error)
	// OnProgress is called from one goroutine after each input is done
	// (cheap: it may only copy the counts).
	OnProgress func(Progress)
}

func (o Options) applyDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 200
	}
	if o.MaxLinksPerFeed <= 0 {
		o.MaxLinksPerFeed = maxSitemapURLs
	}
	if o.MaxLinks <= 0 {
		o.MaxLinks = 1_000_000
	}
	if o.BatchInterval <= 0 {
		o.BatchInterval = 2 * time.Second
	}
	if o.Input.MaxBytes <= 0 {
		o.Input.MaxBytes = input.DefaultMaxBytes
	}
	if o.Fetch.MaxBytes <= 0 {
		o.Fetch.MaxBytes = o.Input.MaxBytes
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.OnFailure == nil {
		o.OnFailure = func(error) {}
	}
	if o.OnProgress == nil {
		o.OnProgress = func(Progress) {}
	}
	o.Analyze.Input = o.Input
	return o
}

// Progress is the state of a run.
type Progress struct {
	// Found is how many inputs the sources have yielded so far (it grows
	// while feeds and WARC files are read); Done how many are finished.
	Found, Done int64
	Started     time.Time
	// SourcesDone is true when every source has been expanded, so Found
	// is final.
	SourcesDone bool
	// BytesTotal is the size of the local files and directories given
	// (0 when a source is a URL: then the total is unknown); BytesDone how
	// far the finished inputs reach into them. For a WARC file this is
	// the only measure of what is left.
	BytesTotal, BytesDone int64
}

// localSize is the total size of the local sources, 0 if any is a URL.
func localSize(ctx context.Context, sources []string) int64 {
	var total int64
	for _, src := range sources {
		if isURL(src) {
			return 0
		}
	}
	_ = input.Walk(ctx, sources, func(f input.File) error {
		total += f.Size
		return nil
	})
	return total
}

// Summary is the outcome of a run.
type Summary struct {
	Inputs     int // inputs read (pages, WARC records, fetched links), failures included
	Articles   int // new articles stored, new versions included
	Versions   int // of Articles, new versions of a page already stored
	Duplicates int // inputs whose content was stored before: nothing new
	Unchanged  int // new bytes at a known URL with the same article text
	// NearDuplicates is how many new articles joined an existing cluster.
	NearDuplicates int
	// Clusters is the number of near-duplicate clusters (two or more
	// articles) in the store after the run.
	Clusters int
	Failed   int
	// SkippedRecords is how many corrupt WARC records were skipped (each
	// is also a failure); reading resumed after each.
	SkippedRecords int
	// Failures counts failed inputs by reason.
	Failures map[string]int
	Elapsed  time.Duration
}

// result is one analysed item on its way to the writer.
type result struct {
	item
	dup     bool // content already stored: skipped before analysis
	article *article.Article
	sig     []uint32
	failure error // content read but no article: stored as failed
}

// Store is what an ingest needs of the corpus store (internal/store's
// *Store): write transactions, the content-hash test that skips inputs
// stored before, and the cluster count of the summary.
type Store interface {
	Begin(ctx context.Context) (*store.Tx, error)
	HasContent(ctx context.Context, sha string) (bool, error)
	ClusterCount(ctx context.Context) (int, error)
}

// Run ingests the sources into st: files and directories, WARC files,
// feeds and sitemaps (files or URLs) and URLs. Inputs are analysed
// concurrently and written in input order from one goroutine, in batched
// transactions. Failed inputs are reported through Options.OnFailure and
// counted; Run itself fails only when the store fails or ctx is cancelled
// (what was committed stays: a rerun goes on from there).
func Run(ctx context.Context, st Store, sources []string, opts Options) (*Summary, error) {
	opts = opts.applyDefaults()
	pipe, err := analyze.New(opts.Analyze)
	if err != nil {
		return nil, err
	}
	hasher := dedup.New(opts.Dedup)
	fetcher := NewFetcher(opts.Fetch)
	sum := &Summary{Failures: map[string]int{}}
	prog := Progress{Started: time.Now(), BytesTotal: localSize(ctx, sources)}
	var found atomic.Int64
	var sourcesDone atomic.Bool

	w := &writer{st: st, hasher: hasher, opts: opts, sum: sum}
	runErr := analyze.Ordered(ctx, opts.Workers, 4*opts.Workers,
		func(ctx context.Context, submit func(func() result) error) error {
			x := &expander{opts: opts, fetcher: fetcher}
			x.emit = func(it item) error {
				found.Add(1)
				it.pos = x.pos
				if it.err != nil {
					return submit(func() result { return result{item: it} })
				}
				return submit(func() result { return process(ctx, st, pipe, hasher, fetcher, opts, it) })
			}
			for _, src := range sources {
				if err := x.source(ctx, src); err != nil {
					return err
				}
			}
			sourcesDone.Store(true)
			return nil
		},
		func(ctx context.Context, r result) error {
			err := w.add(ctx, r)
			prog.Found, prog.Done, prog.SourcesDone = found.Load(), prog.Done+1, sourcesDone.Load()
			prog.BytesDone = max(prog.BytesDone, r.pos)
			opts.OnProgress(prog)
			return err
		})
	if err := w.flush(); err != nil && runErr == nil {
		runErr = err
	}
	sum.Elapsed = time.Since(prog.Started)
	if n, err := st.ClusterCount(context.WithoutCancel(ctx)); err == nil {
		sum.Clusters = n
	}
	if runErr != nil {
		return sum, runErr
	}
	return sum, ctx.Err()
}

// process fetches (when needed), hashes and analyses one item. It runs in
// a worker goroutine.
func process(ctx context.Context, st Store, pipe *analyze.Pipeline, hasher *dedup.Hasher, fetcher *Fetcher, opts Options, it item) (r result) {
	r.item = it
	defer func() {
		if v := recover(); v != nil {
			r.article, r.failure = nil, fmt.Errorf("%s: %w: %v", it.name, analyze.ErrInternal, v)
		}
	}()
	if it.fetch != "" {
		resp, err := fetcher.Get(ctx, it.fetch)
		if err != nil {
			r.err = err
			return r
		}
		r.body = resp.Body
		r.in.URL, r.in.FetchedAt, r.in.ContentType = resp.URL, resp.FetchedAt, resp.ContentType
	}
	content, err := decompress(r.body, opts.Input.MaxBytes)
	if err != nil {
		// Corrupt or oversized compressed content: hash the bytes as they
		// came so the input is still stored once.
		content = r.body
	}
	r.body = nil
	r.in.SHA256, r.in.Size = store.ContentHash(content), int64(len(content))
	if err != nil {
		r.failure = fmt.Errorf("%s: %w", it.name, err)
		return r
	}
	if ok, err := st.HasContent(ctx, r.in.SHA256); err == nil && ok {
		r.dup = true
		return r
	}
	doc, err := input.Read(it.name, bytes.NewReader(content), opts.Input)
	if err != nil {
		r.failure = err
		return r
	}
	a, err := pipe.Document(doc)
	if err != nil {
		r.failure = err
		return r
	}
	if r.in.URL != "" {
		a.ID = r.in.URL
		// A page that declares no canonical URL is known by the URL it
		// was fetched from or archived at.
		if a.URL == "" {
			a.URL = r.in.URL
		}
	}
	r.article = a
	r.sig = hasher.Signature(a.Text)
	return r
}

// writer stores results in batched transactions. It is used from one
// goroutine.
type writer struct {
	st     Store
	hasher *dedup.Hasher
	opts   Options
	sum    *Summary
	tx     *store.Tx
	n      int
	since  time.Time
	// held are the counts of the open transaction, added to sum on commit
	// so that the summary never counts what a failed commit lost;
	// heldFailures the failed inputs it stored, reported on commit.
	held         Summary
	heldFailures []error
}

func (w *writer) add(ctx context.Context, r result) error {
	w.sum.Inputs++
	if r.err != nil {
		w.failed(r.err)
		return nil
	}
	if r.dup {
		w.sum.Duplicates++
		return nil
	}
	if w.tx == nil {
		tx, err := w.st.Begin(context.WithoutCancel(ctx))
		if err != nil {
			return err
		}
		w.tx, w.n, w.since = tx, 0, time.Now()
		w.held, w.heldFailures = Summary{Failures: map[string]int{}}, nil
	}
	if err := w.put(r); err != nil {
		return err
	}
	w.n++
	if w.n >= w.opts.BatchSize || time.Since(w.since) >= w.opts.BatchInterval {
		return w.flush()
	}
	return nil
}

func (w *writer) failed(err error) {
	if errors.Is(err, ErrCorruptRecord) {
		w.sum.SkippedRecords++
	}
	w.sum.Failed++
	w.sum.Failures[Reason(err)]++
	w.opts.OnFailure(err)
}

func (w *writer) put(r result) error {
	if r.article == nil {
		p, err := w.tx.PutFailed(r.in, r.failure)
		if err != nil {
			return err
		}
		if p.Outcome == store.Duplicate {
			w.held.Duplicates++
			return nil
		}
		w.held.Failed++
		w.held.Failures[Reason(r.failure)]++
		w.heldFailures = append(w.heldFailures, r.failure)
		return nil
	}
	p, err := w.tx.PutArticle(r.in, r.article)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	switch p.Outcome {
	case store.Duplicate:
		w.held.Duplicates++
		return nil
	case store.Unchanged:
		w.held.Unchanged++
		return nil
	case store.NewVersion:
		w.held.Versions++
	}
	w.held.Articles++
	return w.cluster(p.ArticleID, r.sig)
}

// cluster puts a new article in the cluster of its most similar stored
// near-duplicate, or in a new cluster of its own.
func (w *writer) cluster(id int64, sig []uint32) error {
	if sig == nil {
		_, err := w.tx.NewCluster(id)
		return err
	}
	bands := w.hasher.Bands(sig)
	cands, err := w.tx.Candidates(bands, id)
	if err != nil {
		return err
	}
	sigs := make([][]uint32, len(cands))
	for i, c := range cands {
		sigs[i] = c.Signature
	}
	best, _, ok := w.hasher.Best(sig, sigs)
	if ok && cands[best].ClusterID != 0 {
		if err := w.tx.JoinCluster(id, cands[best].ClusterID); err != nil {
			return err
		}
		w.held.NearDuplicates++
	} else if _, err := w.tx.NewCluster(id); err != nil {
		return err
	}
	return w.tx.PutSignature(id, sig, bands)
}

// flush commits the open transaction.
func (w *writer) flush() error {
	if w.tx == nil {
		return nil
	}
	tx := w.tx
	w.tx = nil
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return fmt.Errorf("ingest: commit: %w", err)
	}
	h := w.held
	w.sum.Articles += h.Articles
	w.sum.Versions += h.Versions
	w.sum.Duplicates += h.Duplicates
	w.sum.Unchanged += h.Unchanged
	w.sum.NearDuplicates += h.NearDuplicates
	w.sum.Failed += h.Failed
	for k, v := range h.Failures {
		w.sum.Failures[k] += v
	}
	for _, err := range w.heldFailures {
		w.opts.OnFailure(err)
	}
	w.heldFailures = nil
	w.opts.Logger.Debug("batch committed", "inputs", w.n)
	return nil
}

// reasons are the failure classes of the summary, most specific first.
var reasons = []error{
	ErrPrivateAddress, ErrRobots, ErrHTTPStatus, ErrScheme, ErrTooLarge, ErrTooManyRedirs,
	ErrCorruptRecord, ErrWARC, ErrNotFeed, ErrTooManyLinks, ErrNotRegular, input.ErrSymlinkLoop, input.ErrDanglingLink, ErrTooDeep, errCorruptGzip,
	input.ErrEmpty, input.ErrBinary, input.ErrTooLarge, input.ErrTruncated, input.ErrCorrupt,
	input.ErrInvalidUTF8, input.ErrTooDeep, analyze.ErrNoArticle, analyze.ErrInternal,
	fs.ErrNotExist, fs.ErrPermission, context.DeadlineExceeded,
}

// Reason names the class of a failure for the summary: the text of the
// sentinel error it wraps, else "other".
func Reason(err error) string {
	for _, s := range reasons {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return "other"
}

// SortedFailures returns the failure reasons, most frequent first.
func (s *Summary) SortedFailures() []string {
	keys := make([]string, 0, len(s.Failures))
	for k := range s.Failures {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if s.Failures[keys[i]] != s.Failures[keys[j]] {
			return s.Failures[keys[i]] > s.Failures[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
