package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// nerEvalOptions are the flags of "newsgraph eval ner".
type nerEvalOptions struct {
	gold, pred, token int  // 1-based columns; 0 = guess
	tag               bool // tag with the built-in model instead of reading pred
	noMISC            bool // map MISC to O on both sides (UNER has no MISC)
	model             string
}

// cmdEvalNER scores entity tags in a CoNLL-style file with conlleval's
// exact-span, exact-type F1.
func cmdEvalNER(ctx context.Context, e env, args []string) error {
	var o nerEvalOptions
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.IntVar(&o.gold, "gold", 0, "1-based column of the gold tags (default: first column of PER/ORG/LOC/MISC IOB tags)")
	fs.IntVar(&o.pred, "pred", 0, "1-based column of the predicted tags (default: the last column)")
	fs.IntVar(&o.token, "token", 0, "1-based token column (default: 2 when column 1 numbers tokens, else 1)")
	fs.BoolVar(&o.tag, "tag", false, "tag the tokens with the built-in model instead of reading predictions")
	fs.BoolVar(&o.noMISC, "no-misc", false, "map MISC to O in gold and prediction (for PER/ORG/LOC-only gold such as UNER)")
	fs.StringVar(&o.model, "model", "", "model file for --tag (default: the built-in model)")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: eval ner [flags] FILE", errUsage)
	}
	var t *ner.Tagger
	if o.tag {
		var err error
		if t, err = loadTagger(o.model); err != nil {
			return err
		}
	}
	s, err := scoreNERFile(t, fs.Arg(0), o)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, s)
	return nil
}

// scoreNERFile scores the file at path; with a tagger it tags the tokens
// (documents as ner.Documents finds them) instead of reading predictions.
func scoreNERFile(t *ner.Tagger, path string, o nerEvalOptions) (evaluate.CoNLLScore, error) {
	in, err := os.Open(path)
	if err != nil {
		return evaluate.CoNLLScore{}, err
	}
	defer in.Close()
	f, err := ner.ReadCoNLL(in)
	if err != nil {
		return evaluate.CoNLLScore{}, fmt.Errorf("%s: %w", path, err)
	}
	tc := o.token - 1
	if o.token == 0 {
		tc = ner.TokenColumn(f)
	}
	gc := o.gold - 1
	if o.gold == 0 {
		gc = ner.GoldColumn(f, tc)
	}
	if gc < 0 {
		return evaluate.CoNLLScore{}, fmt.Errorf("%w: %s: no gold tag column found; use --gold", errUsage, path)
	}
	gold := make([][]string, len(f.Sentences))
	for i, s := range f.Sentences {
		gold[i] = s.Column(gc)
	}
	var pred [][]string
	if t != nil {
		pred = tagFile(t, f, tc)
	} else {
		pc := o.pred - 1
		if o.pred == 0 {
			pc = -1
		}
		for _, s := range f.Sentences {
			pred = append(pred, s.Column(pc))
		}
	}
	if o.noMISC {
		for _, ts := range [][][]string{gold, pred} {
			for _, s := range ts {
				for i, tag := range s {
					if len(tag) > 2 && tag[2:] == "MISC" {
						s[i] = "O"
					}
				}
			}
		}
	}
	return evaluate.ScoreCoNLL(gold, pred)
}
