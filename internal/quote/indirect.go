package quote

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// indirectFinder finds indirect and mixed quotations: reporting verbs with
// their subject and reported clause, "according to X", colon
// introductions and reporting nouns ("X's claim that …"), sentence by
// sentence. clause.go finds where a reported clause starts and ends.
type indirectFinder struct {
	clauseReader
	sentCur int // first sentence not before the current paragraph
}

// paragraph finds the indirect and mixed quotations of paragraph pi.
func (d *indirectFinder) paragraph(pi int, pieces []piece) {
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	para := d.paras[pi]
	for d.sentCur < len(d.sents) && d.sents[d.sentCur].End <= para.Start {
		d.sentCur++
	}
	for k := d.sentCur; k < len(d.sents) && d.sents[k].Start < para.End; k++ {
		s := d.sents[k]
		if s.End <= para.Start {
			continue
		}
		s0 := d.tokAt(lo, hi, max(s.Start, para.Start))
		s1 := d.tokAt(lo, hi, min(s.End, para.End))
		if s0 < s1 {
			d.indirect(pi, s0, s1, pieces)
		}
	}
}

// indirect finds reported speech in the sentence of tokens [s0,s1).
func (d *indirectFinder) indirect(pi, s0, s1 int, pieces []piece) {
	if d.heading(pi) {
		return
	}
	for i := s0; i < s1; i++ {
		if d.inQuote[i] || d.toks[i].kind != tWord {
			continue
		}
		t := d.toks[i]
		if t.lower == "according" && i+1 < s1 && d.toks[i+1].lower == "to" {
			if e := d.accordingTo(pi, i, s0, s1, pieces); e > i {
				i = e - 1
			}
			continue
		}
		if english.ReportingNouns().Has(t.lower) && i+1 < s1 && d.toks[i+1].lower == "that" && i > s0 {
			if e := d.nounCue(pi, i, s0, s1, pieces); e > i {
				i = e - 1
			}
			continue
		}
		if english.NamingVerb(t.lower) && !t.cap {
			if e := d.naming(pi, i, s0, s1, pieces); e > i {
				i = e - 1
			}
			continue
		}
		if !d.isCue(i, english.CueSpeech|english.CueThat|english.CueObject) {
			continue
		}
		if english.NounLikeCues().Has(t.lower) && !(i+1 < s1 && d.toks[i+1].lower == "that") {
			// a bare "report"/"claim" is a verb only between a pronoun or
			// name and a clause: "they report they …", "Smith claims the …"
			a := d.skipAuxBack(i, s0)
			if a == s0 || i+1 >= s1 || t.lower == "state" || t.lower == "states" {
				continue
			}
			p, n := d.toks[a-1], d.toks[i+1]
			pluralSubject := p.kind == tWord && !p.cap && (english.GroupNouns().Has(p.lower) || strings.HasSuffix(p.lower, "s") && !strings.HasSuffix(p.lower, "ss") && len(p.lower) > 3 && !english.AuxWords().Has(p.lower) && !english.CueBlockers().Has(p.lower)) && (t.lower == "report" || t.lower == "claim" || t.lower == "note" || t.lower == "estimate" || t.lower == "answer" || t.lower == "reply" || t.lower == "warning" || t.lower == "comment" || t.lower == "add" || t.lower == "stress" || t.lower == "agree" || t.lower == "respond" || t.lower == "counter") && english.SubjectPronouns().Has(n.lower)
			if !pluralSubject && (!(english.SpeakerPronouns().Has(p.lower) || p.cap && p.kind == tWord) || !(english.SubjectPronouns().Has(n.lower) || english.Determiners().Has(n.lower) && n.lower != "her" || n.cap)) {
				continue
			}
		}
		if e := d.verbCue(pi, i, s0, s1, pieces); e > i {
			i = e - 1
		}
	}
}

// heading reports whether paragraph pi is a heading or caption line: no
// final punctuation.
func (d *indirectFinder) heading(pi int) bool {
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	if lo >= hi {
		return true
	}
	t := d.toks[hi-1]
	if t.kind == tQuote || d.words(lo-1, hi) > 15 {
		return false
	}
	return !(t.kind == tPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == '…' || t.r == ':' || t.r == ')' || t.r == ';'))
}

// verbCue handles a reporting verb at token i. It returns the token after
// the quotation it found, or i when none.
func (d *indirectFinder) verbCue(pi, i, s0, s1 int, pieces []piece) int {
	t := d.toks[i]
	cls := d.x.cues.Get(t.lower)
	if d.blocked(i, s0) {
		return i
	}
	cueEnd := i + 1
	if part, ok := english.PhrasalParticles().Lookup(t.lower); ok && cueEnd < s1 && d.toks[cueEnd].lower == part {
		cueEnd++
	}
	// a direct quotation or colon right after the cue is the direct
	// quotation's introduction, handled elsewhere.
	if cueEnd < s1 && (d.toks[cueEnd].kind == tQuote || d.toks[cueEnd].kind == tPunct && d.toks[cueEnd].r == ':') {
		return i
	}
	if english.NamingVerb(t.lower) {
		return d.naming(pi, i, s0, s1, pieces)
	}
	participle := strings.HasSuffix(t.lower, "ing")
	// the speaker
	ms, me := -1, -1
	inverted := false
	if participle {
		if q := i - 2; q > s0 && d.toks[i-1].lower == "as" && (d.toks[q].lower == "quoted" || d.toks[q].lower == "cited") {
			// "Jane Doe was quoted as saying …": the subject of the passive.
			a := q
			for a > s0 && d.toks[a-1].kind == tWord && (english.CueBlockers().Has(d.toks[a-1].lower) && d.toks[a-1].lower != "not" && d.toks[a-1].lower != "never" && d.toks[a-1].lower != "to" || english.AuxWords().Has(d.toks[a-1].lower)) {
				a--
			}
			if a < q {
				ms, me = d.subjectBefore(a, s0)
			}
			if ms < 0 {
				return i
			}
		} else if i > s0 && d.toks[i-1].kind == tPunct && d.toks[i-1].r == ',' {
			// "…, saying …": the subject of the main clause.
			if a, b := d.npForward(s0, i); a >= 0 && d.plausibleNP(a, b) && d.headish(a, b) {
				ms, me = a, b
			}
		} else {
			return i
		}
	} else {
		ms, me = d.subjectBefore(i, s0)
		if a := d.skipAuxBack(i, s0); ms < 0 && a > s0 && (d.toks[a-1].lower == "and" || d.toks[a-1].lower == "but") {
			ms, me = d.clauseSubject(s0, a-1)
		}
		if ms < 0 && i > s0 && d.toks[i-1].kind == tPunct && d.toks[i-1].r == ',' {
			// "…, said Smith."
			if a, b := d.npForward(cueEnd, s1); a >= 0 && d.plausibleNP(a, b) {
				ms, me, inverted = a, b, true
			}
		}
		if ms < 0 {
			return i
		}
	}
	if ms < 0 {
		return i // an indirect quotation needs its speaker in the sentence
	}
	// forward content
	if !inverted {
		j := cueEnd
		if cls&english.CueObject != 0 && strings.HasPrefix(t.lower, "t") {
			j = d.skipObject(j, s1)
		} else if (cls&english.CueObject != 0 && cls&english.CueSpeech == 0 || t.lower == "warned" || t.lower == "assured" || t.lower == "reminded" || t.lower == "informed") && d.addressee(j, s1) {
			// "warned reporters the …", but "warned the border could
			// close": only a person-like object is skipped.
			j = d.skipObject(j, s1)
		}
		j, hasThat := d.skipAdjuncts(j, s1)
		if !hasThat && english.NounObjectVerbs().Has(lemmaOf(t.lower)) && !d.strongClause(j, s1) {
			j = s1 // "wrote her first book": an object, not a clause
		}
		fl := contentFlags(true, !hasThat, hasThat)
		if english.SayOrTell(t.lower) {
			fl |= cSay
		}
		if cs, ce, ok := d.content(j, s1, pieces, fl); ok {
			if hasThat || cls&(english.CueSpeech|english.CueObject) != 0 {
				kind := d.mark(pieces, cs, ce)
				c := cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: cueEnd, para: pi}
				d.cands = append(d.cands, c)
				return d.tokAt(i, s1, ce)
			}
		}
	}
	// backward content: "The plan is dead, he said." / ", said Smith."
	if cls&(english.CueSpeech|english.CueObject) == 0 {
		return i
	}
	start := ms
	if inverted {
		start = i
	}
	cut := start - 1 // the comma before the attribution
	if cut > s0 && d.toks[cut].kind == tQuote && d.toks[cut-1].kind == tPunct && d.toks[cut-1].r == ',' {
		cut = start // “…,” she said: keep the closing mark in the content
	} else if cut <= s0 || d.toks[cut].kind != tPunct || d.toks[cut].r != ',' {
		return i
	}
	// the attribution must end the sentence (short adjuncts allowed).
	after := cueEnd
	if inverted {
		after = me
	}
	if d.words(after-1, s1) > 5 && !(after < s1 && d.toks[after].kind == tPunct && d.toks[after].r == ',' && d.apposition(after+1, s1)) {
		// parenthetical ", he said, that …"
		if after < s1 && d.toks[after].kind == tPunct && d.toks[after].r == ',' {
			j, _ := d.skipAdjuncts(after+1, s1)
			if _, ce, ok := d.content(j, s1, pieces, contentFlags(true, true, false)); ok {
				cs := d.toks[s0].s
				kind := d.mark(pieces, cs, ce)
				d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: cueEnd, para: pi})
				return d.tokAt(i, s1, ce)
			}
			// ", officials said, and …": the attribution closes the
			// clause before it; what follows is the writer's.
			if n := d.toks[min(after+1, s1-1)]; after+1 < s1 && n.kind == tWord && !n.cap && (english.ClauseConjunctions().Has(n.lower) || strings.HasSuffix(n.lower, "ing")) {
				if cs, ce, ok := d.content(s0, cut, pieces, contentFlags(false, true, false)|cBackward); ok {
					kind := d.mark(pieces, cs, ce)
					d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: cueEnd, para: pi})
					return after
				}
			}
		}
		return i
	}
	cs, ce, ok := d.content(s0, cut, pieces, contentFlags(false, true, false)|cBackward)
	if !ok {
		return i
	}
	kind := d.mark(pieces, cs, ce)
	d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: cueEnd, para: pi})
	return s1
}

// naming handles "X called it a “disgrace”": the complement after the
// object is what X said.
func (d *indirectFinder) naming(pi, i, s0, s1 int, pieces []piece) int {
	if d.blocked(i, s0) {
		return i
	}
	var ms, me int
	if strings.HasSuffix(d.toks[i].lower, "ing") {
		// "…, calling it a “disgrace”": the subject of the main clause.
		if i == s0 || d.toks[i-1].kind != tPunct || d.toks[i-1].r != ',' {
			return i
		}
		ms, me = d.npForward(s0, i-1)
		if ms < 0 || !d.plausibleNP(ms, me) || !d.headish(ms, me) {
			return i
		}
	} else {
		ms, me = d.subjectBefore(i, s0)
	}
	if ms < 0 {
		return i
	}
	j := i + 1
	if j < s1 && (d.toks[j].lower == "for" || d.toks[j].lower == "on" || d.toks[j].lower == "off" || d.toks[j].lower == "in" || d.toks[j].lower == "up" || d.toks[j].lower == "back") {
		return i
	}
	if j < s1 {
		switch d.toks[j].lower {
		case "it", "them", "him", "her", "this", "that", "himself", "herself", "themselves", "itself", "us", "me":
			j++
		}
	}
	e := s1
	for e > j && d.toks[e-1].kind == tPunct {
		e--
	}
	if e-j < 2 {
		return i
	}
	cs, ce := d.toks[j].s, d.toks[e-1].e
	for k := j; k < e; k++ {
		if d.inQuote[k] {
			return i
		}
	}
	kind := d.mark(pieces, cs, ce)
	if kind != article.Mixed {
		return i // without quotation marks, naming is rarely reported speech
	}
	d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: i + 1, para: pi})
	return s1
}

// skipObject steps over the addressee of "told": a name, a pronoun or a
// short noun phrase, up to the word that opens the reported clause.
func (d *indirectFinder) skipObject(j, s1 int) int {
	if j >= s1 || d.toks[j].lower == "that" || d.toks[j].kind != tWord {
		return j
	}
	k := j
	if d.toks[k].cap {
		for k < s1 && (d.toks[k].kind == tWord && d.toks[k].cap || d.toks[k].kind == tPunct && d.toks[k].r == '.') {
			k++
		}
		return k
	}
	k++ // the first word is the object or starts it
	if english.Determiners().Has(d.toks[j].lower) {
		for k < s1 && k < j+4 && d.toks[k].kind == tWord && !clauseStart(d.toks[k]) {
			k++
		}
	}
	return k
}

// addressee reports whether token j opens the person-like object of a
// verb such as "warn" or "assure": an object pronoun, a name, or a noun
// phrase whose noun denotes people ("the public", "investors").
func (d *indirectFinder) addressee(j, s1 int) bool {
	if j >= s1 || d.toks[j].kind != tWord {
		return false
	}
	t := d.toks[j]
	switch t.lower {
	case "me", "us", "him", "them", "you":
		return true
	case "her":
		// "her" is an object unless a noun follows ("her plan would …")
		if j+1 >= s1 || d.toks[j+1].kind != tWord || english.SubjectPronouns().Has(d.toks[j+1].lower) || english.Determiners().Has(d.toks[j+1].lower) || d.toks[j+1].lower == "that" {
			return true
		}
	}
	if t.cap {
		return true
	}
	people := func(w string) bool {
		return english.GroupNouns().Has(w) || english.AddresseeWords().Has(w) && !english.Determiners().Has(w) || english.AddresseeNouns().Has(w)
	}
	if people(t.lower) {
		return true
	}
	if english.Determiners().Has(t.lower) {
		for k := j + 1; k < s1 && k <= j+3 && d.toks[k].kind == tWord; k++ {
			if people(d.toks[k].lower) {
				return true
			}
		}
	}
	return false
}

// clauseStart reports whether t can open a reported clause.
func clauseStart(t tok) bool {
	switch t.lower {
	case "he", "she", "they", "it", "we", "i", "you", "there", "that", "the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "some", "many", "no":
		return true
	}
	return t.cap
}

// skipAdjuncts steps over short adjuncts and an optional "that" or
// comma; it reports whether a "that" opens the clause.
func (d *indirectFinder) skipAdjuncts(j, s1 int) (int, bool) {
	// "that" within a few words: "said on Tuesday that", "told NBC's
	// “Today” show that"
	other := 0
	for k := j; k < s1 && k < j+10; k++ {
		t := d.toks[k]
		if t.lower == "that" {
			return k + 1, true
		}
		if t.kind == tPunct && t.r == ',' || t.kind == tQuote {
			continue
		}
		if t.kind != tWord || d.x.cues.Get(t.lower) != 0 || english.SpeakerPronouns().Has(t.lower) || english.AuxWords().Has(t.lower) && !english.ClauseAdjuncts().Has(t.lower) || english.CueBlockers().Has(t.lower) {
			break
		}
		// mostly adjunct-like words stand before the "that" ("told the
		// radio show on Monday that"); "said the deal covers new firms
		// that …" has its clause already and the "that" is a relative.
		if !(english.ClauseAdjuncts().Has(t.lower) || english.AddresseeWords().Has(t.lower) || english.AdjunctPrepositions().Has(t.lower) || english.TimeWords().Has(t.lower) || english.MediaNouns().Has(t.lower) || t.lower == "and" || t.cap || unicode.IsDigit(t.r) || strings.HasSuffix(t.lower, "’s") || strings.HasSuffix(t.lower, "'s")) {
			if other++; other > 2 {
				break
			}
		}
	}
	// a prepositional adjunct before a pronoun subject: "said in
	// retrospect he …", "admits in this instance, there were …"
	if j < s1 && english.AdjunctPrepositions().Has(d.toks[j].lower) {
		for k := j + 1; k < s1 && k < j+8; k++ {
			t := d.toks[k]
			if t.kind == tWord && (t.lower == "he" || t.lower == "she" || t.lower == "they" || t.lower == "we" || t.lower == "i" || t.lower == "there" || t.lower == "it") {
				return k, false
			}
			if t.kind != tWord && !(t.kind == tPunct && t.r == ',') {
				break
			}
		}
	}
	// bare adjuncts: "on Tuesday", "in a statement,"
	k := j
	for k < s1 {
		t := d.toks[k]
		if t.kind == tPunct && t.r == ',' {
			k++
			continue
		}
		if t.kind == tWord && (t.lower == "on" || t.lower == "last" || t.lower == "earlier" || t.lower == "yesterday" || t.lower == "today" || t.lower == "monday" || t.lower == "tuesday" || t.lower == "wednesday" || t.lower == "thursday" || t.lower == "friday" || t.lower == "saturday" || t.lower == "sunday" || t.lower == "also" || t.lower == "recently") {
			k++
			if k < s1 && (d.toks[k].lower == "week" || d.toks[k].lower == "month" || d.toks[k].lower == "year" || d.toks[k].lower == "night" || d.toks[k].cap) {
				k++
			}
			continue
		}
		if t.kind == tWord && (t.lower == "by" || t.lower == "via" || t.lower == "over") && k+1 < s1 && (d.toks[k+1].lower == "email" || d.toks[k+1].lower == "e-mail" || d.toks[k+1].lower == "phone" || d.toks[k+1].lower == "telephone" || d.toks[k+1].lower == "text" || d.toks[k+1].lower == "the") {
			k += 2
			if k < s1 && d.toks[k-1].lower == "the" {
				k++
			}
			continue
		}
		if t.kind == tWord && t.lower == "in" && k+2 < s1 && (d.toks[k+1].lower == "a" || d.toks[k+1].lower == "an") && (d.toks[k+2].lower == "statement" || d.toks[k+2].lower == "interview" || d.toks[k+2].lower == "email" || d.toks[k+2].lower == "release" || d.toks[k+2].lower == "speech" || d.toks[k+2].lower == "tweet") {
			k += 3
			continue
		}
		break
	}
	if k < s1 && d.toks[k].lower == "that" {
		return k + 1, true
	}
	return k, false
}

// mark returns Mixed when embedded quotation pieces lie in [cs,ce), and
// marks them used.
func (d *indirectFinder) mark(pieces []piece, cs, ce int) article.QuoteKind {
	kind := article.Indirect
	for k := range pieces {
		p := &pieces[k]
		if p.role == roleSpeech {
			continue
		}
		if p.s < ce && cs < p.e {
			p.used = true
			kind = article.Mixed
		}
	}
	return kind
}

// accordingTo handles "According to X, …" and "…, according to X."
func (d *indirectFinder) accordingTo(pi, i, s0, s1 int, pieces []piece) int {
	ns := i + 2
	ne := ns
	for ne < s1 && !(d.toks[ne].kind == tPunct && d.toks[ne].r != '.' && d.toks[ne].r != '-' && d.toks[ne].r != '&') && d.toks[ne].kind != tQuote {
		ne++
	}
	if ne == ns {
		return i
	}
	ms, me := d.trimGroup(ns, ne)
	lead := d.words(s0-1, i)
	if lead <= 1 && ne < s1 && d.toks[ne].kind == tPunct && d.toks[ne].r == ',' {
		cs, ce, ok := d.content(ne+1, s1, pieces, contentFlags(true, false, false))
		if !ok {
			return i
		}
		kind := d.mark(pieces, cs, ce)
		d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: i + 2, para: pi})
		return d.tokAt(i, s1, ce)
	}
	if i > s0 && d.toks[i-1].kind == tPunct && d.toks[i-1].r == ',' {
		cs, ce, ok := d.content(s0, i-1, pieces, contentFlags(true, false, false)|cBackward)
		if !ok && ne < s1-1 && d.toks[ne].kind == tPunct && d.toks[ne].r == ',' {
			// "Residents, according to the survey, fear …": the clause
			// runs round the parenthetical attribution.
			if _, ce2, ok2 := d.content(ne+1, s1, pieces, contentFlags(true, false, false)); ok2 && d.wordsIn(s0, d.tokAt(s0, s1, ce2)) >= d.x.opts.MinIndirectWords+2 {
				cs, ce, ok = d.toks[s0].s, ce2, true
				kind := d.mark(pieces, cs, ce)
				d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: i + 2, para: pi})
				return s1
			}
		}
		if !ok {
			return i
		}
		if ne < s1-1 {
			// "…, according to X, and …": the rest belongs too.
			if _, ce2, ok := d.content(ne+1, s1, pieces, contentFlags(true, false, false)); ok {
				ce = ce2
			}
		}
		kind := d.mark(pieces, cs, ce)
		d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: i + 2, para: pi})
		return s1
	}
	return i
}

// trimGroup cuts a source phrase before a participle or relative clause:
// "officials speaking on condition of anonymity" → "officials".
func (d *indirectFinder) trimGroup(a, b int) (int, int) {
	for k := a + 1; k < b; k++ {
		w := d.toks[k].lower
		if d.toks[k].kind == tWord && !d.toks[k].cap && (strings.HasSuffix(w, "ing") && len(w) > 5 && (k+1 >= b || d.toks[k+1].kind != tWord || english.AdjunctPrepositions().Has(d.toks[k+1].lower) || english.Determiners().Has(d.toks[k+1].lower) || d.toks[k+1].lower == "on") || w == "who" || w == "which" || w == "familiar" || w == "with" || w == "close" || w == "briefed" || w == "quoted" || w == "cited") {
			return a, k
		}
	}
	return a, b
}

// nounCue handles "X's claim that …", "her comments that …".
func (d *indirectFinder) nounCue(pi, i, s0, s1 int, pieces []piece) int {
	p := d.toks[i-1]
	if p.kind != tWord {
		return i
	}
	var ms, me int
	switch {
	case strings.HasSuffix(p.lower, "’s") || strings.HasSuffix(p.lower, "'s"):
		ms, me = i-1, i
		for ms > s0 && d.toks[ms-1].kind == tWord && d.toks[ms-1].cap && !english.NameStops().Has(d.toks[ms-1].lower) {
			ms--
		}
	case p.lower == "his" || p.lower == "her" || p.lower == "their" || p.lower == "its":
		ms, me = i-1, i
	default:
		return i
	}
	cs, ce, ok := d.content(i+2, s1, pieces, contentFlags(true, false, true))
	if !ok {
		return i
	}
	kind := d.mark(pieces, cs, ce)
	d.cands = append(d.cands, cand{kind: kind, cs: cs, ce: ce, ms: ms, me: me, cue: i, cueEnd: i + 1, para: pi})
	return d.tokAt(i, s1, ce)
}
