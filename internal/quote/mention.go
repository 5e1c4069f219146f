package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/english"
)

// mentionFinder finds speaker mentions: the noun phrase or name that is
// the subject of a reporting verb, before or after it, with its titles,
// appositions and postmodifiers. Every finding and resolving step uses it.
type mentionFinder struct{ *doc }

// skipAuxBack returns the end of the subject before cue token i: it steps
// back over auxiliaries and adverbs ("has also said").
func (d mentionFinder) skipAuxBack(i, lo int) int {
	j := i
	for j > lo && d.toks[j-1].kind == tWord && !d.toks[j-1].cap && (english.AuxWords().Has(d.toks[j-1].lower) || strings.HasSuffix(d.toks[j-1].lower, "ly")) {
		j--
	}
	return j
}

// plausibleNP reports whether tokens [a,b) can be a speaker: a pronoun, a
// name, or a short noun phrase with no verb-like boundary words.
func (d mentionFinder) plausibleNP(a, b int) bool {
	if b-a == 1 && (d.toks[a].lower == "i" || d.toks[a].lower == "we" || d.toks[a].lower == "you") {
		return false // first and second person: the writer or the reader
	}
	if b-a == 1 && english.SpeakerPronouns().Has(d.toks[a].lower) {
		return true
	}
	if b-a > 12 {
		return false
	}
	words := 0
	allTime := true
	for i := a; i < b; i++ {
		if d.toks[i].kind == tWord && !english.TimeWords().Has(d.toks[i].lower) {
			allTime = false
		}
	}
	if allTime {
		return false
	}
	if txt := d.text[d.toks[a].s:d.toks[b-1].e]; len(txt) > 3 && (b-a == 1 || len(txt) > 8) && strings.ToUpper(txt) == txt && strings.ToLower(txt) != txt {
		return false // a dateline or heading: "OTTAWA —", "ANALYST'S VIEW"
	}
	for i := a; i < b; i++ {
		t := d.toks[i]
		switch t.kind {
		case tQuote:
			if isApos(t.r) && i > a && d.toks[i-1].e == t.s && strings.HasSuffix(d.toks[i-1].lower, "s") && i+1 < b {
				continue // "the nurses' union"
			}
			return false
		case tPunct:
			if t.r != '.' && t.r != '-' && t.r != '&' && t.r != '\'' && t.r != '(' && t.r != ')' {
				return false
			}
			continue
		}
		words++
		if !t.cap && (t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "is" || t.lower == "was" || t.lower == "it" || t.lower == "there") {
			return false
		}
	}
	return words > 0
}

// npForward returns the noun phrase starting at token a ("Smith", "the
// minister", "oil and gas worker Jane Doe", "Policy Options editor Jane
// Doe"), stopping at punctuation or the first word after a name.
func (d mentionFinder) npForward(a, b int) (int, int) {
	for a < b && d.toks[a].kind == tWord && english.TimeWords().Has(d.toks[a].lower) && !(d.toks[a].lower == "may" && a+1 < b && d.toks[a+1].cap) {
		a++ // "said Tuesday afternoon Jane Doe …"
	}
	if a < b && english.SpeakerPronouns().Has(d.toks[a].lower) && !d.toks[a].cap || a < b && d.toks[a].lower == "he" || a < b && d.toks[a].lower == "she" {
		return a, a + 1
	}
	// a name within the next few words, before any punctuation
	first := -1
	for i, n := a, 0; i < b && n < 8; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			if t.kind == tPunct && t.r == '.' {
				continue
			}
			break
		}
		n++
		if t.cap && !english.NameStops().Has(t.lower) {
			first = i
			break
		}
		if t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "to" {
			break
		}
	}
	if first >= 0 {
		i := first
		for i < b {
			t := d.toks[i]
			if t.kind == tPunct && t.r == '.' || t.kind == tWord && t.cap {
				i++
				continue
			}
			if t.kind == tWord && (english.NameTitles().Has(t.lower) || english.GroupNouns().Has(t.lower)) && i+1 < b && d.toks[i+1].cap {
				i++
				continue
			}
			if t.kind == tWord && (t.lower == "of" || t.lower == "de" || t.lower == "van" || t.lower == "von" || t.lower == "al") && i+1 < b && d.toks[i+1].cap {
				i++
				continue
			}
			break
		}
		return a, i
	}
	i := a
	for i < b && i-a < 6 {
		t := d.toks[i]
		if t.kind != tWord || english.PhraseBoundaries().Has(t.lower) || i > a && (english.AuxWords().Has(t.lower) || english.CueBlockers().Has(t.lower) || strings.HasSuffix(t.lower, "ed") && !english.Determiners().Has(d.toks[i-1].lower) || d.x.cues.Get(t.lower) != 0) {
			break
		}
		i++
	}
	if i == a {
		return -1, -1
	}
	return a, i
}

// npBackward returns the noun phrase that ends at token e (exclusive),
// not reaching before lo: "the mayor", "US officials", "a spokesperson
// for the city", "Jane Doe". Appositions are handled by the caller.
func (d mentionFinder) npBackward(e, lo int) (int, int) {
	j := e
	if j > lo && english.SpeakerPronouns().Has(d.toks[j-1].lower) && !d.toks[j-1].cap || j > lo && english.SpeakerPronouns().Has(d.toks[j-1].lower) && j-1 == lo {
		return j - 1, j
	}
	seenDet := false
	for j > lo {
		t := d.toks[j-1]
		if t.kind == tPunct {
			if t.r == '.' || t.r == '&' || t.r == '-' {
				j--
				continue
			}
			break
		}
		if t.kind == tQuote && isApos(t.r) && j-1 < e && j-2 >= lo && d.toks[j-2].kind == tWord && d.toks[j-2].e == t.s && strings.HasSuffix(d.toks[j-2].lower, "s") {
			j-- // a plural possessive: "the nurses' union"
			continue
		}
		if t.kind != tWord {
			break
		}
		if seenDet {
			if t.lower == "of" || t.lower == "for" || t.lower == "at" {
				seenDet = false
				j--
				continue
			}
			break
		}
		if english.PhraseBoundaries().Has(t.lower) && !(t.lower == "for" || t.lower == "of" || t.lower == "at") {
			break
		}
		if t.cap && english.NameStops().Has(t.lower) && !english.Determiners().Has(t.lower) {
			break
		}
		if j < e && english.SpeakerPronouns().Has(t.lower) {
			break
		}
		if english.Determiners().Has(t.lower) {
			seenDet = true
		}
		if e-j >= 10 {
			break
		}
		j--
	}
	// drop a leading "of/for/at" left by the scan
	for j < e && (d.toks[j].lower == "of" || d.toks[j].lower == "for" || d.toks[j].lower == "at") {
		j++
	}
	if j >= e {
		return -1, -1
	}
	return j, e
}

// subjectBefore finds the subject of cue token i within [lo, i), handling
// auxiliaries and appositions ("Jane Doe, who …, said").
func (d mentionFinder) subjectBefore(i, lo int) (int, int) {
	e := d.skipAuxBack(i, lo)
	if e > lo && d.toks[e-1].kind == tWord && (d.toks[e-1].lower == "who" || d.toks[e-1].lower == "which" || d.toks[e-1].lower == "that") {
		e--
		if e > lo && d.toks[e-1].kind == tPunct && d.toks[e-1].r == ',' {
			e--
		}
	}
	if e > lo && d.toks[e-1].kind == tPunct && (d.toks[e-1].r == ',' || d.toks[e-1].r == ')') {
		// apposition: the subject is the first noun phrase of the clause
		// that is followed by a comma.
		lo0 := lo
		for j := lo; j < e; j++ {
			if j == e-1 {
				// "The director of operations for Acme, Jane Doe, said":
				// a name standing alone between the last two commas is
				// the subject the role before it describes.
				if lo > lo0 && d.toks[lo].cap && !english.NameStops().Has(d.toks[lo].lower) {
					if ms, me := d.npBackward(j, lo); ms == lo && d.toks[me-1].cap && d.plausibleNP(ms, me) && !d.hasOrgWord(ms, me) {
						return ms, me
					}
				}
				break
			}
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if ms, me := d.npBackward(j, lo); ms >= 0 && !d.toks[me-1].cap {
					// "Smith's agent, Jane Doe, said": the name wins.
					k := j + 1
					for k < e-1 && d.toks[k].kind == tWord && d.toks[k].cap {
						k++
					}
					if k > j+1 && k < e && d.toks[k].kind == tPunct && d.toks[k].r == ',' && ms == lo {
						return j + 1, k
					}
				}
				if ms, me := d.npBackward(j, lo); ms >= 0 && (ms == lo || ms == lo+1 && english.NameStops().Has(d.toks[lo].lower) && !english.PhraseBoundaries().Has(d.toks[lo].lower) && d.toks[lo].lower != "for") && d.plausibleNP(ms, me) && d.headish(ms, me) {
					return ms, me
				}
				lo = j + 1
			}
		}
		// no segment opens with a noun phrase: take the first segment's
		// last noun phrase ("A statement by Jane Doe, who …, said").
		for j := lo0; j < e-1; j++ {
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if ms, me := d.npBackward(j, lo0); ms >= 0 && d.plausibleNP(ms, me) && d.headish(ms, me) {
					return ms, me
				}
				break
			}
		}
		return -1, -1
	}
	ms, me := d.npBackward(e, lo)
	if ms < 0 || !d.plausibleNP(ms, me) {
		return -1, -1
	}
	if a := d.postmodified(ms, lo); a >= 0 && d.plausibleNP(a, me) {
		ms = a // "Jane Doe with the health authority", "sources familiar with the talks"
	}
	if ms > lo && !d.toks[ms].cap && d.toks[ms-1].kind == tWord && (english.AdjunctPrepositions().Has(d.toks[ms-1].lower) || d.toks[ms-1].lower == "than") && d.toks[ms-1].lower != "as" && d.toks[ms-1].lower != "while" && d.toks[ms-1].lower != "when" {
		return -1, -1 // "more than 50 member states that …": an object, not a subject
	}
	if english.AbstractNouns().Has(stripPossessive(d.toks[me-1].lower)) {
		return -1, -1 // "a common belief says …"
	}
	// "Jane Doe, an expert who writes about X, noted": the name before
	// the relative clause is the subject.
	for k := ms - 1; k > lo; k-- {
		if w := d.toks[k].lower; w == "who" || w == "which" {
			for j := lo; j < k; j++ {
				if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
					if a, b := d.npBackward(j, lo); a == lo && d.toks[b-1].cap && d.plausibleNP(a, b) {
						return a, b
					}
					break
				}
			}
			break
		}
	}
	return ms, me
}

// postmodified returns the start of the noun phrase that the
// prepositional phrase opening at token ms-1 modifies, when the subject
// is "NP with/from/at/of/for NP" ("Jane Doe with the health authority",
// "sources familiar with the talks", "a spokesperson for the city"), or
// -1. The modified phrase must be a name, a plural noun, or a phrase
// opening with a determiner, and nothing but a clause boundary may
// precede it.
func (d mentionFinder) postmodified(ms, lo int) int {
	if ms-1 <= lo {
		return -1
	}
	switch d.toks[ms-1].lower {
	case "with", "from", "at", "of", "for", "on", "in", "by":
	default:
		return -1
	}
	p := d.toks[ms-2]
	if d.toks[ms-1].lower == "by" && !english.DocumentNouns().Has(p.lower) {
		return -1 // "a report by the institute"; not "hit by the storm"
	}
	// "officials speaking on condition of anonymity": a participle
	// between the head and the preposition.
	participle := !p.cap && p.kind == tWord && strings.HasSuffix(p.lower, "ing") && len(p.lower) > 5 && ms-2 > lo && d.toks[ms-3].kind == tWord && (english.GroupNouns().Has(d.toks[ms-3].lower) || !d.toks[ms-3].cap && strings.HasSuffix(d.toks[ms-3].lower, "s"))
	if (d.toks[ms-1].lower == "on" || d.toks[ms-1].lower == "in") && !participle {
		return -1
	}
	if p.kind != tWord || p.cap && english.NameStops().Has(p.lower) || !p.cap && !participle && !(p.lower == "familiar" || p.lower == "close" || english.GroupNouns().Has(p.lower) || english.NameTitles().Has(p.lower) || english.SpeakerOrgNouns().Has(p.lower) || english.DocumentNouns().Has(p.lower)) {
		return -1
	}
	a, _ := d.npBackward(ms-1, lo)
	if a < 0 {
		return -1
	}
	if a > lo {
		q := d.toks[a-1]
		if !(q.kind == tPunct && (q.r == ',' || q.r == ';' || q.r == '—') || q.lower == "and" || q.lower == "but" || q.lower == "while" || q.lower == "as" || q.lower == "because" || q.lower == "that") {
			return -1
		}
	}
	if t := d.toks[a]; !(t.cap && !english.NameStops().Has(t.lower) || english.Determiners().Has(t.lower) || english.GroupNouns().Has(t.lower)) {
		return -1
	}
	return a
}

// headish reports whether an apposition candidate can head a subject (a
// name, pronoun or determiner phrase, not "In a statement").
func (d mentionFinder) headish(ms, me int) bool {
	t := d.toks[ms]
	return t.cap && !english.NameStops().Has(t.lower) || english.SpeakerPronouns().Has(t.lower) || english.Determiners().Has(t.lower) || t.cap && english.Determiners().Has(t.lower)
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

// nameRun returns the token range of a proper name in [a,b): the last run
// of capitalised words, without leading titles and sentence-initial
// function words. ok is false when the phrase has no name.
func (d mentionFinder) nameRun(a, b int) (int, int, bool) {
	e := b
	for e > a && d.toks[e-1].kind != tWord {
		e--
	}
	if e == a || !d.toks[e-1].cap {
		return 0, 0, false
	}
	s := e - 1
	for s > a {
		t := d.toks[s-1]
		if t.kind == tWord && t.cap && !english.NameStops().Has(t.lower) {
			s--
			continue
		}
		if t.kind == tPunct && (t.r == '.' || t.r == '-') {
			s--
			continue
		}
		if t.kind == tWord && (t.lower == "of" || t.lower == "de" || t.lower == "van" || t.lower == "von") && s-1 > a && d.toks[s-2].cap && d.hasOrgWord(s-2, e) {
			s--
			continue
		}
		break
	}
	for s < e && (d.toks[s].kind != tWord || english.NameTitles().Has(d.toks[s].lower) && s+1 < e || english.NameStops().Has(d.toks[s].lower)) {
		s++
	}
	// "Finance Minister Jane Doe": the name follows the last title word.
	for k := e - 2; k > s; k-- {
		if d.toks[k].kind == tWord && english.NameTitles().Has(d.toks[k].lower) {
			s = k + 1
			break
		}
	}
	if s >= e {
		return 0, 0, false
	}
	return s, e, true
}

// personRun reports whether tokens [a,b) are a personal name of two or
// more capitalised words without organisation words, so that a following
// "of" opens a place or employer ("Jane Doe of Springfield"), not a
// name's own "of" ("Bank of Canada").
func (d mentionFinder) personRun(a, b int) bool {
	if b-a < 2 || d.hasOrgWord(a, b) {
		return false
	}
	for k := a; k < b; k++ {
		if t := d.toks[k]; t.kind != tWord && !(t.kind == tPunct && t.r == '.') || t.kind == tWord && (!t.cap || english.NameStops().Has(t.lower) || english.NameTitles().Has(t.lower)) {
			return false
		}
	}
	return true
}

// hasOrgWord reports whether tokens [a,b) hold an organisation word.
func (d mentionFinder) hasOrgWord(a, b int) bool {
	for i := a; i < b; i++ {
		if english.OrgNameWords().Has(d.toks[i].lower) {
			return true
		}
	}
	return false
}

// spanText returns the text of tokens [a,b), possessive dropped.
func (d mentionFinder) spanText(a, b int) string {
	return stripPossessive(d.text[d.toks[a].s:d.toks[b-1].e])
}
