package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// techniquesOptions are the flags of "newsgraph techniques".
type techniquesOptions struct {
	si       bool   // print the spans of every article of the directory
	template string // TC template to fill in
}

// cmdTechniques runs the persuasion technique model on PTC-style article
// files (articleID.txt) and prints its output in the official SemEval-2020
// Task 11 formats.
func cmdTechniques(ctx context.Context, e env, args []string) error {
	var o techniquesOptions
	fs := flag.NewFlagSet("techniques", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.BoolVar(&o.si, "si", false, "span identification: print `id TAB start TAB end` for every articleID.txt in DIR")
	fs.StringVar(&o.template, "tc", "", "technique classification: fill in the labels of this TC template (`id TAB ? TAB start TAB end`)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph techniques --si DIR | --tc TEMPLATE DIR")
		fmt.Fprintln(e.stderr, "Offsets are in code points, as in the PTC files.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 || o.si == (o.template != "") {
		fs.Usage()
		return fmt.Errorf("%w: techniques needs --si DIR or --tc TEMPLATE DIR", errUsage)
	}
	return runTechniques(ctx, e, o, fs.Arg(0))
}

func runTechniques(ctx context.Context, e env, o techniquesOptions, dir string) error {
	m, err := technique.Load()
	if err != nil {
		return fmt.Errorf("loading the technique model: %w", err)
	}
	pipe, err := newTechniquePipeline()
	if err != nil {
		return err
	}
	arts, err := readPTCArticles(dir)
	if err != nil {
		return err
	}
	var template []evaluate.PTCLabel
	if o.template != "" {
		if template, err = readPTCLabelsPath(o.template); err != nil {
			return err
		}
	}
	failed := 0
	var out []evaluate.PTCLabel
	if o.si {
		for _, pa := range arts {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := pipe.prepare(pa)
			if err != nil {
				fmt.Fprintln(e.stderr, "newsgraph:", err)
				failed++
				continue
			}
			out = append(out, siLabels(pa, m.Spans(a))...)
		}
	} else {
		byID := map[string]ptcArticle{}
		for _, pa := range arts {
			byID[pa.id] = pa
		}
		if out, err = fillTemplate(ctx, m, pipe, byID, template); err != nil {
			return err
		}
	}
	if err := writePTCLabels(e.stdout, out, !o.si); err != nil {
		return err
	}
	if failed > 0 {
		return errPartial
	}
	return nil
}

// fillTemplate labels the spans of a TC template, in its order. A span
// listed k times gets the classifier's k best techniques, one each (the
// gold gives a span two techniques only when it has two).
func fillTemplate(ctx context.Context, m *technique.Model, pipe *techniquePipeline, arts map[string]ptcArticle, template []evaluate.PTCLabel) ([]evaluate.PTCLabel, error) {
	out := slices.Clone(template)
	rows := map[string][]int{}
	var ids []string
	for i, l := range template {
		if _, ok := rows[l.ID]; !ok {
			ids = append(ids, l.ID)
		}
		rows[l.ID] = append(rows[l.ID], i)
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pa, ok := arts[id]
		if !ok {
			return nil, fmt.Errorf("%w: template article %s has no file article%s.txt", errPTCArticle, id, id)
		}
		a, err := pipe.prepare(pa)
		if err != nil {
			return nil, err
		}
		tmpl := make([]evaluate.PTCLabel, len(rows[id]))
		for k, i := range rows[id] {
			tmpl[k] = template[i]
		}
		filled := fillTemplateArticle(m, ptcTrainDoc{pa: pa, td: technique.TrainDoc{Article: a}}, tmpl)
		for k, i := range rows[id] {
			out[i] = filled[k]
		}
	}
	return out, nil
}

// siLabels converts byte ranges of a PTC article to label rows in code points.
func siLabels(pa ptcArticle, rs []article.Range) []evaluate.PTCLabel {
	out := make([]evaluate.PTCLabel, 0, len(rs))
	for _, r := range rs {
		s, e := pa.cpRange(r)
		out = append(out, evaluate.PTCLabel{ID: pa.id, Start: s, End: e})
	}
	return out
}

// errPTCArticle marks a PTC article that cannot be read or found.
var errPTCArticle = errors.New("bad PTC article")

// ptcArticle is one PTC article file.
type ptcArticle struct {
	id, text string
	// cp[i] is the byte offset of code point i; cp[len] = len(text).
	cp []int
}

func newPTCArticle(id, text string) ptcArticle {
	cp := make([]int, 0, len(text)+1)
	for i := range text {
		cp = append(cp, i)
	}
	return ptcArticle{id: id, text: text, cp: append(cp, len(text))}
}

// byteRange converts a code point range to bytes, clamped to the text.
func (pa ptcArticle) byteRange(s, e int) article.Range {
	n := len(pa.cp) - 1
	s, e = min(max(s, 0), n), min(max(e, 0), n)
	return article.Range{Start: pa.cp[s], End: pa.cp[max(s, e)]}
}

// cpRange converts a byte range to code points.
func (pa ptcArticle) cpRange(r article.Range) (int, int) {
	s, _ := slices.BinarySearch(pa.cp, r.Start)
	e, _ := slices.BinarySearch(pa.cp, r.End)
	return s, e
}

// readPTCArticles reads every articleID.txt file of dir, sorted by id.
func readPTCArticles(dir string) ([]ptcArticle, error) {
	files, err := filepath.Glob(filepath.Join(dir, "article*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no articleID.txt files in %s", errPTCArticle, dir)
	}
	slices.Sort(files)
	out := make([]ptcArticle, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("%w: %s is not UTF-8", errPTCArticle, f)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "article"), ".txt")
		out = append(out, newPTCArticle(id, string(b)))
	}
	return out, nil
}

// readPTCLabelsPath reads a label file, or every *.labels file of a
// directory in name order.
func readPTCLabelsPath(path string) ([]evaluate.PTCLabel, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = filepath.Glob(filepath.Join(path, "*.labels")); err != nil {
			return nil, err
		}
		slices.Sort(files)
	}
	var out []evaluate.PTCLabel
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		ls, err := evaluate.ReadPTCLabels(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, ls...)
	}
	return out, nil
}

// techniquePipeline runs the stages before the technique stage on a PTC
// article taken as clean plain text.
type techniquePipeline struct{ p *analyze.Pipeline }

func newTechniquePipeline() (*techniquePipeline, error) {
	p, err := analyze.New(analyze.Options{Plain: true, SkipTechniques: true, Workers: 1})
	if err != nil {
		return nil, err
	}
	return &techniquePipeline{p}, nil
}

// prepare analyses a PTC article: text as is, segmented, with entities
// and quotes.
func (tp *techniquePipeline) prepare(pa ptcArticle) (*article.Article, error) {
	a, err := tp.p.Document(&input.Document{Name: "article" + pa.id + ".txt", Kind: input.Text, Body: pa.text})
	if err != nil {
		return nil, err
	}
	if a.Text != pa.text {
		return nil, fmt.Errorf("%w: article%s.txt: text changed by the pipeline", errPTCArticle, pa.id)
	}
	return a, nil
}

// writePTCLabels writes rows in the SI or TC format.
func writePTCLabels(w io.Writer, ls []evaluate.PTCLabel, tc bool) error {
	bw := bufio.NewWriter(w)
	for _, l := range ls {
		if tc {
			fmt.Fprintf(bw, "%s\t%s\t%d\t%d\n", l.ID, l.Technique, l.Start, l.End)
		} else {
			fmt.Fprintf(bw, "%s\t%d\t%d\n", l.ID, l.Start, l.End)
		}
	}
	return bw.Flush()
}
