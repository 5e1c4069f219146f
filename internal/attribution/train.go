package attribution

import (
	"errors"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// TrainDoc is one annotated article: the article with its tokens,
// sentences, paragraphs, entities and references filled in as the
// pipeline fills them, and its gold attributions.
type TrainDoc struct {
	Article *article.Article
	Gold    []Gold
}

// Gold is one gold attribution, as byte ranges of the article's text.
type Gold struct {
	Cues, Sources, Contents []article.Range
}

// TrainOptions control training. The zero value works.
type TrainOptions struct {
	Epochs int // perceptron epochs per stage; default 8
	// MinHead and MinHeadRatio choose the words that may open a cue: seen
	// opening a gold cue at least MinHead times and in at least
	// MinHeadRatio of their occurrences. Defaults 2 and 0.15.
	MinHead      int
	MinHeadRatio float64
	Seed         uint64 // shuffling seed; default 1
	MinCount     int    // features seen fewer times are left out; default 2
	// Runs is how many perceptrons, each over its own shuffling of the
	// data, are averaged into each stage: less variance from the order
	// of the data. Default 3.
	Runs int
}

func (o *TrainOptions) applyDefaults() {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.Runs <= 0 {
		o.Runs = 3
	}
	if o.MinHead <= 0 {
		o.MinHead = 2
	}
	if o.MinHeadRatio <= 0 {
		o.MinHeadRatio = 0.15
	}
}

// ErrNoTrainingData is returned when there is nothing to train on.
var ErrNoTrainingData = errors.New("no training attributions")

// Train trains both stages. It is deterministic: the same documents and
// options give the same model.
func Train(docs []TrainDoc, o TrainOptions) (*Model, error) {
	o.applyDefaults()
	m := &Model{heads: cueHeads(docs, o)}
	var cueSeqs, spanSeqs []perceptron.Sequence
	for _, td := range docs {
		if td.Article == nil || len(td.Article.Tokens) == 0 {
			continue
		}
		d := prepare(td.Article)
		cueLab := make([]uint8, len(d.toks))
		cueRanges := make([][2]int, len(td.Gold))
		for gi, g := range td.Gold {
			cueRanges[gi] = [2]int{-1, -1}
			if len(g.Cues) == 0 {
				continue
			}
			s, e := d.tokenRange(g.Cues[0])
			if s >= e {
				continue
			}
			cueRanges[gi] = [2]int{s, e}
			if cueLab[s] == cueO {
				cueLab[s] = cueB
				for k := s + 1; k < e; k++ {
					if cueLab[k] == cueO {
						cueLab[k] = cueI
					}
				}
			}
		}
		for _, s := range d.sents {
			if s[0] >= s[1] || !m.hasHead(d, s) {
				continue
			}
			gold := append([]uint8(nil), cueLab[s[0]:s[1]]...)
			// a cue crossing the sentence start begins here
			if gold[0] == cueI {
				gold[0] = cueB
			}
			cueSeqs = append(cueSeqs, perceptron.Sequence{Feats: d.sentenceCueFeatures(s), Gold: gold})
		}
		for gi, g := range td.Gold {
			cr := cueRanges[gi]
			if cr[0] < 0 || len(g.Contents) == 0 {
				continue
			}
			lo, hi := d.window(cr[0], cr[1])
			gold := make([]uint8, hi-lo)
			label := func(rs []article.Range, b, in uint8) {
				for _, r := range rs {
					s, e := d.tokenRange(r)
					for k := max(s, lo); k < min(e, hi); k++ {
						if k == s || k == lo {
							gold[k-lo] = b
						} else {
							gold[k-lo] = in
						}
					}
				}
			}
			label(g.Contents, conB, conI)
			label(g.Sources, srcB, srcI)
			for k := cr[0]; k < cr[1]; k++ {
				if k >= lo && k < hi {
					gold[k-lo] = spanO
				}
			}
			// repair I after O left by the cue cut
			for k := range gold {
				if (gold[k] == conI || gold[k] == srcI) && (k == 0 || gold[k-1] != gold[k] && gold[k-1] != gold[k]-1) {
					gold[k]--
				}
			}
			cc := d.newCueCtx(cr[0], cr[1])
			isOther := func(k int) bool {
				return cueLab[k] != cueO && (k < cr[0] || k >= cr[1])
			}
			spanSeqs = append(spanSeqs, perceptron.Sequence{Feats: d.spanFeatures(cc, lo, hi, isOther), Gold: gold})
		}
	}
	if len(cueSeqs) == 0 || len(spanSeqs) == 0 {
		return nil, ErrNoTrainingData
	}
	m.cues = trainAveraged(cueSeqs, nCueLabels, cueAllowed, o, 0)
	m.spans = trainAveraged(spanSeqs, nSpanLabels, spanAllowed, o, 1)
	return m, nil
}

// tokenRange returns the tokens overlapping the byte range r.
func (d *docInfo) tokenRange(r article.Range) (int, int) {
	s := tokenAt(d.toks, r.Start)
	e := s
	for e < len(d.toks) && d.toks[e].start < r.End {
		e++
	}
	return s, e
}

// cueHeads learns from the gold cues which words open a cue often enough
// to be worth tagging a sentence for.
func cueHeads(docs []TrainDoc, o TrainOptions) map[string]bool {
	asHead, seen := map[string]int{}, map[string]int{}
	for _, td := range docs {
		if td.Article == nil {
			continue
		}
		d := prepare(td.Article)
		for _, t := range d.toks {
			seen[t.lower]++
		}
		for _, g := range td.Gold {
			if len(g.Cues) == 0 {
				continue
			}
			if s, e := d.tokenRange(g.Cues[0]); s < e {
				asHead[d.toks[s].lower]++
			}
		}
	}
	heads := map[string]bool{}
	for w, n := range asHead {
		if n >= o.MinHead && float64(n) >= o.MinHeadRatio*float64(seen[w]) {
			heads[w] = true
		}
	}
	return heads
}

// trainAveraged trains o.Runs perceptrons over different shufflings and
// averages their weights.
func trainAveraged(seqs []perceptron.Sequence, nLabels int, allowed func(prev, cur int) bool, o TrainOptions, stage uint64) *perceptron.Chain {
	runs := make([]*perceptron.Chain, o.Runs)
	for r := range runs {
		runs[r] = perceptron.TrainChain(seqs, nLabels, allowed, o.Epochs, o.Seed+stage+uint64(r)*1000003, o.MinCount)
	}
	return perceptron.AverageChains(runs)
}
