package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
	"github.com/newsgraph/newsgraph/internal/perceptron"
)

// Feature templates of the speaker ranker. Each feature is a hash of its
// template and values (perceptron.Hash); most are conjoined with the
// candidate's class, so that a distance or position means what it means
// for that kind of mention.
const (
	fBias byte = iota + 1
	fRule
	fRuleKind
	fSentDist
	fParaDist
	fTokDist
	fCueDist
	fCueSide
	fAnyCue
	fSubject
	fPrep
	fPossessive
	fParens
	fSpeakerKind
	fEntType
	fPrevSame
	fAltSame
	fGender
	fPrevGender
	fHead
	fNearRank
	fFloatPara
	fFloatCont
	fParaOpens
	fEmptyName
	fInsideRule
	fSalience
	fOutside
	fRuleSrc
	fCueLemma
	fConj
	fIntro
)

// candClass names the kind of a candidate for conjunctions: its source,
// and for an entity its type, for a pronoun the pronoun.
func (d *speakerResolver) candClass(sc *speakerCand) string {
	switch sc.src {
	case srcRule:
		return "rule"
	case srcFloating:
		return "float"
	case srcPronoun:
		return "pr:" + d.toks[sc.ms].lower
	case srcDesc:
		return "desc"
	}
	if en := d.entityAt(d.toks[sc.ms].s, d.toks[sc.me-1].e); en != nil {
		return "ent:" + string(en.Type)
	}
	return "ent"
}

// candFeatures appends the features of candidate k of cs for quotation c
// to out.
func (d *speakerResolver) candFeatures(c *cand, st rankState, cs []speakerCand, k int, out []uint64) []uint64 {
	sc := &cs[k]
	cls := d.candClass(sc)
	qk := string(c.kind)
	h := func(t byte) perceptron.Hash { return perceptron.Template(t).Str(cls) }
	put := func(x perceptron.Hash) { out = append(out, uint64(x)) }
	hasMention := c.ms >= 0
	put(h(fBias).Str(qk))
	put(h(fRule).Byte(boolByte(sc.rule)).Byte(boolByte(hasMention)).Str(qk))
	put(h(fSpeakerKind).Str(string(sc.sp.Kind)).Byte(boolByte(sc.rule)))
	put(h(fEmptyName).Byte(boolByte(sc.sp.Name == "")).Byte(boolByte(sc.rule)))
	// the rules' choice is a feature of every candidate: a mention beside
	// a rule mention of a given kind
	rule := &cs[0]
	put(h(fRuleSrc).Str(d.candClass(rule)).Str(string(rule.sp.Kind)).Byte(boolByte(sc.rule)))
	if prev := st.prev; prev != nil {
		same := sameName(sc.sp.Name, prev.speaker.Name)
		put(h(fPrevSame).Byte(boolByte(same)).Byte(boolByte(sc.rule)).Str(qk))
		if st.alt != "" {
			put(h(fAltSame).Byte(boolByte(sameName(sc.sp.Name, st.alt))).Byte(boolByte(same)).Byte(boolByte(hasMention)))
		}
		pd := clip(c.para-prev.para, 0, 3)
		if sc.src == srcFloating {
			put(h(fFloatPara).Int(pd).Byte(boolByte(c.cont)).Byte(boolByte(hasMention)))
		}
	} else if sc.src == srcFloating {
		put(h(fFloatPara).Int(-1).Byte(boolByte(c.cont)).Byte(boolByte(hasMention)))
	}
	if sc.src == srcFloating {
		put(h(fFloatCont).Byte(boolByte(c.cont)).Byte(boolByte(d.paraStart(c.cs) || c.cs > 0 && d.paraStart(c.cs-1))).Str(qk))
		return out
	}
	a, b := sc.ms, sc.me
	// position against the quotation
	qs := d.tokAt(0, len(d.toks), c.cs)
	qe := d.tokAt(0, len(d.toks), c.ce)
	side := byte('i')
	dist := 0
	switch {
	case b <= qs:
		side, dist = 'b', d.words(b-1, qs)
	case a >= qe:
		side, dist = 'a', d.words(qe-1, a)
	}
	sd := d.sentIndex(c.cs) - d.sentIndex(d.toks[a].s)
	pd := c.para - d.paraIndex(d.toks[a].s)
	put(h(fSentDist).Int(clip(sd, -1, 3)).Byte(side))
	put(h(fParaDist).Int(clip(pd, -1, 2)).Byte(side).Byte(boolByte(hasMention)))
	put(h(fTokDist).Int(distBucket(dist)).Byte(side).Str(qk))
	// the quotation's cue
	if c.cue >= 0 {
		cd, cside := 0, byte('b')
		if b <= c.cue {
			cd = d.words(b-1, c.cue)
		} else if a >= c.cueEnd {
			cd, cside = d.words(c.cueEnd-1, a), 'a'
		} else {
			cside = 'i'
		}
		put(h(fCueDist).Int(distBucket(cd)).Byte(cside))
		put(h(fCueSide).Byte(cside).Byte(side).Str(qk))
		put(h(fCueLemma).Str(lemmaOf(d.toks[c.cue].lower)).Byte(cside).Int(min(cd, 3)))
	} else {
		put(h(fCueDist).Int(-1))
	}
	// any reporting verb right after the mention (auxiliaries between) or
	// right before it ("said Smith")
	anyCue := byte(0)
	if e := d.skipAuxFwd(b); e < len(d.toks) && d.toks[e].kind == tWord && !d.toks[e].cap && d.x.cues.Get(d.toks[e].lower) != 0 {
		anyCue = 1
	} else if a > 0 && d.toks[a-1].kind == tWord && !d.toks[a-1].cap && d.x.cues.Get(d.toks[a-1].lower)&(english.CueSpeech|english.CueDirect) != 0 {
		anyCue = 2
	}
	put(h(fAnyCue).Byte(anyCue).Int(clip(sd, -1, 2)))
	// the conjunctions that tell a speaker named in the quotation's
	// sentence from one named before it
	prevSame := st.prev != nil && sameName(sc.sp.Name, st.prev.speaker.Name)
	put(h(fConj).Int(clip(sd, -1, 2)).Byte(anyCue).Byte(boolByte(prevSame)).Byte(boolByte(hasMention)))
	put(h(fConj).Int(clip(pd, -1, 2)).Byte(boolByte(d.subjectPosition(d.toks[a].s))).Byte(boolByte(prevSame)).Byte(boolByte(hasMention)).Byte(boolByte(c.cue >= 0)))
	// a speaker introduced in an earlier sentence: by a colon ending it
	// ("Cruz continued:"), a reporting verb in it
	if sd > 0 {
		si := d.sentIndex(d.toks[a].s)
		colon, cue := d.sentenceIntro(si)
		put(h(fIntro).Byte(boolByte(colon)).Byte(boolByte(cue)).Int(min(sd, 2)).Int(clip(pd, 0, 1)))
		put(h(fIntro).Byte(boolByte(colon)).Byte(boolByte(cue)).Byte(anyCue).Byte(boolByte(prevSame)))
	}
	// grammatical position
	off := d.toks[a].s
	put(h(fSubject).Byte(boolByte(d.subjectPosition(off))).Byte(anyCue))
	put(h(fPrep).Byte(boolByte(d.afterPreposition(off))))
	w := d.toks[b-1].lower
	poss := strings.HasSuffix(w, "'s") || b < len(d.toks) && d.toks[b].kind == tQuote && isApos(d.toks[b].r)
	put(h(fPossessive).Byte(boolByte(poss)))
	put(h(fParens).Byte(boolByte(d.inParens(off))))
	put(h(fOutside).Byte(boolByte(a >= qs && b <= qe)))
	// the mention against the rules' mention
	if rule.ms >= 0 {
		rel := byte('x')
		switch {
		case a >= rule.ms && b <= rule.me:
			rel = 'i'
		case a < rule.me && rule.ms < b:
			rel = 'o'
		}
		put(h(fInsideRule).Byte(rel).Byte(boolByte(sameName(sc.sp.Name, rule.sp.Name))))
	} else {
		put(h(fInsideRule).Byte('n'))
	}
	// what it names
	if en := d.entityAt(d.toks[a].s, d.toks[b-1].e); en != nil {
		put(h(fEntType).Str(string(en.Type)).Byte(side))
	}
	if sc.src == srcPronoun {
		want := article.Male
		if d.toks[a].lower == "she" || d.toks[a].lower == "her" {
			want = article.Female
		}
		if g := d.genderOf(sc.sp.Name); g != article.GenderUnknown && g != "" {
			put(h(fGender).Byte(boolByte(g == want)))
		}
		if st.prev != nil && st.prev.speaker.Kind == article.SpeakerPerson {
			g := d.genderOf(st.prev.speaker.Name)
			put(h(fPrevGender).Byte(boolByte(g == want)).Byte(boolByte(g == article.GenderUnknown || g == "")))
		}
	}
	if sc.src == srcDesc || sc.src == srcRule {
		hw := stripPossessive(w)
		put(h(fHead).Str(hw))
		put(h(fHead).Str(headClass(hw)).Str(string(sc.sp.Kind)))
	}
	// how many candidates of its class are nearer
	n := 0
	for j := range cs[:k] {
		if cs[j].src == sc.src && cs[j].ms >= 0 {
			n++
		}
	}
	put(h(fNearRank).Int(min(n, 3)))
	put(h(fParaOpens).Byte(boolByte(d.paraStart(off))).Byte(side))
	put(h(fSalience).Int(min(d.nameCount(sc.sp.Name, c.cs), 3)).Str(string(sc.sp.Kind)))
	return out
}

// headClass classes a description's head noun.
func headClass(w string) string {
	switch {
	case english.NameTitles().Has(w):
		return "title"
	case english.SpeakerOrgNouns().Has(w):
		return "org"
	case english.GroupNouns().Has(w):
		return "group"
	case english.DocumentNouns().Has(w):
		return "doc"
	case strings.HasSuffix(w, "s"):
		return "plural"
	}
	return "other"
}

// skipAuxFwd returns the first token from i that is not an auxiliary or
// an adverb in -ly.
func (d *speakerResolver) skipAuxFwd(i int) int {
	for i < len(d.toks) && d.toks[i].kind == tWord && !d.toks[i].cap && (english.AuxWords().Has(d.toks[i].lower) || strings.HasSuffix(d.toks[i].lower, "ly")) && i < len(d.toks)-1 {
		i++
	}
	return i
}

// nameCount counts the entity mentions named name before byte off.
func (d *speakerResolver) nameCount(name string, off int) int {
	if name == "" {
		return 0
	}
	n := 0
	last := d.entityBefore(off)
	for k := last; k >= 0 && n < 3 && last-k < 300; k-- {
		if d.ents[k].Name == name {
			n++
		}
	}
	return n
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func clip(n, lo, hi int) int { return max(lo, min(hi, n)) }

// distBucket buckets a word distance: 0, 1, 2, 3-4, 5-8, 9-16, more.
func distBucket(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 4:
		return 3
	case n <= 8:
		return 4
	case n <= 16:
		return 5
	}
	return 6
}

// sentenceIntro reports whether sentence si ends with a colon (it
// introduces what follows) and whether it holds a reporting verb.
func (d *speakerResolver) sentenceIntro(si int) (colon, cue bool) {
	if si >= len(d.sents) {
		return false, false
	}
	s := d.sents[si]
	a, b := d.tokAt(0, len(d.toks), s.Start), d.tokAt(0, len(d.toks), s.End)
	for i := b - 1; i >= a; i-- {
		if t := d.toks[i]; t.kind == tPunct || t.kind == tQuote {
			if t.r == ':' {
				colon = true
				break
			}
			continue
		}
		break
	}
	for i := a; i < b && i-a < 80; i++ {
		if t := d.toks[i]; t.kind == tWord && !t.cap && !d.inQuote[i] && d.x.cues.Get(t.lower)&(english.CueSpeech|english.CueDirect) != 0 {
			cue = true
			break
		}
	}
	return colon, cue
}
