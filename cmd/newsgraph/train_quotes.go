package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/quote"
)

// trainQuotesOptions are the flags of "newsgraph train quotes".
type trainQuotesOptions struct {
	train, dev, out        string
	epochs, minCount, runs int
	seed                   uint64
	prune, headRatio       float64
}

// cmdTrainQuotes trains the attribution model (internal/attribution)
// from PolNeAR and scores it on the dev split.
func cmdTrainQuotes(ctx context.Context, e env, args []string) error {
	var o trainQuotesOptions
	fs := flag.NewFlagSet("train quotes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := filepath.Join("..", "shared", "data", "quotes", "polnear")
	fs.StringVar(&o.train, "train", filepath.Join(data, "polnear_train.jsonl.gz"), "PolNeAR training file (JSONL, gzip allowed)")
	fs.StringVar(&o.dev, "dev", filepath.Join(data, "polnear_dev.jsonl"), "file to score the model on after training; empty for none")
	fs.StringVar(&o.out, "out", filepath.Join("internal", "attribution", "model", "attribution.model.gz"), "model file to write")
	fs.IntVar(&o.epochs, "epochs", 8, "perceptron epochs per stage")
	fs.IntVar(&o.minCount, "min-count", 2, "features seen fewer times are left out")
	fs.IntVar(&o.runs, "runs", 3, "perceptrons averaged per stage, each over its own shuffling")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	fs.Float64Var(&o.headRatio, "min-head-ratio", 0.15, "a word may open a cue if it does in at least this share of its occurrences in training")
	fs.Float64Var(&o.prune, "prune", 0.05, "drop feature rows whose weights are all smaller than this when saving")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	return runTrainQuotes(ctx, e, o)
}

// readQuoteGoldFile reads a quote gold JSONL file, gzipped or not.
func readQuoteGoldFile(path string) ([]evaluate.QuoteGoldDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	docs, err := evaluate.ReadQuoteGold(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// attributionDocs runs the pipeline's segment and entity stages on gold
// documents and pairs them with their gold attributions.
func attributionDocs(ctx context.Context, docs []evaluate.QuoteGoldDoc) ([]attribution.TrainDoc, error) {
	pipe, err := newQuotePipeline(true, quote.Options{})
	if err != nil {
		return nil, err
	}
	out := make([]attribution.TrainDoc, 0, len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a := &article.Article{ID: d.ID, Format: article.FormatPlain, Text: d.Text}
		pipe.annotate(a)
		td := attribution.TrainDoc{Article: a}
		for _, q := range d.Quotes {
			td.Gold = append(td.Gold, attribution.Gold{Cues: q.Cues, Sources: q.Sources, Contents: q.Contents})
		}
		out = append(out, td)
	}
	return out, nil
}

func runTrainQuotes(ctx context.Context, e env, o trainQuotesOptions) error {
	start := time.Now()
	gold, err := readQuoteGoldFile(o.train)
	if err != nil {
		return err
	}
	docs, err := attributionDocs(ctx, gold)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train quotes: %d documents prepared in %v\n", len(docs), time.Since(start).Round(time.Millisecond))
	m, err := attribution.Train(docs, attribution.TrainOptions{Epochs: o.epochs, Seed: o.seed, MinCount: o.minCount, MinHeadRatio: o.headRatio, Runs: o.runs})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf, attribution.SaveOptions{Prune: o.prune}); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %v\n", o.out, buf.Len(), time.Since(start).Round(time.Millisecond))
	if o.dev == "" {
		return nil
	}
	saved, err := attribution.ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	dev, err := readQuoteGoldFile(o.dev)
	if err != nil {
		return err
	}
	ddocs, err := attributionDocs(ctx, dev)
	if err != nil {
		return err
	}
	counts := evaluate.NewQuoteCounts()
	for i, d := range ddocs {
		var preds []article.Quote
		for _, at := range saved.Find(d.Article) {
			preds = append(preds, attributionQuotes(d.Article.Text, at)...)
		}
		counts.AddDoc(d.Article.Text, dev[i].Quotes, preds, false)
	}
	fmt.Fprintf(e.stdout, "attribution model alone, one quote per content piece:\n")
	printQuoteScore(e.stdout, o.dev, counts.Score(), true)
	return nil
}

// attributionQuotes turns a model attribution into quotes, one per
// content piece, the source mention taken as the speaker as written.
func attributionQuotes(text string, at attribution.Attribution) []article.Quote {
	var out []article.Quote
	cue := article.NewSpan(text, at.Cue.Start, at.Cue.End)
	for _, c := range at.Contents {
		q := article.Quote{Kind: article.Indirect, Content: article.NewSpan(text, c.Start, c.End), Cue: &cue}
		if at.Source != nil {
			m := article.NewSpan(text, at.Source.Start, at.Source.End)
			q.Speaker = article.Speaker{Name: m.Text, Kind: article.SpeakerUnknown, Mention: &m}
		}
		out = append(out, q)
	}
	return out
}
