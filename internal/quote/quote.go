package quote

import (
	"sort"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Options tune the extractor. The zero value works.
type Options struct {
	// MinSpeechWords is the number of words an unattributed quotation
	// that is not a whole sentence needs to count as speech; shorter
	// quoted phrases without a speech cue are scare quotes or titles and
	// are left out. Default 6.
	MinSpeechWords int
	// MaxCueDistance is how many words may separate a quotation from its
	// attribution's reporting verb. Default 20.
	MaxCueDistance int
	// MinIndirectWords is the fewest words a reported clause needs.
	// Default 3.
	MinIndirectWords int
	// KeepScareQuotes keeps short quoted phrases without a speech cue, as
	// direct quotes with an unknown speaker. Default false.
	KeepScareQuotes bool
	// Attributor, when set, is a learned attribution model: its source
	// mentions name the speakers of the quotations it also finds, and,
	// with LearnedQuotes, the reported speech it finds and the rules miss
	// is added. Nil: rules only.
	Attributor Attributor
	// LearnedQuotes adds the Attributor's attributions that the rules
	// missed, when their cue is a speech verb and their source names a
	// person or organisation. Off by default: on the GGT development fold
	// it raises quote recall but lowers precision more.
	LearnedQuotes bool
	// AllAttributions adds every attribution the Attributor finds,
	// beliefs, intentions and evidence included (PolNeAR's definition of
	// an attribution). Implies LearnedQuotes.
	AllAttributions bool
	// Candidates, if set, proposes quotations found by other means (a
	// learned attribution model, say); they join the rule-based ones
	// before speakers are resolved. Default none.
	Candidates CandidateSource
	// Speakers, when set, ranks each quotation's candidate speakers (the
	// rules' choice, the previous speaker, and the names, pronouns and
	// descriptions near it) with a learned model and takes the best
	// (LoadSpeakerModel returns the embedded one). Nil: the rules' choice.
	Speakers *SpeakerModel
}

func (o *Options) applyDefaults() {
	if o.MinSpeechWords <= 0 {
		o.MinSpeechWords = 6
	}
	if o.MaxCueDistance <= 0 {
		o.MaxCueDistance = 20
	}
	if o.MinIndirectWords <= 0 {
		o.MinIndirectWords = 3
	}
}

// Extractor finds quotations and their speakers. It is safe for
// concurrent use: Extract keeps its state on the stack.
type Extractor struct {
	opts Options
	cues english.Map[english.Cue]
}

// New returns an Extractor with opts (defaults applied).
func New(opts Options) *Extractor {
	opts.applyDefaults()
	return &Extractor{opts: opts, cues: english.ReportingVerbs()}
}

// Extract returns the quotations of a, in text order. It is a shortcut
// for New(opts).Extract(a); reuse an Extractor for many articles.
func Extract(a *article.Article, opts Options) []article.Quote {
	return New(opts).Extract(a)
}

// Extract returns the quotations of a, in text order. Content, cue and
// mention spans are byte offsets into a.Text.
//
// The work is a pipeline of steps over one doc (the article's tokens,
// paragraphs and sentences, entities and references, and the candidate
// quotations found so far). Per paragraph, after its quotation marks are
// scanned (marks.go): direct quotations (directFinder), indirect and mixed
// quotations (indirectFinder), then quoted phrases no other step took
// (embeddedFinder). Per article: candidates from Options.Candidates, then
// speaker resolution (speakerResolver). Every step finds speaker mentions
// with the same mentionFinder.
func (x *Extractor) Extract(a *article.Article) []article.Quote {
	if a == nil || a.Text == "" {
		return nil
	}
	d := x.candidates(a)
	r := speakerResolver{mentionFinder: mentionFinder{d}}
	r.resolveAll()
	out := d.quotes()
	if x.opts.Attributor != nil {
		out = x.addLearned(a, out)
	}
	return out
}

// candidates runs the finding steps on a: the doc with its candidate
// quotations in text order, speakers not yet resolved.
func (x *Extractor) candidates(a *article.Article) *doc {
	d := newDoc(x, a)
	m := mentionFinder{d}
	steps := []paragraphStep{directFinder{m}, &indirectFinder{clauseReader: clauseReader{m}}, embeddedFinder{m}}
	carry := famNone
	var pieces []piece
	for pi := range d.paras {
		pieces, carry = d.marks(pi, carry, pieces[:0])
		for _, s := range steps {
			s.paragraph(pi, pieces)
		}
	}
	if x.opts.Candidates != nil {
		d.addCandidates(x.opts.Candidates.Candidates(a))
	}
	sort.SliceStable(d.cands, func(i, j int) bool { return d.cands[i].cs < d.cands[j].cs })
	return d
}

// paragraphStep finds quotations in paragraph pi, given the pieces its
// quotation marks delimit. The steps run in order on each paragraph and
// share the pieces: a step marks the pieces it took.
type paragraphStep interface {
	paragraph(pi int, pieces []piece)
}
