package evaluate

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrTagCount is returned when gold and predicted tag sequences do not line
// up (different numbers of sentences or of tokens in a sentence).
var ErrTagCount = errors.New("gold and predicted tags differ in length")

// PRF is precision, recall and F1 over exact-match entity chunks, with the
// counts they are computed from.
type PRF struct {
	TP, FP, FN      int
	Precision       float64
	Recall          float64
	F1              float64
	Gold, Predicted int
}

func (p *PRF) finish() {
	p.Gold = p.TP + p.FN
	p.Predicted = p.TP + p.FP
	if p.Predicted > 0 {
		p.Precision = float64(p.TP) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		p.Recall = float64(p.TP) / float64(p.Gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// CoNLLScore is conlleval's entity score: a predicted chunk counts only when
// its span and its type both equal a gold chunk's.
type CoNLLScore struct {
	Overall PRF
	// ByType holds the score of each entity type seen in gold or
	// prediction (PER, ORG, LOC, MISC …).
	ByType map[string]PRF
	// Tokens is the number of tokens scored; Correct how many had the
	// same tag in gold and prediction (conlleval's "accuracy").
	Tokens, Correct int
}

// Types returns the entity types of s.ByType in alphabetical order.
func (s CoNLLScore) Types() []string {
	ts := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// String formats the score as a small table, overall first.
func (s CoNLLScore) String() string {
	var b strings.Builder
	row := func(name string, p PRF) {
		fmt.Fprintf(&b, "%-8s P %.4f  R %.4f  F1 %.4f  (gold %d, predicted %d, correct %d)\n",
			name, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted, p.TP)
	}
	row("overall", s.Overall)
	for _, t := range s.Types() {
		row(t, s.ByType[t])
	}
	if s.Tokens > 0 {
		fmt.Fprintf(&b, "tokens %d, tag accuracy %.4f\n", s.Tokens, float64(s.Correct)/float64(s.Tokens))
	}
	return b.String()
}

// Chunk is one entity chunk: tokens [Start, End) of a sentence, of Type.
type Chunk struct {
	Start, End int
	Type       string
}

// splitTag splits an IOB tag into its prefix ('B', 'I', 'E', 'S' or 'O')
// and type. Tags without a prefix (a bare "PER") are read as I-PER, as
// conlleval does; "O" and "" are outside.
func splitTag(tag string) (byte, string) {
	if tag == "" || tag == "O" || tag == "-X-" {
		return 'O', ""
	}
	if len(tag) >= 2 && (tag[1] == '-' || tag[1] == '_') {
		switch tag[0] {
		case 'B', 'I', 'E', 'S', 'L', 'U':
			p := tag[0]
			if p == 'L' {
				p = 'E'
			} else if p == 'U' {
				p = 'S'
			}
			return p, tag[2:]
		}
	}
	return 'I', tag
}

// chunkEnds reports whether a chunk ends between a token tagged (prevP,
// prevT) and one tagged (p, t); chunkStarts whether one starts at the
// second. These are conlleval's endOfChunk and startOfChunk.
func chunkEnds(prevP byte, prevT string, p byte, t string) bool {
	switch {
	case prevP == 'E' || prevP == 'S':
		return true
	case prevP == 'B' || prevP == 'I':
		return p == 'B' || p == 'S' || p == 'O' || prevT != t
	}
	return false
}

func chunkStarts(prevP byte, prevT string, p byte, t string) bool {
	switch {
	case p == 'B' || p == 'S':
		return true
	case p == 'E' || p == 'I':
		return prevP == 'E' || prevP == 'S' || prevP == 'O' || prevT != t
	}
	return false
}

// Chunks returns the entity chunks of one sentence's tags, read the way
// conlleval reads them: an I- tag that follows O or another type starts a
// chunk, so IOB1 and malformed IOB2 are scored as conlleval would.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	prevP, prevT := byte('O'), ""
	start := -1
	for i, tag := range tags {
		p, t := splitTag(tag)
		if start >= 0 && chunkEnds(prevP, prevT, p, t) {
			out = append(out, Chunk{start, i, prevT})
			start = -1
		}
		if chunkStarts(prevP, prevT, p, t) {
			start = i
		}
		prevP, prevT = p, t
	}
	if start >= 0 {
		out = append(out, Chunk{start, len(tags), prevT})
	}
	return out
}

// ScoreCoNLL compares predicted tags with gold tags, sentence by sentence,
// and returns conlleval's exact-span, exact-type entity score.
func ScoreCoNLL(gold, pred [][]string) (CoNLLScore, error) {
	s := CoNLLScore{ByType: map[string]PRF{}}
	if len(gold) != len(pred) {
		return s, fmt.Errorf("%w: %d gold sentences, %d predicted", ErrTagCount, len(gold), len(pred))
	}
	add := func(t string, f func(*PRF)) {
		p := s.ByType[t]
		f(&p)
		s.ByType[t] = p
		f(&s.Overall)
	}
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return s, fmt.Errorf("%w: sentence %d has %d gold tags, %d predicted", ErrTagCount, i+1, len(gold[i]), len(pred[i]))
		}
		for j := range gold[i] {
			s.Tokens++
			if gold[i][j] == pred[i][j] {
				s.Correct++
			}
		}
		g, p := Chunks(gold[i]), Chunks(pred[i])
		gs := make(map[Chunk]bool, len(g))
		for _, c := range g {
			gs[c] = true
		}
		for _, c := range p {
			if gs[c] {
				add(c.Type, func(x *PRF) { x.TP++ })
				delete(gs, c)
			} else {
				add(c.Type, func(x *PRF) { x.FP++ })
			}
		}
		for _, c := range g {
			if gs[c] {
				add(c.Type, func(x *PRF) { x.FN++ })
			}
		}
	}
	s.Overall.finish()
	for t, p := range s.ByType {
		p.finish()
		s.ByType[t] = p
	}
	return s, nil
}
