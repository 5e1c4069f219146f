package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Source errors.
var (
	// ErrNotRegular is input.ErrNotRegular: a FIFO, device or socket.
	ErrNotRegular = input.ErrNotRegular
	ErrNotFeed    = errors.New("not an RSS/Atom feed or sitemap")
	ErrTooDeep    = errors.New("sitemap indexes nested too deep")
	// ErrTooManyLinks is the error of a feed or sitemap whose links
	// pass Options.MaxLinksPerFeed, or of a run whose links pass
	// Options.MaxLinks: the links beyond are not fetched.
	ErrTooManyLinks = errors.New("too many links")
)

// item is one input on its way to analysis: content already read (files,
// WARC records) or a URL still to fetch, with its provenance.
type item struct {
	name  string // for messages: a path, URL or "file.warc.gz@offset"
	in    store.Input
	body  []byte // raw content; nil when fetch is set
	fetch string // URL to get
	err   error  // the item failed before analysis (reported, not stored)
	pos   int64  // bytes of local sources read up to this item (progress)
}

// expander turns source arguments into items. It runs in one goroutine.
type expander struct {
	opts    Options
	fetcher *Fetcher
	emit    func(item) error
	feeds   *gofeed.Parser
	// done is the size of the local files finished; pos the position
	// reached in local sources, which emit records in each item.
	done, pos int64
	// seen are the URLs fetched or queued in this run (feeds, sitemaps
	// and pages): a sitemap that lists itself, or a page listed twice,
	// is fetched once. links counts the page links queued.
	seen  map[string]bool
	links int
	// refs is set when local WARC records are emitted as references (by
	// Expand): their payloads are not read (Body nil).
	refs bool
}

// visit reports whether u is new in this run, and marks it seen.
func (x *expander) visit(u string) bool {
	if x.seen == nil {
		x.seen = map[string]bool{}
	}
	if x.seen[u] {
		return false
	}
	x.seen[u] = true
	return true
}

// isURL reports whether a source argument is an http(s) URL.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// source expands one command-line source.
func (x *expander) source(ctx context.Context, src string) error {
	if isURL(src) {
		if !x.visit(src) {
			return nil // given twice
		}
		return x.url(ctx, src, "", store.SourceURL, 0)
	}
	return input.Walk(ctx, []string{src}, func(f input.File) error {
		if f.Err != nil {
			return x.emit(item{name: f.Path, err: f.Err})
		}
		return x.file(ctx, f.Path)
	})
}

// fail emits a failed item.
func (x *expander) fail(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if !strings.HasPrefix(err.Error(), name) {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return x.emit(item{name: name, err: err})
}

// headSize is how much of a file is read to tell what it is.
const headSize = 4096

// file reads one file: a WARC file is streamed record by record, a feed or
// sitemap is expanded, anything else is one page.
func (x *expander) file(ctx context.Context, path string) error {
	f, fi, err := input.OpenRegular(path) // never opens a FIFO
	if err != nil {
		return x.emit(item{name: path, err: err})
	}
	defer f.Close()
	defer func() { x.done += fi.Size(); x.pos = x.done }()
	head, err := peekContent(f)
	if err != nil {
		return x.fail(path, err)
	}
	if bytes.HasPrefix(head, []byte("WARC/")) {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return x.fail(path, err)
		}
		return x.warc(ctx, f, path, "")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return x.fail(path, err)
	}
	if fi.Size() > x.opts.Input.MaxBytes && !isGzip(head) {
		return x.fail(path, ErrTooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(f, x.opts.Input.MaxBytes+1))
	if err != nil {
		return x.fail(path, err)
	}
	if int64(len(body)) > x.opts.Input.MaxBytes {
		return x.fail(path, ErrTooLarge)
	}
	if kind := feedKind(head, path, ""); kind != "" {
		return x.feed(ctx, path, "", body, 0)
	}
	x.pos = x.done + fi.Size()
	return x.emit(item{name: path, body: body, in: store.Input{SourceKind: store.SourceFile, FilePath: path}})
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// peekContent returns the first bytes of r's content, decompressed when r
// is gzip.
func peekContent(r io.Reader) ([]byte, error) {
	br := bufio.NewReaderSize(r, headSize)
	magic, _ := br.Peek(2)
	if isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errCorruptGzip, err)
		}
		buf := make([]byte, headSize)
		n, err := io.ReadFull(zr, buf)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return buf[:n], nil // truncated: let the content's reader report it
		}
		return buf[:n], nil
	}
	b, err := br.Peek(headSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	return b, nil
}

var errCorruptGzip = errors.New("compressed input is corrupt")

// decompress returns b's content: gunzipped when b is gzip, within max
// (input.Gunzip: a gzip bomb is refused without being held in memory).
func decompress(b []byte, max int64) ([]byte, error) {
	if !isGzip(b) {
		return b, nil
	}
	out, err := input.Gunzip(b, max)
	if err != nil {
		if errors.Is(err, input.ErrTooLarge) {
			return nil, ErrTooLarge
		}
		return nil, fmt.Errorf("%w: %v", errCorruptGzip, err)
	}
	return out, nil
}

// feedKind says whether content (its decompressed head) is a feed
// ("feed"), a sitemap ("sitemap") or neither (""). Content sniffing comes
// first; a name or Content-Type that announces a feed makes the content
// one even when it does not look like one, so that a broken feed is
// reported as a bad feed instead of ingested as a page.
func feedKind(head []byte, name, contentType string) string {
	switch xmlRoot(head) {
	case "rss", "feed", "rdf":
		return store.SourceFeed
	case "urlset", "sitemapindex":
		return store.SourceSitemap
	}
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		switch mt {
		case "application/rss+xml", "application/atom+xml", "application/rdf+xml":
			return store.SourceFeed
		}
	}
	lname := strings.ToLower(strings.TrimSuffix(name, ".gz"))
	if u, err := url.Parse(lname); err == nil && isURL(lname) {
		lname = u.Path
	}
	for _, ext := range []string{".rss", ".atom", ".xml"} {
		if strings.HasSuffix(lname, ext) {
			if strings.Contains(lname, "sitemap") {
				return store.SourceSitemap
			}
			return store.SourceFeed
		}
	}
	return ""
}

// url fetches a URL argument (or a nested sitemap) and expands it by
// content: a feed or sitemap lists pages, a WARC file holds records,
// anything else is a page.
func (x *expander) url(ctx context.Context, u, parentFeed, kind string, depth int) error {
	resp, err := x.fetcher.Get(ctx, u)
	if err != nil {
		return x.emit(item{name: u, err: err})
	}
	body, err := decompress(resp.Body, x.opts.Input.MaxBytes)
	if err != nil {
		return x.fail(u, err)
	}
	head := body[:min(len(body), headSize)]
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return x.warc(ctx, bytes.NewReader(resp.Body), u, u)
	}
	if fk := feedKind(head, u, resp.ContentType); fk != "" {
		return x.feed(ctx, resp.URL, resp.URL, body, depth)
	}
	return x.emit(item{name: u, body: resp.Body, in: store.Input{
		SourceKind: kind, URL: resp.URL, FetchedAt: resp.FetchedAt, ContentType: resp.ContentType, FeedURL: parentFeed,
	}})
}

// maxSitemapDepth bounds sitemap index nesting.
const maxSitemapDepth = 3

// feed expands an RSS/Atom feed (gofeed) or a sitemap (encoding/xml): each
// listed page becomes an item to fetch. name is the file or URL; base, when
// set, resolves relative links.
func (x *expander) feed(ctx context.Context, name, base string, raw []byte, depth int) error {
	body, err := decompress(raw, x.opts.Input.MaxBytes)
	if err != nil {
		return x.fail(name, err)
	}
	var links []string
	kind := store.SourceFeed
	if sm, err := ParseSitemap(bytes.NewReader(body)); err == nil || !errors.Is(err, ErrNotSitemap) {
		if err != nil {
			x.opts.Logger.Warn("sitemap read in part", "source", name, "err", err)
		}
		kind = store.SourceSitemap
		if sm.Index {
			if depth >= maxSitemapDepth {
				return x.fail(name, ErrTooDeep)
			}
			for i, child := range sm.URLs {
				child = resolve(base, child)
				if child == "" || !x.visit(child) {
					continue // not http(s), or fetched already (a sitemap listing itself)
				}
				if i >= x.opts.MaxLinksPerFeed {
					return x.fail(name, fmt.Errorf("%w: more than %d sitemaps listed (MaxLinksPerFeed)", ErrTooManyLinks, x.opts.MaxLinksPerFeed))
				}
				if err := x.url(ctx, child, name, store.SourceSitemap, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		links = sm.URLs
	} else {
		fd, err := x.parseFeed(body)
		if err != nil {
			return x.fail(name, fmt.Errorf("%w: %v", ErrNotFeed, err))
		}
		if base == "" {
			base = fd.Link // a feed file: its own site link resolves relative item links
		}
		for _, it := range fd.Items {
			l := it.Link
			if l == "" && len(it.Links) > 0 {
				l = it.Links[0]
			}
			if l != "" {
				links = append(links, l)
			}
		}
	}
	x.opts.Logger.Info("feed expanded", "source", name, "kind", kind, "links", len(links))
	if len(links) > x.opts.MaxLinksPerFeed {
		if err := x.fail(name, fmt.Errorf("%w: %d links, only the first %d are fetched (MaxLinksPerFeed)", ErrTooManyLinks, len(links), x.opts.MaxLinksPerFeed)); err != nil {
			return err
		}
		links = links[:x.opts.MaxLinksPerFeed]
	}
	for _, l := range links {
		u := resolve(base, l)
		if u == "" {
			if err := x.emit(item{name: l, err: fmt.Errorf("%s: %w (listed in %s)", l, ErrScheme, name)}); err != nil {
				return err
			}
			continue
		}
		if !x.visit(u) {
			continue // listed before in this run
		}
		if x.links >= x.opts.MaxLinks {
			return x.fail(name, fmt.Errorf("%w: the run reached its limit of %d links (MaxLinks); the rest of this feed is not fetched", ErrTooManyLinks, x.opts.MaxLinks))
		}
		x.links++
		if err := x.emit(item{name: u, fetch: u, in: store.Input{SourceKind: kind, FeedURL: name}}); err != nil {
			return err
		}
	}
	return nil
}

func (x *expander) parseFeed(body []byte) (fd *gofeed.Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("feed parser panic: %v", v)
		}
	}()
	if x.feeds == nil {
		x.feeds = gofeed.NewParser()
	}
	return x.feeds.Parse(bytes.NewReader(body))
}

// resolve makes link absolute against base and returns it if it is http(s).
func resolve(base, link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return ""
	}
	if base != "" {
		if b, err := url.Parse(base); err == nil {
			u = b.ResolveReference(u)
		}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// warc emits the HTML response records of a WARC stream.
func (x *expander) warc(ctx context.Context, r io.Reader, path, fetchedFrom string) error {
	var emitErr error
	bodies := !x.refs || fetchedFrom != ""
	err := readWARC(r, path, x.opts.Input.MaxBytes, bodies, func(p warcPage) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if fetchedFrom == "" {
			x.pos = x.done + p.Offset
		}
		emitErr = x.emit(item{
			name: fmt.Sprintf("%s@%d", path, p.Offset),
			body: p.Body,
			in: store.Input{
				SourceKind: store.SourceWARC, URL: p.URL, FetchedAt: p.Date, FilePath: path,
				WARCRecordID: p.RecordID, WARCOffset: p.Offset, ContentType: p.ContentType, FeedURL: fetchedFrom,
			},
		})
		return emitErr
	}, func(p warcPage, err error) {
		emitErr = x.emit(item{name: fmt.Sprintf("%s@%d", path, p.Offset), err: fmt.Errorf("%s@%d: %w", path, p.Offset, err)})
	})
	if err != nil && emitErr == nil && ctx.Err() == nil {
		return x.emit(item{name: path, err: err})
	}
	if emitErr != nil {
		return emitErr
	}
	return err
}
