package quote

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/english"
)

// clauseReader reads reported clauses for indirectFinder: where the clause
// after a reporting verb starts and ends, whether a span is a finite
// clause, and whether a cue is negated or passive.
type clauseReader struct{ mentionFinder }

// isClause is a cheap test that tokens [a,b) hold a finite clause, not a
// bare noun phrase ("the plan was dead" vs "the deal").
func (d clauseReader) isClause(a, b int) bool {
	n := 0
	for i := a; i < b && n < 30; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			continue
		}
		n++
		switch t.lower {
		case "is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had",
			"should", "may", "might", "must", "did", "does", "do", "won't", "isn't", "wasn't",
			"aren't", "don't", "doesn't", "didn't", "can't", "couldn't", "wouldn't", "hasn't",
			"haven't", "shall", "needs", "plans", "wants", "remains", "there", "he", "she",
			"they", "it", "we", "i", "you", "it's", "he's", "she's", "they're", "we're", "i'm":
			return true
		}
		if i > a && !t.cap && (strings.HasSuffix(t.lower, "ed") || english.IrregularPast().Has(t.lower)) && !english.Determiners().Has(d.toks[i-1].lower) && !english.AdjunctPrepositions().Has(d.toks[i-1].lower) {
			return true
		}
		if i > a && !t.cap && strings.HasSuffix(t.lower, "s") && len(t.lower) > 3 && !strings.HasSuffix(t.lower, "ss") && d.toks[i-1].kind == tWord && !english.Determiners().Has(d.toks[i-1].lower) && !english.AdjunctPrepositions().Has(d.toks[i-1].lower) && i+1 < b && d.toks[i+1].kind == tWord && (english.Determiners().Has(d.toks[i+1].lower) || d.toks[i+1].lower == "to" || d.toks[i+1].lower == "that") {
			return true
		}
		if k := strings.IndexAny(t.lower, "’'"); k > 0 && english.SpeakerPronouns().Has(t.lower[:k]) {
			return true // he’ll, they'd
		}
		if strings.HasSuffix(t.lower, "’s") || strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’re") || strings.HasSuffix(t.lower, "'re") {
			if !unicode.IsUpper(t.r) || i > a {
				return true
			}
		}
	}
	return false
}

// strongClause reports whether tokens [j,e) open with a subject pronoun or
// hold an auxiliary within their first words.
func (d clauseReader) strongClause(j, e int) bool {
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
func (d clauseReader) clauseSubject(s0, e int) (int, int) {
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

func (d clauseReader) content(j, e int, pieces []piece, flags contentFlag) (int, int, bool) {
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
func (d clauseReader) cutAtAttribution(j, e int) int {
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
func (d clauseReader) apposition(a, b int) bool {
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

// wordsIn counts the word tokens in [a,b).
func (d clauseReader) wordsIn(a, b int) int {
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
func (d clauseReader) clauseAfterLead(j, e int) int {
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
func (d clauseReader) finiteAt(k int) bool {
	switch d.toks[k].lower {
	case "is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had",
		"should", "may", "might", "must", "won't", "isn't", "wasn't", "aren't", "doesn't",
		"didn't", "can't", "couldn't", "wouldn't", "hasn't", "haven't", "remains", "continues":
		return true
	}
	return false
}

// blocked reports whether the cue at i is negated, infinitival or passive.
func (d clauseReader) blocked(i, s0 int) bool {
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
