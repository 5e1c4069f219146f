package analyze

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/htmlpage"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/language"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
	"github.com/newsgraph/newsgraph/internal/technique"
	"github.com/newsgraph/newsgraph/internal/textpage"
)

// ErrNoArticle is returned when an input holds no article text.
var ErrNoArticle = errors.New("no article text found")

// ErrTooLong is returned for a page or text longer than
// Options.MaxAnalyzeBytes: extraction and the text stages cost memory in
// proportion to their input (tens of bytes per byte), so they are bounded
// separately from, and more tightly than, what input reading accepts.
var ErrTooLong = errors.New("input is longer than the analysis limit")

// DefaultMaxAnalyzeBytes is the default of Options.MaxAnalyzeBytes: 4 MiB,
// over twice the largest page of the Scrapinghub benchmark (1.5 MB) and
// hundreds of times a news article's text.
const DefaultMaxAnalyzeBytes = 4 << 20

// Options configures a Pipeline. The zero value runs every stage with the
// measured defaults.
type Options struct {
	// Plain says the inputs are already clean article text: Text is the
	// input unchanged but for CRLF folded to LF.
	Plain bool
	// Fallback turns on go-trafilatura's fallback extractors for HTML.
	Fallback bool
	// Input limits what is read (size, HTML depth).
	Input input.Options
	// Workers is how many documents are analysed at once; 0 means one per CPU.
	Workers int
	// MaxAnalyzeBytes bounds what the stages are given: an HTML page, a
	// plain-text page, and the article text (so a --plain input) longer
	// than this are refused with ErrTooLong. Zero means
	// DefaultMaxAnalyzeBytes.
	MaxAnalyzeBytes int
	// SkipEntities and SkipQuotes leave out the entity and quote stages
	// (quotes need entities to name their speakers, so SkipEntities
	// weakens them). The record stage alone is what `analyze` costs on
	// top of extraction.
	SkipEntities, SkipQuotes bool
	// RulesOnlyQuotes leaves the learned attribution model out of the
	// quote stage (its rules alone), to measure what the model costs and
	// brings.
	RulesOnlyQuotes bool
	// AllAttributions adds every attribution the learned model finds,
	// beliefs, intentions and evidence included, to the quotations
	// (quote.Options.AllAttributions).
	AllAttributions bool
	// SkipTechniques leaves out the persuasion technique stage
	// (internal/technique), to measure what it costs.
	SkipTechniques bool
}

// Pipeline analyses documents. It is safe for concurrent use; build it once
// (it loads models) and reuse it.
type Pipeline struct {
	opts     Options
	lang     *language.Detector
	tagger   *ner.Tagger
	resolver *entity.Resolver
	quotes   *quote.Extractor
	tech     *technique.Model
}

// New builds a pipeline, loading the models its stages need.
func New(opts Options) (*Pipeline, error) {
	p := &Pipeline{opts: opts, lang: language.NewDetector()}
	if !opts.SkipEntities {
		var err error
		if p.tagger, err = ner.Load(); err != nil {
			return nil, err
		}
		if p.resolver, err = entity.NewResolver(entity.Options{}); err != nil {
			return nil, err
		}
	}
	if !opts.SkipQuotes {
		qo := quote.Options{AllAttributions: opts.AllAttributions}
		if !opts.RulesOnlyQuotes {
			am, err := attribution.Load()
			if err != nil {
				return nil, err
			}
			qo.Attributor = am
			if qo.Speakers, err = quote.LoadSpeakerModel(); err != nil {
				return nil, err
			}
		}
		p.quotes = quote.New(qo)
	}
	if !opts.SkipTechniques {
		var err error
		if p.tech, err = technique.Load(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Document analyses one document that has been read already.
func (p *Pipeline) Document(doc *input.Document) (*article.Article, error) {
	a := &article.Article{ID: doc.Name, Charset: doc.Charset}
	limit := p.opts.MaxAnalyzeBytes
	if limit <= 0 {
		limit = DefaultMaxAnalyzeBytes
	}
	tooLong := func(what string, n int) error {
		return fmt.Errorf("%s: %w: %s of %d bytes, limit %d", doc.Name, ErrTooLong, what, n, limit)
	}
	if !p.opts.Plain && len(doc.Body) > limit {
		return nil, tooLong(doc.Kind.String()+" page", len(doc.Body))
	}
	var err error
	switch {
	case p.opts.Plain:
		a.Format = article.FormatPlain
		a.Text = strings.ReplaceAll(doc.Body, "\r\n", "\n")
	case doc.Kind == input.HTML:
		err = p.fromHTML(a, doc.Body)
	default:
		err = p.fromTextPage(a, doc.Body)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Name, err)
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("%s: %w", doc.Name, ErrNoArticle)
	}
	if len(a.Text) > limit {
		return nil, tooLong("text", len(a.Text))
	}
	if err := p.annotate(a); err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Name, err)
	}
	return a, nil
}

func (p *Pipeline) fromHTML(a *article.Article, body string) error {
	r, err := htmlpage.Extract(body, htmlpage.Options{Fallback: p.opts.Fallback})
	if err != nil {
		return err
	}
	a.Format = article.FormatHTML
	a.Text = r.Text
	a.Title = r.Title
	a.Authors = r.Authors
	a.Published, a.PublishedHasTime = r.Published, r.PublishedHasTime
	a.Site = r.Site
	a.Section = r.Section
	a.Categories = r.Categories
	a.Tags = r.Tags
	a.URL = r.URL
	a.Description = r.Description
	a.Language = r.Language
	return nil
}

func (p *Pipeline) fromTextPage(a *article.Article, body string) error {
	pg, err := textpage.Clean(body, textpage.Options{})
	if err != nil {
		return err
	}
	a.Format = article.FormatTextPage
	a.Text = pg.Text
	a.Title = pg.Title
	a.Authors = pg.Authors
	a.Published, a.PublishedHasTime = pg.Published, pg.PublishedHasTime
	a.PageTime = pg.PageTime
	a.Section = pg.Section
	a.Tags = pg.Tags
	a.Related = pg.Related
	return nil
}

// annotate runs the text stages on a.Text.
func (p *Pipeline) annotate(a *article.Article) error {
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
	if strings.TrimSpace(a.Title) == "" {
		if t := DeriveTitle(a.Text, a.Sentences); t != "" {
			a.Title, a.TitleDerived = t, true
		}
	}
	if detected := p.lang.Detect(a.Text); detected != "" {
		a.Language = detected
	}
	// The entity tagger and the quote rules are trained and written for
	// English; other languages get the record without them.
	english := a.Language == "en" || a.Language == ""
	if p.resolver != nil && english {
		if err := p.resolver.Resolve(a, p.tagger); err != nil {
			return err
		}
	}
	if p.quotes != nil && english {
		a.Quotes = p.quotes.Extract(a)
	}
	// After quotes: a technique inside a quotation is the speaker's.
	if p.tech != nil && english {
		a.Techniques = p.tech.Find(a)
	}
	// Lists are never null in the JSON record.
	for _, l := range []*[]string{&a.Authors, &a.Categories, &a.Tags, &a.Related} {
		if *l == nil {
			*l = []string{}
		}
	}
	return nil
}

// SetInputLimits overrides the input limits (0 keeps the default). It must
// be called before the pipeline is used.
func (p *Pipeline) SetInputLimits(maxBytes int64, maxDepth int) {
	p.opts.Input.MaxBytes, p.opts.Input.MaxDepth = maxBytes, maxDepth
}
