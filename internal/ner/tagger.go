package ner

import (
	"bytes"
	_ "embed"
	"io"
	"math"
	"runtime"
	"strings"
)

//go:embed model/ner.model.gz
var embeddedModel []byte

// Tagger tags sentences with IOB2 entity tags (B-/I- PER, ORG, LOC, MISC,
// and O). A Tagger is safe for concurrent use: it only reads its model.
type Tagger struct {
	m *Model
	// res is the model's resources with the gazetteer's prefix index
	// (indexGaz), the Tagger's own: building it leaves the Model
	// untouched, so Taggers may be made from one Model concurrently.
	res resources
	x   *rowIndex
	// words holds the idle wordCaches, one per goroutine tagging at a
	// time (a channel rather than a sync.Pool, which the garbage collector
	// empties: the caches are worth keeping).
	words chan *wordCache
}

// wordCache holds, per word as written, what tagging needs of it
// wherever it occurs: its token (forms, shapes, the resources' verdicts)
// and the emission scores, in every stage, of the feature groups it gives
// (groups.go): its own features per sentence-capitals flag and initial
// position, and what it gives a neighbour at each offset. A frequent word
// then costs one map lookup and a few additions instead of three resource
// lookups and some thirty table probes. A wordCache serves one goroutine
// at a time.
type wordCache struct {
	m map[string]*wordInfo
	// boundary holds the stand-ins for the words before and after a
	// sentence.
	boundary [2]*wordInfo
}

type wordInfo struct {
	tok token
	// self are the selfFeatures' scores by [sentence.allCaps][initial].
	self     [2][2][maxStages * numTags]float32
	selfDone [2][2]bool
	// nb are the neighbourFeatures' scores by neighbourOffsets slot.
	nb     [4][maxStages * numTags]float32
	nbDone [4]bool
}

func newWordCache(r *resources) *wordCache {
	c := &wordCache{m: map[string]*wordInfo{}}
	for k := range c.boundary {
		c.boundary[k] = &wordInfo{tok: boundaryToken(k == 0, r)}
	}
	return c
}

// token returns the token of the word raw, made and looked up in r the
// first time.
func (c *wordCache) token(raw string, r *resources) token {
	if wi := c.m[raw]; wi != nil {
		return wi.tok
	}
	wi := &wordInfo{tok: newToken(raw)}
	wi.tok.lookUp(r)
	wi.tok.info = wi
	if len(c.m) < maxWordSums {
		// The words are cut from an article's text: copies keep the
		// cache from holding the whole text.
		wi.tok.w = strings.Clone(wi.tok.w)
		wi.tok.lower = strings.Clone(wi.tok.lower)
		c.m[strings.Clone(raw)] = wi
	}
	return wi.tok
}

// maxWordSums bounds a wordCache; words met once it is full are made and
// looked up afresh each time.
const maxWordSums = 1 << 13

// Load returns a Tagger using the model built into the binary. Each call
// decodes the model afresh; callers that tag often should keep the Tagger.
func Load() (*Tagger, error) {
	return LoadModel(bytes.NewReader(embeddedModel))
}

// LoadModel returns a Tagger using the model read from r (a file written
// by "newsgraph train ner").
func LoadModel(r io.Reader) (*Tagger, error) {
	m, err := ReadModel(r)
	if err != nil {
		return nil, err
	}
	return NewTagger(m), nil
}

// NewTagger returns a Tagger for a model trained in this process.
func NewTagger(m *Model) *Tagger {
	t := &Tagger{m: m, res: m.res, x: newRowIndex(m.stages)}
	t.res.indexGaz()
	t.words = make(chan *wordCache, runtime.GOMAXPROCS(0))
	return t
}

// Tag returns one IOB2 tag per word of one sentence. The words should be
// tokenised the CoNLL/Penn Treebank way ("Russia" "'s", "do" "n't").
func (t *Tagger) Tag(words []string) []string {
	return t.TagDocument([][]string{words})[0]
}

// TagDocument tags the sentences of one document together, so that what
// the document says elsewhere about a word (how it is cased, how it was
// tagged) informs each sentence. It returns one tag slice per sentence.
func (t *Tagger) TagDocument(sentences [][]string) [][]string {
	ids := t.tagIDs(sentences)
	out := make([][]string, len(ids))
	for i, s := range ids {
		out[i] = make([]string, len(s))
		for j, id := range s {
			out[i][j] = tagNames[id]
		}
	}
	return out
}

// tagIDs decodes the document stage by stage. A token's features other
// than the history ones are the same in every stage: their scores in
// every stage are summed once (scoreLocal); a later stage then adds its
// history features' scores.
func (t *Tagger) tagIDs(sentences [][]string) [][]int {
	var words *wordCache
	select {
	case words = <-t.words:
	default:
		words = newWordCache(&t.res)
	}
	defer func() {
		select {
		case t.words <- words:
		default: // more goroutines than caches kept: drop it
		}
	}()
	d := prepareDocument(sentences, &t.res, t.res.lookupGaz, words)
	ns := len(t.m.stages)
	first := make([]int, len(d.sents)+1) // first token of each sentence
	for si, s := range d.sents {
		first[si+1] = first[si] + len(s.toks)
	}
	stride := first[len(d.sents)] * numTags // one stage's emissions
	em := make([]float32, ns*stride)
	t.scoreLocal(d, words, em, first, stride)
	var feats []uint64
	stageEm := func(s, si int) []float32 {
		return em[s*stride+first[si]*numTags : s*stride+first[si+1]*numTags]
	}
	var dec decoder
	pred := make([][]int, len(sentences))
	for si := range d.sents {
		pred[si] = dec.viterbi(stageEm(0, si), len(d.sents[si].toks), &t.m.stages[0].trans, nil)
	}
	for s := 1; s < ns; s++ {
		d.hist = history(d, pred)
		for si := range d.sents {
			e := stageEm(s, si)
			for i := range d.sents[si].toks {
				feats = extractHist(d, si, i, feats[:0])
				t.x.score(feats, s, s+1, e[i*numTags:], 0)
			}
			pred[si] = dec.viterbi(e, len(d.sents[si].toks), &t.m.stages[s].trans, nil)
		}
	}
	d.repair(pred)
	return pred
}

// repair makes the corrections that follow decoding: name particles join
// the two parts of a person's name, and in cased text a person's name
// does not end in a lower-case word.
func (d *document) repair(pred [][]int) {
	cased := d.cased()
	for si := range d.sents {
		joinParticles(d.sents[si].toks, pred[si])
		if cased && !d.sents[si].allCaps {
			trimLowerEnds(d.sents[si].toks, pred[si])
		}
	}
}

// scoreLocal puts the scores of every token's local features, in every
// stage, into em (stage s of token k of the document at
// em[s*stride+k*numTags:]), summing the groups the words keep.
func (t *Tagger) scoreLocal(d *document, words *wordCache, em []float32, first []int, stride int) {
	ns := len(t.m.stages)
	width := ns * numTags
	var feats []uint64
	var acc [maxStages * numTags]float32
	for si := range d.sents {
		s := &d.sents[si]
		c := 0
		if s.allCaps {
			c = 1
		}
		for i := range s.toks {
			tok := &s.toks[i]
			wi := tok.info
			in := 0
			if tok.initial {
				in = 1
			}
			if !wi.selfDone[c][in] {
				feats = selfFeatures(tok, s.allCaps, tok.initial, feats[:0])
				t.x.score(feats, 0, ns, wi.self[c][in][:], numTags)
				wi.selfDone[c][in] = true
			}
			acc = wi.self[c][in]
			for slot, k := range neighbourOffsets {
				var n *wordInfo
				switch j := i + k; {
				case j < 0:
					n = words.boundary[0]
				case j >= len(s.toks):
					n = words.boundary[1]
				default:
					n = s.toks[j].info
				}
				if !n.nbDone[slot] {
					feats = neighbourFeatures(&n.tok, k, feats[:0])
					t.x.score(feats, 0, ns, n.nb[slot][:], numTags)
					n.nbDone[slot] = true
				}
				for j := range width {
					acc[j] += n.nb[slot][j]
				}
			}
			feats = pairFeatures(d, si, i, feats[:0])
			t.x.score(feats, 0, ns, acc[:], numTags)
			for st := 0; st < ns; st++ {
				copy(em[st*stride+(first[si]+i)*numTags:][:numTags], acc[st*numTags:])
			}
		}
	}
}

// cased reports whether the document writes case the way edited prose does:
// most sentences start with a capital. Only there does a lower-case word
// say "not a name".
func (d *document) cased() bool {
	initial, capital := 0, 0
	for _, s := range d.sents {
		if s.allCaps {
			continue
		}
		for _, t := range s.toks {
			if t.initial {
				initial++
				if t.cap {
					capital++
				}
				break
			}
		}
	}
	return initial > 0 && 4*capital >= 3*initial
}

// trimLowerEnds cuts lower-case words off the end of a person's name in
// cased text ("Sinclair states" → "Sinclair"): a name may hold lower-case
// particles ("Ursula von der Leyen") but does not end in one. Other types
// are left alone: places and works do end in lower-case words in CoNLL
// gold, and cutting them there cost more than it gained.
func trimLowerEnds(toks []token, tags []int) {
	for i := len(tags) - 1; i > 0; i-- {
		if tags[i] != tagIPER || (i+1 < len(tags) && tags[i+1] != tagO && !isBegin(tags[i+1])) {
			continue
		}
		// i ends a span of two or more words.
		for i > 0 && !isBegin(tags[i]) && isLowerWord(toks[i].w) {
			tags[i] = tagO
			i--
		}
	}
}

// isLowerWord reports whether w has letters and no capital.
func isLowerWord(w string) bool {
	return hasLetter(w) && w == strings.ToLower(w)
}

// nameParticles are lower-case words that join the parts of a person's
// name ("Ursula von der Leyen", "Vincent van Gogh", "Leonardo da Vinci").
var nameParticles = map[string]bool{"von": true, "van": true, "der": true, "den": true, "de": true, "da": true,
	"di": true, "del": true, "della": true, "du": true, "des": true, "al": true, "bin": true, "ibn": true,
	"dos": true, "ter": true, "zu": true, "la": true, "le": true}

// joinParticles makes one person of "PER particle… PER" when the
// particles (at most two, in lower case) were tagged outside: CoNLL-2003
// counts them as part of the name, and the tagger, seeing "von" mostly as
// an ordinary lower-case word, splits such names in two.
func joinParticles(toks []token, tags []int) {
	for i := 1; i < len(tags); i++ {
		if tags[i] != tagO || tagType(tags[i-1]) != 0 || !nameParticles[toks[i].w] {
			continue
		}
		j := i + 1
		if j < len(tags) && tags[j] == tagO && nameParticles[toks[j].w] {
			j++
		}
		if j < len(tags) && tags[j] == tagBPER {
			for k := i; k <= j; k++ {
				tags[k] = tagIPER
			}
			i = j
		}
	}
}

// decoder holds scratch buffers for decoding.
type decoder struct {
	back  []int8
	score [2][numTags]float32
}

// viterbi returns the best tag sequence for emission scores em (n rows of
// numTags) under the transition scores and IOB2 constraints; mask, when
// not nil, limits each position to the tags whose bits are set.
func (dc *decoder) viterbi(em []float32, n int, trans *[numTags + 1][numTags]float32, mask []uint16) []int {
	out := make([]int, n)
	if n == 0 {
		return out
	}
	if cap(dc.back) < n*numTags {
		dc.back = make([]int8, n*numTags)
	}
	back := dc.back[:n*numTags]
	neg := float32(math.Inf(-1))
	cur := &dc.score[0]
	for t := 0; t < numTags; t++ {
		cur[t] = neg
		if allowed(startTag, t) && (mask == nil || mask[0]&(1<<t) != 0) {
			cur[t] = trans[startTag][t] + em[t]
		}
	}
	for i := 1; i < n; i++ {
		next := &dc.score[i%2]
		prev := &dc.score[(i-1)%2]
		for t := 0; t < numTags; t++ {
			best, arg := neg, -1
			if mask == nil || mask[i]&(1<<t) != 0 {
				for p := 0; p < numTags; p++ {
					if prev[p] == neg || !allowed(p, t) {
						continue
					}
					if s := prev[p] + trans[p][t]; s > best {
						best, arg = s, p
					}
				}
			}
			if arg >= 0 {
				next[t] = best + em[i*numTags+t]
			} else {
				next[t] = neg
			}
			back[i*numTags+t] = int8(arg)
		}
	}
	last := &dc.score[(n-1)%2]
	best, arg := neg, 0
	for t := 0; t < numTags; t++ {
		if last[t] > best {
			best, arg = last[t], t
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i > 0 {
			a := int(back[i*numTags+arg])
			if a < 0 {
				a = tagO
			}
			arg = a
		}
	}
	return out
}

// history summarises, for every capitalised token, the first-stage tags of
// the other capitalised occurrences of the same word in the document: the
// most frequent entity type (0..3), 4 for "mostly outside", -1 for none.
func history(d *document, pred [][]int) [][]int8 {
	type counts [5]int
	byWord := map[string]*counts{}
	for si, s := range d.sents {
		for i, t := range s.toks {
			if !t.cap || !t.letter {
				continue
			}
			c := byWord[t.lower]
			if c == nil {
				c = &counts{}
				byWord[t.lower] = c
			}
			c[histClass(pred[si][i])]++
		}
	}
	h := make([][]int8, len(d.sents))
	for si, s := range d.sents {
		h[si] = make([]int8, len(s.toks))
		for i, t := range s.toks {
			h[si][i] = -1
			if !t.cap || !t.letter {
				continue
			}
			c := *byWord[t.lower]
			c[histClass(pred[si][i])]--
			best, arg := 0, -1
			for k, v := range c {
				if v > best {
					best, arg = v, k
				}
			}
			h[si][i] = int8(arg)
		}
	}
	return h
}

func histClass(tag int) int {
	if tag == tagO {
		return 4
	}
	return tagType(tag)
}
