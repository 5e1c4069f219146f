package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// ingestOptions are the flags of "newsgraph ingest".
type ingestOptions struct {
	DB           string
	AllowPrivate bool
	Workers      int
	Rate         float64
	Timeout      time.Duration
	MaxBytes     int64
	Batch        int
	LogLevel     slog.Level
	Progress     string
	IgnoreRobots bool
	// MaxLinks and MaxLinksPerFeed cap the links fetched (ingest.Options).
	MaxLinks, MaxLinksPerFeed int
}

// rateFlag parses "1/s", "2", "30/m" into requests per second.
type rateFlag struct{ v *float64 }

func (r rateFlag) String() string {
	if r.v == nil {
		return ""
	}
	return strconv.FormatFloat(*r.v, 'g', -1, 64) + "/s"
}

func (r rateFlag) Set(s string) error {
	num, unit, _ := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("bad rate %q (want e.g. 1/s, 30/m)", s)
	}
	switch unit {
	case "", "s":
	case "m":
		n /= 60
	case "h":
		n /= 3600
	default:
		return fmt.Errorf("bad rate unit %q (s, m or h)", unit)
	}
	*r.v = n
	return nil
}

func cmdIngest(ctx context.Context, e env, args []string) error {
	opts := ingestOptions{Rate: 1}
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database: a file (created if missing) or a postgres:// URL")
	fs.BoolVar(&opts.AllowPrivate, "allow-private", false, "allow requests to private, loopback and link-local addresses")
	fs.IntVar(&opts.Workers, "workers", 0, "inputs fetched and analysed at once (0: one per CPU)")
	fs.Var(rateFlag{&opts.Rate}, "rate", "most requests per host: N/s, N/m or N/h")
	fs.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "time limit of one HTTP request")
	fs.Int64Var(&opts.MaxBytes, "max-bytes", 0, "largest input accepted after decompression (0: 64 MiB)")
	fs.IntVar(&opts.Batch, "batch", 0, "inputs written per transaction (0: 200)")
	fs.TextVar(&opts.LogLevel, "log-level", slog.LevelWarn, "log level: debug, info, warn, error")
	fs.StringVar(&opts.Progress, "progress", "auto", "progress line on stderr: auto (when a terminal), always, never")
	fs.BoolVar(&opts.IgnoreRobots, "ignore-robots", false, "do not read robots.txt (only for your own sites)")
	fs.IntVar(&opts.MaxLinks, "max-links", 0, "most page links fetched from feeds and sitemaps in this run (0: 1,000,000)")
	fs.IntVar(&opts.MaxLinksPerFeed, "max-links-per-feed", 0, "most links read from one feed or sitemap (0: 50,000)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph ingest --db FILE [flags] SOURCE …")
		fmt.Fprintln(e.stderr, "sources: files and directories (recursive, gzip), WARC(.gz) files, RSS/Atom feeds and sitemaps (file or URL), URLs")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if opts.DB == "" || fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: ingest needs --db and at least one source", errUsage)
	}
	return runIngest(ctx, e, opts, fs.Args())
}

func runIngest(ctx context.Context, e env, opts ingestOptions, sources []string) error {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: opts.LogLevel}))
	st, err := store.Open(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()

	var mu sync.Mutex // the progress line and failure lines share stderr
	bar := newProgressLine(e.stderr, opts.Progress)
	iopts := ingest.Options{
		MaxLinks:        opts.MaxLinks,
		MaxLinksPerFeed: opts.MaxLinksPerFeed,
		Workers:         opts.Workers,
		BatchSize:       opts.Batch,
		Logger:          logger,
		Fetch: ingest.FetchOptions{
			AllowPrivate: opts.AllowPrivate,
			Rate:         opts.Rate,
			Timeout:      opts.Timeout,
			IgnoreRobots: opts.IgnoreRobots,
		},
		OnFailure: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			bar.clear()
			fmt.Fprintln(e.stderr, "newsgraph ingest:", oneLine(err.Error()))
		},
		OnProgress: func(p ingest.Progress) {
			mu.Lock()
			defer mu.Unlock()
			bar.update(p)
		},
	}
	iopts.Input.MaxBytes = opts.MaxBytes
	sum, err := ingest.Run(ctx, st, sources, iopts)
	bar.clear()
	if sum != nil {
		printSummary(e.stdout, sum)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return errPartial
	}
	return nil
}

func printSummary(w io.Writer, s *ingest.Summary) {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Inputs) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "inputs read        %d (%.1f/s in %s)\n", s.Inputs, rate, s.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "articles stored    %d (new versions %d)\n", s.Articles, s.Versions)
	fmt.Fprintf(w, "duplicates         %d (same content stored before)\n", s.Duplicates)
	fmt.Fprintf(w, "unchanged          %d (same text at a known URL)\n", s.Unchanged)
	fmt.Fprintf(w, "near-duplicates    %d joined a cluster; %d clusters in the store\n", s.NearDuplicates, s.Clusters)
	fmt.Fprintf(w, "failures           %d\n", s.Failed)
	if s.SkippedRecords > 0 {
		fmt.Fprintf(w, "  (of which %d corrupt WARC records skipped; reading resumed at the next record)\n", s.SkippedRecords)
	}
	for _, r := range s.SortedFailures() {
		fmt.Fprintf(w, "  %-28s %d\n", r, s.Failures[r])
	}
}

// progressLine draws a one-line progress display on a terminal.
type progressLine struct {
	w     io.Writer
	on    bool
	last  time.Time
	drawn bool
}

func newProgressLine(w io.Writer, mode string) *progressLine {
	on := mode == "always"
	if mode == "auto" {
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				on = true
			}
		}
	}
	return &progressLine{w: w, on: on}
}

func (p *progressLine) update(pr ingest.Progress) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	el := time.Since(pr.Started).Seconds()
	rate := float64(pr.Done) / max(el, 1e-9)
	// The share done: by bytes of the local sources when known (a WARC
	// file's record count is not known in advance), else by inputs found.
	frac, exact := 0.0, pr.SourcesDone
	switch {
	case pr.BytesTotal > 0:
		frac, exact = float64(pr.BytesDone)/float64(pr.BytesTotal), true
	case pr.Found > 0:
		frac = float64(pr.Done) / float64(pr.Found)
	}
	frac = min(max(frac, 0), 1)
	const width = 30
	fill := int(width * frac)
	line := fmt.Sprintf("[%s%s] %3.0f%%  %d inputs  %.1f/s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), 100*frac, pr.Done, rate)
	if frac > 0.001 && frac < 1 {
		eta := time.Duration(el * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
		line += "  ETA " + eta.String()
		if !exact {
			line += "+"
		}
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}

func (p *progressLine) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
