package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// trainNEROptions are the flags of "newsgraph train ner".
type trainNEROptions struct {
	conll, gum, names, out, dev string
	unlabelled                  string
	epochs, stages, folds       int
	seed                        uint64
	prune, gumWeight            float64
	gumGaz, gumDocs             bool
}

// cmdTrain dispatches "newsgraph train MODEL …".
func cmdTrain(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "quotes" {
		return cmdTrainQuotes(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "techniques" {
		return cmdTrainTechniques(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "ner" {
		return fmt.Errorf("%w: train ner|quotes|techniques [flags]", errUsage)
	}
	var o trainNEROptions
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := filepath.Join("..", "shared", "data")
	fs.StringVar(&o.conll, "conll", filepath.Join(data, "ner", "conll2003"), "CoNLL-2003 folder (train.txt, valid.txt)")
	fs.StringVar(&o.gum, "gum", filepath.Join(data, "ner", "gum", "dep"), "GUM CoNLL-U folder; empty to leave GUM out")
	fs.StringVar(&o.names, "names", filepath.Join(data, "ner", "gender-names", "ssa-us-names-1880-2024.tsv"), "SSA first-name counts; empty for none")
	fs.StringVar(&o.unlabelled, "unlabelled", data, "data folder with unlabelled news text for word clusters; empty for none")
	fs.StringVar(&o.out, "out", filepath.Join("internal", "ner", "model", "ner.model.gz"), "model file to write")
	fs.StringVar(&o.dev, "dev", "", "CoNLL file to score the model on after training (default: valid.txt of --conll)")
	fs.IntVar(&o.epochs, "epochs", 10, "perceptron epochs per stage")
	fs.IntVar(&o.stages, "stages", 2, "1 or 2 (stacked document-level stage)")
	fs.IntVar(&o.folds, "folds", 5, "folds for gazetteer hold-out and stacking")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	fs.Float64Var(&o.gumWeight, "gum-weight", 0.3, "weight of GUM sentences' updates relative to CoNLL's (> 0; use --gum \"\" to leave GUM out)")
	fs.BoolVar(&o.gumGaz, "gum-gaz", true, "add GUM's Wikipedia-linked names to the gazetteer")
	fs.BoolVar(&o.gumDocs, "gum-docs", true, "train on GUM's sentences (false: use GUM only for the gazetteer)")
	fs.Float64Var(&o.prune, "prune", 0.05, "drop weights smaller than this when saving")
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	if o.gum != "" && o.gumWeight <= 0 {
		// A zero TrainDoc.Weight means 1, so 0 would silently give GUM full weight.
		return fmt.Errorf("%w: --gum-weight must be > 0; use --gum \"\" to leave GUM out", errUsage)
	}
	return runTrainNER(ctx, e, o)
}

func runTrainNER(ctx context.Context, e env, o trainNEROptions) error {
	start := time.Now()
	f, err := os.Open(filepath.Join(o.conll, "train.txt"))
	if err != nil {
		return err
	}
	docs, err := ner.ReadCoNLLTraining(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", o.conll, err)
	}
	var lex ner.Lexicon
	if o.gum != "" {
		gd, gaz, err := ner.ReadGUMDir(o.gum, len(docs))
		if err != nil {
			return err
		}
		for i := range gd {
			gd[i].Weight = float32(o.gumWeight)
		}
		if o.gumDocs {
			docs = append(docs, gd...)
		}
		if o.gumGaz {
			lex.ExtraGaz = gaz
		}
	}
	if o.names != "" {
		f, err := os.Open(o.names)
		if err != nil {
			return err
		}
		lex.FirstNames, err = ner.ReadFirstNames(f, 1000)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", o.names, err)
		}
	}
	if o.unlabelled != "" {
		texts, err := ner.ReadUnlabelledTexts(o.unlabelled)
		if err != nil {
			return err
		}
		// CoNLL training sentences are unlabelled text too.
		for _, d := range docs {
			texts = append(texts, d.Sents...)
		}
		lex.Clusters, lex.CapRatio = ner.LearnClusters(texts, ner.ClusterOptions{Log: e.stderr})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := ner.Train(docs, lex, ner.TrainOptions{Epochs: o.epochs, Stages: o.stages, Folds: o.folds, Seed: o.seed, Log: e.stderr})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf, ner.SaveOptions{Prune: o.prune}); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %v\n", o.out, buf.Len(), time.Since(start).Round(time.Millisecond))
	dev := o.dev
	if dev == "" {
		dev = filepath.Join(o.conll, "valid.txt")
	}
	if _, err := os.Stat(dev); err != nil {
		return nil
	}
	t, err := ner.LoadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	s, err := scoreNERFile(t, dev, nerEvalOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (saved model):\n%s", dev, s)
	return nil
}
