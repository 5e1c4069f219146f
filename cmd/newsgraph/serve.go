package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/web"
)

// serveOptions are the flags of "newsgraph serve".
type serveOptions struct {
	DB       string
	Addr     string
	Token    string
	Rate     float64
	Burst    int
	LogLevel slog.Level
	// NoTextIndex ranks searches in SQL (FTS5's bm25()) instead of the
	// full-text index kept beside the store.
	NoTextIndex bool
}

// shutdownTimeout is how long requests in flight get to finish after
// SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

func cmdServe(ctx context.Context, e env, args []string) error {
	opts := serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database (from newsgraph ingest): a file or a postgres:// URL")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on (loopback by default; port 0 picks a free one)")
	fs.StringVar(&opts.Token, "token", "", "bearer token that enables the write endpoints (default $NEWSGRAPH_TOKEN; none: writes disabled)")
	fs.Float64Var(&opts.Rate, "rate", 0, "requests per second per client IP (0: 20; negative: no limit)")
	fs.IntVar(&opts.Burst, "burst", 0, "requests a client may make at once (0: 40)")
	fs.TextVar(&opts.LogLevel, "log-level", slog.LevelInfo, "log level: debug, info, warn, error")
	fs.BoolVar(&opts.NoTextIndex, "no-text-index", false, "rank searches in SQL (FTS5, or PostgreSQL's GIN index) instead of the in-memory full-text index")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph serve --db FILE [--addr 127.0.0.1:8080] [--token T] [SOURCE …]")
		fmt.Fprintln(e.stderr, "sources given are ingested first (as newsgraph ingest does; the store is created if missing)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if opts.DB == "" {
		fs.Usage()
		return fmt.Errorf("%w: serve needs --db FILE", errUsage)
	}
	if opts.Token == "" {
		opts.Token = os.Getenv("NEWSGRAPH_TOKEN")
	}
	return runServe(ctx, e, opts, fs.Args())
}

// runServe ingests sources, if any, into the store and serves it. Inputs
// that fail to ingest are reported and the rest is served.
func runServe(ctx context.Context, e env, opts serveOptions, sources []string) error {
	if len(sources) > 0 {
		iopts := ingestOptions{DB: opts.DB, Rate: 1, Timeout: 30 * time.Second, LogLevel: slog.LevelWarn, Progress: "auto"}
		if err := runIngest(ctx, e, iopts, sources); err != nil && !errors.Is(err, errPartial) {
			return err
		}
	}
	if _, err := os.Stat(opts.DB); err != nil && store.IsFile(opts.DB) {
		return fmt.Errorf("serve: %w (make one with newsgraph ingest --db %s SOURCE…)", err, opts.DB)
	}
	st, err := store.Open(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: opts.LogLevel}))
	wopts := web.Options{Token: opts.Token, Rate: opts.Rate, Burst: opts.Burst, Logger: logger}
	if !opts.NoTextIndex {
		start := time.Now()
		ti, err := st.UseTextIndex(ctx)
		if err != nil {
			return err
		}
		defer func() {
			if err := ti.Save(); err != nil {
				logger.Warn("full-text index", "err", err)
			}
		}()
		logger.Info("full-text index ready", "articles", ti.Len(), "took", time.Since(start).Round(time.Millisecond))
	}
	srv, err := web.New(st, wopts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads
		WriteTimeout:      60 * time.Second, // exports extend their own deadline
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(e.stdout, "newsgraph: serving %s on http://%s/\n", opts.DB, ln.Addr())
	if opts.Token == "" {
		fmt.Fprintln(e.stdout, "newsgraph: no token set: write endpoints are disabled")
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stdout, "newsgraph: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
