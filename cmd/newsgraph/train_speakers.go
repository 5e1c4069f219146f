package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/quote"
)

// trainSpeakersOptions are the flags of "newsgraph train speakers".
type trainSpeakersOptions struct {
	train, ggt, ggtFold, out string
	holdout                  string // K/N: PolNeAR documents held out of training and compared on
	epochs, minCount         int
	seed                     uint64
	prune, ggtWeight, margin float64
}

// cmdTrainSpeakers trains the speaker ranker (quote.SpeakerModel) from
// PolNeAR's source mentions and, optionally, the names of a GGT fold.
func cmdTrainSpeakers(ctx context.Context, e env, args []string) error {
	var o trainSpeakersOptions
	fs := flag.NewFlagSet("train speakers", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := filepath.Join("..", "shared", "data", "quotes")
	fs.StringVar(&o.train, "train", filepath.Join(data, "polnear", "polnear_train.jsonl.gz"), "PolNeAR training file (JSONL, gzip allowed): a speaker is right when its mention overlaps the gold source")
	fs.StringVar(&o.ggt, "ggt", filepath.Join(data, "ggt-dev.jsonl"), "GGT file whose resolved speaker names train the ranker too (only the --ggt-fold documents); empty for none")
	fs.StringVar(&o.ggtFold, "ggt-fold", "0/2", "K/N: the GGT documents trained on")
	fs.Float64Var(&o.ggtWeight, "ggt-weight", 1, "weight of the GGT documents' updates")
	fs.StringVar(&o.out, "out", filepath.Join("internal", "quote", "model", "speaker.model.gz"), "model file to write")
	fs.StringVar(&o.holdout, "holdout", "", "K/N: hold the PolNeAR training documents whose index modulo N is K out of training and compare the ranker with the rules on them")
	fs.Float64Var(&o.margin, "margin", 4, "how much more than the rules' mention another candidate must score to replace it")
	fs.IntVar(&o.epochs, "epochs", 10, "perceptron epochs")
	fs.IntVar(&o.minCount, "min-count", 2, "features seen fewer times are left out")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	fs.Float64Var(&o.prune, "prune", 0.01, "drop features whose weight is smaller than this when saving")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	return runTrainSpeakers(ctx, e, o)
}

func runTrainSpeakers(ctx context.Context, e env, o trainSpeakersOptions) error {
	start := time.Now()
	gold, err := readQuoteGoldFile(o.train)
	if err != nil {
		return err
	}
	pipe, err := newQuotePipeline(true, quote.Options{})
	if err != nil {
		return err
	}
	var docs []quote.SpeakerDoc
	add := func(g []evaluate.QuoteGoldDoc, names bool, weight float32) error {
		for _, d := range g {
			if err := ctx.Err(); err != nil {
				return err
			}
			a := &article.Article{ID: d.ID, Format: article.FormatPlain, Text: d.Text}
			pipe.annotate(a)
			sd := quote.SpeakerDoc{Article: a, Weight: weight}
			for _, q := range d.Quotes {
				sd.Gold = append(sd.Gold, quote.SpeakerGold{Contents: q.Contents, Right: speakerTest(q, names)})
			}
			docs = append(docs, sd)
		}
		return nil
	}
	var held []evaluate.QuoteGoldDoc
	if o.holdout != "" {
		var k, n int
		if _, err := fmt.Sscanf(o.holdout, "%d/%d", &k, &n); err != nil || n <= 0 || k < 0 || k >= n {
			return fmt.Errorf("%w: --holdout wants K/N with 0 <= K < N, got %q", errUsage, o.holdout)
		}
		var keep []evaluate.QuoteGoldDoc
		for i, d := range gold {
			if i%n == k {
				held = append(held, d)
			} else {
				keep = append(keep, d)
			}
		}
		gold = keep
	}
	if err := add(gold, false, 1); err != nil {
		return err
	}
	if o.ggt != "" {
		g, err := readQuoteGoldFile(o.ggt)
		if err != nil {
			return err
		}
		if g, err = selectFold(g, o.ggtFold); err != nil {
			return err
		}
		if err := add(g, true, float32(o.ggtWeight)); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "train speakers: %d documents prepared in %v\n", len(docs), time.Since(start).Round(time.Millisecond))
	m, st, err := quote.TrainSpeakers(docs, quote.SpeakerTrainOptions{Epochs: o.epochs, Seed: o.seed, MinCount: o.minCount, Margin: o.margin})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train speakers: %d matched quotations, %d instances (rules right on %d), %d features\n", st.Quotes, st.Instances, st.RuleRight, st.Features)
	var buf bytes.Buffer
	if err := m.Save(&buf, o.prune); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %v\n", o.out, buf.Len(), time.Since(start).Round(time.Millisecond))
	if len(held) == 0 {
		return nil
	}
	saved, err := quote.ReadSpeakerModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	docs = docs[:0]
	if err := add(held, false, 1); err != nil {
		return err
	}
	c := saved.Compare(docs, quote.Options{})
	fmt.Fprintf(e.stdout, "held out %d documents: %d matched quotations, rules right %d, ranker right %d\n", len(held), c.Quotes, c.RuleRight, c.RankRight)
	for _, k := range evaluate.SortedQuoteKeys(c.Changes) {
		fmt.Fprintf(e.stdout, "  %-40s %d\n", k, c.Changes[k])
	}
	return nil
}

// speakerTest returns the test of a predicted speaker against gold
// quotation q: with names, the resolved name (GGT); otherwise a mention
// overlapping a gold source, or no mention when there is none (PolNeAR),
// as the scorer counts them.
func speakerTest(q evaluate.GoldQuote, names bool) func(article.Speaker) bool {
	if names {
		return func(sp article.Speaker) bool { return evaluate.SameSpeaker(sp.Name, q.SpeakerName) }
	}
	return func(sp article.Speaker) bool {
		if len(q.Sources) == 0 {
			return sp.Mention == nil
		}
		if sp.Mention == nil {
			return false
		}
		for _, s := range q.Sources {
			if sp.Mention.Range().Overlaps(s) {
				return true
			}
		}
		return false
	}
}
