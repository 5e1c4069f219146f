package quote

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// indirect finds reported speech in the sentence of tokens [s0,s1).
func (d *doc) indirect(pi, s0, s1 int, pieces []piece) {
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
		if namingVerb(t.lower) && !t.cap {
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
func (d *doc) heading(pi int) bool {
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

// blocked reports whether the cue at i is negated, infinitival or passive.
func (d *doc) blocked(i, s0 int) bool {
	if i > s0 {
		w := d.toks[i-1].lower
		if strings.HasSuffix(w, "’re") || strings.HasSuffix(w, "'re") {
			return true // "we're told"
		}
	}
	for j := i - 1; j >= s0 && j >= i-3; j-- {
		w := d.toks[j].lower
		if d.toks[j].kind != tWord {
			return false
		}
		if english.CueBlockers().Has(w) || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			// "has also said" is fine; "was told", "not say" are not
			return true
		}
		if !english.AuxWords().Has(w) {
			return false
		}
	}
	return false
}

// verbCue handles a reporting verb at token i. It returns the token after
// the quotation it found, or i when none.
func (d *doc) verbCue(pi, i, s0, s1 int, pieces []piece) int {
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
	if namingVerb(t.lower) {
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
		if sayVerb(t.lower) {
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
func (d *doc) naming(pi, i, s0, s1 int, pieces []piece) int {
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

// lemmaOf strips common inflections: "announced" → "announce".
func lemmaOf(w string) string {
	for _, suf := range []string{"ies", "ied", "ing", "ed", "es", "s", "d"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			b := w[:len(w)-len(suf)]
			switch suf {
			case "ies", "ied":
				b += "y"
			}
			if english.NounObjectVerbs().Has(b) {
				return b
			}
			if english.NounObjectVerbs().Has(b + "e") {
				return b + "e"
			}
			if len(b) > 2 && b[len(b)-1] == b[len(b)-2] && english.NounObjectVerbs().Has(b[:len(b)-1]) {
				return b[:len(b)-1]
			}
		}
	}
	return w
}

// strongClause reports whether tokens [j,e) open with a subject pronoun or
// hold an auxiliary within their first words.
func (d *doc) strongClause(j, e int) bool {
	if j < e && (english.SubjectPronouns().Has(d.toks[j].lower) || strings.ContainsAny(d.toks[j].lower, "'") && english.SubjectPronouns().Has(d.toks[j].lower[:strings.IndexByte(d.toks[j].lower, '\'')])) {
		return true
	}
	for k, n := j, 0; k < e && n < 7; k++ {
		if d.toks[k].kind != tWord {
			continue
		}
		n++
		switch d.toks[k].lower {
		case "is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had",
			"should", "may", "might", "must", "did", "does", "do", "won't", "isn't", "wasn't",
			"aren't", "don't", "doesn't", "didn't", "can't", "couldn't", "wouldn't", "hasn't", "haven't":
			return true
		}
	}
	return false
}

// clauseSubject finds the subject of a sentence whose second verb is a
// cue ("Jane Doe praised the deal and said …"): the noun phrase opening
// the sentence, after any introductory phrase closed by a comma.
func (d *doc) clauseSubject(s0, e int) (int, int) {
	start := s0
	if english.AdjunctPrepositions().Has(d.toks[s0].lower) || d.toks[s0].cap && english.NameStops().Has(d.toks[s0].lower) {
		for k := s0; k < e; k++ {
			if d.toks[k].kind == tPunct && d.toks[k].r == ',' {
				start = k + 1
				break
			}
		}
	}
	a, b := d.npForward(start, e)
	if a < 0 || !d.plausibleNP(a, b) || !d.headish(a, b) {
		return -1, -1
	}
	return a, b
}

// skipObject steps over the addressee of "told": a name, a pronoun or a
// short noun phrase, up to the word that opens the reported clause.
func (d *doc) skipObject(j, s1 int) int {
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
func (d *doc) addressee(j, s1 int) bool {
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
func (d *doc) skipAdjuncts(j, s1 int) (int, bool) {
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

// content returns the reported clause in tokens [j,e): its bytes, cut at a
// speech quotation, with terminal punctuation dropped.
// contentFlag tunes content.
type contentFlag uint8

const (
	cTrusted    contentFlag = 1 << iota // the cue is a strong one: any first word
	cNeedClause                         // the words must hold a finite clause
	cAfterThat                          // the clause follows "that"
	// cBackward: the clause precedes its attribution ("In June, the plan
	// was dropped, she said."), so it is a whole sentence start and any
	// first word (an adverbial, a gerund subject) is allowed.
	cBackward
	// cSay: the cue is "say" or "tell", whose object is almost always a
	// clause, so a clause may open with a gerund or short adverbial.
	cSay
)

func contentFlags(trusted, needClause, afterThat bool) contentFlag {
	var f contentFlag
	if trusted {
		f |= cTrusted
	}
	if needClause {
		f |= cNeedClause
	}
	if afterThat {
		f |= cAfterThat
	}
	return f
}

func (d *doc) content(j, e int, pieces []piece, flags contentFlag) (int, int, bool) {
	trusted := flags&cTrusted != 0
	for e > j && d.toks[e-1].kind == tPunct && d.toks[e-1].r != ')' && d.toks[e-1].r != ']' {
		e--
	}
	// stop before a speech quotation or the next attribution
	for k := j; k < e; k++ {
		if d.inQuote[k] {
			e = k
			break
		}
	}
	if flags&cBackward == 0 {
		e = d.cutAtAttribution(j, e)
	}
	for e > j && d.toks[e-1].kind == tPunct && d.toks[e-1].r != ')' && d.toks[e-1].r != ']' {
		e--
	}
	if j >= e {
		return 0, 0, false
	}
	first := d.toks[j]
	if first.cap && (first.lower == "but" || first.lower == "and" || first.lower == "so" || first.lower == "yet") && j+1 < e {
		j++
		first = d.toks[j]
	}
	if flags&cBackward != 0 {
		if d.wordsIn(j, e) < d.x.opts.MinIndirectWords || flags&cNeedClause != 0 && !d.isClause(j, e) {
			return 0, 0, false
		}
		return d.toks[j].s, d.toks[e-1].e, true
	}
	if flags&cSay != 0 && first.kind == tWord && !first.cap && (strings.HasSuffix(first.lower, "ing") || english.AdjunctPrepositions().Has(first.lower) && first.lower != "while" && first.lower != "when" && first.lower != "as" && first.lower != "to" && first.lower != "of") {
		// "said continuing risk impedes …", "said in Ontario the
		// shelters are full": a gerund subject or a short adverbial
		// before the clause's own subject and finite verb.
		if k := d.clauseAfterLead(j, e); k > j {
			return d.toks[j].s, d.toks[e-1].e, true
		}
	}
	if first.kind == tWord && !trusted {
		if english.PhraseBoundaries().Has(first.lower) && first.lower != "there" && first.lower != "while" && first.lower != "although" && first.lower != "if" && first.lower != "when" {
			return 0, 0, false
		}
	}
	if first.kind == tWord && unicode.IsDigit(first.r) || first.kind == tPunct && (first.r == '$' || first.r == '€' || first.r == '£') {
		return 0, 0, false // "added 30 cents to …": a number, not speech
	}
	if first.kind == tWord && !first.cap && strings.HasSuffix(first.lower, "ing") && flags&cAfterThat == 0 && first.lower != "nothing" && first.lower != "everything" && first.lower != "something" && first.lower != "being" {
		return 0, 0, false
	}
	if flags&cAfterThat == 0 && first.kind == tWord && (first.lower == "since" || first.lower == "until" || first.lower == "despite" || first.lower == "though" || first.lower == "although" || first.lower == "but" || first.lower == "and" || first.lower == "however" || first.lower == "as" || first.lower == "because" || first.lower == "before" || first.lower == "after" || first.lower == "when" || first.lower == "of" || first.lower == "to" || first.lower == "about" || first.lower == "for" || first.lower == "with" || first.lower == "by" || first.lower == "in" || first.lower == "at" || first.lower == "from" || first.lower == "so" || first.lower == "yes" || first.lower == "no" || first.lower == "nothing" || first.lower == "something" || first.lower == "goodbye" || first.lower == "what" || first.lower == "how" || first.lower == "whether") {
		return 0, 0, false
	}
	n := 0
	for k := j; k < e; k++ {
		if d.toks[k].kind == tWord {
			n++
		}
	}
	if n < d.x.opts.MinIndirectWords {
		return 0, 0, false
	}
	if flags&cNeedClause != 0 && !d.isClause(j, e) {
		return 0, 0, false
	}
	return d.toks[j].s, d.toks[e-1].e, true
}

// cutAtAttribution ends a reported clause in [j,e) before a coordinated
// clause that has its own speaker and reporting verb ("…, but Smith says
// …", "… while critics argue …"), which is a quotation of its own.
func (d *doc) cutAtAttribution(j, e int) int {
	for k := j + 2; k < e; k++ {
		w := d.toks[k].lower
		if !(w == "but" || w == "while" || w == "whereas" || w == "and" && d.toks[k-1].kind == tPunct && d.toks[k-1].r == ',') {
			continue
		}
		for m := k + 2; m < e && m <= k+6; m++ {
			t := d.toks[m]
			if t.kind != tWord {
				break
			}
			if !d.isCue(m, english.CueSpeech|english.CueObject) || d.blocked(m, k+1) {
				continue
			}
			a := d.skipAuxBack(m, k+1)
			if ms, _ := d.npBackward(a, k+1); ms == k+1 && a > k+1 && d.plausibleNP(k+1, a) && (d.toks[k+1].cap || english.SpeakerPronouns().Has(d.toks[k+1].lower) || english.Determiners().Has(d.toks[k+1].lower)) {
				return k
			}
			break
		}
	}
	return e
}

// apposition reports whether tokens [a,b) are a noun phrase closing the
// sentence, such as a speaker's description after an attribution ("…,
// said Jane Doe, director of the Harbour Trust."): no finite verb, no
// reporting verb, no clause opener.
func (d *doc) apposition(a, b int) bool {
	for b > a && d.toks[b-1].kind == tPunct {
		b--
	}
	if a >= b || d.toks[a].kind != tWord || d.isClause(a, b) {
		return false
	}
	for k := a; k < b; k++ {
		t := d.toks[k]
		if t.kind == tQuote || t.kind == tWord && (english.ClauseConjunctions().Has(t.lower) && t.lower != "and" || t.lower == "that" || t.lower == "who" || t.lower == "which" || !t.cap && d.x.cues.Get(t.lower) != 0) {
			return false
		}
	}
	return true
}

// sayVerb reports whether w is a form of "say" or "tell".
func sayVerb(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "telling":
		return true
	}
	return false
}

// wordsIn counts the word tokens in [a,b).
func (d *doc) wordsIn(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if d.toks[k].kind == tWord {
			n++
		}
	}
	return n
}

// clauseAfterLead checks a reported clause that opens with a gerund or a
// preposition: a lead of at most five words (no wh-word, comma allowed at
// its end) followed by a finite clause within the next words. It returns
// the token where the finite part was found, or j when there is none.
func (d *doc) clauseAfterLead(j, e int) int {
	for k, n := j+1, 1; k < e && n <= 5; k++ {
		t := d.toks[k]
		if t.kind != tWord {
			if t.kind == tPunct && t.r == ',' {
				continue
			}
			return j
		}
		n++
		switch t.lower {
		case "who", "which", "where", "whom", "whose", "why", "how", "what", "that", "to", "and", "or":
			return j
		}
		// the lead ends where a finite verb or a subject pronoun stands
		if english.SubjectPronouns().Has(t.lower) && t.lower != "you" && k+1 < e && d.toks[k+1].kind == tWord {
			if d.strongClause(k, min(e, k+4)) || d.isClause(k, min(e, k+4)) {
				return k
			}
			return j
		}
		if k > j+1 && (d.finiteAt(k) || !t.cap && strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") && len(t.lower) > 3 && k+1 < e && (english.Determiners().Has(d.toks[k+1].lower) || d.toks[k+1].lower == "to")) {
			return k
		}
	}
	return j
}

// finiteAt reports whether token k is an auxiliary or modal, or a
// present-tense -s verb right after a noun, that is a finite verb.
func (d *doc) finiteAt(k int) bool {
	switch d.toks[k].lower {
	case "is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had",
		"should", "may", "might", "must", "won't", "isn't", "wasn't", "aren't", "doesn't",
		"didn't", "can't", "couldn't", "wouldn't", "hasn't", "haven't", "remains", "continues":
		return true
	}
	return false
}

// mark returns Mixed when embedded quotation pieces lie in [cs,ce), and
// marks them used.
func (d *doc) mark(pieces []piece, cs, ce int) article.QuoteKind {
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
func (d *doc) accordingTo(pi, i, s0, s1 int, pieces []piece) int {
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
func (d *doc) trimGroup(a, b int) (int, int) {
	for k := a + 1; k < b; k++ {
		w := d.toks[k].lower
		if d.toks[k].kind == tWord && !d.toks[k].cap && (strings.HasSuffix(w, "ing") && len(w) > 5 && (k+1 >= b || d.toks[k+1].kind != tWord || english.AdjunctPrepositions().Has(d.toks[k+1].lower) || english.Determiners().Has(d.toks[k+1].lower) || d.toks[k+1].lower == "on") || w == "who" || w == "which" || w == "familiar" || w == "with" || w == "close" || w == "briefed" || w == "quoted" || w == "cited") {
			return a, k
		}
	}
	return a, b
}

// nounCue handles "X's claim that …", "her comments that …".
func (d *doc) nounCue(pi, i, s0, s1 int, pieces []piece) int {
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
