package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// evalTechniquesOptions are the flags of "newsgraph eval techniques".
type evalTechniquesOptions struct {
	gold     string // gold labels: TC (with techniques) or SI format, file or directory
	si, tc   string // prediction files to score; none: run the model on articles
	articles string // PTC article folder the model runs on
}

// cmdEvalTechniques scores persuasion technique output against PTC gold
// with the official SemEval-2020 Task 11 metrics: SI partial-overlap F1
// and TC micro-F1, per technique too.
func cmdEvalTechniques(ctx context.Context, e env, args []string) error {
	var o evalTechniquesOptions
	fs := flag.NewFlagSet("eval techniques", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.gold, "gold", "", "gold labels, a file or a folder of *.labels files: TC format (id TAB technique TAB start TAB end) scores both tasks, SI format scores SI")
	fs.StringVar(&o.si, "si", "", "SI predictions to score (id TAB start TAB end)")
	fs.StringVar(&o.tc, "tc", "", "TC predictions to score (id TAB technique TAB start TAB end)")
	fs.StringVar(&o.articles, "articles", "", "without --si and --tc: run the model on the articleID.txt files of this folder (SI on every article, TC on the gold spans) and score it")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph eval techniques --gold LABELS (--si PRED | --tc PRED | --articles DIR)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 0 || o.gold == "" || (o.si == "" && o.tc == "" && o.articles == "") {
		fs.Usage()
		return fmt.Errorf("%w: eval techniques needs --gold and --si, --tc or --articles", errUsage)
	}
	return runEvalTechniques(ctx, e, o)
}

func runEvalTechniques(ctx context.Context, e env, o evalTechniquesOptions) error {
	gold, err := readPTCLabelsPath(o.gold)
	if err != nil {
		return err
	}
	hasTechniques := len(gold) > 0 && gold[0].Technique != ""
	var siPred, tcPred []evaluate.PTCLabel
	if o.si != "" {
		if siPred, err = readPTCLabelsPath(o.si); err != nil {
			return err
		}
	}
	if o.tc != "" {
		if tcPred, err = readPTCLabelsPath(o.tc); err != nil {
			return err
		}
	}
	if o.si == "" && o.tc == "" {
		if siPred, tcPred, err = runTechniqueModel(ctx, o.articles, gold, hasTechniques); err != nil {
			return err
		}
	}
	if siPred != nil || o.si != "" {
		s := evaluate.ScoreSI(gold, siPred)
		fmt.Fprintf(e.stdout, "SI %s: P %.3f R %.3f F1 %.3f (%d spans predicted, %d gold, merged)\n", o.gold, s.Precision, s.Recall, s.F1, s.Predicted, s.Gold)
		printSITechniques(e.stdout, s)
	}
	if tcPred != nil || o.tc != "" {
		if !hasTechniques {
			return fmt.Errorf("%w: %s has no techniques to score TC against", errUsage, o.gold)
		}
		fmt.Fprintf(e.stdout, "TC %s:\n", o.gold)
		printTCScore(e.stdout, evaluate.ScoreTC(gold, tcPred))
	}
	return nil
}

// runTechniqueModel runs the embedded model on the articles of dir: SI on
// every article, TC on the gold spans (when the gold has techniques).
func runTechniqueModel(ctx context.Context, dir string, gold []evaluate.PTCLabel, tc bool) (si, tcOut []evaluate.PTCLabel, err error) {
	m, err := technique.Load()
	if err != nil {
		return nil, nil, fmt.Errorf("loading the technique model: %w", err)
	}
	pipe, err := newTechniquePipeline()
	if err != nil {
		return nil, nil, err
	}
	arts, err := readPTCArticles(dir)
	if err != nil {
		return nil, nil, err
	}
	byID := map[string][]evaluate.PTCLabel{}
	for _, l := range gold {
		byID[l.ID] = append(byID[l.ID], l)
	}
	si = []evaluate.PTCLabel{}
	for _, pa := range arts {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		a, err := pipe.prepare(pa)
		if err != nil {
			return nil, nil, err
		}
		si = append(si, siLabels(pa, m.Spans(a))...)
		if !tc {
			continue
		}
		tmpl := make([]evaluate.PTCLabel, len(byID[pa.id]))
		for j, l := range byID[pa.id] {
			tmpl[j] = evaluate.PTCLabel{ID: l.ID, Technique: "?", Start: l.Start, End: l.End}
		}
		tcOut = append(tcOut, fillTemplateArticle(m, ptcTrainDoc{pa: pa, td: technique.TrainDoc{Article: a}}, tmpl)...)
	}
	if tc && tcOut == nil {
		tcOut = []evaluate.PTCLabel{}
	}
	return si, tcOut, nil
}
