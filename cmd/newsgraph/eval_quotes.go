package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/evaluate"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// evalQuotesOptions are the flags of "newsgraph eval quotes".
type evalQuotesOptions struct {
	polnear bool // score speaker mentions, not names (PolNeAR has none)
	verbose bool // print each document's misses on stderr
	// noEntities skips the entity stage, to measure the quote stage
	// without coreference (names as written, pronouns as the previous
	// speaker).
	noEntities bool
	// rulesOnly leaves the learned attribution model out.
	rulesOnly bool
	// learnedQuotes and allAttributions add the model's attributions
	// (quote.Options).
	learnedQuotes, allAttributions bool
	// speechOnly keeps --polnear on the default pipeline.
	speechOnly bool
	// speakers ranks candidate speakers with the embedded speaker model;
	// speakerModel with the model in that file.
	speakers     bool
	speakerModel string
	// fold K/N scores only the documents whose index modulo N is K.
	fold string
}

// cmdEvalQuotes scores quote extraction and attribution against a gold
// JSONL file (shared/data/quotes): it runs the whole pipeline on each
// document's text, taken as clean plain text, and prints the who-said-what
// and quote figures with their breakdowns.
func cmdEvalQuotes(ctx context.Context, e env, args []string) error {
	var o evalQuotesOptions
	fs := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.BoolVar(&o.polnear, "polnear", false, "PolNeAR scoring: speaker mention overlap instead of names")
	fs.BoolVar(&o.verbose, "v", false, "print missed and wrong quotes on stderr")
	fs.BoolVar(&o.noEntities, "no-entities", false, "skip the entity stage (no coreference: names as written)")
	fs.BoolVar(&o.rulesOnly, "rules-only", false, "leave the learned attribution model out")
	fs.BoolVar(&o.learnedQuotes, "learned-quotes", false, "add the speech the attribution model finds and the rules miss")
	fs.BoolVar(&o.allAttributions, "all-attributions", false, "add every attribution the model finds, beliefs and evidence included (PolNeAR's definition; on by default with --polnear)")
	fs.BoolVar(&o.speechOnly, "speech-only", false, "with --polnear: score the default pipeline (quotations only), not PolNeAR's definition of an attribution")
	fs.BoolVar(&o.speakers, "speakers", true, "rank candidate speakers with the learned speaker model, as analyze does (--speakers=false: the rules' choice alone; --rules-only implies it)")
	fs.StringVar(&o.speakerModel, "speaker-model", "", "the speaker model file (default: the embedded one)")
	fs.StringVar(&o.fold, "fold", "", "K/N: score only the documents whose index in the file modulo N is K")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph eval quotes [--polnear] [--no-entities] [-v] FILE.jsonl")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: eval quotes needs one gold file", errUsage)
	}
	return runEvalQuotes(ctx, e, o, fs.Arg(0))
}

func runEvalQuotes(ctx context.Context, e env, o evalQuotesOptions, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	docs, err := evaluate.ReadQuoteGold(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// PolNeAR annotates attributions, not only quotations: beliefs,
	// intentions, endorsements and evidence. Its scoring runs the
	// pipeline in that definition unless told otherwise.
	all := o.allAttributions || o.polnear && !o.speechOnly && !o.rulesOnly
	qo := quote.Options{LearnedQuotes: o.learnedQuotes, AllAttributions: all}
	if !o.rulesOnly {
		am, err := attribution.Load()
		if err != nil {
			return fmt.Errorf("loading the attribution model: %w", err)
		}
		qo.Attributor = am
	}
	if o.speakers && !o.rulesOnly || o.speakerModel != "" {
		if qo.Speakers, err = loadSpeakerModel(o.speakerModel); err != nil {
			return err
		}
	}
	pipe, err := newQuotePipeline(!o.noEntities, qo)
	if err != nil {
		return err
	}
	docs, err = selectFold(docs, o.fold)
	if err != nil {
		return err
	}
	counts := evaluate.NewQuoteCounts()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := &article.Article{ID: d.ID, Format: article.FormatPlain, Text: d.Text}
		preds := pipe.run(a)
		counts.AddDoc(d.Text, d.Quotes, preds, !o.polnear)
		if o.verbose {
			dumpQuoteDiff(e.stderr, d, preds, !o.polnear)
		}
	}
	printQuoteScore(e.stdout, path, counts.Score(), o.polnear)
	return nil
}

// loadSpeakerModel reads the speaker model in path, or the embedded one
// when path is empty.
func loadSpeakerModel(path string) (*quote.SpeakerModel, error) {
	if path == "" {
		m, err := quote.LoadSpeakerModel()
		if err != nil {
			return nil, fmt.Errorf("loading the speaker model: %w", err)
		}
		return m, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := quote.ReadSpeakerModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// quotePipeline is the chain segment → ner/entity → quote for a
// plain-text article.
type quotePipeline struct {
	tagger   *ner.Tagger
	resolver *entity.Resolver
	quotes   *quote.Extractor
}

func newQuotePipeline(entities bool, qo quote.Options) (*quotePipeline, error) {
	if !entities {
		return &quotePipeline{quotes: quote.New(qo)}, nil
	}
	tg, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the entity tagger: %w", err)
	}
	rs, err := entity.NewResolver(entity.Options{})
	if err != nil {
		return nil, err
	}
	return &quotePipeline{tagger: tg, resolver: rs, quotes: quote.New(qo)}, nil
}

// run segments a, resolves its entities and returns its quotations. An
// entity failure leaves the quotation stage without coreference.
func (p *quotePipeline) run(a *article.Article) []article.Quote {
	p.annotate(a)
	return p.quotes.Extract(a)
}

// annotate runs the stages before the quotation stage on a.
func (p *quotePipeline) annotate(a *article.Article) {
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
	if p.tagger != nil {
		if err := p.resolver.Resolve(a, p.tagger); err != nil {
			a.Entities, a.References = nil, nil
		}
	}
}

func printQuoteScore(w io.Writer, path string, s evaluate.QuoteScore, polnear bool) {
	fmt.Fprintf(w, "%s: %d documents\n", path, s.Docs)
	if polnear {
		fmt.Fprintf(w, "who-said-what (mention)  %s\n", s.WhoSaidWhat)
	} else {
		fmt.Fprintf(w, "who-said-what (name)     %s\n", s.WhoSaidWhat)
	}
	fmt.Fprintf(w, "quote                    %s\n", s.Quote)
	fmt.Fprintf(w, "speaker mention accuracy %.3f (%d/%d matched quotes with a gold source)\n", s.MentionAccuracy.Value(), s.MentionAccuracy.N, s.MentionAccuracy.Of)
	if !polnear {
		fmt.Fprintf(w, "speaker name accuracy    %.3f (%d/%d matched quotes)\n", s.NameAccuracy.Value(), s.NameAccuracy.N, s.NameAccuracy.Of)
	}
	fmt.Fprintln(w, "by type (P over predicted pieces of the kind, R over gold of the type):")
	for _, k := range evaluate.SortedQuoteKeys(s.ByType) {
		t := s.ByType[k]
		fmt.Fprintf(w, "  %-9s quote %s\n  %-9s who   %s\n", k, t.Quote, "", t.WhoSaidWhat)
	}
	if polnear {
		dm := mergeTypes(s, "direct", "mixed")
		fmt.Fprintf(w, "  direct+mixed quote recall %.3f, who recall %.3f (%d gold)\n", ratio(dm[1], dm[0]), ratio(dm[2], dm[0]), dm[0])
		d, m, i := s.MentionByType["direct"], s.MentionByType["mixed"], s.MentionByType["indirect"]
		fmt.Fprintf(w, "  speaker mention accuracy: direct+mixed %.3f (%d/%d), indirect %.3f (%d/%d)\n",
			ratio(d.N+m.N, d.Of+m.Of), d.N+m.N, d.Of+m.Of, i.Value(), i.N, i.Of)
	}
	fmt.Fprintln(w, "errors by class (gold quotes not scored right, and spurious predictions):")
	for _, k := range evaluate.ErrorClasses {
		fmt.Fprintf(w, "  %-20s %d\n", k, s.Errors[k])
	}
	fmt.Fprintln(w, "by gold speaker form (recall):")
	for _, k := range evaluate.SortedQuoteKeys(s.BySpeaker) {
		r := s.BySpeaker[k]
		fmt.Fprintf(w, "  %-9s quote %.3f who %.3f (%d gold)\n", k, ratio(r.Matched, r.Gold), ratio(r.Right, r.Gold), r.Gold)
	}
}

func mergeTypes(s evaluate.QuoteScore, kinds ...string) [3]int {
	var out [3]int
	for _, k := range kinds {
		t := s.ByType[k]
		out[0] += t.Quote.Gold
		out[1] += t.Quote.Right
		out[2] += t.WhoSaidWhat.Right
	}
	return out
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// dumpQuoteDiff prints, for one document, each gold quote with the
// predicted speaker it got (or MISS), and predicted quotes no gold took.
func dumpQuoteDiff(w io.Writer, d evaluate.QuoteGoldDoc, preds []article.Quote, names bool) {
	short := func(s string) string {
		s = strings.ReplaceAll(s, "\n", " ")
		if len(s) > 90 {
			return s[:60] + " … " + s[len(s)-25:]
		}
		return s
	}
	fmt.Fprintf(w, "=== %s\n", d.ID)
	hit := make([]bool, len(preds))
	for _, g := range d.Quotes {
		r := g.Contents[0]
		best, bo := -1, 0
		for k, p := range preds {
			s, e := max(p.Content.Start, r.Start), min(p.Content.End, r.End)
			if e-s > bo {
				best, bo = k, e-s
			}
		}
		if best < 0 || float64(bo) <= 0.3*float64(r.End-r.Start) {
			fmt.Fprintf(w, "MISS %-8s [%s] %s\n", g.Type, g.SpeakerName+"|"+g.SourceText, short(d.Text[r.Start:r.End]))
			continue
		}
		hit[best] = true
		p := preds[best]
		ok := "ok  "
		if names && !evaluate.SameSpeaker(p.Speaker.Name, g.SpeakerName) {
			ok = "WHO "
		}
		m := ""
		if p.Speaker.Mention != nil {
			m = p.Speaker.Mention.Text
		}
		fmt.Fprintf(w, "%s %-8s gold=[%s|%s] pred=[%s|%s] %s\n", ok, g.Type, g.SpeakerName, g.SourceText, p.Speaker.Name, m, short(d.Text[r.Start:r.End]))
	}
	for k, p := range preds {
		if !hit[k] {
			m := ""
			if p.Speaker.Mention != nil {
				m = p.Speaker.Mention.Text
			}
			cue := ""
			if p.Cue != nil {
				cue = p.Cue.Text
			}
			fmt.Fprintf(w, "FP   %-8s pred=[%s|%s] cue=%q %s\n", p.Kind, p.Speaker.Name, m, cue, short(p.Content.Text))
		}
	}
}

// selectFold keeps the documents whose index modulo N is K, for fold
// "K/N"; "" keeps all.
func selectFold(docs []evaluate.QuoteGoldDoc, fold string) ([]evaluate.QuoteGoldDoc, error) {
	if fold == "" {
		return docs, nil
	}
	var k, n int
	if _, err := fmt.Sscanf(fold, "%d/%d", &k, &n); err != nil || n <= 0 || k < 0 || k >= n {
		return nil, fmt.Errorf("%w: --fold wants K/N with 0 <= K < N, got %q", errUsage, fold)
	}
	var out []evaluate.QuoteGoldDoc
	for i, d := range docs {
		if i%n == k {
			out = append(out, d)
		}
	}
	return out, nil
}
