package quote

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// speakerResolver gives every candidate quotation its speaker: the entity
// its mention names or the entity stage's reference for it (a pronoun's or
// description's antecedent), a document's author, or, for a quotation with
// no mention, the previous speaker. It resolves no pronoun or description
// itself: a mention the entity stage left unlinked is reported as written,
// with a kind that says so. position.go holds what the ranker's features
// read of a mention's place.
type speakerResolver struct {
	mentionFinder
	// observe, when set, sees the ranker's candidates and features of
	// every quotation (rank_train.go).
	observe func(c *cand, cs []speakerCand, feats [][]uint64)
	// resolved remembers the ranker's candidate resolutions.
	resolved map[resolveKey]article.Speaker
	// wordClass classes every token for the ranker's candidates
	// (classifyWords).
	wordClass []candSource
}

var ageNoun = regexp.MustCompile(`^\d+-year-old$`)

func kindOf(t article.EntityType) article.SpeakerKind {
	switch t {
	case article.Person:
		return article.SpeakerPerson
	case article.Organization:
		return article.SpeakerOrganization
	case article.Place:
		return article.SpeakerGovernment
	case article.Misc:
		return article.SpeakerAnonymous
	}
	return article.SpeakerUnknown
}

// resolveAll gives every candidate its speaker, in text order, so that a
// quotation without a mention can take the previous speaker.
// With Options.Speakers the rules' speaker is one candidate of the
// ranker's (rank.go).
func (d *speakerResolver) resolveAll() {
	var st rankState
	var f rankFeaturer
	for k := range d.cands {
		c := &d.cands[k]
		if c.ms >= 0 {
			c.speaker = d.resolveMention(c, st.prev)
		} else {
			c.speaker = d.floating(c, st.prev)
		}
		switch {
		case d.observe != nil:
			cs := d.speakerCands(c, st.prev, c.speaker, nil)
			feats := make([][]uint64, len(cs))
			for j := range cs {
				feats[j] = d.candFeatures(c, st, cs, j, nil)
			}
			d.observe(c, cs, feats)
		case d.x.opts.Speakers != nil:
			c.speaker = d.rankSpeaker(c, st, c.speaker, &f)
		}
		if c.speaker.Name != "" {
			if st.prev != nil && !sameName(st.prev.speaker.Name, c.speaker.Name) {
				st.alt = st.prev.speaker.Name
			}
			st.prev = c
		}
	}
}

// floating finds the speaker of a quotation with no mention of its own:
// the previous quotation's speaker when it is in this paragraph or the one
// before (or this is a continuation), else the person introduced in the
// preceding paragraph.
func (d *speakerResolver) floating(c *cand, prev *cand) article.Speaker {
	if prev != nil && (c.cont || prev.para >= c.para-1) {
		sp := prev.speaker
		sp.Mention = nil
		return sp
	}
	if c.para > 0 {
		if pm, ok := d.firstPerson(c.para - 1); ok {
			return article.Speaker{Name: pm, Kind: article.SpeakerPerson}
		}
	}
	if prev != nil && prev.para >= c.para-3 {
		sp := prev.speaker
		sp.Mention = nil
		return sp
	}
	return article.Speaker{Kind: article.SpeakerUnknown}
}

// firstPerson returns the first person named in paragraph pi outside
// quotations.
func (d *speakerResolver) firstPerson(pi int) (string, bool) {
	p := d.paras[pi]
	for k := max(d.entityBefore(p.Start)+1, 0); k < len(d.ents) && d.ents[k].Start < p.End; k++ {
		en := d.ents[k]
		if en.Type == article.Person && en.Start >= p.Start && en.End <= p.End && !d.inQuoteAt(en.Start) {
			return en.Name, true
		}
	}
	return "", false
}

// resolveMention turns the mention tokens of c into a speaker.
func (d *speakerResolver) resolveMention(c *cand, prev *cand) article.Speaker {
	ms, me := c.ms, c.me
	// trim punctuation at the edges
	for ms < me && d.toks[ms].kind != tWord {
		ms++
	}
	for me > ms && d.toks[me-1].kind != tWord {
		me--
	}
	if ms >= me {
		return d.floating(c, prev)
	}
	mention := article.NewSpan(d.text, d.toks[ms].s, d.toks[me-1].e)
	sp := article.Speaker{Mention: &mention, Kind: article.SpeakerUnknown}
	// a reference names the speaker only when it reaches the mention's
	// last word: "his office" is not the man "his" refers to.
	if r := d.referenceAt(mention.Start, mention.End); r != nil && r.Name != "" && r.End >= d.toks[me-1].s {
		sp.Name, sp.Kind = r.Name, kindOf(r.Type)
		return sp
	}
	first := d.toks[ms].lower
	if me-ms == 1 {
		if _, ok := english.PronounClasses().Lookup(first); ok {
			return sp // a pronoun the entity stage did not resolve
		}
	}
	// the head region: before "of/for/at/with" ("a spokesperson for X")
	he := me
	for k := ms + 1; k < me; k++ {
		w := d.toks[k].lower
		if w == "of" && english.QuantityNouns().Has(d.toks[k-1].lower) {
			continue // "a growing list of veteran MPs": the head follows
		}
		if w == "at" || w == "with" || w == "from" || w == "in" || (w == "for" || w == "of") && (!d.toks[k-1].cap || d.personRun(ms, k)) {
			he = k
			break
		}
		verbIng := strings.HasSuffix(w, "ing") && len(w) > 5 && (k+1 >= me || d.toks[k+1].kind != tWord || english.Determiners().Has(d.toks[k+1].lower) || english.AdjunctPrepositions().Has(d.toks[k+1].lower) || d.toks[k+1].lower == "on")
		if d.toks[k].kind == tWord && !d.toks[k].cap && (verbIng || w == "who" || w == "which" || w == "obtained" || w == "familiar" || w == "close") {
			he = k
			break
		}
	}
	head := stripPossessive(d.toks[he-1].lower)
	if first == "the" && english.PartyNouns().Has(head) {
		// "the Kentucky Republican": a description, not a name
		return article.Speaker{Mention: &mention, Name: d.text[mention.Start:d.toks[he-1].e], Kind: article.SpeakerDescription}
	}
	if s, e, ok := d.nameRun(ms, he); ok && !(e-s == 1 && s == ms && (english.GroupNouns().Has(d.toks[s].lower) || english.SpeakerOrgNouns().Has(d.toks[s].lower) || english.NameTitles().Has(d.toks[s].lower))) && (e == me || !strings.HasSuffix(d.toks[e-1].lower, "’s") && !strings.HasSuffix(d.toks[e-1].lower, "'s")) {
		if en := d.entityAt(d.toks[e-1].s, d.toks[e-1].e); en != nil && en.Name != "" {
			sp.Name, sp.Kind = en.Name, kindOf(en.Type)
			return sp
		}
		sp.Name = d.spanText(s, e)
		sp.Kind = article.SpeakerPerson
		if d.hasOrgWord(s, e) {
			sp.Kind = article.SpeakerOrganization
		}
		return sp
	}
	if english.DocumentNouns().Has(head) {
		// a document speaks for its author: "a statement from the
		// ministry", "the ministry's statement", and "the statement"
		// right after its author's quotation.
		if n, k, ok := d.documentAuthor(c, prev, ms, he, me); ok {
			sp.Name, sp.Kind = n, k
			return sp
		}
		if (first == "the" || first == "this" || first == "that") && he-ms <= 2 && english.AuthoredNouns().Has(head) && prev != nil && prev.para >= c.para-1 && prev.speaker.Name != "" && prev.speaker.Kind != article.SpeakerUnknown {
			sp.Name, sp.Kind = prev.speaker.Name, prev.speaker.Kind
			return sp
		}
	}
	written := d.text[mention.Start:d.toks[he-1].e]
	def := first == "the"
	switch {
	case def && (english.NameTitles().Has(head) || english.PartyNouns().Has(head) || ageNoun.MatchString(head) || english.SpeakerOrgNouns().Has(head)):
		// a description the entity stage did not link to a name
		sp.Name, sp.Kind = written, article.SpeakerDescription
	case english.GroupNouns().Has(head) || english.NameTitles().Has(head) || strings.HasSuffix(head, "s"):
		// an anonymous group keeps what the text says of it: "people
		// familiar with the bid", not "people"
		sp.Name, sp.Kind = mention.Text, article.SpeakerAnonymous
	case english.SpeakerOrgNouns().Has(head):
		sp.Name, sp.Kind = written, article.SpeakerOrganization
	default:
		sp.Name, sp.Kind = written, article.SpeakerUnknown
	}
	return sp
}

// documentAuthor resolves the author of a document mention [ms,me) with
// head noun ending at he: the noun phrase after "from", "by", "of" or
// "issued by", or the possessor before the head ("the union's
// statement").
func (d *speakerResolver) documentAuthor(c, prev *cand, ms, he, me int) (string, article.SpeakerKind, bool) {
	a, b := -1, -1
	if he < me {
		k := he
		if d.toks[k].lower == "issued" || d.toks[k].lower == "released" || d.toks[k].lower == "signed" {
			k++
		}
		if k < me && (d.toks[k].lower == "from" || d.toks[k].lower == "by" || d.toks[k].lower == "of") && k+1 < me {
			a, b = k+1, me
			for e := a; e < me; e++ {
				if w := d.toks[e].lower; d.toks[e].kind != tWord && d.toks[e].r != '.' && d.toks[e].r != '&' || w == "to" || w == "on" || w == "about" || w == "obtained" || w == "who" || w == "which" {
					b = e
					break
				}
			}
		}
	}
	if a < 0 {
		for k := ms; k < he-1; k++ {
			if w := d.toks[k].lower; strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				a, b = ms, k+1
				break
			}
		}
	}
	if a < 0 || a >= b {
		return "", article.SpeakerUnknown, false
	}
	sub := *c
	sub.ms, sub.me = a, b
	sp := d.resolveMention(&sub, prev)
	if sp.Name == "" || sp.Kind == article.SpeakerUnknown && !d.toks[a].cap {
		return "", article.SpeakerUnknown, false
	}
	return sp.Name, sp.Kind, true
}
