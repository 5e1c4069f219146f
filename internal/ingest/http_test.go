package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
)

// newsSite serves a small news site: robots.txt that disallows /private/,
// an RSS feed, a sitemap, three article pages, a disallowed page and a 404.
type newsSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
	times    []time.Time
	agents   []string
}

var sitePages = map[string]string{
	"/news/bridge": `<p>The old swing bridge over the canal will close for six weeks from March while engineers replace its worn bearings.</p>
<p>Cyclists will be sent along the towpath to the lock, a detour the council says adds about four minutes to most journeys.</p>`,
	"/news/market": `<p>Traders at the covered market have agreed a new rent deal with the city after a year of talks, securing their stalls until 2030.</p>
<p>The agreement freezes rents for two years and then links rises to inflation, the traders' association said on Friday.</p>`,
	"/news/orchard": `<p>Volunteers planted forty apple and pear trees on the edge of the school field, the start of a community orchard planned for years.</p>
<p>Pupils will look after the trees and the first fruit is expected in three summers, when the school hopes to press its own juice.</p>`,
	"/news/tram": `<p>The tram line to the airport will run every six minutes at peak times from the spring, up from every ten, the operator announced.</p>
<p>Four new vehicles have been ordered to cover the extra services, and the first of them is due to arrive for testing in January.</p>`,
	"/private/draft": `<p>This page must never be fetched: robots.txt disallows it.</p>`,
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.URL.Path)
		s.times = append(s.times, time.Now())
		s.agents = append(s.agents, r.UserAgent())
		s.mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Town news</title><link>%[1]s/</link>
<item><title>Bridge</title><link>%[1]s/news/bridge</link></item>
<item><title>Market</title><link>/news/market</link></item>
<item><title>Orchard</title><link>%[1]s/news/orchard</link></item>
<item><title>Draft</title><link>%[1]s/private/draft</link></item>
<item><title>Gone</title><link>%[1]s/news/gone</link></item>
</channel></rss>`, s.URL)
		case "/sitemap.xml":
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%[1]s/news/bridge</loc></url><url><loc>%[1]s/news/tram</loc></url></urlset>`, s.URL)
		default:
			body, ok := sitePages[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>%s</title><meta property="og:site_name" content="Town Crier"></head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>%s</article><footer>Town Crier</footer></body></html>`,
				r.URL.Path, r.URL.Path, body)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) requested(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.requests {
		if p == path {
			return true
		}
	}
	return false
}

func TestFeedEndToEnd(t *testing.T) {
	site := newNewsSite(t)
	st := openStore(t, filepath.Join(t.TempDir(), "c.db"))
	var failures []error
	opts := ingest.Options{
		Fetch:     ingest.FetchOptions{AllowPrivate: true, Rate: 20},
		OnFailure: func(err error) { failures = append(failures, err) },
	}
	sum, err := ingest.Run(context.Background(), st, []string{site.URL + "/feed.xml"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 3 {
		t.Errorf("articles = %d, want 3 (summary %+v, failures %v)", sum.Articles, sum, failures)
	}
	if site.requested("/private/draft") {
		t.Error("a page disallowed by robots.txt was fetched")
	}
	if sum.Failures[ingest.ErrRobots.Error()] != 1 || sum.Failures[ingest.ErrHTTPStatus.Error()] != 1 {
		t.Errorf("failures by reason = %v, want one robots and one HTTP status", sum.Failures)
	}
	for _, e := range failures {
		if errors.Is(e, ingest.ErrHTTPStatus) && !strings.Contains(e.Error(), "/news/gone") {
			t.Errorf("404 failure does not name the URL: %v", e)
		}
	}
	// Provenance: the feed URL and the fetch time are kept.
	if n := count(t, st.DB, `SELECT count(*) FROM raw_inputs WHERE source_kind = 'feed' AND feed_url = ? AND fetched_at IS NOT NULL AND url LIKE ?`,
		site.URL+"/feed.xml", site.URL+"/news/%"); n != 3 {
		t.Errorf("%d raw inputs with feed provenance, want 3", n)
	}
	if n := count(t, st.DB, `SELECT count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE o.name = 'town crier'`); n != 3 {
		t.Errorf("%d articles with outlet Town Crier, want 3", n)
	}
	site.mu.Lock()
	for _, ua := range site.agents {
		if !strings.HasPrefix(ua, "newsgraph/0.1 (+") {
			t.Errorf("User-Agent %q", ua)
		}
	}
	site.mu.Unlock()

	// The sitemap lists one known page (same content: a duplicate) and one new.
	sum, err = ingest.Run(context.Background(), st, []string{site.URL + "/sitemap.xml"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 1 || sum.Duplicates != 1 {
		t.Errorf("sitemap: %+v, want 1 article and 1 duplicate", sum)
	}
}

func TestRateLimitPerHost(t *testing.T) {
	site := newNewsSite(t)
	f := ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, Rate: 10})
	ctx := context.Background()
	var wg sync.WaitGroup
	for _, p := range []string{"/news/bridge", "/news/market", "/news/orchard", "/news/tram"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(ctx, site.URL+p); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	site.mu.Lock()
	defer site.mu.Unlock()
	if len(site.times) != 5 { // robots.txt + 4 pages
		t.Fatalf("%d requests, want 5", len(site.times))
	}
	// The limiter spaces the requests it lets out 100 ms apart; the server
	// sees them late by however long each took to arrive, so one gap may
	// look short on a loaded machine, but the five cannot arrive in less
	// than four intervals (less a margin for the first one's lateness).
	if span := site.times[len(site.times)-1].Sub(site.times[0]); span < 350*time.Millisecond {
		t.Errorf("5 requests within %v at 10/s (want about 400 ms)", span)
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	site := newNewsSite(t)
	dir := t.TempDir()
	feed := filepath.Join(dir, "local.rss")
	os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>`+site.URL+`/news/bridge</link></item>
<item><link>http://169.254.169.254/latest/meta-data/</link></item>
<item><link>http://[::1]/x</link></item>
<item><link>http://localhost/x</link></item>
</channel></rss>`), 0o644)
	st := openStore(t, filepath.Join(dir, "c.db"))
	var failures []error
	sum, err := ingest.Run(context.Background(), st, []string{feed, site.URL + "/feed.xml"}, ingest.Options{
		OnFailure: func(err error) { failures = append(failures, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 0 {
		t.Errorf("%d articles stored from private addresses", sum.Articles)
	}
	if got := sum.Failures[ingest.ErrPrivateAddress.Error()]; got != 5 {
		t.Errorf("%d refused as private, want 5: %v", got, failures)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if len(site.requests) != 0 {
		t.Errorf("the private server got requests: %v", site.requests)
	}
}

func TestRedirectToPrivateRefused(t *testing.T) {
	// Dial-time checking is what refuses a redirect to a private address;
	// here the first hop is allowed explicitly through a public-looking
	// literal that cannot be dialled, so only the check before dialling is
	// exercised end to end, and the dial check by TestRefusePrivate.
	f := ingest.NewFetcher(ingest.FetchOptions{IgnoreRobots: true})
	_, err := f.Get(context.Background(), "http://127.0.0.1:1/")
	if !errors.Is(err, ingest.ErrPrivateAddress) {
		t.Errorf("err = %v, want ErrPrivateAddress", err)
	}
	_, err = f.Get(context.Background(), "file:///etc/passwd")
	if !errors.Is(err, ingest.ErrScheme) {
		t.Errorf("err = %v, want ErrScheme", err)
	}
}

// TestSitemapSelfLinks: a sitemap index that lists itself eight times is
// fetched once (with robots.txt: two requests), not once per path of the
// index graph.
func TestSitemapSelfLinks(t *testing.T) {
	var mu sync.Mutex
	fetches := 0
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetches++
		mu.Unlock()
		if r.URL.Path != "/sitemap.xml" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for range 8 {
			fmt.Fprintf(w, "<sitemap><loc>%s/sitemap.xml</loc></sitemap>", srv.URL)
		}
		fmt.Fprint(w, `</sitemapindex>`)
	}))
	t.Cleanup(srv.Close)
	st := openStore(t, filepath.Join(t.TempDir(), "c.db"))
	_, err := ingest.Run(context.Background(), st, []string{srv.URL + "/sitemap.xml"}, ingest.Options{
		Fetch: ingest.FetchOptions{AllowPrivate: true, Rate: 100},
	})
	if err != nil {
		t.Fatal(err)
	}
	if fetches > 9 {
		t.Errorf("%d fetches, want at most 9", fetches)
	}
}

// TestFeedLinkCaps: links past MaxLinksPerFeed are reported, not fetched.
func TestFeedLinkCaps(t *testing.T) {
	site := newNewsSite(t)
	st := openStore(t, filepath.Join(t.TempDir(), "c.db"))
	var failures []error
	sum, err := ingest.Run(context.Background(), st, []string{site.URL + "/feed.xml"}, ingest.Options{
		MaxLinksPerFeed: 2,
		Fetch:           ingest.FetchOptions{AllowPrivate: true, Rate: 100},
		OnFailure:       func(err error) { failures = append(failures, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failures[ingest.ErrTooManyLinks.Error()] != 1 || site.requested("/news/orchard") {
		t.Errorf("failures %v; want the feed reported for too many links and its third link not fetched", failures)
	}
}
