package technique

import (
	"bytes"
	_ "embed"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// Names are the 14 technique labels of the Propaganda Techniques Corpus,
// as its files spell them, in the corpus's (alphabetical) order.
var names = [...]string{
	"Appeal_to_Authority",
	"Appeal_to_fear-prejudice",
	"Bandwagon,Reductio_ad_hitlerum",
	"Black-and-White_Fallacy",
	"Causal_Oversimplification",
	"Doubt",
	"Exaggeration,Minimisation",
	"Flag-Waving",
	"Loaded_Language",
	"Name_Calling,Labeling",
	"Repetition",
	"Slogans",
	"Thought-terminating_Cliches",
	"Whataboutism,Straw_Men,Red_Herring",
}

// NumTechniques is the number of techniques.
const NumTechniques = len(names)

// Names returns the technique labels in the corpus's order.
func Names() []string { return append([]string(nil), names[:]...) }

// definitions say in a line what each technique is, after the PTC
// annotation guidelines (Da San Martino et al. 2019), in our words.
var definitions = map[string]string{
	"Appeal_to_Authority":                "a claim held true because an authority or expert is said to back it",
	"Appeal_to_fear-prejudice":           "support sought by stirring fear or prejudice against an alternative",
	"Bandwagon,Reductio_ad_hitlerum":     "join in because everyone does; or reject something because a hated group favours it",
	"Black-and-White_Fallacy":            "two alternatives presented as the only ones possible",
	"Causal_Oversimplification":          "one cause given for an outcome that has many",
	"Doubt":                              "the credibility of someone or something questioned",
	"Exaggeration,Minimisation":          "something made to look larger, better or worse, or smaller and harmless, than it is",
	"Flag-Waving":                        "an appeal to group or national feeling to justify an idea",
	"Loaded_Language":                    "words with strong emotional charge that sway the reader",
	"Name_Calling,Labeling":              "a person or group labelled as something the audience fears, hates or loves",
	"Repetition":                         "the same message repeated until it is accepted",
	"Slogans":                            "a brief, striking phrase that may carry labels and stereotypes",
	"Thought-terminating_Cliches":        "a short generic phrase that discourages critical thought",
	"Whataboutism,Straw_Men,Red_Herring": "an argument answered by accusing the other side, misrepresenting it, or changing the subject",
}

// Definition returns the one-line definition of a technique label ("" for
// an unknown label).
func Definition(label string) string { return definitions[label] }

// shortNames are the short names analysts may type for the techniques
// (query technique:loaded), documented in the README.
var shortNames = map[string]string{
	"authority":       "Appeal_to_Authority",
	"fear":            "Appeal_to_fear-prejudice",
	"bandwagon":       "Bandwagon,Reductio_ad_hitlerum",
	"black-and-white": "Black-and-White_Fallacy",
	"causal":          "Causal_Oversimplification",
	"doubt":           "Doubt",
	"exaggeration":    "Exaggeration,Minimisation",
	"flag-waving":     "Flag-Waving",
	"loaded":          "Loaded_Language",
	"name-calling":    "Name_Calling,Labeling",
	"repetition":      "Repetition",
	"slogans":         "Slogans",
	"cliches":         "Thought-terminating_Cliches",
	"whataboutism":    "Whataboutism,Straw_Men,Red_Herring",
}

// Canonical returns the label a technique name or short name stands for
// ("loaded", "Loaded_Language", "loaded_language" → "Loaded_Language").
func Canonical(name string) (string, bool) {
	if l, ok := shortNames[strings.ToLower(name)]; ok {
		return l, true
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

// Index returns the index of a technique label, or -1.
func Index(name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// Labels of the span tagger.
const (
	tagO = iota
	tagB
	tagI
	nTags
)

func tagAllowed(prev, cur int) bool {
	return cur != tagI || prev == tagB || prev == tagI
}

// Model is a trained technique model: a span tagger and a technique
// classifier.
type Model struct {
	si *perceptron.Chain
	tc *perceptron.Multi
	// sc says whether a sentence holds a persuasive fragment; its
	// score margin, cut into bands at bands, is a feature of the tagger.
	sc    *perceptron.Multi
	bands []float32
	// clusters maps a lower-case word to its distributional cluster.
	clusters map[string]uint16
	// Bias is subtracted from the tagger's "outside" score of every
	// token: larger values find more and longer spans. Training sets it
	// to the value cross-validation chose.
	Bias float32
	// temp divides the classifier's scores before the softmax that
	// turns them into confidences; training fits it.
	temp float32
	// words holds the idle word caches of prepareCached.
	words chan wordCache
}

// prepareCached is prepare with a word cache from m.words (a channel,
// not a sync.Pool, which the garbage collector empties).
func (m *Model) prepareCached(a *article.Article) *docInfo {
	if m.words == nil {
		return prepare(a, m.clusters, nil)
	}
	var c wordCache
	select {
	case c = <-m.words:
	default:
		c = wordCache{}
	}
	d := prepare(a, m.clusters, c)
	select {
	case m.words <- c:
	default:
	}
	return d
}

//go:embed model/technique.model.gz
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

// Find returns the persuasion techniques of a, which must carry its
// tokens and sentences (segment.Segment) and, for the best results, its
// entities and quotes. Spans are byte ranges of a.Text, in text order. It
// is safe for concurrent use.
func (m *Model) Find(a *article.Article) []article.Technique {
	if a == nil || len(a.Tokens) == 0 {
		return nil
	}
	d := m.prepareCached(a)
	var out []article.Technique
	sc := make([]float32, NumTechniques)
	spans := m.spans(d)
	list := d.listFeatures(spans)
	for k, sp := range spans {
		m.tc.Scores(append(d.spanFeatures(sp[0], sp[1]), list[k]...), sc)
		best := perceptron.Argmax(sc)
		start, end := d.toks[sp[0]].start, d.toks[sp[1]-1].end
		inQ := 0
		for i := sp[0]; i < sp[1]; i++ {
			if d.toks[i].inQ {
				inQ++
			}
		}
		out = append(out, article.Technique{
			Span:      article.NewSpan(a.Text, start, end),
			Technique: names[best],
			Score:     math.Round(softmax(sc, best, m.temp)*1000) / 1000,
			InQuote:   2*inQ > sp[1]-sp[0],
		})
	}
	return out
}

// Spans returns the byte ranges of a.Text that the span tagger marks as
// persuasive, in text order (SemEval-2020 Task 11, subtask SI).
func (m *Model) Spans(a *article.Article) []article.Range {
	if a == nil || len(a.Tokens) == 0 {
		return nil
	}
	d := m.prepareCached(a)
	var out []article.Range
	for _, sp := range m.spans(d) {
		out = append(out, article.Range{Start: d.toks[sp[0]].start, End: d.toks[sp[1]-1].end})
	}
	return out
}

// spans tags every sentence and returns the token ranges tagged B I*.
func (m *Model) spans(d *docInfo) [][2]int {
	var out [][2]int
	var labels []uint8
	var em []float32
	var fbuf [][]uint64
	var back []uint64
	bands := make([]int, len(d.sents))
	for k := range d.sents {
		bands[k] = m.band(d, k)
	}
	dens := density(bands)
	for k, s := range d.sents {
		n := s[1] - s[0]
		if n == 0 {
			continue
		}
		if cap(back) < n*40 {
			back = make([]uint64, 0, n*40)
		}
		fbuf = d.sentenceFeaturesInto(k, bands[k], dens, fbuf, back)
		feats := fbuf
		if cap(em) < n*nTags {
			em = make([]float32, n*nTags)
		}
		em = em[:n*nTags]
		m.si.Emissions(feats, em)
		for i := 0; i < n; i++ {
			em[i*nTags+tagO] -= m.Bias
		}
		labels = m.si.Viterbi(em, n, labels)
		for i := 0; i < n; {
			if labels[i] != tagB {
				i++
				continue
			}
			j := i + 1
			for j < n && labels[j] == tagI {
				j++
			}
			// split at quotation marks (a technique inside a quotation is
			// the speaker's, outside it the outlet's) and trim
			// punctuation at the edges
			for a := s[0] + i; a < s[0]+j; {
				b := a
				for b < s[0]+j && !d.toks[b].qmark {
					b++
				}
				next := b + 1
				for a < b && isPunct(d.toks[a]) {
					a++
				}
				for b > a && isPunct(d.toks[b-1]) {
					b--
				}
				if a < b && hasWord(d, a, b) {
					out = append(out, [2]int{a, b})
				}
				a = next
			}
			i = j
		}
	}
	return out
}

// band returns the sentence classifier's band of sentence k, or -1
// without a sentence classifier.
func (m *Model) band(d *docInfo, k int) int {
	if m.sc == nil {
		return -1
	}
	return bandOf(m.bands, sentMargin(m.sc, d, k))
}

// sentMargin is the sentence classifier's score of "persuasive" minus
// "not".
func sentMargin(sc *perceptron.Multi, d *docInfo, k int) float32 {
	var out [2]float32
	sc.Scores(d.sentClassFeatures(k), out[:])
	return out[1] - out[0]
}

// density returns the article's band of persuasion density: the share of
// its sentences in the upper half of the sentence classifier's bands, in
// five steps; -1 without a sentence classifier.
func density(bands []int) int {
	if len(bands) == 0 || bands[0] < 0 {
		return -1
	}
	hi := 0
	for _, b := range bands {
		if b >= nBands/2 {
			hi++
		}
	}
	return min(5*hi/len(bands), 4)
}

// bandOf returns how many cut points v is at or above.
func bandOf(cuts []float32, v float32) int {
	n := 0
	for _, c := range cuts {
		if v >= c {
			n++
		}
	}
	return n
}

func isPunct(t tokInfo) bool { return t.shape == "p" || (len(t.word) <= 3 && t.shape == t.word) }

// hasWord reports whether tokens [a, b) hold a word other than a
// function word: a span of function words alone is not kept.
func hasWord(d *docInfo, a, b int) bool {
	for i := a; i < b; i++ {
		if s := d.toks[i].shape; (s == "x" || s == "Xx" || s == "XX") && !stopWords[d.toks[i].lower] {
			return true
		}
	}
	return false
}

// Ranked is a technique with the classifier's confidence in it.
type Ranked struct {
	Technique string
	Score     float64
}

// Classify ranks the techniques for each of the given byte ranges of
// a.Text (SemEval-2020 Task 11, subtask TC), best first.
func (m *Model) Classify(a *article.Article, spans []article.Range) [][]Ranked {
	out := make([][]Ranked, len(spans))
	if a == nil {
		return out
	}
	d := m.prepareCached(a)
	sc := make([]float32, NumTechniques)
	toks := make([][2]int, len(spans))
	for k, r := range spans {
		s, e := d.tokenRange(r.Start, r.End)
		toks[k] = [2]int{s, e}
	}
	list := d.listFeatures(toks)
	for k, t := range toks {
		m.tc.Scores(append(d.spanFeatures(t[0], t[1]), list[k]...), sc)
		rk := make([]Ranked, NumTechniques)
		for c := range rk {
			rk[c] = Ranked{Technique: names[c], Score: softmax(sc, c, m.temp)}
		}
		sort.SliceStable(rk, func(i, j int) bool { return rk[i].Score > rk[j].Score })
		out[k] = rk
	}
	return out
}

// softmax returns the softmax probability of class c over the scores
// divided by temp (<= 0 means 1).
func softmax(sc []float32, c int, temp float32) float64 {
	if temp <= 0 {
		temp = 1
	}
	mx := sc[perceptron.Argmax(sc)]
	var sum float64
	for _, v := range sc {
		sum += math.Exp(float64((v - mx) / temp))
	}
	return math.Exp(float64((sc[c]-mx)/temp)) / sum
}
