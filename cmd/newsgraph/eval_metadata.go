package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/htmlpage"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/textpage"
)

// evalMetadataOptions are the flags of "newsgraph eval metadata".
type evalMetadataOptions struct {
	fold    int    // -1: every page; 0 or 1: that fold only (evaluate.Fold2 of the file name)
	withURL bool   // give the extractor the page's URL (the evaldata key)
	show    string // print the pages whose FIELD is wrong
	bare    bool   // also score bare go-trafilatura
	text    bool   // score the plain-text pages of DIR/textpages instead
}

// evalPage is one page of trafilatura's evaluation data.
type evalPage struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
	Title   string   `json:"title"`
	Date    string   `json:"date"`
	Author  names    `json:"author"`
}

// names is an author field: a string, or a list of names joined by "; ".
type names string

func (n *names) UnmarshalJSON(b []byte) error {
	var list []string
	if json.Unmarshal(b, &list) == nil {
		*n = names(strings.Join(list, "; "))
		return nil
	}
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s != nil {
		*n = names(*s)
	}
	return nil
}

// metaFields are the fields scored by exact match.
var metaFields = []string{"title", "author", "date"}

// cmdEvalMetadata scores main text (trafilatura's snippet metric), title,
// author and date on a data set in trafilatura's evaluation layout:
// DIR/evaldata.json ({URL: {file, with, without, title, date, author}})
// and DIR/html/<file>.
func cmdEvalMetadata(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval metadata", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	opts := evalMetadataOptions{fold: -1}
	fs.IntVar(&opts.fold, "fold", -1, "score only the pages of fold `N` (0 or 1, split by a hash of the file name); -1 for all")
	fs.BoolVar(&opts.withURL, "url", false, "give the extractor the page's URL (as ingest does for fetched pages)")
	fs.StringVar(&opts.show, "show", "", "print the pages whose `FIELD` (title, author, date, text) is wrong")
	fs.BoolVar(&opts.bare, "bare", true, "also score bare go-trafilatura in the same run")
	fs.BoolVar(&opts.text, "textpages", false, "score the cleaning of the plain-text pages DIR/textpages/<id>.txt (truth in DIR/textpages/truth.json) instead")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph eval metadata [--fold N] [--url] [--show FIELD] DIR")
		fmt.Fprintln(e.stderr, "DIR holds evaldata.json and html/ (trafilatura's evaluation layout).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: eval metadata takes one directory", errUsage)
	}
	if opts.text {
		return runEvalTextPages(ctx, e, opts, fs.Arg(0))
	}
	return runEvalMetadata(ctx, e, opts, fs.Arg(0))
}

// metaScore counts one system's results.
type metaScore struct {
	name   string
	text   evaluate.SnippetCounts
	right  map[string]int
	failed int
	cpu    time.Duration
}

func runEvalMetadata(ctx context.Context, e env, opts evalMetadataOptions, dir string) error {
	raw, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return err
	}
	var pages map[string]evalPage
	if err := json.Unmarshal(raw, &pages); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, "evaldata.json"), err)
	}
	urls := make([]string, 0, len(pages))
	for u, p := range pages {
		if opts.fold < 0 || evaluate.Fold2(p.File) == opts.fold {
			urls = append(urls, u)
		}
	}
	sort.Slice(urls, func(i, j int) bool { return pages[urls[i]].File < pages[urls[j]].File })

	ng := &metaScore{name: "newsgraph", right: map[string]int{}}
	bare := &metaScore{name: "go-trafilatura", right: map[string]int{}}
	have := map[string]int{}
	for _, u := range urls {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := pages[u]
		truth := map[string]string{"title": p.Title, "author": string(p.Author), "date": p.Date}
		for _, f := range metaFields {
			if strings.TrimSpace(truth[f]) != "" {
				have[f]++
			}
		}
		path := filepath.Join(dir, "html", p.File)
		doc, err := input.Open(path, input.Options{})
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			ng.failed++
			bare.failed++
			ng.text.Add(evaluate.CompareSnippets("", p.With, p.Without))
			bare.text.Add(evaluate.CompareSnippets("", p.With, p.Without))
			continue
		}
		pageURL := ""
		if opts.withURL && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) {
			pageURL = u
		}
		start := time.Now()
		r, err := htmlpage.Extract(doc.Body, htmlpage.Options{URL: pageURL})
		ng.cpu += time.Since(start)
		if err != nil {
			ng.failed++
		}
		got := map[string]string{"title": r.Title, "author": strings.Join(r.Authors, "; "), "date": publishedDay(r)}
		score(e.stdout, ng, p, u, truth, got, r.Text, opts.show)
		if opts.bare {
			var tr trafilatura.Options
			if pageURL != "" {
				tr.OriginalURL, _ = parseURL(pageURL)
			}
			start := time.Now()
			br, err := trafilatura.Extract(strings.NewReader(doc.Body), tr)
			bare.cpu += time.Since(start)
			var bt, bd, ba, bti string
			if err != nil || br == nil {
				bare.failed++
			} else {
				bt, ba, bti = br.ContentText, br.Metadata.Author, br.Metadata.Title
				if !br.Metadata.Date.IsZero() {
					bd = br.Metadata.Date.Format("2006-01-02")
				}
			}
			score(io.Discard, bare, p, u, truth, map[string]string{"title": bti, "author": ba, "date": bd}, bt, "")
		}
	}
	fold := "all"
	if opts.fold >= 0 {
		fold = fmt.Sprint(opts.fold)
	}
	fmt.Fprintf(e.stdout, "pages %d (fold %s); truth: title %d, author %d, date %d\n", len(urls), fold, have["title"], have["author"], have["date"])
	fmt.Fprintf(e.stdout, "%-15s %8s %8s %8s %8s %8s %8s %7s %8s\n", "", "text F1", "P", "R", "title", "author", "date", "failed", "seconds")
	for _, s := range []*metaScore{ng, bare} {
		if s == bare && !opts.bare {
			continue
		}
		p, r, f := s.text.PRF()
		rate := func(k string) float64 {
			if have[k] == 0 {
				return 0
			}
			return float64(s.right[k]) / float64(have[k])
		}
		fmt.Fprintf(e.stdout, "%-15s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %7d %8.1f\n", s.name, f, p, r,
			rate("title"), rate("author"), rate("date"), s.failed, s.cpu.Seconds())
	}
	return nil
}

// score adds one page's results to s, printing the page when the field
// named show is wrong.
func score(w io.Writer, s *metaScore, p evalPage, u string, truth, got map[string]string, text, show string) {
	c := evaluate.CompareSnippets(text, p.With, p.Without)
	s.text.Add(c)
	if show == "text" && (c.FN > 0 || c.FP > 0) {
		fmt.Fprintf(w, "%s %s text: TP %d FN %d FP %d\n", p.File, u, c.TP, c.FN, c.FP)
	}
	for _, f := range metaFields {
		if strings.TrimSpace(truth[f]) == "" {
			continue
		}
		if evaluate.FieldMatch(f, got[f], truth[f]) {
			s.right[f]++
		} else if show == f {
			fmt.Fprintf(w, "%s %s\n   got  %q\n   want %q\n", p.File, u, got[f], truth[f])
		}
	}
}

// publishedDay is the day of r's publication date as the page states it.
func publishedDay(r htmlpage.Result) string {
	if r.Published == nil {
		return ""
	}
	return r.Published.Format("2006-01-02")
}

func parseURL(s string) (*url.URL, error) { return url.ParseRequestURI(s) }

// runEvalTextPages scores textpage.Clean on DIR/textpages: main text by
// the snippet metric, and the pages it fails on. Folds are those of the
// HTML pages (the text page NNNN.txt is the page NNNN.html.gz).
func runEvalTextPages(ctx context.Context, e env, opts evalMetadataOptions, dir string) error {
	tdir := filepath.Join(dir, "textpages")
	raw, err := os.ReadFile(filepath.Join(tdir, "truth.json"))
	if err != nil {
		return err
	}
	var truth map[string]struct {
		URL     string   `json:"url"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(tdir, "truth.json"), err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		if opts.fold < 0 || evaluate.Fold2(id+".html.gz") == opts.fold {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var clean, keep evaluate.SnippetCounts
	failed, failedWithText := 0, 0
	var cpu time.Duration
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := truth[id]
		path := filepath.Join(tdir, id+".txt")
		doc, err := input.Open(path, input.Options{})
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			failed++
			clean.Add(evaluate.CompareSnippets("", p.With, p.Without))
			keep.Add(evaluate.CompareSnippets("", p.With, p.Without))
			continue
		}
		all := evaluate.CompareSnippets(doc.Body, p.With, p.Without)
		keep.Add(all)
		start := time.Now()
		pg, err := textpage.Clean(doc.Body, textpage.Options{})
		cpu += time.Since(start)
		if err != nil {
			failed++
			if all.TP > 0 {
				failedWithText++ // the page holds article text
			}
			if opts.show == "text" {
				fmt.Fprintf(e.stdout, "%s %s: %v\n", id, p.URL, err)
			}
		}
		c := evaluate.CompareSnippets(pg.Text, p.With, p.Without)
		clean.Add(c)
		if opts.show == "text" && err == nil && (c.FN > 0 || c.FP > 0) {
			fmt.Fprintf(e.stdout, "%s %s: TP %d FN %d FP %d\n", id, p.URL, c.TP, c.FN, c.FP)
		}
	}
	fold := "all"
	if opts.fold >= 0 {
		fold = fmt.Sprint(opts.fold)
	}
	fmt.Fprintf(e.stdout, "text pages %d (fold %s); failed %d, of which %d hold article text (a truth snippet)\n", len(ids), fold, failed, failedWithText)
	fmt.Fprintf(e.stdout, "%-15s %8s %8s %8s %8s\n", "", "text F1", "P", "R", "seconds")
	for _, r := range []struct {
		name string
		c    evaluate.SnippetCounts
		sec  float64
	}{{"cleaned", clean, cpu.Seconds()}, {"every line", keep, 0}} {
		p, rc, f := r.c.PRF()
		fmt.Fprintf(e.stdout, "%-15s %8.3f %8.3f %8.3f %8.1f\n", r.name, f, p, rc, r.sec)
	}
	return nil
}
