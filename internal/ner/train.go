package ner

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// ErrNoTrainingData is returned by Train when it is given no sentences.
var ErrNoTrainingData = errors.New("ner: no training data")

// TrainDoc is one training document: its sentences and, per token, the
// tags it may take as bits 1<<tag. A fully labelled token has one bit; a
// token of a partly annotated corpus (GUM has no MISC) may allow several,
// and training then takes the best-scoring allowed sequence as gold.
type TrainDoc struct {
	Sents   [][]string
	Allowed [][]uint16
	// Weight scales the perceptron updates this document causes; 0 means 1.
	// Out-of-domain documents can count less than the news they help.
	Weight float32
}

// GazEntry is an entity name known from training data, with the document
// it came from (so that a document never sees its own names as listed).
type GazEntry struct {
	Phrase string // words joined by single spaces
	Type   int    // 0 PER, 1 ORG, 2 LOC, 3 MISC
	Doc    int    // index into the training documents
}

// Lexicon is what a model knows besides its weights: first names, entity
// names from other corpora, word clusters and casing statistics learnt
// from unlabelled text.
type Lexicon struct {
	FirstNames map[string]uint8
	// Surnames are lower-case words that follow first names in
	// unlabelled text (LearnSurnames); first names take precedence.
	Surnames map[string]bool
	ExtraGaz []GazEntry
	Clusters map[string][3]uint16
	CapRatio map[string]uint8
}

// TrainOptions configure Train. The zero value works.
type TrainOptions struct {
	Epochs int    // perceptron passes per stage; default 10
	Seed   uint64 // shuffling seed; default 1
	Folds  int    // folds for gazetteer hold-out and stacking; default 5
	// Stages is 1 (local and document features) or 2 (plus the first
	// stage's tags of the same word elsewhere in the document); default 2.
	Stages int
	Log    io.Writer // progress; nil for none
}

func (o *TrainOptions) applyDefaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Folds <= 1 {
		o.Folds = 5
	}
	if o.Stages <= 0 || o.Stages > 2 {
		o.Stages = 2
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// gazMask turns per-type counts into type bits: a type counts when it
// accounts for at least a fifth of the phrase's occurrences.
func gazMask(c [4]int) uint8 {
	total := c[0] + c[1] + c[2] + c[3]
	var m uint8
	for t, n := range c {
		if n > 0 && n*5 >= total {
			m |= 1 << t
		}
	}
	return m
}

// chunksOf returns the fully labelled entity chunks of a training
// sentence as (start, end, type).
func chunksOf(allowed []uint16) [][3]int {
	var out [][3]int
	for i := 0; i < len(allowed); {
		t, ok := single(allowed[i])
		if !ok || !isBegin(t) {
			i++
			continue
		}
		j := i + 1
		for j < len(allowed) {
			u, ok := single(allowed[j])
			if !ok || isBegin(u) || tagType(u) != tagType(t) {
				break
			}
			j++
		}
		out = append(out, [3]int{i, j, tagType(t)})
		i = j
	}
	return out
}

func single(m uint16) (int, bool) {
	if m == 0 || m&(m-1) != 0 {
		return 0, false
	}
	for t := 0; t < numTags; t++ {
		if m == 1<<t {
			return t, true
		}
	}
	return 0, false
}

// trainSent is a sentence with its features as dense ids.
type trainSent struct {
	doc     int
	sent    int
	offs    []int32 // token i's features are ids[offs[i]:offs[i+1]]
	ids     []int32
	allowed []uint16
	fixed   bool // every token has exactly one allowed tag
	gold    []int
	weight  float32
}

type featSpace struct {
	index  map[uint64]int32
	hashes []uint64
}

func (fs *featSpace) id(h uint64) int32 {
	if id, ok := fs.index[h]; ok {
		return id
	}
	id := int32(len(fs.hashes))
	fs.index[h] = id
	fs.hashes = append(fs.hashes, h)
	return id
}

// dense is a perceptron stage during training.
type dense struct {
	w, acc     []float32
	trans, tac [numTags + 1][numTags]float32
	c          float32
}

func (d *dense) grow(n int) {
	for len(d.w) < n*numTags {
		d.w = append(d.w, 0)
		d.acc = append(d.acc, 0)
	}
}

func (d *dense) emissions(s *trainSent, em []float32) {
	for i := 0; i+1 < len(s.offs); i++ {
		row := em[i*numTags : (i+1)*numTags]
		for k := range row {
			row[k] = 0
		}
		for _, f := range s.ids[s.offs[i]:s.offs[i+1]] {
			wr := d.w[int(f)*numTags : int(f)*numTags+numTags]
			for k, v := range wr {
				row[k] += v
			}
		}
	}
}

func (d *dense) update(s *trainSent, gold, pred []int) {
	u := s.weight
	uc := u * d.c
	for i := range gold {
		pg, pp := startTag, startTag
		if i > 0 {
			pg, pp = gold[i-1], pred[i-1]
		}
		if gold[i] != pred[i] {
			for _, f := range s.ids[s.offs[i]:s.offs[i+1]] {
				b := int(f) * numTags
				d.w[b+gold[i]] += u
				d.acc[b+gold[i]] += uc
				d.w[b+pred[i]] -= u
				d.acc[b+pred[i]] -= uc
			}
		}
		if gold[i] != pred[i] || pg != pp {
			d.trans[pg][gold[i]] += u
			d.tac[pg][gold[i]] += uc
			d.trans[pp][pred[i]] -= u
			d.tac[pp][pred[i]] -= uc
		}
	}
}

// averaged returns the averaged weights, dropping feature rows that are
// all zero.
func (d *dense) averaged(fs *featSpace) *weights {
	var hashes []uint64
	var w []float32
	for id, h := range fs.hashes {
		b := id * numTags
		if b+numTags > len(d.w) {
			break
		}
		var row [numTags]float32
		nz := false
		for k := 0; k < numTags; k++ {
			row[k] = d.w[b+k] - d.acc[b+k]/d.c
			if row[k] != 0 {
				nz = true
			}
		}
		if nz {
			hashes = append(hashes, h)
			w = append(w, row[:]...)
		}
	}
	wt := &weights{hashes: hashes, w: w}
	for p := range d.trans {
		for t := range d.trans[p] {
			wt.trans[p][t] = d.trans[p][t] - d.tac[p][t]/d.c
		}
	}
	return wt
}

// trainPerceptron runs averaged-perceptron epochs over the sentences whose
// index use accepts, in an order shuffled with seed.
func trainPerceptron(sents []trainSent, nfeat int, use func(i int) bool, epochs int, seed uint64) *dense {
	d := &dense{c: 1}
	d.grow(nfeat)
	var order []int
	for i := range sents {
		if use(i) {
			order = append(order, i)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x6e6572))
	var dec decoder
	var em []float32
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			n := len(s.allowed)
			if cap(em) < n*numTags {
				em = make([]float32, n*numTags)
			}
			em = em[:n*numTags]
			d.emissions(s, em)
			pred := dec.viterbi(em, n, &d.trans, nil)
			gold := s.gold
			if !s.fixed {
				gold = dec.viterbi(em, n, &d.trans, s.allowed)
			}
			if !equalInts(gold, pred) {
				d.update(s, gold, pred)
			}
			d.c++
		}
	}
	return d
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Train trains a model on docs. It is deterministic: the same documents,
// lexicon and options give the same model.
func Train(docs []TrainDoc, lex Lexicon, o TrainOptions) (*Model, error) {
	o.applyDefaults()
	start := time.Now()
	ntok := 0
	for _, d := range docs {
		for _, s := range d.Sents {
			ntok += len(s)
		}
	}
	if ntok == 0 {
		return nil, ErrNoTrainingData
	}
	K := o.Folds
	fold := func(doc int) int { return doc % K }

	// Gazetteer with per-fold counts.
	type gc [][4]int
	counts := map[string]gc{}
	addGaz := func(p string, typ, doc int) {
		if p == "" || !isCapitalized(p) && !isDigitStart(p) {
			return
		}
		c := counts[p]
		if c == nil {
			c = make(gc, K)
			counts[p] = c
		}
		c[fold(doc)][typ]++
	}
	maxLen := 1
	for di, d := range docs {
		for si, s := range d.Sents {
			for _, ch := range chunksOf(d.Allowed[si]) {
				if ch[1]-ch[0] > 6 {
					continue
				}
				addGaz(strings.Join(s[ch[0]:ch[1]], " "), ch[2], di)
				maxLen = max(maxLen, ch[1]-ch[0])
			}
		}
	}
	for _, g := range lex.ExtraGaz {
		if n := len(strings.Fields(g.Phrase)); n <= 6 {
			addGaz(g.Phrase, g.Type, g.Doc)
			maxLen = max(maxLen, n)
		}
	}
	m := &Model{res: resources{
		gaz:       map[string]uint8{},
		gazMaxLen: maxLen,
		clusters:  lex.Clusters,
		capRatio:  lex.CapRatio,
	}}
	m.res.firstNames = make(map[string]uint8, len(lex.FirstNames)+len(lex.Surnames))
	for w, b := range lex.FirstNames {
		m.res.firstNames[w] = b
	}
	for w := range lex.Surnames {
		if m.res.firstNames[w] == 0 {
			m.res.firstNames[w] = bandSurname
		}
	}
	if m.res.clusters == nil {
		m.res.clusters = map[string][3]uint16{}
	}
	if m.res.capRatio == nil {
		m.res.capRatio = map[string]uint8{}
	}
	for p, c := range counts {
		var tot [4]int
		for _, f := range c {
			for t := range tot {
				tot[t] += f[t]
			}
		}
		if mk := gazMask(tot); mk != 0 {
			m.res.gaz[p] = mk
		}
	}
	foldLookup := func(k int) gazLookup {
		return func(p string) uint8 {
			c := counts[p]
			if c == nil {
				return 0
			}
			var tot [4]int
			for f := range c {
				if f == k {
					continue
				}
				for t := range tot {
					tot[t] += c[f][t]
				}
			}
			return gazMask(tot)
		}
	}
	prepared := make([]*document, len(docs))
	for di, d := range docs {
		prepared[di] = prepareDocument(d.Sents, &m.res, foldLookup(fold(di)), nil)
	}
	fmt.Fprintf(o.Log, "ner: %d documents, %d tokens, %d gazetteer names; prepared in %v\n",
		len(docs), ntok, len(m.res.gaz), time.Since(start).Round(time.Millisecond))

	extractAll := func(fs *featSpace) []trainSent {
		var out []trainSent
		var buf []uint64
		for di, d := range prepared {
			for si := range d.sents {
				n := len(d.sents[si].toks)
				if n == 0 {
					continue
				}
				ts := trainSent{doc: di, sent: si, allowed: docs[di].Allowed[si], offs: make([]int32, 0, n+1), fixed: true, weight: docs[di].Weight}
				if ts.weight <= 0 {
					ts.weight = 1
				}
				ts.offs = append(ts.offs, 0)
				for i := 0; i < n; i++ {
					buf = extract(d, si, i, buf[:0])
					for _, h := range buf {
						ts.ids = append(ts.ids, fs.id(h))
					}
					ts.offs = append(ts.offs, int32(len(ts.ids)))
				}
				ts.gold = make([]int, n)
				for i, a := range ts.allowed {
					t, ok := single(a)
					if !ok {
						ts.fixed = false
					}
					ts.gold[i] = t
				}
				if ts.fixed {
					for i := range ts.gold {
						p := startTag
						if i > 0 {
							p = ts.gold[i-1]
						}
						if !allowed(p, ts.gold[i]) {
							ts.gold[i] = tagBPER + 2*tagType(ts.gold[i]) // repair I- after O
						}
					}
				}
				out = append(out, ts)
			}
		}
		return out
	}

	fs1 := &featSpace{index: map[uint64]int32{}}
	sents1 := extractAll(fs1)
	fmt.Fprintf(o.Log, "ner: stage 1: %d features (%v)\n", len(fs1.hashes), time.Since(start).Round(time.Millisecond))
	d1 := trainPerceptron(sents1, len(fs1.hashes), func(int) bool { return true }, o.Epochs, o.Seed)
	m.stages = append(m.stages, d1.averaged(fs1))
	fmt.Fprintf(o.Log, "ner: stage 1 trained (%v)\n", time.Since(start).Round(time.Millisecond))

	if o.Stages == 2 {
		// Stacking: each fold is tagged by a stage-1 model trained on the
		// other folds, so the second stage learns how far to trust
		// first-stage tags that were not fit to the same sentences.
		pred := make([][][]int, len(docs))
		for di, d := range docs {
			pred[di] = make([][]int, len(d.Sents))
		}
		var dec decoder
		var em []float32
		for k := 0; k < K; k++ {
			dk := trainPerceptron(sents1, len(fs1.hashes), func(i int) bool { return fold(sents1[i].doc) != k }, o.Epochs, o.Seed+uint64(k)+1)
			for i := range sents1 {
				s := &sents1[i]
				if fold(s.doc) != k {
					continue
				}
				n := len(s.allowed)
				if cap(em) < n*numTags {
					em = make([]float32, n*numTags)
				}
				em = em[:n*numTags]
				dk.emissions(s, em)
				pred[s.doc][s.sent] = dec.viterbi(em, n, &dk.trans, nil)
			}
			fmt.Fprintf(o.Log, "ner: stacking fold %d/%d (%v)\n", k+1, K, time.Since(start).Round(time.Millisecond))
		}
		for di, d := range prepared {
			for si := range pred[di] {
				if pred[di][si] == nil {
					pred[di][si] = make([]int, len(d.sents[si].toks))
				}
			}
			d.hist = history(d, pred[di])
		}
		sents1 = nil
		fs2 := &featSpace{index: map[uint64]int32{}}
		sents2 := extractAll(fs2)
		d2 := trainPerceptron(sents2, len(fs2.hashes), func(int) bool { return true }, o.Epochs, o.Seed+100)
		m.stages = append(m.stages, d2.averaged(fs2))
		fmt.Fprintf(o.Log, "ner: stage 2 trained, %d features (%v)\n", len(fs2.hashes), time.Since(start).Round(time.Millisecond))
	}
	return m, nil
}
