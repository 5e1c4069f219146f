package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/htmlpage"
	"github.com/newsgraph/newsgraph/internal/input"
)

// evalExtractionOptions are the flags of "newsgraph eval extraction".
type evalExtractionOptions struct {
	fallback bool
	textDir  string // score the plain-text predictions in this directory instead
}

// cmdEvalExtraction scores main-text extraction on a data set in the
// Scrapinghub benchmark's layout: DIR/html/<id>.html.gz and
// DIR/ground-truth.json ({"<id>": {"articleBody": …}}). A document that
// cannot be read or has no main text is reported on stderr and scored as
// an empty prediction; the command then ends with errPartial.
func cmdEvalExtraction(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval extraction", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var opts evalExtractionOptions
	fs.BoolVar(&opts.fallback, "fallback", false, "also run go-trafilatura's fallback extractors")
	fs.StringVar(&opts.textDir, "text", "", "score the predictions `DIR2`/<id>.txt instead of extracting")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph eval extraction [--fallback=true|false] [--text DIR2] DIR")
		fmt.Fprintln(e.stderr, "DIR holds html/<id>.html.gz and ground-truth.json (the Scrapinghub layout).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: eval extraction takes one directory", errUsage)
	}
	return runEvalExtraction(ctx, e, opts, fs.Arg(0))
}

func runEvalExtraction(ctx context.Context, e env, opts evalExtractionOptions, dir string) error {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	var (
		counts  []evaluate.ShingleCounts
		failed  int
		elapsed time.Duration // extraction only, without reading files
	)
	hopts := htmlpage.Options{Fallback: opts.fallback}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		gold := truth[id]
		var pred string
		if opts.textDir != "" {
			doc, err := input.Open(filepath.Join(opts.textDir, id+".txt"), input.Options{})
			if err != nil {
				fmt.Fprintln(e.stderr, err)
				failed++
			} else {
				pred = doc.Body
			}
		} else {
			path := filepath.Join(dir, "html", id+".html.gz")
			doc, err := input.Open(path, input.Options{})
			if err == nil {
				hopts.URL = gold.URL
				start := time.Now()
				var r htmlpage.Result
				r, err = htmlpage.Extract(doc.Body, hopts)
				elapsed += time.Since(start)
				pred = r.Text
				if err != nil {
					err = fmt.Errorf("%s: %w", path, err)
				}
			}
			if err != nil {
				fmt.Fprintln(e.stderr, err)
				failed++
			}
		}
		// A failed document scores as an empty prediction.
		counts = append(counts, evaluate.CompareShingles(gold.ArticleBody, pred))
	}
	s := evaluate.ScoreExtraction(counts)
	fmt.Fprintf(e.stdout, "docs      %d (failed %d)\n", s.Docs, failed)
	fmt.Fprintf(e.stdout, "F1        %.4f\n", s.F1)
	fmt.Fprintf(e.stdout, "precision %.4f\n", s.Precision)
	fmt.Fprintf(e.stdout, "recall    %.4f\n", s.Recall)
	fmt.Fprintf(e.stdout, "accuracy  %.4f\n", s.Accuracy)
	if opts.textDir == "" && elapsed > 0 {
		fmt.Fprintf(e.stdout, "speed     %.1f docs/s (extraction only, 1 worker, fallback=%v)\n",
			float64(len(ids))/elapsed.Seconds(), opts.fallback)
	}
	if failed > 0 {
		return errPartial
	}
	return nil
}
