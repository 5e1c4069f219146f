package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// trainTechniquesOptions are the flags of "newsgraph train techniques".
type trainTechniquesOptions struct {
	ptc, unlabelled, out    string
	spanEpochs, classEpochs int
	minCount, folds         int
	classModels, spanModels int
	seed                    uint64
	biases                  string
	prune                   float64
	cvOnly                  bool
	// holdout is a fold (of --folds) set aside: cross-validation runs
	// over the other folds, no model is written, and with scoreHoldout
	// a model trained on the other folds scores it once. -1: none.
	holdout      int
	scoreHoldout bool
}

// cmdTrainTechniques trains the persuasion technique model
// (internal/technique) from the PTC training articles, choosing the span
// tagger's bias by cross-validation over the articles.
func cmdTrainTechniques(ctx context.Context, e env, args []string) error {
	var o trainTechniquesOptions
	fs := flag.NewFlagSet("train techniques", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := filepath.Join("..", "shared", "data")
	fs.StringVar(&o.ptc, "ptc", filepath.Join(data, "propaganda", "ptc"), "PTC folder (train-articles, train-task2-TC.labels)")
	fs.StringVar(&o.unlabelled, "unlabelled", data, "data folder with unlabelled news text for word clusters; empty for none")
	fs.StringVar(&o.out, "out", filepath.Join("internal", "technique", "model", "technique.model.gz"), "model file to write")
	fs.IntVar(&o.spanEpochs, "span-epochs", 20, "span tagger perceptron epochs")
	fs.IntVar(&o.classEpochs, "class-epochs", 10, "classifier (logistic regression) epochs")
	fs.IntVar(&o.spanModels, "span-models", 3, "span taggers trained in different orders and averaged")
	fs.IntVar(&o.classModels, "class-models", 1, "classifiers trained in different orders and averaged")
	fs.IntVar(&o.minCount, "min-count", 1, "features seen fewer times are left out")
	fs.IntVar(&o.folds, "folds", 5, "cross-validation folds over the articles (0: no cross-validation, bias = first of --biases)")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed (training and folds)")
	fs.StringVar(&o.biases, "biases", "100,110,125,140", "span tagger biases to try (comma-separated); cross-validation keeps the best")
	fs.Float64Var(&o.prune, "prune", 1, "drop feature rows whose weights are all smaller than this when saving (the weights are large: the tagger bias is ~100)")
	fs.BoolVar(&o.cvOnly, "cv-only", false, "print the cross-validated figures and write no model")
	fs.IntVar(&o.holdout, "holdout", -1, "set this fold (0 to --folds-1) aside: cross-validate over the others and write no model (-1: none)")
	fs.BoolVar(&o.scoreHoldout, "score-holdout", false, "with --holdout: train on the other folds with the bias cross-validation chose and score the held-out fold")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: train techniques takes flags only", errUsage)
	}
	if o.holdout >= 0 && (o.folds < 2 || o.holdout >= o.folds) {
		return fmt.Errorf("%w: --holdout needs a fold between 0 and --folds-1 (--folds %d)", errUsage, o.folds)
	}
	if o.scoreHoldout && o.holdout < 0 {
		return fmt.Errorf("%w: --score-holdout needs --holdout", errUsage)
	}
	return runTrainTechniques(ctx, e, o)
}

// ptcTrainDoc is a prepared PTC article with its gold labels.
type ptcTrainDoc struct {
	pa   ptcArticle
	gold []evaluate.PTCLabel
	td   technique.TrainDoc
}

func runTrainTechniques(ctx context.Context, e env, o trainTechniquesOptions) error {
	start := time.Now()
	var biases []float32
	for _, f := range strings.Split(o.biases, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 32)
		if err != nil {
			return fmt.Errorf("%w: --biases: %v", errUsage, err)
		}
		biases = append(biases, float32(v))
	}
	if len(biases) == 0 {
		return fmt.Errorf("%w: --biases is empty", errUsage)
	}
	arts, err := readPTCArticles(filepath.Join(o.ptc, "train-articles"))
	if err != nil {
		return err
	}
	labels, err := readPTCLabelsPath(filepath.Join(o.ptc, "train-task2-TC.labels"))
	if err != nil {
		return err
	}
	var clusters map[string]uint16
	if o.unlabelled != "" {
		texts, err := ner.ReadUnlabelledTexts(o.unlabelled)
		if err != nil {
			return err
		}
		cl, _ := ner.LearnClusters(texts, ner.ClusterOptions{Seed: o.seed, Log: e.stderr})
		clusters = lowerClusters(cl)
		fmt.Fprintf(e.stderr, "train techniques: %d word clusters in %v\n", len(clusters), time.Since(start).Round(time.Millisecond))
	}
	docs, err := preparePTCDocs(ctx, arts, labels)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train techniques: %d articles prepared in %v\n", len(docs), time.Since(start).Round(time.Millisecond))
	topts := technique.TrainOptions{SpanEpochs: o.spanEpochs, ClassEpochs: o.classEpochs, ClassModels: o.classModels, SpanModels: o.spanModels, Seed: o.seed, MinCount: o.minCount, Clusters: clusters, Bias: biases[0]}
	var fold []int
	if o.folds > 1 {
		fold = ptcFolds(len(docs), o.folds, o.seed)
		bias, err := crossValidateTechniques(ctx, e.stdout, docs, fold, o.holdout, topts, biases, o.folds, o.seed, o.prune)
		if err != nil {
			return err
		}
		topts.Bias = bias
	}
	if o.holdout >= 0 {
		if o.scoreHoldout {
			return scoreHoldoutFold(e.stdout, docs, fold, o.holdout, topts, o.prune)
		}
		return nil
	}
	if o.cvOnly {
		return nil
	}
	tds := make([]technique.TrainDoc, len(docs))
	for i, d := range docs {
		tds[i] = d.td
	}
	m, err := technique.Train(tds, topts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf, technique.SaveOptions{Prune: o.prune}); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes, bias %.2f) in %v\n", o.out, buf.Len(), topts.Bias, time.Since(start).Round(time.Millisecond))
	return nil
}

// lowerClusters keys the entity model's fine word clusters by lower-case
// word, the first spelling in sorted order winning.
func lowerClusters(cl map[string][3]uint16) map[string]uint16 {
	words := make([]string, 0, len(cl))
	for w := range cl {
		words = append(words, w)
	}
	slices.Sort(words)
	out := make(map[string]uint16, len(words))
	for _, w := range words {
		l := strings.ToLower(w)
		if _, ok := out[l]; !ok {
			out[l] = cl[w][0]
		}
	}
	return out
}

// preparePTCDocs runs the pipeline on each article and converts its gold
// labels to byte ranges.
func preparePTCDocs(ctx context.Context, arts []ptcArticle, labels []evaluate.PTCLabel) ([]ptcTrainDoc, error) {
	pipe, err := newTechniquePipeline()
	if err != nil {
		return nil, err
	}
	byID := map[string][]evaluate.PTCLabel{}
	for _, l := range labels {
		byID[l.ID] = append(byID[l.ID], l)
	}
	out := make([]ptcTrainDoc, 0, len(arts))
	for _, pa := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := pipe.prepare(pa)
		if err != nil {
			return nil, err
		}
		d := ptcTrainDoc{pa: pa, gold: byID[pa.id], td: technique.TrainDoc{Article: a}}
		for _, l := range d.gold {
			d.td.Gold = append(d.td.Gold, technique.Gold{Range: pa.byteRange(l.Start, l.End), Technique: l.Technique})
		}
		out = append(out, d)
	}
	return out, nil
}

// ptcFolds assigns the documents to n folds by a fixed shuffle of their
// order (they come sorted by id).
func ptcFolds(nDocs, n int, seed uint64) []int {
	order := make([]int, nDocs)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0xf01d))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	fold := make([]int, nDocs)
	for k, i := range order {
		fold[i] = k % n
	}
	return fold
}

// crossValidateTechniques trains on all folds but one and scores the
// held-out fold, for every fold; it prints the SI score for each bias and
// the TC score per technique, and returns the bias with the best SI F1.
// Each fold's model is scored as it would be saved (pruned, quantised).
// The documents of fold holdout (-1: none) take no part.
func crossValidateTechniques(ctx context.Context, w io.Writer, docs []ptcTrainDoc, fold []int, holdout int, o technique.TrainOptions, biases []float32, folds int, seed uint64, prune float64) (float32, error) {
	var gold, tcPred []evaluate.PTCLabel
	siPred := make([][]evaluate.PTCLabel, len(biases))
	n := 0
	for i := range docs {
		if fold[i] != holdout {
			n++
		}
	}
	for k := 0; k < folds; k++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if k == holdout {
			continue
		}
		m, err := trainSaved(docs, func(i int) bool { return fold[i] != k && fold[i] != holdout }, o, prune)
		if err != nil {
			return 0, err
		}
		for i, d := range docs {
			if fold[i] != k {
				continue
			}
			gold = append(gold, d.gold...)
			for b, bias := range biases {
				m.Bias = bias
				siPred[b] = append(siPred[b], siLabels(d.pa, m.Spans(d.td.Article))...)
			}
			tmpl := make([]evaluate.PTCLabel, len(d.gold))
			for j, l := range d.gold {
				tmpl[j] = evaluate.PTCLabel{ID: l.ID, Technique: "?", Start: l.Start, End: l.End}
			}
			tcPred = append(tcPred, fillTemplateArticle(m, d, tmpl)...)
		}
	}
	if holdout >= 0 {
		fmt.Fprintf(w, "cross-validation, %d folds by article (seed %d), fold %d held out, %d articles, %d gold spans\n", folds-1, seed, holdout, n, len(gold))
	} else {
		fmt.Fprintf(w, "cross-validation, %d folds by article (seed %d), %d articles, %d gold spans\n", folds, seed, n, len(gold))
	}
	fmt.Fprintln(w, "SI (partial-overlap F1), by span tagger bias:")
	best := 0
	var bestScore evaluate.SIScore
	for b, bias := range biases {
		s := evaluate.ScoreSI(gold, siPred[b])
		fmt.Fprintf(w, "  bias %.2f  P %.3f  R %.3f  F1 %.3f  (%d spans predicted, %d gold)\n", bias, s.Precision, s.Recall, s.F1, s.Predicted, s.Gold)
		if b == 0 || s.F1 > bestScore.F1 {
			best, bestScore = b, s
		}
	}
	fmt.Fprintf(w, "SI at bias %.2f: P %.3f R %.3f F1 %.3f\n", biases[best], bestScore.Precision, bestScore.Recall, bestScore.F1)
	printSITechniques(w, bestScore)
	printTCScore(w, evaluate.ScoreTC(gold, tcPred))
	return biases[best], nil
}

// trainSaved trains on the documents that keep accepts and returns the
// model as it would be saved: pruned and quantised.
func trainSaved(docs []ptcTrainDoc, keep func(i int) bool, o technique.TrainOptions, prune float64) (*technique.Model, error) {
	var tds []technique.TrainDoc
	for i, d := range docs {
		if keep(i) {
			tds = append(tds, d.td)
		}
	}
	m, err := technique.Train(tds, o)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf, technique.SaveOptions{Prune: prune}); err != nil {
		return nil, err
	}
	return technique.ReadModel(&buf)
}

// scoreHoldoutFold trains on every fold but holdout and prints the SI and
// TC scores of the held-out fold.
func scoreHoldoutFold(w io.Writer, docs []ptcTrainDoc, fold []int, holdout int, o technique.TrainOptions, prune float64) error {
	m, err := trainSaved(docs, func(i int) bool { return fold[i] != holdout }, o, prune)
	if err != nil {
		return err
	}
	var gold, siPred, tcPred []evaluate.PTCLabel
	n := 0
	for i, d := range docs {
		if fold[i] != holdout {
			continue
		}
		n++
		gold = append(gold, d.gold...)
		siPred = append(siPred, siLabels(d.pa, m.Spans(d.td.Article))...)
		tmpl := make([]evaluate.PTCLabel, len(d.gold))
		for j, l := range d.gold {
			tmpl[j] = evaluate.PTCLabel{ID: l.ID, Technique: "?", Start: l.Start, End: l.End}
		}
		tcPred = append(tcPred, fillTemplateArticle(m, d, tmpl)...)
	}
	s := evaluate.ScoreSI(gold, siPred)
	fmt.Fprintf(w, "held-out fold %d: %d articles, %d gold spans, bias %.2f\n", holdout, n, len(gold), o.Bias)
	fmt.Fprintf(w, "SI: P %.3f R %.3f F1 %.3f (%d spans predicted, %d gold)\n", s.Precision, s.Recall, s.F1, s.Predicted, s.Gold)
	printSITechniques(w, s)
	printTCScore(w, evaluate.ScoreTC(gold, tcPred))
	return nil
}

// fillTemplateArticle labels one prepared article's template rows.
func fillTemplateArticle(m *technique.Model, d ptcTrainDoc, tmpl []evaluate.PTCLabel) []evaluate.PTCLabel {
	out := slices.Clone(tmpl)
	rs := make([]article.Range, len(tmpl))
	for k, l := range tmpl {
		rs[k] = d.pa.byteRange(l.Start, l.End)
	}
	ranked := m.Classify(d.td.Article, rs)
	seen := map[article.Range]int{}
	for k := range tmpl {
		n := seen[rs[k]]
		seen[rs[k]]++
		out[k].Technique = ranked[k][min(n, len(ranked[k])-1)].Technique
	}
	return out
}

// printSITechniques prints the SI recall of each technique's gold spans.
func printSITechniques(w io.Writer, s evaluate.SIScore) {
	if len(s.TechniqueRecall) == 0 {
		return
	}
	fmt.Fprintln(w, "SI recall of each technique's gold spans (partial credit):")
	for _, t := range technique.Names() {
		if n, ok := s.TechniqueGold[t]; ok {
			fmt.Fprintf(w, "  %-36s R %.3f  (%d gold)\n", t, s.TechniqueRecall[t], n)
		}
	}
}

// printTCScore prints the TC micro-F1 and the per-technique figures.
func printTCScore(w io.Writer, s evaluate.TCScore) {
	fmt.Fprintf(w, "TC micro-F1 %.3f (P %.3f R %.3f, %d of %d gold spans right)\n", s.Micro.F1, s.Micro.Precision, s.Micro.Recall, s.Micro.TP, s.Micro.Gold)
	for _, t := range s.Techniques() {
		p := s.Per[t]
		fmt.Fprintf(w, "  %-36s P %.3f  R %.3f  F1 %.3f  (%d gold, %d predicted)\n", t, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted)
	}
}
