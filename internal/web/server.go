package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.yaml
var openAPI []byte

// Options configures a Server. The zero value works: writes disabled,
// limits at their defaults.
type Options struct {
	// Token enables the write endpoints (POST /api/ingest, DELETE
	// /api/article/{id}) for requests that send "Authorization: Bearer
	// Token". Empty disables them (403).
	Token string
	// MaxBodyBytes bounds a request body other than an upload (0: 64 KiB).
	MaxBodyBytes int64
	// MaxUploadBytes bounds an ingest upload (0: 32 MiB).
	MaxUploadBytes int64
	// Rate is the steady number of requests per second one client
	// (remote IP) may make, Burst how many it may make at once
	// (0: 20/s, burst 40). A negative Rate turns the limit off.
	Rate  float64
	Burst int
	// AllowPrivateFetch lets POST /api/ingest fetch URLs on private and
	// loopback addresses (tests only).
	AllowPrivateFetch bool
	// CacheTTL is how long search results and facets are reused
	// (0: 30 s; negative: no cache); CacheEntries bounds how many are
	// kept (0: 1024).
	CacheTTL     time.Duration
	CacheEntries int
	// Logger receives request errors; nil discards them.
	Logger *slog.Logger
	// QueryTimeout is the time budget of one read request (search,
	// article, quotes, stats, pages; not export, which streams, nor
	// ingest): past it the request's SQLite statements are interrupted
	// and it answers 503 naming the limit (0: 2 s; negative: none). A
	// client that goes away cancels its request's statements at once.
	QueryTimeout time.Duration
}

// Defaults of Options, applied in one place.
const (
	defaultMaxBody   = 64 << 10
	defaultMaxUpload = 32 << 20
	defaultRate      = 20
	defaultBurst     = 40
	defaultQueryTime = 2 * time.Second
)

func (o Options) applyDefaults() Options {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = defaultMaxBody
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = defaultMaxUpload
	}
	if o.Rate == 0 {
		o.Rate = defaultRate
	}
	if o.Burst <= 0 {
		o.Burst = defaultBurst
	}
	if o.CacheTTL == 0 {
		o.CacheTTL = 30 * time.Second
	}
	if o.CacheEntries <= 0 {
		o.CacheEntries = 1024
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = defaultQueryTime
	}
	return o
}

// Server serves the corpus of one store: the JSON API under /api/ and the
// pages. It is an http.Handler, safe for concurrent use.
type Server struct {
	opts    Options
	st      Store
	tmpl    *template.Template
	handler http.Handler
	limiter *limiter
	cache   *resultCache // nil: no cache
	// ingestMu lets one ingest run at a time: the store has one writer.
	ingestMu sync.Mutex
}

// Store is what the server needs of the corpus store; internal/store's
// *Store is one. Its methods are documented there.
type Store interface {
	reader
	// What an upload's ingest writes through.
	ingest.Store
	// DeleteArticle removes one article version (DELETE /api/articles/ID).
	DeleteArticle(ctx context.Context, id int64) error
	// Check fails when the store can no longer be written (store.ErrGone).
	Check() error
}

// reader is the store's reads that the pages and the API make.
type reader interface {
	Search(ctx context.Context, opts store.SearchOptions) (*store.SearchResult, error)
	Article(ctx context.Context, id int64) (*store.StoredArticle, error)
	ArticleText(ctx context.Context, id int64) (string, error)
	Quotes(ctx context.Context, opts store.QuoteOptions, fn func(store.QuoteHit) error) error
	Speakers(ctx context.Context, prefix string, limit int) ([]store.Count, error)
	TopEntities(ctx context.Context, typ string, limit int) ([]store.Count, error)
	Stats(ctx context.Context, opts store.StatsOptions) (*store.Stats, error)
	Techniques(ctx context.Context, f store.Filter) ([]store.TechniqueCount, error)
	TechniqueTrend(ctx context.Context, f store.Filter, by store.Interval) ([]store.PeriodCount, []store.PeriodTechniques, error)
	Clusters(ctx context.Context, limit, offset int) ([]store.Cluster, error)
	OutletExists(ctx context.Context, name string) (bool, error)
	Export(ctx context.Context, w io.Writer, opts store.ExportOptions) (int, error)
}

// New returns a Server on an open store.
func New(st Store, opts Options) (*Server, error) {
	opts = opts.applyDefaults()
	s := &Server{opts: opts, st: st}
	t, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s.tmpl = t
	if opts.CacheTTL > 0 {
		s.cache = newResultCache(opts.CacheTTL, opts.CacheEntries, max(opts.QueryTimeout, 0))
	}
	if opts.Rate > 0 {
		s.limiter = newLimiter(opts.Rate, opts.Burst)
	}
	mux := http.NewServeMux()
	for _, r := range s.routes() {
		mux.HandleFunc(r.method+" "+r.pattern, r.handler)
	}
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.handler = s.secure(mux)
	return s, nil
}

// route is one endpoint.
type route struct {
	method, pattern string
	handler         http.HandlerFunc
}

// routes lists every endpoint but the static files. Those under /api/ are
// documented in openapi.yaml (a test checks both ways).
func (s *Server) routes() []route {
	return []route{
		{"GET", "/api/openapi.yaml", s.apiOpenAPI},
		{"GET", "/api/search", s.apiSearch},
		{"GET", "/api/article/{id}", s.apiArticle},
		{"DELETE", "/api/article/{id}", s.write(s.apiDelete)},
		{"POST", "/api/ingest", s.write(s.apiIngest)},
		{"GET", "/api/quotes", s.apiQuotes},
		{"GET", "/api/speakers", s.apiSpeakers},
		{"GET", "/api/entities", s.apiEntities},
		{"GET", "/api/stats", s.apiStats},
		{"GET", "/api/clusters", s.apiClusters},
		{"GET", "/api/export", s.apiExport},
		{"GET", "/{$}", s.pageSearch},
		{"GET", "/search", s.pageSearch},
		{"GET", "/article/{id}", s.pageArticle},
		{"GET", "/person/{name}", s.pagePerson},
		{"GET", "/outlet/{name}", s.pageOutlet},
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// contentSecurityPolicy allows the page's own stylesheet and nothing else:
// no script at all, no inline style, no frames, forms only to itself.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure wraps every response in the security headers, the per-client
// rate limit, the body size limit and a panic guard.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.limiter != nil && !s.limiter.allow(clientIP(r), time.Now()) {
			h.Set("Retry-After", "1")
			s.fail(w, r, errRateLimited)
			return
		}
		limit := s.opts.MaxBodyBytes
		if r.URL.Path == "/api/ingest" {
			limit = s.opts.MaxUploadBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if s.opts.QueryTimeout > 0 && r.Method == http.MethodGet && r.URL.Path != "/api/export" {
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.opts.Logger.Error("panic", "path", r.URL.Path, "panic", v)
				s.fail(w, r, fmt.Errorf("internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientIP is the remote address without its port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Errors of the request, mapped to HTTP statuses by status.
var (
	errUnauthorized = errors.New("missing or wrong bearer token")
	errForbidden    = errors.New("writes are disabled: the server has no token")
	errRateLimited  = errors.New("too many requests")
	errBadRequest   = errors.New("bad request")
	// ErrQueryTimeout is the error of a request that ran past
	// Options.QueryTimeout.
	ErrQueryTimeout = errors.New("the request ran past the server's time limit")
	// ErrStoreGone is the error of a write to a store whose file was
	// deleted or replaced while the server ran.
	ErrStoreGone = errors.New("the store's database file is gone")
)

// status maps an error to an HTTP status: the one place that does.
func status(err error) int {
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, store.ErrQuery), errors.Is(err, errBadRequest):
		return http.StatusBadRequest
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, errRateLimited):
		return http.StatusTooManyRequests
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrQueryTimeout), errors.Is(err, ErrStoreGone), errors.Is(err, store.ErrGone):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// fail answers a request with an error: JSON under /api/, a page elsewhere.
// Server errors are logged and shown without detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch cerr := r.Context().Err(); {
	case errors.Is(cerr, context.Canceled):
		// The client went away: its statements were interrupted and
		// nobody reads an answer.
		s.opts.Logger.Info("request cancelled by the client", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	case errors.Is(cerr, context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		s.opts.Logger.Info("request ran past the time limit", "method", r.Method, "path", r.URL.Path, "err", err)
		err = fmt.Errorf("%w of %s: narrow the query", ErrQueryTimeout, s.opts.QueryTimeout)
	}
	code := status(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.opts.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	s.tmpl.ExecuteTemplate(w, "error.html", map[string]any{"Code": code, "Status": http.StatusText(code), "Message": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// write guards a write endpoint: it needs the configured token as a
// bearer token (compared in constant time); with no token configured,
// writes are refused.
func (s *Server) write(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token == "" {
			s.fail(w, r, errForbidden)
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.Token)) != 1 {
			s.fail(w, r, errUnauthorized)
			return
		}
		if err := s.st.Check(); err != nil {
			// The file was deleted or replaced: a write would be lost.
			s.fail(w, r, fmt.Errorf("%w: %w", ErrStoreGone, err))
			return
		}
		h(w, r)
	}
}

// limiter is a token bucket per client: each client may make burst
// requests at once and rate per second over time.
type limiter struct {
	rate    float64
	burst   float64
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes one token from the client's bucket, if it has one.
func (l *limiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	// Forget clients whose bucket has been full for a while, so the map
	// does not grow with every address ever seen.
	if now.Sub(l.swept) > time.Minute {
		full := time.Duration(l.burst / l.rate * float64(time.Second))
		for k, b := range l.buckets {
			if now.Sub(b.last) > full {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[client]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
