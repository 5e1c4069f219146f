package attribution

import (
	"bytes"
	_ "embed"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// Attribution is one attribution found in an article: who (Source), how
// (Cue) and what (Contents, one or more discontinuous pieces). Ranges are
// byte offsets into the article's text.
type Attribution struct {
	Cue      article.Range
	Source   *article.Range
	Contents []article.Range
}

// cueFeatureCount is the number of features cueFeatures gives a token.
const cueFeatureCount = 20

// Labels of the cue stage.
const (
	cueO = iota
	cueB
	cueI
	nCueLabels
)

// Labels of the content and source stage.
const (
	spanO = iota
	srcB
	srcI
	conB
	conI
	nSpanLabels
)

func cueAllowed(prev, cur int) bool {
	return cur != cueI || prev == cueB || prev == cueI
}

func spanAllowed(prev, cur int) bool {
	switch cur {
	case srcI:
		return prev == srcB || prev == srcI
	case conI:
		return prev == conB || prev == conI
	}
	return true
}

// Model is a trained attribution model: a cue tagger and a content and
// source tagger conditioned on a cue.
type Model struct {
	cues  *perceptron.Chain
	spans *perceptron.Chain
	// heads are the words that open a cue often enough in the training
	// data; a sentence without one is not tagged for cues.
	heads map[string]bool
}

//go:embed model/attribution.model.gz
var embedded []byte

var (
	loadOnce  sync.Once
	loadedErr error
	loadedMod *Model
)

// Load returns the embedded model, decoded once per process.
func Load() (*Model, error) {
	loadOnce.Do(func() {
		loadedMod, loadedErr = ReadModel(bytes.NewReader(embedded))
	})
	return loadedMod, loadedErr
}

// Find returns the attributions of a, which must carry its tokens,
// sentences and paragraphs (segment.Segment) and, for the best results,
// its entities and references (the entity stage). It is safe for
// concurrent use.
func (m *Model) Find(a *article.Article) []Attribution {
	return m.FindIn(a, nil)
}

// FindIn is Find for the attributions whose cue lies in a sentence that
// overlaps one of within, or the sentence before or after it: what a
// caller that only needs the attributions of some passages asks, at a
// fraction of the cost. A nil within means the whole article.
func (m *Model) FindIn(a *article.Article, within []article.Range) []Attribution {
	if a == nil || len(a.Tokens) == 0 {
		return nil
	}
	d := prepare(a)
	var want []bool
	if within != nil {
		want = make([]bool, len(d.sents))
		for k, s := range d.sents {
			if s[0] >= s[1] {
				continue
			}
			r := article.Range{Start: d.toks[s[0]].start, End: d.toks[s[1]-1].end}
			for _, w := range within {
				if r.Overlaps(w) {
					for j := max(k-1, 0); j <= min(k+1, len(d.sents)-1); j++ {
						want[j] = true
					}
					break
				}
			}
		}
	}
	cues := m.findCues(d, want)
	isCue := make([]bool, len(d.toks))
	for _, c := range cues {
		for k := c[0]; k < c[1]; k++ {
			isCue[k] = true
		}
	}
	var out []Attribution
	var labels []uint8
	for ci, c := range cues {
		lo, hi := d.window(c[0], c[1])
		cc := d.newCueCtx(c[0], c[1])
		own := cues[ci]
		feats := d.spanFeatures(cc, lo, hi, func(k int) bool { return isCue[k] && (k < own[0] || k >= own[1]) })
		labels = m.spans.Tag(feats, labels)
		at := Attribution{Cue: article.Range{Start: d.toks[c[0]].start, End: d.toks[c[1]-1].end}}
		var srcs []article.Range
		for k := 0; k < len(labels); {
			l := labels[k]
			if l != srcB && l != conB {
				k++
				continue
			}
			j := k + 1
			for j < len(labels) && labels[j] == l+1 {
				j++
			}
			r := article.Range{Start: d.toks[lo+k].start, End: d.toks[lo+j-1].end}
			if l == conB {
				at.Contents = append(at.Contents, r)
			} else {
				srcs = append(srcs, r)
			}
			k = j
		}
		if len(at.Contents) == 0 {
			continue
		}
		// the source nearest the cue
		best := -1
		for k, r := range srcs {
			if best < 0 || gap(r, at.Cue) < gap(srcs[best], at.Cue) {
				best = k
			}
		}
		if best >= 0 {
			r := srcs[best]
			at.Source = &r
		}
		out = append(out, at)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Contents[0].Start < out[j].Contents[0].Start })
	return out
}

func gap(a, b article.Range) int {
	if a.End <= b.Start {
		return b.Start - a.End
	}
	if b.End <= a.Start {
		return a.Start - b.End
	}
	return 0
}

// findCues tags every sentence for cues and returns their token ranges.
func (m *Model) findCues(d *docInfo, want []bool) [][2]int {
	var out [][2]int
	var labels []uint8
	for k, s := range d.sents {
		if s[0] >= s[1] || want != nil && !want[k] || !m.hasHead(d, s) {
			continue
		}
		feats := d.sentenceCueFeatures(s)
		labels = m.cues.Tag(feats, labels)
		for k := 0; k < len(labels); {
			if labels[k] != cueB {
				k++
				continue
			}
			j := k + 1
			for j < len(labels) && labels[j] == cueI {
				j++
			}
			out = append(out, [2]int{s[0] + k, s[0] + j})
			k = j
		}
	}
	return out
}

func (d *docInfo) sentenceCueFeatures(s [2]int) [][]uint64 {
	hasQ := false
	for k := s[0]; k < s[1]; k++ {
		if d.toks[k].qmark || d.toks[k].inQ {
			hasQ = true
			break
		}
	}
	feats := make([][]uint64, 0, s[1]-s[0])
	backing := make([]uint64, 0, (s[1]-s[0])*cueFeatureCount)
	for k := s[0]; k < s[1]; k++ {
		f := d.cueFeatures(k, s, hasQ, backing[len(backing):len(backing):cap(backing)])
		if len(backing)+len(f) <= cap(backing) {
			backing = backing[:len(backing)+len(f)]
		}
		feats = append(feats, f)
	}
	return feats
}

// hasHead reports whether sentence s holds a word that may open a cue.
func (m *Model) hasHead(d *docInfo, s [2]int) bool {
	for k := s[0]; k < s[1]; k++ {
		if m.heads[d.toks[k].lower] || d.toks[k].lower == ":" {
			return true
		}
	}
	return false
}
