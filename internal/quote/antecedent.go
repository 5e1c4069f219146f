package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// pronoun gives a speaker to a pronoun at byte off that the entity stage
// left without a reference: "he" and "she" take the previous speaker when
// the gender does not rule it out; "i" (a role noun read as a person, "the
// Kentucky Republican") takes the previous speaker or the latest person
// entity in subject position; "they" and "it" take the latest group or
// organisation speaker, "it" else the latest organisation entity. This is
// speaker continuity across quotations, not coreference: pronouns are
// resolved by internal/entity.
func (d *speakerResolver) pronoun(pr string, off int, prev *cand) (string, article.SpeakerKind) {
	switch pr {
	case "he", "she", "i":
		want := article.Male
		if pr == "she" {
			want = article.Female
		}
		// the latest person named before off, outside quotations
		var best personMention
		found := false
		if pr == "i" {
			// a role written as a noun ("the Kentucky Republican", "the
			// 26-year-old"): the latest suitable person before off
			for k := d.entityBefore(off); k >= 0 && !found && off-d.ents[k].Start < 20000; k-- {
				en := d.ents[k]
				if en.Type != article.Person || d.inQuoteAt(en.Start) {
					continue
				}
				if pr != "i" && en.Gender != "" && en.Gender != article.GenderUnknown && en.Gender != want {
					continue
				}
				if d.afterPreposition(en.Start) || !d.subjectPosition(en.Start) {
					continue
				}
				best, found = personMention{pos: en.Start, name: en.Name, gender: en.Gender}, true
			}
		}
		if prev != nil && prev.speaker.Kind == article.SpeakerPerson && prev.speaker.Name != "" && (pr == "i" || d.genderOf(prev.speaker.Name) != oppositeOf(want)) {
			ppos := prev.cs
			if prev.speaker.Mention != nil {
				ppos = prev.speaker.Mention.Start
			}
			if !found || ppos >= best.pos || sameName(best.name, prev.speaker.Name) {
				return prev.speaker.Name, article.SpeakerPerson
			}
		}
		if found {
			return best.name, article.SpeakerPerson
		}
		return "", article.SpeakerUnknown
	case "they", "it", "we":
		if prev != nil && (prev.speaker.Kind == article.SpeakerOrganization || prev.speaker.Kind == article.SpeakerAnonymous) {
			return prev.speaker.Name, prev.speaker.Kind
		}
		if pr == "it" {
			if n, ok := d.lastOrg(off); ok {
				return n, article.SpeakerOrganization
			}
		}
	}
	return "", article.SpeakerUnknown
}

// keepSpeaker decides between the entity stage's antecedent of a
// speaker pronoun and the previous quotation's speaker. In news prose the
// "he" or "she" who speaks is the person already speaking unless another
// person of that gender has since been named as a subject: a name in a
// photo credit, after a preposition or as an object ("asked Mayor Jane
// Doe") does not shift the focus. It returns the previous speaker's name
// and true when that speaker should be kept.
func (d *speakerResolver) keepSpeaker(c, prev *cand, pr, refName string, off int) (string, bool) {
	if prev == nil || prev.speaker.Kind != article.SpeakerPerson || prev.speaker.Name == "" || prev.speaker.Name == refName || sameName(prev.speaker.Name, refName) {
		return "", false
	}
	if prev.para < c.para-2 {
		return "", false
	}
	var want article.Gender
	switch pr {
	case "he":
		want = article.Male
	case "she":
		want = article.Female
	default:
		return "", false
	}
	if g := d.genderOf(prev.speaker.Name); g == oppositeOf(want) || g != want && d.genderOf(refName) == want {
		return "", false
	}
	from := prev.ce
	if prev.speaker.Mention != nil && prev.speaker.Mention.End > from {
		from = prev.speaker.Mention.End
	}
	for k := max(d.entityBefore(from)+1, 0); k < len(d.ents) && d.ents[k].Start < off; k++ {
		en := d.ents[k]
		if en.Type != article.Person || en.Start < from || en.Name != refName || d.inQuoteAt(en.Start) {
			continue
		}
		rest := d.text[en.End:]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			continue
		}
		if (d.subjectPosition(en.Start) || d.describedSubject(en.Start)) && !d.afterPreposition(en.Start) && !d.inParens(en.Start) || d.afterCue(en.Start) {
			return "", false // a new subject since the last speaker
		}
	}
	return prev.speaker.Name, true
}

// describedSubject reports whether the name at byte off follows a
// descriptive noun phrase that opens a clause ("…, security analyst Jane
// Doe has …", "The veteran senator Jane Doe"): lower-case modifiers and
// nouns back to a clause boundary, with no preposition or verb among them.
func (d *speakerResolver) describedSubject(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	j := i - 1
	for j >= 0 && i-j <= 6 && d.toks[j].kind == tWord {
		w := d.toks[j].lower
		if !d.toks[j].cap && (english.AdjunctPrepositions().Has(w) || english.PhraseBoundaries().Has(w) || english.CueBlockers().Has(w) || d.x.cues.Get(w) != 0 || strings.HasSuffix(w, "ed") || english.AuxWords().Has(w)) {
			return false
		}
		j--
	}
	if j < 0 || d.paraStart(d.toks[j+1].s) {
		return true
	}
	t := d.toks[j]
	return t.kind == tPunct && (t.r == '.' || t.r == ',' || t.r == ';' || t.r == ':' || t.r == '—')
}

// afterCue reports whether the name at byte off follows a reporting verb
// as its subject ("…, said Jane Doe"), titles and role words allowed
// between.
func (d *speakerResolver) afterCue(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	j := i - 1
	for j >= 0 && i-j <= 5 && d.toks[j].kind == tWord && (d.toks[j].cap || english.NameTitles().Has(d.toks[j].lower) || english.GroupNouns().Has(d.toks[j].lower)) {
		j--
	}
	return j >= 0 && d.toks[j].kind == tWord && !d.toks[j].cap && d.x.cues.Get(d.toks[j].lower)&(english.CueSpeech|english.CueDirect) != 0 && d.toks[j].lower != "told"
}

// oppositeOf returns the other gender.
func oppositeOf(g article.Gender) article.Gender {
	if g == article.Male {
		return article.Female
	}
	return article.Male
}

// genderOf returns the gender the entity stage gave a person's name.
func (d *speakerResolver) genderOf(name string) article.Gender {
	for _, c := range d.a.EntitySummary {
		if c.Name == name {
			return c.Gender
		}
	}
	return article.GenderUnknown
}

// subjectPosition reports whether the mention at byte off opens a sentence
// or a clause after a comma: where a new subject, and so the referent of
// a following pronoun, stands.
func (d *speakerResolver) subjectPosition(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	if i == 0 {
		return true
	}
	if d.paraStart(off) {
		return true
	}
	j := i - 1
	// titles and role words before the name: "Mayor Jane Doe", "analyst Jane Doe"
	for j >= 0 && i-j <= 5 && d.toks[j].kind == tWord && (d.toks[j].cap || english.NameTitles().Has(d.toks[j].lower) || english.GroupNouns().Has(d.toks[j].lower)) {
		j--
	}
	if j < 0 {
		return true
	}
	t := d.toks[j]
	if t.kind == tPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == ',' || t.r == ';' || t.r == ':' || t.r == '—') {
		return true
	}
	if d.paraStart(d.toks[j+1].s) {
		return true
	}
	return t.kind == tQuote
}

// afterPreposition reports whether the word before byte off makes the
// name an object ("told Smith", "with Smith").
func (d *speakerResolver) afterPreposition(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	if i == 0 {
		return false
	}
	switch d.toks[i-1].lower {
	case "to", "with", "by", "from", "for", "told", "of", "against", "and", "about", "at":
		return true
	}
	return false
}

// roleAntecedent finds the entity a role noun ("the mayor") refers to
// when the entity stage left it without a reference: the entity named
// right after the latest mention of the role word ("Mayor Jane Doe").
func (d *speakerResolver) roleAntecedent(head string, off int) (string, bool) {
	want := article.Person
	if english.SpeakerOrgNouns().Has(head) {
		want = article.Organization
	}
	end := d.tokAt(0, len(d.toks), off)
	for i := end - 1; i >= 0 && i >= end-maxLookBack; i-- {
		if stripPossessive(d.toks[i].lower) != head {
			continue
		}
		if i+1 < len(d.toks) {
			if en := d.entityAt(d.toks[i+1].s, d.toks[i+1].e); en != nil && en.Type == want {
				return en.Name, true
			}
		}
	}
	return "", false
}

// orgAntecedent finds the organisation "the ministry" refers to when the
// entity stage left it without a reference: the latest organisation
// entity whose name contains the head word.
func (d *speakerResolver) orgAntecedent(head string, off int) (string, bool) {
	for k := d.entityBefore(off); k >= 0 && off-d.ents[k].Start < 20000; k-- {
		en := d.ents[k]
		if en.Type == article.Organization && strings.Contains(strings.ToLower(en.Name), head) {
			return en.Name, true
		}
	}
	return "", false
}

// lastOrg returns the latest organisation entity in subject position
// within a few paragraphs before off.
func (d *speakerResolver) lastOrg(off int) (string, bool) {
	for k := d.entityBefore(off); k >= 0 && off-d.ents[k].Start < 1500; k-- {
		en := d.ents[k]
		if en.Type == article.Organization && !d.inQuoteAt(en.Start) && d.subjectPosition(en.Start) {
			return en.Name, true
		}
	}
	return "", false
}

// sameName reports whether two names share a word (a surname).
func sameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	for w := range strings.FieldsSeq(b) {
		for v := range strings.FieldsSeq(a) {
			if strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}
