package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
)

// analyzeOptions are the flags of "newsgraph analyze".
type analyzeOptions struct {
	JSON     bool
	Plain    bool
	Fallback bool
	Workers  int
	MaxBytes int64
	MaxDepth int
	// Attributions is "speech" (quotations, the default) or "all" (every
	// attribution the learned model finds: beliefs, intentions and
	// evidence too, as PolNeAR annotates them).
	Attributions string
	// MaxAnalyzeBytes bounds the page or text the stages analyse.
	MaxAnalyzeBytes int
	// NoTechniques skips the persuasion technique stage.
	NoTechniques bool
}

func cmdAnalyze(ctx context.Context, e env, args []string) error {
	var opts analyzeOptions
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.BoolVar(&opts.JSON, "json", false, "print JSON Lines, one object per article")
	fs.BoolVar(&opts.Plain, "plain", false, "the inputs are already clean article text")
	fs.BoolVar(&opts.Fallback, "fallback", false, "HTML: also run go-trafilatura's fallback extractors")
	fs.IntVar(&opts.Workers, "workers", 0, "documents analysed at once (0: one per CPU)")
	fs.Int64Var(&opts.MaxBytes, "max-bytes", 0, "largest input accepted after decompression (0: 64 MiB)")
	fs.IntVar(&opts.MaxDepth, "max-depth", 0, "deepest HTML nesting accepted (0: 512)")
	fs.StringVar(&opts.Attributions, "attributions", "speech", "speech: quotations; all: also beliefs, intentions and evidence the attribution model finds")
	fs.IntVar(&opts.MaxAnalyzeBytes, "max-analyze-bytes", 0, "longest page or article text analysed, after decoding (0: 4 MiB)")
	fs.BoolVar(&opts.NoTechniques, "no-techniques", false, "skip the persuasion technique stage")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph analyze [flags] FILE|DIR|- …")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: analyze needs at least one input", errUsage)
	}
	if opts.Attributions != "speech" && opts.Attributions != "all" {
		return fmt.Errorf("%w: --attributions %q (want speech or all)", errUsage, opts.Attributions)
	}
	return runAnalyze(ctx, e, opts, fs.Args())
}

func runAnalyze(ctx context.Context, e env, opts analyzeOptions, args []string) error {
	p, err := analyze.New(analyze.Options{
		Plain:           opts.Plain,
		Fallback:        opts.Fallback,
		Workers:         opts.Workers,
		AllAttributions: opts.Attributions == "all",
		MaxAnalyzeBytes: opts.MaxAnalyzeBytes,
		SkipTechniques:  opts.NoTechniques,
	})
	if err != nil {
		return err
	}
	p.SetInputLimits(opts.MaxBytes, opts.MaxDepth)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed, n := 0, 0
	err = p.Run(ctx, args, e.stdin, func(r analyze.Result) error {
		n++
		if r.Err != nil {
			failed++
			fmt.Fprintln(e.stderr, "newsgraph analyze:", oneLine(r.Err.Error()))
			return nil
		}
		if opts.JSON {
			return enc.Encode(r.Article)
		}
		if n > 1 {
			fmt.Fprintln(w)
		}
		return writeReport(w, r.Article)
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "newsgraph analyze: %d of %d inputs failed\n", failed, n)
		return errPartial
	}
	return nil
}

// oneLine keeps an error message to one line, whatever the input held.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeReport prints an article for a person reading a terminal.
func writeReport(w io.Writer, a *article.Article) error {
	bw := &errWriter{w: w}
	rule := strings.Repeat("─", 72)
	bw.printf("%s\n", rule)
	bw.printf("%s\n", a.ID)
	if a.Title != "" && a.TitleDerived {
		bw.printf("  title      %s (first sentence: the page has no headline)\n", a.Title)
	} else if a.Title != "" {
		bw.printf("  title      %s\n", a.Title)
	}
	field := func(name, v string) {
		if v != "" {
			bw.printf("  %-10s %s\n", name, v)
		}
	}
	if a.Published != nil && a.PublishedHasTime {
		field("published", a.Published.Format("2006-01-02 15:04 -07:00"))
	} else if a.Published != nil {
		field("published", a.Published.Format("2006-01-02"))
	}
	if a.PageTime != nil {
		field("page clock", a.PageTime.Format("2006-01-02 15:04 -07:00")+" (the page's clock, not the publication date)")
	}
	field("authors", strings.Join(a.Authors, ", "))
	field("site", a.Site)
	field("url", a.URL)
	field("section", a.Section)
	field("language", a.Language)
	field("format", string(a.Format))
	if len(a.Tags) > 0 {
		field("tags", strings.Join(a.Tags, " · "))
	}
	bw.printf("  %-10s %d paragraphs, %d sentences, %d words\n", "size", len(a.Paragraphs), len(a.Sentences), countWords(a))
	if len(a.Related) > 0 {
		bw.printf("  related\n")
		for _, h := range a.Related {
			bw.printf("    - %s\n", h)
		}
	}
	if len(a.EntitySummary) > 0 {
		bw.printf("\n  entities\n")
		for _, ec := range a.EntitySummary {
			g := ""
			if ec.Gender != "" && ec.Gender != article.GenderUnknown {
				g = ", " + string(ec.Gender)
			}
			bw.printf("    %-7s %s (%d%s)\n", ec.Type, ec.Name, ec.Mentions, g)
		}
	}
	if len(a.Quotes) > 0 {
		bw.printf("\n  who said what\n")
		for _, g := range groupQuotes(a.Quotes) {
			bw.printf("    %s [%s], %d quote(s)\n", g.name, g.kind, len(g.quotes))
			for _, q := range g.quotes {
				bw.printf("      %-8s %s\n", q.Kind, clip(q.Content.Text, 160))
			}
		}
	}
	if len(a.Techniques) > 0 {
		bw.printf("\n  persuasion techniques (a cue for the reader, not a verdict; \"quoted\": the speaker's)\n")
		for _, t := range a.Techniques {
			q := ""
			if t.InQuote {
				q = " quoted"
			}
			bw.printf("    %-34s %.2f%-7s %s\n", t.Technique, t.Score, q, clip(t.Text, 120))
		}
	}
	bw.printf("\n")
	for i, pr := range a.Paragraphs {
		if i > 0 {
			bw.printf("\n")
		}
		bw.printf("%s\n", a.Text[pr.Start:pr.End])
	}
	return bw.err
}

type quoteGroup struct {
	name   string
	kind   article.SpeakerKind
	quotes []article.Quote
}

// groupQuotes groups quotes by speaker, speakers in order of first quote.
func groupQuotes(qs []article.Quote) []quoteGroup {
	idx := map[string]int{}
	var out []quoteGroup
	for _, q := range qs {
		name := q.Speaker.Name
		if name == "" {
			name = "(unknown speaker)"
		}
		i, ok := idx[name]
		if !ok {
			i = len(out)
			idx[name] = i
			out = append(out, quoteGroup{name: name, kind: q.Speaker.Kind})
		}
		out[i].quotes = append(out[i].quotes, q)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].quotes) > len(out[j].quotes) })
	return out
}

func countWords(a *article.Article) int {
	n := 0
	for _, t := range a.Tokens {
		if t.Kind == article.TokenWord || t.Kind == article.TokenNumber {
			n++
		}
	}
	return n
}

func clip(s string, n int) string {
	s = oneLine(s)
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
