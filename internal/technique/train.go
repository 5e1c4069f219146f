package technique

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// TrainDoc is one annotated article: the article with its tokens,
// sentences, entities and quotes filled in as the pipeline fills them, and
// its gold technique spans.
type TrainDoc struct {
	Article *article.Article
	Gold    []Gold
}

// Gold is one gold technique span, a byte range of the article's text.
type Gold struct {
	article.Range
	Technique string
}

// TrainOptions control training. The zero value works.
type TrainOptions struct {
	SpanEpochs int // span tagger epochs; default 20
	// SpanModels is how many span taggers, trained in different orders,
	// are averaged; default 1.
	SpanModels  int
	ClassEpochs int // classifier epochs; default 10
	// ClassModels is how many classifiers, trained in different orders,
	// are averaged; default 1.
	ClassModels int
	// SentenceEpochs and SentenceFolds train the sentence classifier
	// whose out-of-fold score the tagger sees; defaults 8 and 5; 1 leaves
	// the sentence classifier out.
	SentenceEpochs, SentenceFolds int
	Seed                          uint64  // shuffling seed; default 1
	MinCount                      int     // features seen fewer times are left out; default 2
	Bias                          float32 // the model's Bias (see Model)
	// Clusters maps lower-case words to distributional clusters; nil for
	// none.
	Clusters map[string]uint16
}

func (o *TrainOptions) applyDefaults() {
	if o.SpanEpochs <= 0 {
		o.SpanEpochs = 20
	}
	if o.ClassEpochs <= 0 {
		o.ClassEpochs = 8
	}
	if o.SpanModels <= 0 {
		o.SpanModels = 1
	}
	if o.ClassModels <= 0 {
		o.ClassModels = 5
	}
	if o.SentenceEpochs <= 0 {
		o.SentenceEpochs = 8
	}
	if o.SentenceFolds <= 0 {
		o.SentenceFolds = 5
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
}

// ErrNoTrainingData is returned when there is nothing to train on.
var ErrNoTrainingData = errors.New("no training spans")

// ErrUnknownTechnique is returned for a gold label that is not one of the 14.
var ErrUnknownTechnique = errors.New("unknown technique")

// Train trains the span tagger and the classifier. It is deterministic:
// the same documents and options give the same model.
func Train(docs []TrainDoc, o TrainOptions) (*Model, error) {
	o.applyDefaults()
	m := &Model{clusters: o.Clusters, Bias: o.Bias}
	type prepared struct {
		d   *docInfo
		lab []uint8
	}
	var docsP []prepared
	var insts []perceptron.Instance
	for _, td := range docs {
		if td.Article == nil || len(td.Article.Tokens) == 0 {
			continue
		}
		d := prepare(td.Article, m.clusters, nil)
		lab := make([]uint8, len(d.toks))
		for _, r := range MergeRanges(goldRanges(td.Gold)) {
			s, e := d.tokenRange(r.Start, r.End)
			for k := s; k < e; k++ {
				if k == s {
					lab[k] = tagB
				} else {
					lab[k] = tagI
				}
			}
		}
		docsP = append(docsP, prepared{d, lab})
		var toks [][2]int
		var golds []uint8
		for _, g := range td.Gold {
			c := Index(g.Technique)
			if c < 0 {
				return nil, fmt.Errorf("%w: %q", ErrUnknownTechnique, g.Technique)
			}
			s, e := d.tokenRange(g.Start, g.End)
			if s >= e {
				continue
			}
			toks = append(toks, [2]int{s, e})
			golds = append(golds, uint8(c))
		}
		list := d.listFeatures(toks)
		for k, t := range toks {
			insts = append(insts, perceptron.Instance{Feats: append(d.spanFeatures(t[0], t[1]), list[k]...), Gold: golds[k]})
		}
	}
	if len(docsP) == 0 || len(insts) == 0 {
		return nil, ErrNoTrainingData
	}
	// The sentence classifier, and its out-of-fold margins for the
	// tagger's training sentences (stacking), cut into bands at their
	// quantiles.
	sentInsts := make([][]perceptron.Instance, len(docsP))
	for i, p := range docsP {
		for k, s := range p.d.sents {
			g := uint8(0)
			for j := s[0]; j < s[1]; j++ {
				if p.lab[j] != tagO {
					g = 1
					break
				}
			}
			sentInsts[i] = append(sentInsts[i], perceptron.Instance{Feats: p.d.sentClassFeatures(k), Gold: g})
		}
	}
	folds := min(o.SentenceFolds, len(docsP))
	bands := make([][]int, len(docsP))
	if folds > 1 {
		margins := make([][]float32, len(docsP))
		var all []float32
		for f := 0; f < folds; f++ {
			var tr []perceptron.Instance
			for i := range docsP {
				if i%folds != f {
					tr = append(tr, sentInsts[i]...)
				}
			}
			sc := perceptron.TrainMulti(tr, 2, o.SentenceEpochs, o.Seed+2, o.MinCount)
			for i, p := range docsP {
				if i%folds != f {
					continue
				}
				for k := range p.d.sents {
					v := sentMargin(sc, p.d, k)
					margins[i] = append(margins[i], v)
					all = append(all, v)
				}
			}
		}
		slices.Sort(all)
		for q := 1; q < nBands; q++ {
			m.bands = append(m.bands, all[q*len(all)/nBands])
		}
		for i := range docsP {
			for _, v := range margins[i] {
				bands[i] = append(bands[i], bandOf(m.bands, v))
			}
		}
		var tr []perceptron.Instance
		for i := range docsP {
			tr = append(tr, sentInsts[i]...)
		}
		m.sc = perceptron.TrainMulti(tr, 2, o.SentenceEpochs, o.Seed+2, o.MinCount)
	}
	var seqs []perceptron.Sequence
	for i, p := range docsP {
		dens := -1
		if bands[i] != nil {
			dens = density(bands[i])
		}
		for k, s := range p.d.sents {
			gold := slices.Clone(p.lab[s[0]:s[1]])
			if len(gold) == 0 {
				continue
			}
			if gold[0] == tagI {
				gold[0] = tagB
			}
			band := -1
			if bands[i] != nil {
				band = bands[i][k]
			}
			seqs = append(seqs, perceptron.Sequence{Feats: p.d.sentenceFeatures(k, band, dens), Gold: gold})
		}
	}
	sis := make([]*perceptron.Chain, o.SpanModels)
	for k := range sis {
		sis[k] = perceptron.TrainChain(seqs, nTags, tagAllowed, o.SpanEpochs, o.Seed+uint64(k)*7919, o.MinCount)
	}
	m.si = sis[0]
	if len(sis) > 1 {
		m.si = perceptron.AverageChains(sis)
	}
	// the rarer a technique, the more its spans weigh: by the square root
	// of how much rarer than the average it is
	var cnt [NumTechniques]int
	for _, in := range insts {
		cnt[in.Gold]++
	}
	for i := range insts {
		insts[i].Weight = float32(math.Sqrt(float64(len(insts)) / float64(NumTechniques*cnt[insts[i].Gold])))
	}
	tcs := make([]*perceptron.Multi, o.ClassModels)
	for k := range tcs {
		tcs[k] = trainLogistic(insts, NumTechniques, logisticOptions{Epochs: o.ClassEpochs, Rate: 0.02, L2: 1e-4, Seed: o.Seed + 1 + uint64(k)*7919, Scale: 100})
	}
	m.tc = tcs[0]
	if len(tcs) > 1 {
		m.tc = perceptron.AverageMulti(tcs)
	}
	m.temp = fitTemperature(m.tc, insts)
	return m, nil
}

// fitTemperature chooses the softmax temperature that gives the training
// spans' gold techniques the highest likelihood, on a geometric grid. The
// training spans are fitted better than new ones, so the confidences stay
// somewhat too high.
func fitTemperature(tc *perceptron.Multi, insts []perceptron.Instance) float32 {
	sc := make([]float32, tc.NClasses)
	scores := make([][]float32, len(insts))
	for i, in := range insts {
		tc.Scores(in.Feats, sc)
		scores[i] = slices.Clone(sc)
	}
	best, bestNLL := float32(1), math.Inf(1)
	for t := float32(0.25); t < 1e4; t *= 1.25 {
		nll := 0.0
		for i, in := range insts {
			nll -= math.Log(max(softmax(scores[i], int(in.Gold), t), 1e-12))
		}
		if nll < bestNLL {
			best, bestNLL = t, nll
		}
	}
	return best
}

// nBands is how many bands the sentence classifier's margin is cut into.
const nBands = 10

func goldRanges(gs []Gold) []article.Range {
	out := make([]article.Range, len(gs))
	for i, g := range gs {
		out[i] = g.Range
	}
	return out
}

// MergeRanges sorts ranges and merges those that overlap, as the SI
// metric does before scoring.
func MergeRanges(rs []article.Range) []article.Range {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b article.Range) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	var out []article.Range
	for _, r := range rs {
		if r.End <= r.Start {
			continue
		}
		if n := len(out); n > 0 && r.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}
