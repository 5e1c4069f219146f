package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// ErrSpeakerModel reports a speaker model file that cannot be read.
var ErrSpeakerModel = errors.New("bad speaker model")

// ErrNoSpeakerData reports training data with no usable quotation.
var ErrNoSpeakerData = errors.New("no speaker training instances")

// A SpeakerModel ranks the candidate speakers of a quotation (see
// Options.Speakers): a linear model over hashed features, trained as an
// averaged ranking perceptron by TrainSpeakers.
type SpeakerModel struct {
	m perceptron.Multi // one class: the candidate's score
	// margin is how much more than the rules' mention another candidate
	// must score to replace it (a floating rule choice needs none).
	margin float32
	// index and w are the trained weights, kept for Save.
	index map[uint64]int32
	w     []float32
}

//go:embed model/speaker.model.gz
var embeddedSpeakers []byte

var (
	speakersOnce sync.Once
	speakersMod  *SpeakerModel
	speakersErr  error
)

// LoadSpeakerModel returns the embedded speaker model, decoded once per
// process.
func LoadSpeakerModel() (*SpeakerModel, error) {
	speakersOnce.Do(func() {
		speakersMod, speakersErr = ReadSpeakerModel(bytes.NewReader(embeddedSpeakers))
	})
	return speakersMod, speakersErr
}

const (
	speakerMagic   = "newsgraph-speakers 1\n"
	speakerQuantum = 1.0 / 256
)

// Save writes m gzipped: a magic line and the weight rows
// (perceptron.WriteRows), rows whose weight is under prune left out.
// Deterministic.
func (m *SpeakerModel) Save(w io.Writer, prune float64) error {
	if m.index == nil {
		return fmt.Errorf("%w: a loaded model cannot be saved", ErrSpeakerModel)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(speakerMagic)
	fmt.Fprintf(bw, "margin %d\n", int(math.Round(float64(m.margin)/speakerQuantum)))
	perceptron.WriteRows(bw, m.index, m.w, 1, prune, speakerQuantum)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadSpeakerModel reads a model written by Save.
func ReadSpeakerModel(r io.Reader) (*SpeakerModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSpeakerModel, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	line, err := br.ReadString('\n')
	if err != nil || line != speakerMagic {
		return nil, fmt.Errorf("%w: not a speaker model", ErrSpeakerModel)
	}
	var mq int
	if _, err := fmt.Fscanf(br, "margin %d\n", &mq); err != nil {
		return nil, fmt.Errorf("%w: margin: %v", ErrSpeakerModel, err)
	}
	hashes, w, err := perceptron.ReadRows(br, 1, speakerQuantum)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSpeakerModel, err)
	}
	m := &SpeakerModel{margin: float32(mq) * speakerQuantum}
	m.m.NClasses = 1
	m.m.FreezeRows(hashes, w)
	return m, nil
}

// SpeakerGold is one gold quotation for training the speaker ranker: its
// content and a test of a speaker (a mention overlapping the gold
// source, or a name matching the gold speaker).
type SpeakerGold struct {
	Contents []article.Range
	Right    func(article.Speaker) bool
}

// A SpeakerDoc is one training article, already segmented and annotated
// by the entity stage, with its gold quotations.
type SpeakerDoc struct {
	Article *article.Article
	Gold    []SpeakerGold
	// Weight scales the document's updates; 0 means 1.
	Weight float32
}

// SpeakerTrainOptions tune TrainSpeakers. The zero value works.
type SpeakerTrainOptions struct {
	Epochs   int    // passes over the data; default 10
	Seed     uint64 // shuffling seed; default 1
	MinCount int    // features seen fewer times are left out; default 2
	// Margin is how much more than the rules' mention another candidate
	// must score to replace it at extraction. Default 0.
	Margin float64
	// Extract are the options of the extractor whose quotations and rule
	// speakers the candidates come from (Speakers is ignored).
	Extract Options
}

func (o *SpeakerTrainOptions) applyDefaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
}

// SpeakerStats counts what training saw.
type SpeakerStats struct {
	Quotes    int // rule quotations matched to a gold quotation
	Instances int // of which with a right and a wrong candidate
	RuleRight int // instances where the rules' choice is right
	Features  int
}

// TrainSpeakers trains a speaker ranker on docs: for every quotation the
// rules find that matches a gold quotation (content overlap above 0.3 of
// the gold's length, the scorer's rule), the candidates are listed and
// featurised as at extraction, with the rules' speakers before it; a
// quotation with both right and wrong candidates is an instance of an
// averaged ranking perceptron. Deterministic for the same inputs.
func TrainSpeakers(docs []SpeakerDoc, o SpeakerTrainOptions) (*SpeakerModel, SpeakerStats, error) {
	o.applyDefaults()
	eo := o.Extract
	eo.Speakers = nil
	x := New(eo)
	var st SpeakerStats
	var insts []perceptron.RankInstance
	for _, sd := range docs {
		wt := sd.Weight
		if wt == 0 {
			wt = 1
		}
		x.observe(sd.Article, func(c *cand, cs []speakerCand, feats [][]uint64) {
			g := matchGold(sd.Article.Text, c, sd.Gold)
			if g == nil {
				return
			}
			st.Quotes++
			in := perceptron.RankInstance{Feats: feats, Right: make([]bool, len(cs)), Weight: wt}
			nr := 0
			for k := range cs {
				in.Right[k] = g.Right(cs[k].sp)
				if in.Right[k] {
					nr++
				}
			}
			if nr == 0 || nr == len(cs) {
				return
			}
			if in.Right[0] {
				st.RuleRight++
			}
			insts = append(insts, in)
		})
	}
	st.Instances = len(insts)
	if len(insts) == 0 {
		return nil, st, ErrNoSpeakerData
	}
	index, w := perceptron.TrainRank(insts, o.Epochs, o.Seed, o.MinCount)
	st.Features = len(index)
	m := &SpeakerModel{index: index, w: w, margin: float32(o.Margin)}
	m.m.NClasses = 1
	m.m.Index, m.m.W = index, w
	m.m.Freeze()
	return m, st, nil
}

// matchGold returns the gold quotation c's content covers best, if it
// covers more than 0.3 of it.
func matchGold(text string, c *cand, gold []SpeakerGold) *SpeakerGold {
	var best *SpeakerGold
	bo := 0.0
	for i := range gold {
		n, o := 0, 0
		for _, r := range gold[i].Contents {
			n += r.End - r.Start
			o += max(0, min(r.End, c.ce)-max(r.Start, c.cs))
		}
		if n == 0 {
			continue
		}
		if f := float64(o) / float64(n); f > 0.3 && f > bo {
			best, bo = &gold[i], f
		}
	}
	return best
}

// observe runs the extraction steps on a and calls f with the candidates
// and features of every quotation, the rules' speakers resolving them.
func (x *Extractor) observe(a *article.Article, f func(c *cand, cs []speakerCand, feats [][]uint64)) {
	x.observeDoc(a, func(_ *speakerResolver, c *cand, cs []speakerCand, feats [][]uint64) { f(c, cs, feats) })
}

// observeDoc is observe with the resolver passed along.
func (x *Extractor) observeDoc(a *article.Article, f func(r *speakerResolver, c *cand, cs []speakerCand, feats [][]uint64)) {
	if a == nil || a.Text == "" {
		return
	}
	d := x.candidates(a)
	r := &speakerResolver{mentionFinder: mentionFinder{d}}
	r.observe = func(c *cand, cs []speakerCand, feats [][]uint64) { f(r, c, cs, feats) }
	r.resolveAll()
}

// SpeakerComparison counts, over the matched quotations of some
// documents, where the rules' speaker and the ranker's are right, by
// the class of the rules' candidate and of the ranker's.
type SpeakerComparison struct {
	Quotes, RuleRight, RankRight int
	// Changes counts the quotations where the ranker chose another
	// candidate than the rules, by "rule class > chosen class" and
	// outcome ("+": only the ranker right, "-": only the rules, "=":
	// both wrong).
	Changes map[string]int
}

// Compare scores m against the rules' choice on docs (the previous
// speaker is the rules' throughout).
func (m *SpeakerModel) Compare(docs []SpeakerDoc, o Options) SpeakerComparison {
	o.Speakers = nil
	x := New(o)
	cmp := SpeakerComparison{Changes: map[string]int{}}
	for _, sd := range docs {
		var d *speakerResolver
		x.observeDoc(sd.Article, func(r *speakerResolver, c *cand, cs []speakerCand, feats [][]uint64) {
			d = r
			g := matchGold(sd.Article.Text, c, sd.Gold)
			if g == nil {
				return
			}
			best := m.best(cs, feats)
			cmp.Quotes++
			rr, mr := g.Right(cs[0].sp), g.Right(cs[best].sp)
			if rr {
				cmp.RuleRight++
			}
			if mr {
				cmp.RankRight++
			}
			if best != 0 {
				out := "="
				switch {
				case mr && !rr:
					out = "+"
				case rr && !mr:
					out = "-"
				case rr && mr:
					out = "ok"
				}
				cmp.Changes[d.candClass(&cs[0])+" > "+d.candClass(&cs[best])+" "+out]++
			}
		})
	}
	return cmp
}

// best returns the index of the candidate of cs (features feats) the
// model ranks first: the rules' choice (cs[0]) unless another scores
// higher, by the margin when the rules chose a mention.
func (m *SpeakerModel) best(cs []speakerCand, feats [][]uint64) int {
	var sc [1]float32
	best, bs, rs := 0, float32(0), float32(0)
	for k, fs := range feats {
		m.m.Scores(fs, sc[:])
		if k == 0 {
			bs, rs = sc[0], sc[0]
			continue
		}
		if sc[0] > bs {
			best, bs = k, sc[0]
		}
	}
	if best != 0 && cs[0].src == srcRule && bs-rs <= m.margin {
		return 0
	}
	return best
}
