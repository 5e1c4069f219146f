package entity

// The features of the pronoun model (pronoun_model.go): which persons a
// pronoun may refer to, and what is known of each.

import (
	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// Bounds on a pronoun's candidates: at most maxPronCands persons, of the
// events within candSentences narrative sentences.
const (
	maxPronCands  = 8
	candSentences = 6
)

// pronounCands lists the person clusters a pronoun at token i may refer
// to: the persons whose gender is unknown or the pronoun's, of the latest
// events within candSentences narrative sentences, most recent first,
// and the rules' choice.
func (d *doc) pronounCands(i int, g article.Gender, events []event, rule int) []int {
	var out []int
	s := d.sentOf[i]
	seen := map[int]bool{}
	for e := len(events) - 1; e >= 0 && len(out) < maxPronCands; e-- {
		ev := events[e]
		if d.narrative[s]-d.narrative[ev.sent] > candSentences {
			break
		}
		c := &d.clusters[ev.cluster]
		if seen[ev.cluster] || c.typ != article.Person || c.prior != article.GenderUnknown && c.prior != g {
			continue
		}
		seen[ev.cluster] = true
		out = append(out, ev.cluster)
	}
	if rule >= 0 && !seen[rule] {
		out = append(out, rule)
	}
	return out
}

func bucket(n int, max int) int {
	if n > max {
		return max
	}
	return n
}

// pronounFeats are the hashed features of candidate c for the pronoun k
// at token i.
func (d *doc) pronounFeats(i int, k string, g article.Gender, speaker bool, c, rule int, events []event, cands []int) []uint64 {
	var fs []uint64
	h := func(t byte) perceptron.Hash { return perceptron.Template(t) }
	put := func(x perceptron.Hash) { fs = append(fs, uint64(x)) }
	form := byte('s')
	switch k {
	case "his", "her", "hers":
		form = 'p'
	case "him":
		form = 'o'
	case "himself", "herself":
		form = 'r'
	}
	rank := 0
	for j, x := range cands {
		if x == c {
			rank = j
		}
	}
	// the candidate's latest event and its counts within the window the
	// candidates come from (bounded: features stay linear in the text)
	var last event
	found := false
	n, named, subj := 0, 0, 0
	s := d.sentOf[i]
	for e := len(events) - 1; e >= 0 && e >= len(events)-maxLookback; e-- {
		ev := events[e]
		if d.narrative[s]-d.narrative[ev.sent] > candSentences {
			break
		}
		if ev.cluster != c {
			continue
		}
		n++
		if ev.named {
			named++
		}
		if ev.subject {
			subj++
		}
		if !found {
			last, found = ev, true
		}
	}
	first := -1 // the article's first person
	for e := 0; e < len(events) && e < maxLookback; e++ {
		if d.clusters[events[e].cluster].typ == article.Person {
			first = events[e].cluster
			break
		}
	}
	cl := &d.clusters[c]
	gm := byte('u')
	if cl.prior != article.GenderUnknown {
		if cl.prior == g {
			gm = 'm'
		} else {
			gm = 'x'
		}
	}
	isRule := c == rule
	put(h(1).Byte(boolB(isRule)))
	put(h(2).Int(bucket(rank, 4)).Byte(boolB(isRule)))
	put(h(3).Byte(gm))
	put(h(4).Byte(gm).Byte(boolB(isRule)))
	put(h(17).Byte(boolB(c == first)))
	put(h(18).Int(bucket(n, 5)))
	if found {
		sd := d.narrative[d.sentOf[i]] - d.narrative[last.sent]
		put(h(5).Int(bucket(sd, 4)).Byte(boolB(last.subject)))
		put(h(6).Int(bucket(sd, 4)).Byte(form))
		put(h(7).Byte(boolB(last.named)).Byte(boolB(last.subject)))
		put(h(8).Byte(boolB(d.inQuote[last.tok])).Byte(boolB(d.inQuote[i])))
		put(h(9).Byte(boolB(last.spoke)).Byte(boolB(speaker)))
		put(h(10).Byte(boolB(d.clauseInitial(last.tok))).Byte(form))
		put(h(11).Int(bucket(rank, 4)).Byte(form))
		put(h(12).Int(bucket(sd, 4)).Byte(boolB(isRule)))
		put(h(13).Byte(boolB(last.spoke)).Byte(boolB(speaker)).Byte(boolB(isRule)))
		put(h(14).Int(bucket(named, 3)).Int(bucket(subj, 3)))
	} else {
		put(h(15))
	}
	put(h(16).Byte(form).Byte(boolB(isRule)))
	return fs
}

func boolB(b bool) byte {
	if b {
		return 1
	}
	return 0
}
