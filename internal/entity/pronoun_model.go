package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// ErrPronounModel reports a pronoun model file that cannot be read.
var ErrPronounModel = errors.New("entity: bad pronoun model")

// ErrNoPronounData reports training data with no usable pronoun.
var ErrNoPronounData = errors.New("entity: no pronoun training instances")

// A PronounModel chooses the person a he, she, his or her refers to among
// the candidates pronounCands lists (see Options.Pronouns): a linear model
// over hashed features (pronounFeats), the rules' own choice among them,
// trained as an averaged ranking perceptron by Resolver.TrainPronouns.
type PronounModel struct {
	m perceptron.Multi // one class: the candidate's score
	// index and w are the trained weights, kept for Save.
	index map[uint64]int32
	w     []float32
}

//go:embed model/pronoun.model.gz
var embeddedPronouns []byte

var (
	pronounsOnce sync.Once
	pronounsMod  *PronounModel
	pronounsErr  error
)

// LoadPronounModel returns the embedded pronoun model, decoded once per
// process.
func LoadPronounModel() (*PronounModel, error) {
	pronounsOnce.Do(func() {
		pronounsMod, pronounsErr = ReadPronounModel(bytes.NewReader(embeddedPronouns))
	})
	return pronounsMod, pronounsErr
}

const (
	pronounMagic   = "newsgraph-pronouns 1\n"
	pronounQuantum = 1.0 / 256
)

// Save writes m gzipped: a magic line and the weight rows
// (perceptron.WriteRows), rows whose weight is under prune left out.
// Deterministic.
func (m *PronounModel) Save(w io.Writer, prune float64) error {
	if m.index == nil {
		return fmt.Errorf("%w: a loaded model cannot be saved", ErrPronounModel)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(pronounMagic)
	perceptron.WriteRows(bw, m.index, m.w, 1, prune, pronounQuantum)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadPronounModel reads a model written by Save.
func ReadPronounModel(r io.Reader) (*PronounModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPronounModel, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	line, err := br.ReadString('\n')
	if err != nil || line != pronounMagic {
		return nil, fmt.Errorf("%w: not a pronoun model", ErrPronounModel)
	}
	hashes, w, err := perceptron.ReadRows(br, 1, pronounQuantum)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPronounModel, err)
	}
	m := &PronounModel{}
	m.m.NClasses = 1
	m.m.FreezeRows(hashes, w)
	return m, nil
}

// best returns the index of the candidate whose features score highest.
func (m *PronounModel) best(feats [][]uint64) int {
	var sc [1]float32
	best, bs := -1, float32(0)
	for k, fs := range feats {
		m.m.Scores(fs, sc[:])
		if best < 0 || sc[0] > bs {
			best, bs = k, sc[0]
		}
	}
	return best
}

// GoldMention is one mention of a coreference corpus: a byte span of the
// text and the chain it belongs to.
type GoldMention struct {
	Start, End int
	Chain      string
}

// PronounTrainOptions tune TrainPronouns. The zero value works.
type PronounTrainOptions struct {
	Epochs   int    // default 10
	Seed     uint64 // shuffling seed; 0 means 1
	MinCount int    // features seen fewer times are left out; default 1
}

// PronounStats describes a training run.
type PronounStats struct {
	Pronouns               int // he/she forms with candidates that start a gold mention
	Instances              int // of those, with a right candidate: trained on
	RulesRight, ModelRight int // on the instances, after training
	Features               int
}

// TrainPronouns trains a PronounModel on documents with gold coreference:
// each is segmented into a.Tokens and a.Sentences, tagged by tagger and
// resolved by the rules; at every he/she form that starts a gold mention
// the candidates whose entity mentions share the gold mention's chain are
// the right ones. Deterministic.
func (r *Resolver) TrainPronouns(docs []*TrainDoc, tagger Tagger, o PronounTrainOptions) (*PronounModel, PronounStats, error) {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
	var st PronounStats
	var insts []perceptron.RankInstance
	var rules []int
	for _, td := range docs {
		d, err := r.prepare(td.Article, tagger)
		if err != nil {
			return nil, st, err
		}
		if d == nil {
			continue
		}
		chainsAt := map[int][]string{}
		for _, m := range td.Gold {
			chainsAt[m.Start] = append(chainsAt[m.Start], m.Chain)
		}
		d.observe = func(i int, rule int, cands []int, feats [][]uint64) {
			chains := chainsAt[d.a.Tokens[i].Start]
			if len(chains) == 0 || len(cands) == 0 {
				return
			}
			st.Pronouns++
			right := make([]bool, len(cands))
			any := false
			ri := -1
			for ck, c := range cands {
				if c == rule {
					ri = ck
				}
				right[ck] = d.clusterInChains(c, td.Gold, chains)
				any = any || right[ck]
			}
			if any {
				insts = append(insts, perceptron.RankInstance{Feats: feats, Right: right})
				rules = append(rules, ri)
			}
		}
		d.resolveReferences(r.opts)
	}
	if len(insts) == 0 {
		return nil, st, ErrNoPronounData
	}
	st.Instances = len(insts)
	index, w := perceptron.TrainRank(insts, o.Epochs, o.Seed, o.MinCount)
	m := &PronounModel{index: index, w: w}
	hashes := make([]uint64, len(w))
	for h, k := range index {
		hashes[k] = h
	}
	m.m.NClasses = 1
	m.m.FreezeRows(hashes, w)
	st.Features = len(index)
	for k, in := range insts {
		if rules[k] >= 0 && in.Right[rules[k]] {
			st.RulesRight++
		}
		if b := m.best(in.Feats); b >= 0 && in.Right[b] {
			st.ModelRight++
		}
	}
	return m, st, nil
}

// TrainDoc is one document of a coreference corpus for TrainPronouns:
// the article (text, tokens and sentences) and its gold mentions.
type TrainDoc struct {
	Article *article.Article
	Gold    []GoldMention
}

// clusterInChains reports whether one of cluster c's mentions overlaps a
// gold mention of one of chains.
func (d *doc) clusterInChains(c int, gold []GoldMention, chains []string) bool {
	for _, m := range d.mentions {
		if m.cluster != c {
			continue
		}
		for _, g := range gold {
			if g.Start < m.end && m.start < g.End {
				for _, ch := range chains {
					if g.Chain == ch {
						return true
					}
				}
			}
		}
	}
	return false
}
