package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/dedup"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Item is one input of a distributed ingest, as it travels from Expand to
// a Processor (internal/queue carries it between machines): a reference
// to content that can be read again where it lies — a file by path, a
// WARC record by file and offset, a page by URL — or, when it cannot (a
// page or WARC record fetched by the expander), the content itself.
type Item struct {
	// Name names the input in messages: a path, URL or "file.warc.gz@offset".
	Name string `json:"name"`
	// Input is the provenance stored with the input; Input.FilePath is
	// absolute for files and WARC records, so a worker in another
	// directory finds them (on a shared file system when on another machine).
	Input store.Input `json:"input"`
	// Fetch is the URL to get, for a link listed in a feed or sitemap.
	Fetch string `json:"fetch,omitempty"`
	// Body is the content carried inline; nil for references.
	Body []byte `json:"body,omitempty"`
}

// ErrRecordChanged is the error of a WARC record item whose file no longer
// holds the record at its offset (the file was replaced).
var ErrRecordChanged = errors.New("WARC record not found at its offset (the file changed)")

// ExpandSummary is the outcome of Expand.
type ExpandSummary struct {
	Items  int // items emitted
	Failed int // sources or entries that could not be expanded
	// Failures counts the failures by reason (see Reason).
	Failures map[string]int
}

// Expand expands sources as Run does — files and directories, WARC files,
// feeds and sitemaps (their links), URLs — into items, without analysing
// them, and calls emit for each from one goroutine. Failures (an
// unreadable file, a bad feed, a refused URL) go to Options.OnFailure and
// are counted; an error from emit stops the expansion and is returned.
// Files and WARC records of local files are emitted as references (Body
// nil, the path made absolute); pages and records fetched from URLs carry
// their content.
func Expand(ctx context.Context, sources []string, opts Options, emit func(Item) error) (*ExpandSummary, error) {
	opts = opts.applyDefaults()
	sum := &ExpandSummary{Failures: map[string]int{}}
	x := &expander{opts: opts, fetcher: NewFetcher(opts.Fetch), refs: true}
	x.emit = func(it item) error {
		if it.err != nil {
			sum.Failed++
			sum.Failures[Reason(it.err)]++
			opts.OnFailure(it.err)
			return nil
		}
		out := Item{Name: it.name, Input: it.in, Fetch: it.fetch, Body: it.body}
		local := it.in.FilePath != "" && it.in.FeedURL == "" &&
			(it.in.SourceKind == store.SourceFile || it.in.SourceKind == store.SourceWARC)
		if local {
			if abs, err := filepath.Abs(it.in.FilePath); err == nil {
				out.Input.FilePath = abs
			}
			out.Body = nil
		}
		sum.Items++
		return emit(out)
	}
	for _, src := range sources {
		if err := x.source(ctx, src); err != nil {
			return sum, err
		}
	}
	return sum, ctx.Err()
}

// Processor analyses and stores single items, for workers of a distributed
// ingest. It is built once (the analysis pipeline, the hasher, the
// fetcher) and is safe for concurrent use.
type Processor struct {
	opts    Options
	pipe    *analyze.Pipeline
	hasher  *dedup.Hasher
	fetcher *Fetcher
	// writing lets one Ingest at a time write: the store admits one
	// writer anyway, and goroutines waiting here wake the moment it is
	// free, where SQLite's busy handler would sleep in steps of up to
	// 100 ms.
	writing sync.Mutex
}

// NewProcessor builds a Processor. Options are those of Run; Workers,
// BatchSize and BatchInterval do not apply (Ingest stores each item in a
// transaction of its own; Store, the items it is given), nor do
// OnProgress and the link limits.
func NewProcessor(opts Options) (*Processor, error) {
	opts = opts.applyDefaults()
	pipe, err := analyze.New(opts.Analyze)
	if err != nil {
		return nil, err
	}
	return &Processor{opts: opts, pipe: pipe, hasher: dedup.New(opts.Dedup), fetcher: NewFetcher(opts.Fetch)}, nil
}

// Ingest reads one item (the file, the WARC record at its offset, the URL,
// or its inline content), analyses it and stores it in st in a transaction
// of its own, committed before Ingest returns; the one-input summary says
// what was stored. Storing is idempotent as in Run: content stored before
// is a duplicate and writes nothing, so an item processed twice (a
// redelivery) is stored once. Content with no article is stored as a
// failed input (Summary.Failed, with OnFailure called); an error means
// nothing was stored: the item could not be read (it wraps the reason,
// named by the item), or the store failed. It is Prepare and Store of
// the one item.
func (p *Processor) Ingest(ctx context.Context, st Store, it Item) (*Summary, error) {
	a, err := p.Prepare(ctx, st, it)
	if err != nil {
		return nil, err
	}
	return p.Store(ctx, st, []*Prepared{a})
}

// Prepared is an item read and analysed by Prepare, to be stored by Store.
type Prepared struct{ r result }

// Prepare reads one item and analyses it, as Ingest does, without storing
// it; content st holds already is not analysed again (Store counts it as
// a duplicate). An error means the item could not be read (it wraps the
// reason, named by the item).
func (p *Processor) Prepare(ctx context.Context, st Store, it Item) (*Prepared, error) {
	in := item{name: it.Name, in: it.Input, fetch: it.Fetch, body: it.Body}
	if in.body == nil && in.fetch == "" {
		body, err := p.load(it)
		if err != nil {
			if !strings.HasPrefix(err.Error(), it.Name) {
				err = fmt.Errorf("%s: %w", it.Name, err)
			}
			return nil, err
		}
		in.body = body
	}
	r := process(ctx, st, p.pipe, p.hasher, p.fetcher, p.opts, in)
	if r.err != nil {
		return nil, r.err
	}
	return &Prepared{r: r}, nil
}

// Store stores prepared items in st, in order, in one transaction,
// committed before Store returns, and sums what it stored. Storing is
// idempotent as Ingest's (an item whose content is stored, by an earlier
// transaction or earlier in this one, is a duplicate). OnFailure is
// called for the failed inputs stored, after the commit. An error means
// nothing was stored: the transaction was rolled back.
func (p *Processor) Store(ctx context.Context, st Store, items []*Prepared) (*Summary, error) {
	sum := &Summary{Failures: map[string]int{}}
	p.writing.Lock()
	defer p.writing.Unlock()
	w := &writer{st: st, hasher: p.hasher, opts: p.opts, sum: sum}
	// One transaction, whatever it takes: the flush below commits it.
	w.opts.BatchSize, w.opts.BatchInterval = len(items)+1, time.Duration(math.MaxInt64)
	for _, a := range items {
		if err := w.add(ctx, a.r); err != nil {
			if w.tx != nil {
				w.tx.Rollback()
			}
			return nil, err
		}
	}
	if err := w.flush(); err != nil {
		return nil, err
	}
	return sum, nil
}

// load reads a referenced item's content again: a file, or the WARC record
// at its offset.
func (p *Processor) load(it Item) ([]byte, error) {
	path := it.Input.FilePath
	if path == "" {
		return nil, fmt.Errorf("%w: item has no content, URL or file", ErrWARC)
	}
	f, fi, err := input.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if it.Input.SourceKind != store.SourceWARC {
		head, err := peekContent(f)
		if err != nil {
			return nil, err
		}
		if fi.Size() > p.opts.Input.MaxBytes && !isGzip(head) {
			return nil, ErrTooLarge
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		body, err := io.ReadAll(io.LimitReader(f, p.opts.Input.MaxBytes+1))
		if err != nil {
			return nil, err
		}
		if int64(len(body)) > p.opts.Input.MaxBytes {
			return nil, ErrTooLarge
		}
		return body, nil
	}
	page, err := readWARCAt(f, it.Input.WARCOffset, p.opts.Input.MaxBytes)
	if err != nil {
		return nil, err
	}
	if page.RecordID != it.Input.WARCRecordID {
		return nil, fmt.Errorf("%w: record %s, found %q", ErrRecordChanged, it.Input.WARCRecordID, page.RecordID)
	}
	return page.Body, nil
}

// readWARCAt reads the one WARC record (plain, or a gzip member) at off in
// r: the HTML page readWARC would have emitted for it.
func readWARCAt(r io.ReadSeeker, off, maxBytes int64) (warcPage, error) {
	if _, err := r.Seek(off, io.SeekStart); err != nil {
		return warcPage{}, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(len(warcMagic))
	var page warcPage
	var ok bool
	var err error
	switch {
	case isGzip(head):
		page, ok, err = readMember(new(gzip.Reader), br, off, maxBytes, true)
	case bytes.HasPrefix(head, warcMagic):
		page, ok, err = readRecord(br, off, maxBytes, true)
	default:
		return warcPage{}, ErrRecordChanged
	}
	if err != nil {
		if !errors.Is(err, ErrTooLarge) {
			err = fmt.Errorf("%w: %v", ErrCorruptRecord, err)
		}
		return warcPage{}, err
	}
	if !ok {
		return warcPage{}, fmt.Errorf("%w: not an HTML response", ErrRecordChanged)
	}
	return page, nil
}

// Add adds the counts of o to s (a worker sums its one-input summaries).
// Elapsed and Clusters are left alone.
func (s *Summary) Add(o *Summary) {
	s.Inputs += o.Inputs
	s.Articles += o.Articles
	s.Versions += o.Versions
	s.Duplicates += o.Duplicates
	s.Unchanged += o.Unchanged
	s.NearDuplicates += o.NearDuplicates
	s.Failed += o.Failed
	s.SkippedRecords += o.SkippedRecords
	if s.Failures == nil {
		s.Failures = map[string]int{}
	}
	for k, v := range o.Failures {
		s.Failures[k] += v
	}
}
