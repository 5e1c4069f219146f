package evaluate

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ErrPTCLabels marks a malformed line of a PTC label file.
var ErrPTCLabels = errors.New("bad PTC label line")

// PTCLabel is one line of a Propaganda Techniques Corpus label file
// (SemEval-2020 Task 11): an article id, a technique ("" in SI files, "?"
// in TC templates) and a span in code points, end exclusive.
type PTCLabel struct {
	ID         string
	Technique  string
	Start, End int
}

// ReadPTCLabels reads label lines in either official format: SI
// (`id TAB start TAB end`) or TC (`id TAB technique TAB start TAB end`).
// Blank lines are skipped.
func ReadPTCLabels(r io.Reader) ([]PTCLabel, error) {
	var out []PTCLabel
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		var l PTCLabel
		switch len(f) {
		case 3:
			l.ID = f[0]
		case 4:
			l.ID, l.Technique = f[0], f[1]
		default:
			return nil, fmt.Errorf("%w %d: %d fields", ErrPTCLabels, n, len(f))
		}
		s, err1 := strconv.Atoi(strings.TrimSpace(f[len(f)-2]))
		e, err2 := strconv.Atoi(strings.TrimSpace(f[len(f)-1]))
		if err1 != nil || err2 != nil || s < 0 || e < s {
			return nil, fmt.Errorf("%w %d: bad offsets", ErrPTCLabels, n)
		}
		l.Start, l.End = s, e
		out = append(out, l)
	}
	return out, sc.Err()
}

// SIScore is the SemEval-2020 Task 11 span identification score:
// precision and recall with partial credit for overlap, over spans merged
// per article (Da San Martino et al. 2019).
type SIScore struct {
	Precision, Recall, F1 float64
	Predicted, Gold       int // merged span counts
	// TechniqueRecall is, per technique of the gold (when the gold has
	// techniques), the recall of that technique's own gold spans, with
	// the same partial credit.
	TechniqueRecall map[string]float64
	TechniqueGold   map[string]int
}

type span struct{ s, e int }

func mergeSpans(ls []PTCLabel) []span {
	sp := make([]span, 0, len(ls))
	for _, l := range ls {
		if l.End > l.Start {
			sp = append(sp, span{l.Start, l.End})
		}
	}
	slices.SortFunc(sp, func(a, b span) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return a.e - b.e
	})
	var out []span
	for _, x := range sp {
		if n := len(out); n > 0 && x.s < out[n-1].e {
			out[n-1].e = max(out[n-1].e, x.e)
			continue
		}
		out = append(out, x)
	}
	return out
}

func overlap(a, b span) int {
	return max(0, min(a.e, b.e)-max(a.s, b.s))
}

// ScoreSI scores predicted spans against gold spans. Articles are those of
// the gold and the predictions together; an article missing from one side
// counts as having no spans there.
func ScoreSI(gold, pred []PTCLabel) SIScore {
	g, p := byID(gold), byID(pred)
	ids := map[string]bool{}
	for id := range g {
		ids[id] = true
	}
	for id := range p {
		ids[id] = true
	}
	var sc SIScore
	var pSum, rSum float64
	techSum := map[string]float64{}
	techN := map[string]int{}
	for id := range ids {
		gs, ps := mergeSpans(g[id]), mergeSpans(p[id])
		sc.Gold += len(gs)
		sc.Predicted += len(ps)
		for _, s := range ps {
			for _, t := range gs {
				if o := overlap(s, t); o > 0 {
					pSum += float64(o) / float64(s.e-s.s)
					rSum += float64(o) / float64(t.e-t.s)
				}
			}
		}
		for _, l := range g[id] {
			if l.Technique == "" || l.End <= l.Start {
				continue
			}
			t := span{l.Start, l.End}
			techN[l.Technique]++
			for _, s := range ps {
				if o := overlap(s, t); o > 0 {
					techSum[l.Technique] += float64(o) / float64(t.e-t.s)
				}
			}
		}
	}
	if sc.Predicted > 0 {
		sc.Precision = pSum / float64(sc.Predicted)
	}
	if sc.Gold > 0 {
		sc.Recall = rSum / float64(sc.Gold)
	}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	if len(techN) > 0 {
		sc.TechniqueRecall = map[string]float64{}
		sc.TechniqueGold = techN
		for t, n := range techN {
			sc.TechniqueRecall[t] = techSum[t] / float64(n)
		}
	}
	return sc
}

func byID(ls []PTCLabel) map[string][]PTCLabel {
	m := map[string][]PTCLabel{}
	for _, l := range ls {
		m[l.ID] = append(m[l.ID], l)
	}
	return m
}

// TCScore is the SemEval-2020 Task 11 technique classification score:
// micro-averaged F1 over spans (accuracy when every gold span gets one
// prediction), and precision, recall and F1 per technique.
type TCScore struct {
	Micro PRF
	Per   map[string]PRF
}

// Techniques returns the techniques of s sorted by name.
func (s TCScore) Techniques() []string {
	out := make([]string, 0, len(s.Per))
	for t := range s.Per {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// ScoreTC scores predicted labels against gold labels of the same spans:
// a prediction is right when the gold has the same technique on the same
// span (id, start, end); a span labelled twice in the gold can be right
// twice.
func ScoreTC(gold, pred []PTCLabel) TCScore {
	type key struct {
		id   string
		s, e int
	}
	g := map[key][]string{}
	for _, l := range gold {
		k := key{l.ID, l.Start, l.End}
		g[k] = append(g[k], l.Technique)
	}
	sc := TCScore{Per: map[string]PRF{}}
	for _, l := range gold {
		p := sc.Per[l.Technique]
		p.FN++
		sc.Per[l.Technique] = p
	}
	for _, l := range pred {
		k := key{l.ID, l.Start, l.End}
		p := sc.Per[l.Technique]
		if i := slices.Index(g[k], l.Technique); i >= 0 {
			g[k] = slices.Delete(g[k], i, i+1)
			p.TP++
			p.FN--
			sc.Micro.TP++
		} else {
			p.FP++
			sc.Micro.FP++
		}
		sc.Per[l.Technique] = p
	}
	sc.Micro.FN = len(gold) - sc.Micro.TP
	sc.Micro.finish()
	for t, p := range sc.Per {
		p.finish()
		sc.Per[t] = p
	}
	return sc
}
