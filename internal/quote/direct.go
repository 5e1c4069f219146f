package quote

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// directFinder finds direct quotations: it decides which quoted pieces of
// a paragraph are speech and finds each one's attribution (cue and
// speaker mention) before, after or inside it.
type directFinder struct{ mentionFinder }

// paragraph finds the direct quotations of paragraph pi, marks their cue
// tokens as used and their tokens as inside a quotation.
func (d directFinder) paragraph(pi int, pieces []piece) {
	hi := d.pt[pi][1]
	first := len(d.cands)
	for k := range pieces {
		d.direct(pi, pieces, k)
	}
	for _, c := range d.cands[first:] {
		if c.cue >= 0 {
			for k := c.cue; k < c.cueEnd; k++ {
				d.usedCue[k] = true
			}
		}
	}
	for _, p := range pieces {
		if p.role == roleSpeech {
			e := p.close
			if e < 0 {
				e = hi - 1
			}
			for i := p.open; i <= e && i < hi; i++ {
				d.inQuote[i] = true
			}
		}
	}
}

// embeddedFinder takes the quoted phrases inside a sentence that no
// clause took: one joined to an attributed quotation of the same sentence
// ("…,” and the plan “…”) is a mixed quote of that speaker; long ones are
// kept as direct quotations with no attribution.
type embeddedFinder struct{ mentionFinder }

// paragraph handles the embedded pieces of paragraph pi.
func (d embeddedFinder) paragraph(pi int, pieces []piece) {
	hi := d.pt[pi][1]
	for k, p := range pieces {
		if p.role != roleEmbedded || p.used {
			continue
		}
		if c, ok := d.joinedTo(pi, pieces, k); ok {
			d.cands = append(d.cands, c)
			continue
		}
		pend := p.close
		if pend < 0 {
			pend = hi
		}
		if d.words(p.open, pend) >= d.x.opts.MinSpeechWords*2 || d.x.opts.KeepScareQuotes {
			d.cands = append(d.cands, cand{kind: article.Direct, cs: p.s, ce: p.e, ms: -1, cue: -1, para: pi})
		}
	}
}

// joinedTo makes embedded piece k a mixed quote when it follows, in the
// same sentence, a speech quotation with a speaker mention.
func (d embeddedFinder) joinedTo(pi int, pieces []piece, k int) (cand, bool) {
	if k == 0 {
		return cand{}, false
	}
	prev := pieces[k-1]
	if prev.role != roleSpeech || prev.close < 0 {
		return cand{}, false
	}
	for i := prev.close + 1; i < pieces[k].open; i++ {
		if d.isTerminal(i) {
			return cand{}, false
		}
	}
	var src *cand
	for j := len(d.cands) - 1; j >= 0; j-- {
		if d.cands[j].cs == prev.s && d.cands[j].ms >= 0 {
			src = &d.cands[j]
			break
		}
	}
	if src == nil {
		return cand{}, false
	}
	j := prev.close + 1
	for j < pieces[k].open && (d.toks[j].kind == tPunct || d.toks[j].lower == "and" || d.toks[j].lower == "but") {
		j++
	}
	return cand{kind: article.Mixed, cs: d.toks[j].s, ce: pieces[k].e, ms: src.ms, me: src.me, cue: src.cue, cueEnd: src.cueEnd, para: pi}, true
}

// lastInner returns the last rune inside a closed piece, before its
// closing mark.
func (d directFinder) lastInner(p piece) rune {
	if p.close < 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(d.text[p.s:d.toks[p.close].s], " "))
	return r
}

// direct decides whether pieces[k] is speech and finds its attribution.
func (d directFinder) direct(pi int, pieces []piece, k int) {
	p := &pieces[k]
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	// the words before the opening mark back to the sentence start or the
	// previous quotation.
	preStart := lo
	if k > 0 && pieces[k-1].close >= 0 {
		preStart = pieces[k-1].close + 1
	}
	if preStart < p.open-200 {
		preStart = p.open - 200
	}
	for i := p.open - 1; i >= preStart; i-- {
		if d.isTerminal(i) {
			preStart = i + 1
			break
		}
	}
	if j := p.open - 1; j >= preStart && d.toks[j].kind == tWord && strings.HasSuffix(d.text[d.toks[j].s:d.toks[j].e], ".") && p.open+1 < hi && d.toks[p.open+1].cap {
		// "… in Washington, D.C. “We …": an abbreviation's dot ended
		// the sentence before a capitalised quotation.
		preStart = p.open
	}
	pre := d.words(preStart-1, p.open)
	// the words after the closing mark up to the sentence end or the next
	// quotation.
	postEnd := hi
	if p.close >= 0 {
		postEnd = min(hi, p.close+1+4*d.x.opts.MaxCueDistance)
		for i := p.close + 1; i < postEnd; i++ {
			if d.isTerminal(i) || d.toks[i].kind == tQuote && k+1 < len(pieces) && pieces[k+1].open == i {
				postEnd = i
				break
			}
		}
	} else {
		postEnd = p.close
	}
	inner := d.lastInner(*p)
	pend := p.close
	if pend < 0 {
		pend = hi
	}
	nw := d.words(p.open, pend)
	c := cand{kind: article.Direct, cs: p.s, ce: p.e, ms: -1, cue: -1, cont: p.cont, para: pi}

	// "X," he said, "Y." and "X" (continued): the previous piece in the
	// paragraph was speech and this one follows its attribution.
	if p.cont {
		p.role = roleSpeech
		if p.close >= 0 {
			d.attribAfter(&c, p.close+1, postEnd)
		}
		d.cands = append(d.cands, c)
		return
	}
	if pre == 0 && p.open == lo && p.close == hi-1 && nw < 15 && inner != '.' && inner != '?' && inner != '!' && inner != '…' && inner != ',' && inner != '-' && inner != '—' {
		// a paragraph that is only a short quotation without final
		// punctuation is a headline or subheading citing a quote.
		p.role = roleNone
		return
	}
	if pre == 0 {
		// quotation opens the sentence: attribution follows, or none.
		if p.close >= 0 && postEnd > p.close+1 && d.attribAfter(&c, p.close+1, postEnd) {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		postWords := 0
		if p.close >= 0 {
			postWords = d.words(p.close, postEnd)
		}
		endsSentence := inner == '.' || inner == '?' || inner == '!' || inner == '…' || p.close < 0
		listed := k > 0 && pieces[k-1].role != roleSpeech && pieces[k-1].close >= 0 && d.words(pieces[k-1].close, p.open) == 0
		if (inner == ',' || inner == '!' || inner == '?') && nw >= 1 && !listed && p.close+1 < postEnd && d.attribInverted(&c, p.close+1, postEnd) {
			// “…!” beamed Jane Doe: a verb outside the lexicon before
			// the speaker's name.
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		if (postWords == 0 || endsSentence) && !listed {
			if endsSentence && nw >= 3 || nw >= d.x.opts.MinSpeechWords {
				p.role = roleSpeech
				d.cands = append(d.cands, c)
				return
			}
		}
		if (inner == ',' || inner == '!' || inner == '?') && nw >= 3 && !listed {
			// “…,” NAME VERBED: a reporting verb outside the lexicon.
			if d.attribUnknownVerb(&c, p.close+1, postEnd) {
				p.role = roleSpeech
				d.cands = append(d.cands, c)
				return
			}
		}
		if nw >= d.x.opts.MinSpeechWords*2 {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		p.role = roleNone
		return
	}
	// words before the mark: an introduction ("She said: “…”") or the
	// quotation is inside a clause.
	if d.attribBefore(&c, preStart, p.open) {
		p.role = roleSpeech
		d.cands = append(d.cands, c)
		return
	}
	// colon introduction without a reporting verb.
	if j := p.open - 1; j >= preStart && d.toks[j].kind == tPunct && d.toks[j].r == ':' && (nw >= 4 || inner == '.') {
		if p.close >= 0 && postEnd > p.close+1 && d.attribAfter(&c, p.close+1, postEnd) {
			p.role = roleSpeech
			d.cands = append(d.cands, c)
			return
		}
		if ms, me := d.npForward(preStart, j); ms >= 0 && d.plausibleNP(ms, me) && d.headish(ms, me) && d.toks[ms].cap {
			c.ms, c.me = ms, me
		}
		p.role = roleSpeech
		d.cands = append(d.cands, c)
		return
	}
	p.role = roleEmbedded
}

// attribAfter looks for "he said", "said Smith", "Smith, a lawyer, said"
// in tokens [a,b) right after a quotation.
func (d directFinder) attribAfter(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && (d.toks[a].r == ',' || d.toks[a].r == '—' || d.toks[a].r == '–' || d.toks[a].r == '-') {
		a++
	}
	if a >= b {
		return false
	}
	all := english.CueSpeech | english.CueDirect | english.CueObject
	nw := 0
	for i := a; i < b && nw <= d.x.opts.MaxCueDistance; i++ {
		t := d.toks[i]
		if t.kind == tQuote {
			return false
		}
		if t.kind != tWord {
			continue
		}
		nw++
		if !d.isCue(i, all) {
			continue
		}
		if i > a && english.CueBlockers().Has(d.toks[i-1].lower) && d.toks[i-1].lower != "to" {
			continue
		}
		end := i + 1
		if part, ok := english.PhrasalParticles().Lookup(t.lower); ok && end < len(d.toks) && d.toks[end].lower == part {
			end++
		}
		if i == a {
			// said Smith / added the minister
			ms, me := d.npForward(end, b)
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i, end
			return true
		}
		// Smith said / Smith, a lawyer, said: subject from the start.
		me := d.skipAuxBack(i, a)
		ms := a
		for j := a; j < me; j++ {
			if d.toks[j].kind == tPunct && d.toks[j].r == ',' {
				if j > a && (d.toks[j-1].cap || english.SpeakerPronouns().Has(d.toks[j-1].lower)) {
					me = j
				}
				break
			}
		}
		if ms >= me {
			return false
		}
		if !d.plausibleNP(ms, me) {
			return false
		}
		c.ms, c.me, c.cue, c.cueEnd = ms, me, i, end
		return true
	}
	return false
}

// attribUnknownVerb accepts “…,” NP VERB where VERB is not in the
// lexicon but looks like a past or present tense verb.
func (d directFinder) attribUnknownVerb(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && d.toks[a].r == ',' {
		a++
	}
	for i := a + 1; i < b && i <= a+4; i++ {
		t := d.toks[i]
		if t.kind != tWord {
			return false
		}
		if !t.cap && (strings.HasSuffix(t.lower, "ed") || strings.HasSuffix(t.lower, "s")) && !english.PhraseBoundaries().Has(t.lower) {
			if english.SpeakerPronouns().Has(d.toks[a].lower) && i == a+1 || d.toks[a].cap && d.plausibleNP(a, i) {
				c.ms, c.me, c.cue, c.cueEnd = a, i, i, i+1
				return true
			}
			return false
		}
	}
	return false
}

// attribInverted accepts “…,” VERBED NAME after a quotation: a lower-case
// past-tense verb right after the closing mark, then a capitalised name
// that ends the sentence or is followed by a comma.
func (d directFinder) attribInverted(c *cand, a, b int) bool {
	for a < b && d.toks[a].kind == tPunct && d.toks[a].r == ',' {
		a++
	}
	if a+1 >= b {
		return false
	}
	v := d.toks[a]
	if v.kind != tWord || v.cap || !strings.HasSuffix(v.lower, "ed") || len(v.lower) < 5 || english.PhraseBoundaries().Has(v.lower) || english.AuxWords().Has(v.lower) {
		return false
	}
	ms, me := d.npForward(a+1, b)
	if ms != a+1 || !d.toks[ms].cap || english.NameStops().Has(d.toks[ms].lower) || !d.plausibleNP(ms, me) {
		return false
	}
	if me < b && !(d.toks[me].kind == tPunct && (d.toks[me].r == ',' || d.isTerminal(me))) {
		return false
	}
	c.ms, c.me, c.cue, c.cueEnd = ms, me, a, a+1
	return true
}

// attribBefore looks for an introduction in tokens [a,b) before an
// opening mark: "Smith said: “", "she told reporters, “", "As Smith put
// it, “", "According to Smith, “".
func (d directFinder) attribBefore(c *cand, a, b int) bool {
	all := english.CueSpeech | english.CueDirect | english.CueObject
	// a short quoted phrase running on into the sentence is a title
	// ("told NBC's “Today” show that …"), not an introduced quotation.
	if d.shortQuote(b) {
		for k := b + 1; k < len(d.toks); k++ {
			if d.toks[k].kind == tQuote {
				if k+1 < len(d.toks) && d.toks[k+1].kind == tWord && !d.toks[k+1].cap {
					return false
				}
				break
			}
		}
	}
	// the introduction must end right before the mark (allowing , : that)
	// and the cue must be at most a few words before it.
	end := b
	for end > a && (d.toks[end-1].kind == tPunct && (d.toks[end-1].r == ',' || d.toks[end-1].r == ':' || d.toks[end-1].r == '—') || d.toks[end-1].lower == "that") {
		end--
	}
	gap := 0
	for i := end - 1; i >= a && gap <= 10; i-- {
		t := d.toks[i]
		if t.kind == tQuote {
			break
		}
		if t.kind == tWord && t.lower == "to" && i > a && d.toks[i-1].lower == "according" {
			ms, me := d.npForward(i+1, end)
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i-1, i+1
			return true
		}
		if t.kind == tPunct && t.r != '.' && t.r != ',' {
			break
		}
		if t.kind != tWord {
			continue
		}
		if d.isCue(i, all) {
			if i > a && english.CueBlockers().Has(d.toks[i-1].lower) {
				gap++
				continue
			}
			if english.NamingVerb(t.lower) || !(t.lower == "put" && d.toks[i+1].lower == "it") && d.gapIsClause(i+1, end, d.x.cues.Get(t.lower)&english.CueObject != 0) || i+1 == end && b-1 >= 0 && d.toks[b-1].kind == tWord && d.shortQuote(b) && !d.closesSentence(b) || gap > 6 && d.toks[i+1].lower != "of" && d.toks[i+1].lower != "about" && d.toks[i+1].lower != "in" && d.toks[i+1].lower != "on" {
				return false
			}
			// "said Smith, “…”"
			if ms, me := d.npForward(i+1, end); ms >= 0 && d.toks[ms].cap && gap > 0 && d.plausibleNP(ms, me) {
				c.ms, c.me, c.cue, c.cueEnd = ms, me, i, i+1
				return true
			}
			ms, me := d.subjectBefore(i, a)
			if strings.HasSuffix(t.lower, "ing") && i > a && d.toks[i-1].kind == tPunct && d.toks[i-1].r == ',' {
				// "Jane Doe posted the news, writing “…”": the subject
				// of the main clause.
				ms, me = d.npForward(a, i-1)
				if ms >= 0 && !(d.plausibleNP(ms, me) && d.headish(ms, me)) {
					ms = -1
				}
			}
			if ms < 0 {
				return false
			}
			c.ms, c.me, c.cue, c.cueEnd = ms, me, i, i+1
			return true
		}
		gap++
	}
	return false
}

// closesSentence reports whether the quotation opening at token b is
// closed with its own final punctuation and ends the sentence: "the
// crowd chanted “Resign now!”" is speech however short it is.
func (d directFinder) closesSentence(b int) bool {
	for k := b + 1; k < len(d.toks) && k < b+30; k++ {
		if d.toks[k].kind != tQuote {
			continue
		}
		if k == b+1 || !d.isTerminal(k-1) || d.toks[k-1].r == ';' {
			return false
		}
		// nothing but punctuation may follow before the sentence ends
		return k+1 >= len(d.toks) || d.toks[k+1].kind != tWord || d.toks[k+1].cap
	}
	return false
}

// shortQuote reports whether the quotation opening at token b is a short
// phrase rather than a sentence (fewer than four words and no final
// punctuation), which makes "said “…”" without a comma a mixed quote.
func (d directFinder) shortQuote(b int) bool {
	n := 0
	for i := b + 1; i < len(d.toks) && d.toks[i].kind != tQuote; i++ {
		if d.toks[i].kind == tWord {
			n++
		}
	}
	return n < 4
}

// gapIsClause reports whether the words between a cue and a quotation
// hold a clause of their own ("said she was “…”"), which makes the
// quotation part of a reported clause rather than introduced by the cue.
func (d directFinder) gapIsClause(a, b int, objectCue bool) bool {
	var first *tok
	n := 0
	for i := a; i < b; i++ {
		if d.toks[i].kind == tWord {
			if first == nil {
				first = &d.toks[i]
			}
			n++
		}
	}
	if first != nil && n >= 2 && !first.cap && !english.AdjunctPrepositions().Has(first.lower) && (!english.AddresseeWords().Has(first.lower) && !english.ClauseAdjuncts().Has(first.lower) || english.Determiners().Has(first.lower) && !objectCue) {
		return true // "said the news came as a “…”"
	}
	for i := a; i < b; i++ {
		switch d.toks[i].lower {
		case "he", "she", "they", "we", "i", "it", "there", "is", "was", "were", "are", "will",
			"would", "has", "had", "have", "could", "can", "should", "be", "been":
			return true
		}
		if d.toks[i].kind == tWord && !d.toks[i].cap && strings.HasSuffix(d.toks[i].lower, "ed") && i > a {
			return true
		}
	}
	return false
}
