package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
)

// Fetch errors. Every error Fetcher.Get returns names the URL and wraps one
// of these or a network error.
var (
	ErrPrivateAddress = errors.New("address is private, loopback or link-local (use --allow-private)")
	ErrRobots         = errors.New("disallowed by robots.txt")
	ErrHTTPStatus     = errors.New("HTTP error status")
	ErrScheme         = errors.New("URL scheme is not http or https")
	ErrTooLarge       = errors.New("response is larger than the size limit")
	ErrTooManyRedirs  = errors.New("too many redirects")
)

// DefaultUserAgent is what newsgraph calls itself on the web.
const DefaultUserAgent = "newsgraph/0.1 (+https://github.com/newsgraph/newsgraph)"

// FetchOptions configures a Fetcher. The zero value applies the defaults.
type FetchOptions struct {
	// AllowPrivate permits requests to private, loopback, link-local and
	// other non-public addresses. Off, such addresses are refused when
	// the connection is dialled (after DNS resolution, so a name that
	// resolves to one is refused too, and so are redirects to one).
	AllowPrivate bool
	// UserAgent is sent with every request and matched against robots.txt.
	// Empty means DefaultUserAgent.
	UserAgent string
	// Timeout bounds one request, body included. Zero means 30 s.
	Timeout time.Duration
	// MaxBytes is the largest response body read. Zero means 64 MiB.
	MaxBytes int64
	// Rate is the most requests per second sent to one host (robots.txt
	// fetches included). Zero means 1; a robots.txt Crawl-delay that asks
	// for less is honoured.
	Rate float64
	// IgnoreRobots skips robots.txt (for tests of other behaviour only).
	IgnoreRobots bool
	// MaxRedirects is the longest redirect chain followed. Zero means 10.
	MaxRedirects int
}

func (o FetchOptions) applyDefaults() FetchOptions {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 64 << 20
	}
	if o.Rate <= 0 {
		o.Rate = 1
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	return o
}

// Fetcher gets pages over HTTP politely and safely: robots.txt, a per-host
// rate limit, timeouts, a size limit, a clear user agent, and no requests
// to private addresses unless allowed. It is safe for concurrent use.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client

	mu     sync.Mutex
	next   map[string]time.Time // host → earliest time of its next request
	robots map[string]*robotsEntry
}

type robotsEntry struct {
	ready chan struct{}
	group *robotstxt.Group // nil: everything allowed
	delay time.Duration
}

// NewFetcher returns a Fetcher.
func NewFetcher(opts FetchOptions) *Fetcher {
	opts = opts.applyDefaults()
	f := &Fetcher{opts: opts, next: map[string]time.Time{}, robots: map[string]*robotsEntry{}}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us and bypass the address check
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= opts.MaxRedirects {
				return ErrTooManyRedirs
			}
			return f.checkURL(req.URL)
		},
	}
	return f
}

// refusePrivate is the dialer's Control function: it sees the resolved
// address actually being connected to.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%s: %w", address, ErrPrivateAddress)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !publicIP(ip) {
		return fmt.Errorf("%s: %w", address, ErrPrivateAddress)
	}
	return nil
}

// publicIP reports whether ip is a public unicast address.
func publicIP(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// nonPublic are special-purpose ranges netip's predicates do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("169.254.0.0/16"), // link-local (cloud metadata)
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("::ffff:0:0/96"),  // mapped (checked unmapped above)
	netip.MustParsePrefix("100::/64"),       // discard
	netip.MustParsePrefix("2001:10::/28"),   // ORCHID
	netip.MustParsePrefix("2002::/16"),      // 6to4 can embed private v4
}

// checkURL refuses what can be refused before dialling: schemes other than
// http(s) and literal non-public addresses or "localhost".
func (f *Fetcher) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s: %w", u.Redacted(), ErrScheme)
	}
	if f.opts.AllowPrivate {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return fmt.Errorf("%s: %w", u.Redacted(), ErrPrivateAddress)
	}
	if ip, err := netip.ParseAddr(host); err == nil && !publicIP(ip) {
		return fmt.Errorf("%s: %w", u.Redacted(), ErrPrivateAddress)
	}
	return nil
}

// Response is a fetched page.
type Response struct {
	// URL is the final URL, after redirects.
	URL         string
	Body        []byte
	ContentType string
	FetchedAt   time.Time
}

// Get fetches raw (http or https) after checking robots.txt and waiting
// for the host's rate limit. Non-2xx statuses are errors (ErrHTTPStatus).
func (f *Fetcher) Get(ctx context.Context, raw string) (*Response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", raw, err)
	}
	if err := f.checkURL(u); err != nil {
		return nil, err
	}
	var delay time.Duration
	if !f.opts.IgnoreRobots {
		ok, d, err := f.allowed(ctx, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%s: %w", raw, ErrRobots)
		}
		delay = d
	}
	resp, err := f.do(ctx, u, delay)
	if err != nil {
		return nil, err
	}
	if resp.status < 200 || resp.status > 299 {
		return nil, fmt.Errorf("%s: %w %d", raw, ErrHTTPStatus, resp.status)
	}
	return resp.Response, nil
}

type rawResponse struct {
	*Response
	status int
}

// do sends one rate-limited GET and reads the body within the size limit.
func (f *Fetcher) do(ctx context.Context, u *url.URL, delay time.Duration) (*rawResponse, error) {
	if err := f.wait(ctx, u.Host, delay); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, unwrapURLError(u, err)
	}
	defer resp.Body.Close()
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), ErrTooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading body: %w", u.Redacted(), err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), ErrTooLarge)
	}
	return &rawResponse{
		Response: &Response{URL: resp.Request.URL.String(), Body: body, ContentType: resp.Header.Get("Content-Type"), FetchedAt: time.Now()},
		status:   resp.StatusCode,
	}, nil
}

// unwrapURLError keeps the sentinel of a refused dial or redirect visible
// and names the URL once.
func unwrapURLError(u *url.URL, err error) error {
	for _, s := range []error{ErrPrivateAddress, ErrScheme, ErrTooManyRedirs} {
		if errors.Is(err, s) {
			return fmt.Errorf("%s: %w", u.Redacted(), s)
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %w", u.Redacted(), err)
}

// wait blocks until host may be sent its next request; the interval is
// the rate limit's or delay, whichever is longer.
func (f *Fetcher) wait(ctx context.Context, host string, delay time.Duration) error {
	interval := max(time.Duration(float64(time.Second)/f.opts.Rate), delay)
	f.mu.Lock()
	now := time.Now()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(interval)
	f.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// maxCrawlDelay caps what a robots.txt Crawl-delay can ask for.
const maxCrawlDelay = 30 * time.Second

// allowed reports whether robots.txt of u's host lets newsgraph fetch u.
// robots.txt is fetched once per host; a missing one (4xx) allows all, an
// unreachable one (5xx, network error) disallows all, as RFC 9309 says.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) (ok bool, delay time.Duration, err error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	e, found := f.robots[key]
	if !found {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = e
	}
	f.mu.Unlock()
	if !found {
		f.loadRobots(ctx, u, e)
		close(e.ready)
	} else {
		select {
		case <-e.ready:
		case <-ctx.Done():
			return false, 0, ctx.Err()
		}
	}
	if e.group == nil {
		return true, 0, nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.group.Test(path), e.delay, nil
}

func (f *Fetcher) loadRobots(ctx context.Context, u *url.URL, e *robotsEntry) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	agent := f.opts.UserAgent
	if i := strings.IndexAny(agent, "/ "); i > 0 {
		agent = agent[:i] // robots.txt names the product token: "newsgraph"
	}
	var data *robotstxt.RobotsData
	resp, err := f.do(ctx, ru, 0)
	switch {
	case err != nil:
		data, _ = robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil) // unreachable: disallow all
	default:
		data, err = robotstxt.FromStatusAndBytes(resp.status, resp.Body)
		if err != nil {
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unparseable: allow all
		}
	}
	e.group = data.FindGroup(agent)
	if e.group != nil {
		e.delay = min(e.group.CrawlDelay, maxCrawlDelay)
	}
}
