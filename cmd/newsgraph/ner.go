package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// nerOptions are the flags of "newsgraph ner".
type nerOptions struct {
	conll string // input file, "-" for standard input
	token int    // 1-based token column, 0 = guess
	model string // model file, "" = built in
}

// cmdNER tags CoNLL-style token lines: each token line is printed again
// with the predicted IOB2 tag appended as its last column.
func cmdNER(ctx context.Context, e env, args []string) error {
	var o nerOptions
	fs := flag.NewFlagSet("ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.conll, "conll", "", "CoNLL-style input file, - for standard input")
	fs.IntVar(&o.token, "token", 0, "1-based token column (default: 2 when column 1 numbers tokens, else 1)")
	fs.StringVar(&o.model, "model", "", "model file (default: the built-in model)")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if o.conll == "" && fs.NArg() == 1 {
		o.conll = fs.Arg(0)
	}
	if o.conll == "" {
		return fmt.Errorf("%w: ner --conll FILE|-", errUsage)
	}
	var in io.Reader = e.stdin
	if o.conll != "-" {
		f, err := os.Open(o.conll)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	t, err := loadTagger(o.model)
	if err != nil {
		return err
	}
	f, err := ner.ReadCoNLL(in)
	if err != nil {
		return fmt.Errorf("%s: %w", o.conll, err)
	}
	tc := o.token - 1
	if o.token == 0 {
		tc = ner.TokenColumn(f)
	}
	return ner.WriteCoNLL(e.stdout, f, tagFile(t, f, tc))
}

func loadTagger(path string) (*ner.Tagger, error) {
	if path == "" {
		return ner.Load()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.LoadModel(f)
}

// tagFile tags every sentence of f, document by document.
func tagFile(t *ner.Tagger, f *ner.CoNLLFile, tokenCol int) [][]string {
	words := make([][]string, len(f.Sentences))
	for i, s := range f.Sentences {
		words[i] = s.Column(tokenCol)
	}
	starts := ner.Documents(f, words)
	out := make([][]string, 0, len(words))
	for k, st := range starts {
		end := len(words)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		out = append(out, t.TagDocument(words[st:end])...)
	}
	return out
}
