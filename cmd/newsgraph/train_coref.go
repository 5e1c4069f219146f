package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// trainCorefOptions are the flags of "newsgraph train coref".
type trainCorefOptions struct {
	gum, split, out  string
	epochs, minCount int
	seed             uint64
	prune            float64
}

// cmdTrainCoref trains the pronoun model (entity.PronounModel) from GUM's
// coreference chains.
func cmdTrainCoref(ctx context.Context, e env, args []string) error {
	var o trainCorefOptions
	fs := flag.NewFlagSet("train coref", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.gum, "gum", filepath.Join("..", "shared", "data", "ner", "gum", "dep"), "GUM CoNLL-U folder (splits.md beside it)")
	fs.StringVar(&o.split, "split", "train", "the GUM split trained on (train: every document not listed as dev or test)")
	fs.StringVar(&o.out, "out", filepath.Join("internal", "entity", "model", "pronoun.model.gz"), "model file to write")
	fs.IntVar(&o.epochs, "epochs", 10, "perceptron epochs")
	fs.IntVar(&o.minCount, "min-count", 1, "features seen fewer times are left out")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	fs.Float64Var(&o.prune, "prune", 0.01, "drop features whose weight is smaller than this when saving")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	return runTrainCoref(ctx, e, o)
}

func runTrainCoref(ctx context.Context, e env, o trainCorefOptions) error {
	start := time.Now()
	inSplit, err := gumSplit(filepath.Join(o.gum, "..", "splits.md"), o.split)
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(o.gum, "GUM_*.conllu"))
	if err != nil {
		return err
	}
	var docs []*entity.TrainDoc
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !inSplit(strings.TrimSuffix(filepath.Base(f), ".conllu")) {
			continue
		}
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		gd, err := evaluate.ReadGUMCoref(r)
		r.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		a := &article.Article{ID: gd.ID, Format: article.FormatPlain, Text: gd.Text}
		a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
		td := &entity.TrainDoc{Article: a}
		for _, m := range gd.Mentions {
			td.Gold = append(td.Gold, entity.GoldMention{Start: m.Start, End: m.End, Chain: m.Chain})
		}
		docs = append(docs, td)
	}
	if len(docs) == 0 {
		return fmt.Errorf("%w: no GUM document of split %q in %s", errUsage, o.split, o.gum)
	}
	tg, err := ner.Load()
	if err != nil {
		return fmt.Errorf("loading the entity tagger: %w", err)
	}
	rs, err := entity.NewResolver(entity.Options{})
	if err != nil {
		return err
	}
	m, st, err := rs.TrainPronouns(docs, tg, entity.PronounTrainOptions{Epochs: o.epochs, Seed: o.seed, MinCount: o.minCount})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train coref: %d documents, %d pronouns at gold mentions, %d with a right candidate (rules right on %d, model on %d), %d features\n",
		len(docs), st.Pronouns, st.Instances, st.RulesRight, st.ModelRight, st.Features)
	var buf bytes.Buffer
	if err := m.Save(&buf, o.prune); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %v\n", o.out, buf.Len(), time.Since(start).Round(time.Millisecond))
	return nil
}
