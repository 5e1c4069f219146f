package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/quote"
)

// evalCorefOptions are the flags of "newsgraph eval coref".
type evalCorefOptions struct {
	genres  string // comma-separated GUM genres scored; empty for all
	split   string // GUM's official split scored (train, dev, test); empty for all
	verbose bool   // print each wrong or missing link on stderr
}

// cmdEvalCoref scores the entity stage's coreference (pronouns and
// descriptions linked to entities) against GUM's coreference chains.
func cmdEvalCoref(ctx context.Context, e env, args []string) error {
	var o evalCorefOptions
	fs := flag.NewFlagSet("eval coref", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.genres, "genre", "news,interview,bio", "comma-separated GUM genres to score (file name GUM_GENRE_*); empty for every file")
	fs.StringVar(&o.split, "split", "", "score only the documents of this GUM split (train, dev or test, as listed in ../splits.md beside the folder)")
	fs.BoolVar(&o.verbose, "v", false, "print wrong and missing links on stderr")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph eval coref [--genre LIST] [-v] GUM_DEP_DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: eval coref needs the GUM dep/ folder", errUsage)
	}
	return runEvalCoref(ctx, e, o, fs.Arg(0))
}

func runEvalCoref(ctx context.Context, e env, o evalCorefOptions, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "GUM_*.conllu"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: no GUM_*.conllu file in %s", errUsage, dir)
	}
	var genres []string
	if o.genres != "" {
		genres = strings.Split(o.genres, ",")
	}
	var inSplit func(id string) bool
	if o.split != "" {
		if inSplit, err = gumSplit(filepath.Join(dir, "..", "splits.md"), o.split); err != nil {
			return err
		}
	}
	pipe, err := newQuotePipeline(true, quote.Options{})
	if err != nil {
		return err
	}
	counts := evaluate.NewCorefCounts()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		g := strings.SplitN(strings.TrimPrefix(filepath.Base(f), "GUM_"), "_", 2)[0]
		if genres != nil && !slices.Contains(genres, g) {
			continue
		}
		if inSplit != nil && !inSplit(strings.TrimSuffix(filepath.Base(f), ".conllu")) {
			continue
		}
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		d, err := evaluate.ReadGUMCoref(r)
		r.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		a := &article.Article{ID: d.ID, Format: article.FormatPlain, Text: d.Text}
		pipe.annotate(a)
		for _, m := range counts.AddDoc(d, a.References, a.Entities) {
			if o.verbose {
				fmt.Fprintf(e.stderr, "%s %s\n", d.ID, m)
			}
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d documents (genres %q, split %q)\n", dir, counts.Docs, o.genres, o.split)
	fmt.Fprintln(e.stdout, "links to the right entity (P over links made, R over GUM mentions whose chain names an entity found before them):")
	for _, k := range []evaluate.CorefClass{evaluate.CorefPronoun, evaluate.CorefIt, evaluate.CorefDescription} {
		s := counts.ByClass[k]
		if s == nil {
			s = &evaluate.CorefScore{}
		}
		fmt.Fprintf(e.stdout, "  %-12s P %.3f (%d/%d) R %.3f (%d/%d) F1 %.3f\n", k, s.P(), s.RightPredicted, s.Predicted, s.R(), s.RightGold, s.Gold, s.F1())
	}
	return nil
}

// gumSplit reads GUM's splits.md ("## dev" then "  * GUM_…" lines) and
// reports whether a document is in split; train is every document not
// listed under another heading.
func gumSplit(path, split string) (func(id string) bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	of := map[string]string{}
	head := ""
	for l := range strings.Lines(string(b)) {
		l = strings.TrimSpace(l)
		if h, ok := strings.CutPrefix(l, "## "); ok {
			head = h
			continue
		}
		if id, ok := strings.CutPrefix(l, "* "); ok && head != "" {
			of[id] = head
		}
	}
	switch split {
	case "train":
		return func(id string) bool { s := of[id]; return s == "" || s == "train" }, nil
	case "dev", "test", "test2":
		return func(id string) bool { return of[id] == split }, nil
	}
	return nil, fmt.Errorf("%w: --split wants train, dev or test, got %q", errUsage, split)
}
