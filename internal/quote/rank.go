package quote

import (
	"sort"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// The speaker ranker (Options.Speakers, a SpeakerModel) chooses the
// speaker of each quotation among candidates instead of taking the rules'
// answer as final: the rules' own choice, the previous quotation's
// speaker, and the names, pronouns and descriptions written near the
// quotation, each resolved to a name as the rules resolve a mention
// (resolve.go). A linear model over hashed features (rank_features.go)
// scores them; the best wins. rank_train.go trains it.

// Bounds on the candidates of one quotation, which keep the ranker linear
// in the article's length: mentions in the quotation's sentences and in
// at most rankSentsBack sentences before them, at most maxRankCands in
// all.
const (
	rankSentsBack = 2
	maxRankCands  = 24
)

// candSource says where a speaker candidate comes from.
type candSource uint8

const (
	srcRule     candSource = iota // the rules' mention
	srcFloating                   // no mention: the previous or introduced speaker
	srcEntity                     // an entity's mention
	srcPronoun                    // a third-person pronoun
	srcDesc                       // a description: determiner + role, group, organisation or document noun
)

// speakerCand is one candidate speaker of a quotation: a mention (tokens
// [ms,me), ms < 0 for none) and the speaker it resolves to.
type speakerCand struct {
	ms, me int
	src    candSource
	rule   bool // the rules' choice
	sp     article.Speaker
}

// rankState is what the ranker knows of the quotations before the
// current one.
type rankState struct {
	prev *cand  // the previous quotation with a speaker
	alt  string // the latest speaker other than prev's
}

// sentIndex returns the index of the sentence holding byte off (the
// first starting after it when off is between sentences), or len(sents).
func (d *doc) sentIndex(off int) int {
	return sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > off })
}

// paraIndex returns the index of the paragraph holding byte off.
func (d *doc) paraIndex(off int) int {
	return sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End > off })
}

// speakerCands lists the candidate speakers of c: the rules' choice
// (rule, its mention or floating speaker) first, then the previous
// speaker when the rules chose a mention, then entity mentions, pronouns
// and descriptions outside quotations in c's sentences and the
// rankSentsBack sentences before, nearest first.
func (d *speakerResolver) speakerCands(c *cand, prev *cand, rule article.Speaker, out []speakerCand) []speakerCand {
	out = out[:0]
	rs, re := -1, -1
	if c.ms >= 0 && rule.Mention != nil {
		rs, re, _ = d.tokRange(rule.Mention.Range())
		out = append(out, speakerCand{ms: rs, me: re, src: srcRule, rule: true, sp: rule})
	} else {
		out = append(out, speakerCand{ms: -1, me: -1, src: srcFloating, rule: true, sp: rule})
	}
	if c.ms >= 0 && prev != nil {
		out = append(out, speakerCand{ms: -1, me: -1, src: srcFloating, sp: d.floating(c, prev)})
	}
	s0 := d.sentIndex(c.cs)
	s1 := d.sentIndex(max(c.ce-1, c.cs))
	if s0 >= len(d.sents) {
		return out
	}
	s1 = min(s1, len(d.sents)-1)
	lo := d.tokAt(0, len(d.toks), d.sents[max(s0-rankSentsBack, 0)].Start)
	hi := d.tokAt(0, len(d.toks), d.sents[s1].End)
	qs := d.tokAt(0, len(d.toks), c.cs)
	qe := d.tokAt(0, len(d.toks), c.ce)
	// nearest first: outward from the quotation
	var spans [][3]int // ms, me, src
	add := func(a, b int, src candSource) {
		if a < 0 || b <= a || a < qe && b > qs {
			return // inside the quotation
		}
		if d.inQuote[a] || d.inParens(d.toks[a].s) {
			return
		}
		// a mention in an earlier sentence only where that sentence
		// introduces speech: it ends with a colon or has a reporting verb
		if si := d.sentIndex(d.toks[a].s); si < s0 {
			if colon, cue := d.sentenceIntro(si); !colon && !cue {
				return
			}
		}
		for _, s := range spans {
			if s[0] == a && s[1] == b {
				return
			}
		}
		if a == rs && b == re {
			return
		}
		spans = append(spans, [3]int{a, b, int(src)})
	}
	for k := max(d.entityBefore(d.toks[min(lo, len(d.toks)-1)].s), 0); k < len(d.ents) && hi > 0 && d.ents[k].Start < d.toks[hi-1].e; k++ {
		en := d.ents[k]
		if a, b, ok := d.tokRange(en.Range()); ok && a >= lo {
			add(a, b, srcEntity)
		}
	}
	if d.wordClass == nil {
		d.classifyWords()
	}
	for i := lo; i < hi; i++ {
		if i == qs && qe > qs {
			i = qe - 1 // the quotation's own words are no candidates
			continue
		}
		switch d.wordClass[i] {
		case srcPronoun:
			add(i, i+1, srcPronoun)
		case srcDesc:
			if a := d.descStart(i, lo); a >= 0 {
				add(a, i+1, srcDesc)
			}
		}
	}
	anchor := func(s [3]int) int {
		switch {
		case s[1] <= qs:
			return qs - s[1]
		case s[0] >= qe:
			return s[0] - qe
		}
		return 0
	}
	sort.SliceStable(spans, func(i, j int) bool { return anchor(spans[i]) < anchor(spans[j]) })
	for _, s := range spans {
		if len(out) >= maxRankCands {
			break
		}
		sp := d.resolveCached(c, prev, s[0], s[1])
		if sp.Mention == nil {
			continue
		}
		out = append(out, speakerCand{ms: s[0], me: s[1], src: candSource(s[2]), sp: sp})
	}
	return out
}

// resolveCached is resolveMention for the mention [ms,me) of a
// quotation like c, remembered per mention, previous quotation and
// paragraph (all resolveMention reads): neighbouring quotations share
// most of their candidates.
func (d *speakerResolver) resolveCached(c, prev *cand, ms, me int) article.Speaker {
	pi := -1
	if prev != nil {
		pi = prev.cs
	}
	k := resolveKey{ms, me, pi, c.para}
	if sp, ok := d.resolved[k]; ok {
		return sp
	}
	sub := *c
	sub.ms, sub.me = ms, me
	sp := d.resolveMention(&sub, prev)
	if d.resolved == nil {
		d.resolved = map[resolveKey]article.Speaker{}
	}
	d.resolved[k] = sp
	return sp
}

// resolveKey is what a candidate mention's resolution depends on.
type resolveKey struct{ ms, me, prev, para int }

// classifyWords sets d.wordClass: srcPronoun for a third-person
// pronoun that can speak, srcDesc for the head noun of a description,
// srcRule (zero) for any other token.
func (d *speakerResolver) classifyWords() {
	d.wordClass = make([]candSource, len(d.toks))
	for i, t := range d.toks {
		switch {
		case t.kind != tWord:
		case english.SpeakerPronouns().Has(t.lower) && t.lower != "i" && t.lower != "we" && t.lower != "you":
			d.wordClass[i] = srcPronoun
		case !t.cap && isDescHead(t.lower):
			d.wordClass[i] = srcDesc
		}
	}
}

// isDescHead reports whether w heads a description that can speak: a
// role, group, organisation or document noun.
func isDescHead(w string) bool {
	w = stripPossessive(w)
	return english.NameTitles().Has(w) || english.GroupNouns().Has(w) || english.SpeakerOrgNouns().Has(w) || english.DocumentNouns().Has(w)
}

// descStart returns the first token of the description headed by token
// i: a determiner or possessive at most four words before, with only
// words between; -1 when there is none.
func (d *speakerResolver) descStart(i, lo int) int {
	for j := i - 1; j >= lo && i-j <= 4; j-- {
		t := d.toks[j]
		if t.kind != tWord {
			return -1
		}
		if english.Determiners().Has(t.lower) || len(t.lower) > 2 && (t.lower[len(t.lower)-2:] == "'s") {
			return j
		}
	}
	return -1
}

// rankSpeaker returns the speaker the model ranks first among c's
// candidates, the rules' speaker rule included.
func (d *speakerResolver) rankSpeaker(c *cand, st rankState, rule article.Speaker, f *rankFeaturer) article.Speaker {
	f.cands = d.speakerCands(c, st.prev, rule, f.cands)
	if len(f.cands) == 1 {
		return rule
	}
	for len(f.feats) < len(f.cands) {
		f.feats = append(f.feats, nil)
	}
	for k := range f.cands {
		f.feats[k] = d.candFeatures(c, st, f.cands, k, f.feats[k][:0])
	}
	b := f.cands[d.x.opts.Speakers.best(f.cands, f.feats[:len(f.cands)])]
	if b.rule {
		return rule
	}
	// the rules' mention, when it names the same speaker, is the fuller
	// one ("then-Surrey mayoral candidate Doug McCallum")
	if rule.Mention != nil && b.sp.Mention != nil && rule.Mention.Range().Overlaps(b.sp.Mention.Range()) && sameName(rule.Name, b.sp.Name) {
		return rule
	}
	// a floating quotation keeps the rules' speaker without a mention
	// when the ranker names the same speaker from an earlier sentence
	if rule.Mention == nil && b.sp.Mention != nil && rule.Name == b.sp.Name && d.sentIndex(b.sp.Mention.Start) < d.sentIndex(c.cs) {
		return rule
	}
	return b.sp
}

// rankFeaturer holds the buffers the ranker reuses between quotations.
type rankFeaturer struct {
	cands []speakerCand
	feats [][]uint64
}
