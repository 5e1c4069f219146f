package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

// statsOptions are the flags of "newsgraph stats".
type statsOptions struct {
	DB          string
	Timeout     time.Duration
	JSON        bool
	By          string
	Top         int
	Outlets     int
	AllVersions bool
	Originals   bool
}

func cmdStats(ctx context.Context, e env, args []string) error {
	var opts statsOptions
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&opts.DB, "db", "", "the corpus database: a file, or a postgres:// URL (required)")
	fs.BoolVar(&opts.JSON, "json", false, "print one JSON object")
	fs.StringVar(&opts.By, "by", "day", "bucket of the count over time: day, week or month")
	fs.IntVar(&opts.Top, "top", 10, "length of each top list")
	fs.IntVar(&opts.Outlets, "outlets", 10, "how many of the largest outlets get their own top lists")
	fs.BoolVar(&opts.AllVersions, "all-versions", false, "also count superseded versions of changed pages")
	fs.BoolVar(&opts.Originals, "originals", false, "count each near-duplicate cluster once (its original)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph stats --db FILE [--json] [--by day|week|month] [QUERY]")
		fs.PrintDefaults()
	}
	q, err := parseCorpusFlags(fs, args, &opts.DB, &opts.Timeout, false)
	if err != nil {
		return err
	}
	return runStats(ctx, e, opts, q)
}

func runStats(ctx context.Context, e env, opts statsOptions, q string) error {
	c, ctx, closeDB, err := openCorpus(ctx, opts.DB, opts.Timeout)
	if err != nil {
		return err
	}
	defer closeDB()
	st, err := c.Stats(ctx, store.StatsOptions{
		Filter: store.Filter{Query: q, AllVersions: opts.AllVersions, Originals: opts.Originals},
		By:     store.Interval(opts.By), Top: opts.Top, Outlets: opts.Outlets,
	})
	if err != nil {
		return queryError(e.stderr, q, err)
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(st)
	}
	writeStats(w, st)
	return nil
}

func writeStats(w io.Writer, st *store.Stats) {
	fmt.Fprintf(w, "%d articles (%d undated)\n", st.Articles, st.Undated)
	fmt.Fprintf(w, "\narticles by %s\n", st.By)
	peak := 0
	for _, p := range st.Over {
		peak = max(peak, p.Count)
	}
	for _, p := range st.Over {
		bar := strings.Repeat("█", max(1, p.Count*40/max(peak, 1)))
		fmt.Fprintf(w, "  %-10s %6d %s\n", p.Period, p.Count, bar)
	}
	names := func(title string, l []store.NameCount, unit string) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "%s\n", title)
		for _, n := range l {
			fmt.Fprintf(w, "  %6d %-8s %s", n.Count, unit, n.Name)
			if n.Type != "" {
				fmt.Fprintf(w, " (%s)", strings.ToLower(n.Type))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w)
	names("top speakers", st.TopSpeakers, "quotes")
	names("top entities", st.TopEntities, "articles")
	techniques := func(title string, l []store.TechniqueCount) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (fragments, share of articles, per 1,000 words)\n", title)
		for _, t := range l {
			fmt.Fprintf(w, "  %6d %5.1f%% %7.2f  %s\n", t.Count, 100*t.Share, t.Per1000Words, t.Technique)
		}
	}
	techniques("persuasion techniques", st.Techniques)
	if len(st.TechniquesOver) > 0 {
		fmt.Fprintf(w, "persuasion techniques by %s (fragments per 1,000 words)\n", st.By)
		for _, p := range st.TechniquesOver {
			fmt.Fprintf(w, "  %-10s", p.Period)
			for i, t := range p.Techniques {
				if i == 3 {
					fmt.Fprintf(w, " …")
					break
				}
				fmt.Fprintf(w, "  %s %.2f", t.Technique, t.Per1000Words)
			}
			fmt.Fprintln(w)
		}
	}
	for _, o := range st.Outlets {
		fmt.Fprintf(w, "\n%s (%s): %d articles\n", orDash(o.Outlet), orDash(o.Host), o.Articles)
		names(" top speakers", o.TopSpeakers, "quotes")
		names(" top entities", o.TopEntities, "articles")
		techniques(" persuasion techniques", o.Techniques)
	}
	g := st.Gender
	fmt.Fprintf(w, "\ngender of quoted people (%d people, %d quotes)\n", g.People.Total, g.Quotes.Total)
	row := func(name string, people int, ps float64, quotes int, qs float64) {
		fmt.Fprintf(w, "  %-8s %6d people %5.1f%%   %6d quotes %5.1f%%\n", name, people, 100*ps, quotes, 100*qs)
	}
	row("female", g.People.Female, g.People.FemaleShare, g.Quotes.Female, g.Quotes.FemaleShare)
	row("male", g.People.Male, g.People.MaleShare, g.Quotes.Male, g.Quotes.MaleShare)
	row("unknown", g.People.Unknown, g.People.UnknownShare, g.Quotes.Unknown, g.Quotes.UnknownShare)
	if g.People.Female+g.People.Male > 0 {
		fmt.Fprintf(w, "  women are %.1f%% of the quoted people whose gender is known\n", 100*g.People.KnownFemale)
	}
}
