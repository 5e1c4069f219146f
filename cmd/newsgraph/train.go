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
	unlabelled, uner            string
	epochs, stages, folds       int
	lowerEvery, clusterMin      int
	clusterK, clusterCtx        int
	seed                        uint64
	prune, gumWeight            float64
	unerWeight, lowerWeight     float64
	gumGaz, gumDocs             bool
}

// cmdTrain dispatches "newsgraph train MODEL …".
func cmdTrain(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "quotes" {
		return cmdTrainQuotes(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "speakers" {
		return cmdTrainSpeakers(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "techniques" {
		return cmdTrainTechniques(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "ner" {
		return fmt.Errorf("%w: train ner|quotes|speakers|techniques [flags]", errUsage)
	}
	var o trainNEROptions
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := filepath.Join("..", "shared", "data")
	fs.StringVar(&o.conll, "conll", filepath.Join(data, "ner", "conll2003"), "CoNLL-2003 folder (train.txt, valid.txt)")
	fs.StringVar(&o.gum, "gum", filepath.Join(data, "ner", "gum", "dep"), "GUM CoNLL-U folder; empty to leave GUM out")
	fs.StringVar(&o.names, "names", filepath.Join(data, "ner", "gender-names", "ssa-us-names-1880-2024.tsv"), "SSA first-name counts; empty for none")
	fs.StringVar(&o.unlabelled, "unlabelled", data, "data folder with unlabelled news text for word clusters; empty for none")
	fs.StringVar(&o.uner, "uner", filepath.Join(data, "ner", "uner-en-ewt", "en_ewt-ud-dev.iob2"), "UNER English-EWT file (web text, PER/ORG/LOC): its even-numbered documents (0, 2, …) are trained on, the odd ones never (they are for checking); empty for none")
	fs.Float64Var(&o.unerWeight, "uner-weight", 1, "weight of the UNER documents' updates (> 0)")
	fs.IntVar(&o.lowerEvery, "lower-every", 4, "add a lower-cased copy of every n-th training document (0: none)")
	fs.Float64Var(&o.lowerWeight, "lower-weight", 0.5, "weight of the lower-cased copies' updates (> 0)")
	fs.IntVar(&o.clusterMin, "cluster-min-count", 0, "words seen fewer times in the unlabelled text get no word cluster (0: ner.ClusterOptions' default)")
	fs.IntVar(&o.clusterK, "cluster-k", 0, "fine word clusters (0: ner.ClusterOptions' default)")
	fs.IntVar(&o.clusterCtx, "cluster-contexts", 0, "context words of the cluster vectors (0: ner.ClusterOptions' default)")
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
	if o.unerWeight <= 0 || o.lowerWeight <= 0 {
		return fmt.Errorf("%w: --uner-weight and --lower-weight must be > 0", errUsage)
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
	if o.uner != "" {
		f, err := os.Open(o.uner)
		if err != nil {
			return err
		}
		ud, err := ner.ReadCoNLLTraining(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", o.uner, err)
		}
		ud, _ = ner.EvenDocuments(ud)
		ner.OpenMISC(ud)
		for i := range ud {
			ud[i].Weight = float32(o.unerWeight)
		}
		docs = append(docs, ud...)
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
		// Surnames from the unlabelled articles only: learnt from the
		// training sentences too, they would cover every training name
		// and be trusted more than they deserve on unseen text.
		lex.Surnames = ner.LearnSurnames(texts, lex.FirstNames)
		fmt.Fprintf(e.stderr, "ner: %d surnames learnt from unlabelled text\n", len(lex.Surnames))
		// The training sentences (CoNLL, GUM, UNER) are unlabelled text too.
		for _, d := range docs {
			texts = append(texts, d.Sents...)
		}
		lex.Clusters, lex.CapRatio = ner.LearnClusters(texts, ner.ClusterOptions{MinCount: o.clusterMin, K: o.clusterK, Contexts: o.clusterCtx, Log: e.stderr})
	}
	// Lower-cased copies come after the clusters, whose casing statistics
	// must see the text as written.
	docs = append(docs, ner.LowerCaseCopies(docs, o.lowerEvery, float32(o.lowerWeight))...)
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
