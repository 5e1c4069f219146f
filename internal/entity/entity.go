package entity

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/internal/article"
)

// Tagger tags the words of one sentence with IOB2 named-entity tags:
// "B-PER", "I-PER", "B-ORG", "B-LOC", "B-MISC", "O" and so on, one tag per
// word. internal/ner's tagger satisfies it.
type Tagger interface {
	Tag(words []string) []string
}

// DocumentTagger is a Tagger that can tag all sentences of a document at
// once (and may use document-wide context). Resolve uses TagDocument when
// the tagger has it.
type DocumentTagger interface {
	TagDocument(sentences [][]string) [][]string
}

// Errors Resolve can return.
var (
	// ErrTagCount means the tagger returned a number of tags (or tagged
	// sentences) different from the number of words (sentences) given.
	ErrTagCount = errors.New("entity: tagger returned the wrong number of tags")
	// ErrNameTable means the embedded first-name table is damaged.
	ErrNameTable = errors.New("entity: bad embedded name table")
)

// Options tune resolution. The zero value works: defaults are applied in
// applyDefaults.
type Options struct {
	// MinNameBirths is how many recorded births (1940–2024) a first name
	// needs before the name table gives it a gender. Default 50.
	MinNameBirths int
	// GenderThreshold is the share of births of one sex a first name needs
	// to be given that gender. Default 0.9.
	GenderThreshold float64
	// MaxReferenceSentences is how many sentences back a pronoun may find
	// the person it refers to. Default 3.
	MaxReferenceSentences int
	// MaxRoleSentences is how many sentences back a generic organisation
	// noun ("the company") may find its organisation. Default 3.
	MaxRoleSentences int
}

func (o *Options) applyDefaults() {
	if o.MinNameBirths <= 0 {
		o.MinNameBirths = 50
	}
	if o.GenderThreshold <= 0.5 || o.GenderThreshold > 1 {
		o.GenderThreshold = 0.9
	}
	if o.MaxReferenceSentences <= 0 {
		o.MaxReferenceSentences = 3
	}
	if o.MaxRoleSentences <= 0 {
		o.MaxRoleSentences = 3
	}
}

// Resolver turns named-entity tags into an article's entities, entity
// summary and references. Build it once with NewResolver (it parses the
// embedded first-name table); it is read-only afterwards and safe for
// concurrent use on different articles.
type Resolver struct {
	opts  Options
	names *NameTable
}

// NewResolver builds a Resolver with the given options.
func NewResolver(opts Options) (*Resolver, error) {
	opts.applyDefaults()
	names, err := NewNameTable(opts.MinNameBirths, opts.GenderThreshold)
	if err != nil {
		return nil, err
	}
	return &Resolver{opts: opts, names: names}, nil
}

// Resolve is a convenience for one article: it builds a Resolver (parsing
// the name table, some tens of milliseconds) and calls its Resolve. Build a
// Resolver once when resolving many articles.
func Resolve(a *article.Article, tagger Tagger, opts Options) error {
	r, err := NewResolver(opts)
	if err != nil {
		return err
	}
	return r.Resolve(a, tagger)
}

// Resolve tags a's sentences with tagger and fills a.Entities,
// a.EntitySummary and a.References from the tags. It needs a.Tokens and
// a.Sentences; with no sentences, all tokens are taken as one sentence.
// Tokens outside every sentence are not tagged.
func (r *Resolver) Resolve(a *article.Article, tagger Tagger) error {
	sents := sentenceTokens(a)
	words := make([][]string, len(sents))
	for i, s := range sents {
		w := make([]string, s.end-s.start)
		for j := range w {
			t := a.Tokens[s.start+j]
			w[j] = a.Text[t.Start:t.End]
		}
		words[i] = w
	}
	var tags [][]string
	if dt, ok := tagger.(DocumentTagger); ok {
		tags = dt.TagDocument(words)
	} else {
		tags = make([][]string, len(words))
		for i, w := range words {
			if len(w) > 0 {
				tags[i] = tagger.Tag(w)
			}
		}
	}
	return r.resolve(a, sents, tags)
}

// ResolveTags is Resolve for tags computed elsewhere: tags[i] are the tags
// of the tokens of a.Sentences[i] (of all tokens when a has no sentences).
func (r *Resolver) ResolveTags(a *article.Article, tags [][]string) error {
	return r.resolve(a, sentenceTokens(a), tags)
}

// tokRange is a half-open range of token indices.
type tokRange struct{ start, end int }

// sentenceTokens maps each sentence of a to the tokens inside it.
func sentenceTokens(a *article.Article) []tokRange {
	if len(a.Sentences) == 0 {
		if len(a.Tokens) == 0 {
			return nil
		}
		return []tokRange{{0, len(a.Tokens)}}
	}
	out := make([]tokRange, len(a.Sentences))
	t := 0
	for i, s := range a.Sentences {
		for t < len(a.Tokens) && a.Tokens[t].Start < s.Start {
			t++
		}
		start := t
		for t < len(a.Tokens) && a.Tokens[t].End <= s.End {
			t++
		}
		out[i] = tokRange{start, t}
	}
	return out
}

func (r *Resolver) resolve(a *article.Article, sents []tokRange, tags [][]string) error {
	a.Entities, a.EntitySummary, a.References = nil, nil, nil
	if len(tags) != len(sents) {
		return fmt.Errorf("%w: %d tagged sentences for %d sentences in %s", ErrTagCount, len(tags), len(sents), a.ID)
	}
	for i, s := range sents {
		if len(tags[i]) != s.end-s.start {
			return fmt.Errorf("%w: %d tags for %d words in sentence %d of %s", ErrTagCount, len(tags[i]), s.end-s.start, i, a.ID)
		}
	}
	d := newDoc(a, sents, tags, r.names)
	d.findMentions()
	if len(d.mentions) == 0 {
		return nil
	}
	d.cluster()
	d.demoteLoneNames(r.names)
	d.priorGenders(r.names)
	d.resolveReferences(r.opts)
	d.finalGenders(r.names)
	d.output()
	return nil
}

// output writes the document's mentions, clusters and references into the
// article.
func (d *doc) output() {
	a := d.a
	counts := make([]int, len(d.clusters))
	for _, m := range d.mentions {
		c := &d.clusters[m.cluster]
		e := article.Entity{Span: article.NewSpan(a.Text, m.start, m.end), Type: c.typ, Name: c.name}
		if c.typ == article.Person {
			e.Gender = c.gender
		}
		a.Entities = append(a.Entities, e)
		counts[m.cluster]++
	}
	for i, c := range d.clusters {
		if counts[i] == 0 {
			continue
		}
		ec := article.EntityCount{Name: c.name, Type: c.typ, Mentions: counts[i]}
		if c.typ == article.Person {
			ec.Gender = c.gender
		}
		a.EntitySummary = append(a.EntitySummary, ec)
	}
	slices.SortStableFunc(a.EntitySummary, func(x, y article.EntityCount) int {
		if c := cmp.Compare(y.Mentions, x.Mentions); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		return cmp.Compare(x.Type, y.Type)
	})
	for _, ref := range d.refs {
		c := d.clusters[ref.cluster]
		a.References = append(a.References, article.Reference{
			Span: article.NewSpan(a.Text, ref.start, ref.end), Name: c.name, Type: c.typ,
		})
	}
}
