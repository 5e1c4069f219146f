package quote

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

var ageNoun = regexp.MustCompile(`^\d+-year-old$`)

// maxLookBack bounds how many tokens the fallback coreference scans back
// for an antecedent, which keeps Extract linear on long texts.
const maxLookBack = 3000

// personMention is a person named in the text, for the fallback
// coreference used when the article has no entities.
type personMention struct {
	pos    int // byte offset
	name   string
	gender article.Gender
}

// stripPossessive drops a final 's / ’s.
func stripPossessive(w string) string {
	for _, s := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// nameRun returns the token range of a proper name in [a,b): the last run
// of capitalised words, without leading titles and sentence-initial
// function words. ok is false when the phrase has no name.
func (d *doc) nameRun(a, b int) (int, int, bool) {
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
func (d *doc) personRun(a, b int) bool {
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
func (d *doc) hasOrgWord(a, b int) bool {
	for i := a; i < b; i++ {
		if english.OrgNameWords().Has(d.toks[i].lower) {
			return true
		}
	}
	return false
}

// spanText returns the text of tokens [a,b), possessive dropped.
func (d *doc) spanText(a, b int) string {
	return stripPossessive(d.text[d.toks[a].s:d.toks[b-1].e])
}

// buildNames collects the article's multi-word personal names for the
// fallback coreference ("Telford" → "Hamish Telford").
func (d *doc) buildNames() {
	d.names = map[string][]nameAt{}
	type run struct{ s, e int }
	var runs []run
	cand := map[string]bool{}
	for pi := range d.paras {
		lo, hi := d.pt[pi][0], d.pt[pi][1]
		for i := lo; i < hi; {
			if d.toks[i].kind != tWord || !d.toks[i].cap {
				i++
				continue
			}
			j := i
			for j < hi && d.toks[j].kind == tWord && d.toks[j].cap {
				j++
				if strings.HasSuffix(d.toks[j-1].lower, "'s") {
					break
				}
			}
			if s, e, ok := d.nameRun(i, j); ok && e-s >= 2 && e-s <= 4 && !d.hasOrgWord(s, e) {
				runs = append(runs, run{s, e})
				for k := s; k < e; k++ {
					cand[stripPossessive(d.toks[k].lower)] = true
				}
			}
			i = j
		}
	}
	if len(runs) == 0 {
		return
	}
	// words the article also writes in lower case are common words, not
	// names ("Affordable Care Act")
	common := map[string]bool{}
	for _, t := range d.toks {
		if t.kind == tWord && !t.cap && cand[t.lower] {
			common[t.lower] = true
		}
	}
	for _, r := range runs {
		ok := true
		for k := r.s; k < r.e; k++ {
			if w := stripPossessive(d.toks[k].lower); common[w] && !english.NameTitles().Has(w) {
				ok = false
			}
		}
		if ok {
			last := stripPossessive(d.toks[r.e-1].lower)
			d.names[last] = append(d.names[last], nameAt{pos: d.toks[r.s].s, name: d.spanText(r.s, r.e)})
		}
	}
}

// nameAt is a full name and where it occurs.
type nameAt struct {
	pos  int
	name string
}

// fullName returns the full name a surname stands for at byte off: the
// latest full name with that last word before off, else the first after.
func (d *doc) fullName(last string, off int) (string, bool) {
	ns := d.names[last]
	if len(ns) == 0 {
		return "", false
	}
	best := ns[0].name
	for _, n := range ns {
		if n.pos > off {
			break
		}
		best = n.name
	}
	return best, true
}

// entityAt returns the entity of a overlapping [s,e) with the largest
// overlap, or nil.
func (d *doc) entityAt(s, e int) *article.Entity {
	var best *article.Entity
	bo := 0
	// entities are sorted by start; one can start up to its length
	// before s, and names are short.
	k0 := d.entityBefore(s - 200)
	for k := max(k0, 0); k < len(d.ents) && d.ents[k].Start < e; k++ {
		en := &d.ents[k]
		if en.End <= s || en.Start >= e {
			continue
		}
		o := min(en.End, e) - max(en.Start, s)
		if o > bo {
			best, bo = en, o
		}
	}
	return best
}

// entityBefore returns the index of the last entity starting before byte
// off, or -1.
func (d *doc) entityBefore(off int) int {
	return sort.Search(len(d.ents), func(i int) bool { return d.ents[i].Start >= off }) - 1
}

func (d *doc) referenceAt(s, e int) *article.Reference {
	k := sort.Search(len(d.refs), func(i int) bool { return d.refs[i].Start >= s-200 })
	for ; k < len(d.refs) && d.refs[k].Start < e; k++ {
		if r := &d.refs[k]; r.Start < e && s < r.End {
			return r
		}
	}
	return nil
}

func kindOf(t article.EntityType) article.SpeakerKind {
	switch t {
	case article.Person:
		return article.SpeakerPerson
	case article.Organization, article.Place, article.Misc:
		return article.SpeakerOrganization
	}
	return article.SpeakerUnknown
}

// resolveAll gives every candidate its speaker, in text order, so that a
// quotation without a mention can take the previous speaker.
func (d *doc) resolveAll() {
	var prev *cand
	for k := range d.cands {
		c := &d.cands[k]
		if c.ms >= 0 {
			c.speaker = d.resolveMention(c, prev)
		} else {
			c.speaker = d.floating(c, prev)
		}
		if c.speaker.Name != "" {
			prev = c
		}
	}
}

// floating finds the speaker of a quotation with no mention of its own:
// the previous quotation's speaker when it is in this paragraph or the one
// before (or this is a continuation), else the person introduced in the
// preceding paragraph.
func (d *doc) floating(c *cand, prev *cand) article.Speaker {
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
func (d *doc) firstPerson(pi int) (string, bool) {
	p := d.paras[pi]
	if len(d.ents) > 0 {
		for k := max(d.entityBefore(p.Start)+1, 0); k < len(d.ents) && d.ents[k].Start < p.End; k++ {
			en := d.ents[k]
			if en.Type == article.Person && en.Start >= p.Start && en.End <= p.End && !d.inQuoteAt(en.Start) {
				return en.Name, true
			}
		}
		return "", false
	}
	lo, hi := d.pt[pi][0], d.pt[pi][1]
	for i := lo; i < hi; i++ {
		if d.inQuote[i] || !d.toks[i].cap || d.toks[i].kind != tWord {
			continue
		}
		j := i
		for j < hi && d.toks[j].kind == tWord && d.toks[j].cap {
			j++
		}
		if s, e, ok := d.nameRun(i, j); ok && !d.hasOrgWord(s, e) && !strings.HasSuffix(d.toks[e-1].lower, "’s") && !strings.HasSuffix(d.toks[e-1].lower, "'s") {
			if e-s >= 2 {
				return d.spanText(s, e), true
			}
			if full, ok := d.fullName(d.toks[s].lower, d.toks[s].s); ok && e-s == 1 {
				return full, true
			}
		}
		i = j
	}
	return "", false
}

func (d *doc) inQuoteAt(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	return i < len(d.toks) && d.inQuote[i]
}

// resolveMention turns the mention tokens of c into a speaker.
func (d *doc) resolveMention(c *cand, prev *cand) article.Speaker {
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
		if me-ms == 1 && r.Type == article.Person {
			if n, ok := d.keepSpeaker(c, prev, d.toks[ms].lower, r.Name, mention.Start); ok {
				sp.Name = n
			}
		}
		return sp
	}
	first := d.toks[ms].lower
	if me-ms == 1 {
		if pr, ok := english.PronounClasses().Lookup(first); ok {
			sp.Name, sp.Kind = d.pronoun(pr, mention.Start, prev)
			return sp
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
	aged := false
	for k := ms; k < he; k++ {
		if ageNoun.MatchString(d.toks[k].lower) {
			aged = true
		}
	}
	if first == "the" && he-ms >= 2 && (english.NameTitles().Has(head) || english.PartyNouns().Has(head) || aged) {
		// "the Kentucky Republican", "the 26-year-old forward": a role
		if n, ok := d.roleAntecedent(head, mention.Start); ok {
			sp.Name, sp.Kind = n, article.SpeakerPerson
			return sp
		}
		if english.PartyNouns().Has(head) || aged {
			if n, k := d.pronoun("i", mention.Start, prev); n != "" {
				sp.Name, sp.Kind = n, k
				return sp
			}
		}
	}
	if s, e, ok := d.nameRun(ms, he); ok && !(e-s == 1 && s == ms && (english.GroupNouns().Has(d.toks[s].lower) || english.SpeakerOrgNouns().Has(d.toks[s].lower) || english.NameTitles().Has(d.toks[s].lower))) && (e == me || !strings.HasSuffix(d.toks[e-1].lower, "’s") && !strings.HasSuffix(d.toks[e-1].lower, "'s")) {
		if en := d.entityAt(d.toks[e-1].s, d.toks[e-1].e); en != nil && en.Name != "" {
			sp.Name, sp.Kind = en.Name, kindOf(en.Type)
			// a bare surname: the latest full name before it wins over an
			// article-wide canonical name ("Dorie Greenspan" and her son
			// "Michael Greenspan").
			if e-s == 1 && en.Type == article.Person {
				if full, ok := d.fullName(stripPossessive(d.toks[s].lower), d.toks[s].s); ok && sameName(full, en.Name) {
					sp.Name = full
				}
			}
			return sp
		}
		name := d.spanText(s, e)
		if e-s == 1 {
			if full, ok := d.fullName(stripPossessive(d.toks[s].lower), d.toks[s].s); ok {
				name = full
			}
		}
		sp.Name = name
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
	case def && (english.NameTitles().Has(head) || ageNoun.MatchString(head)):
		if n, ok := d.roleAntecedent(head, mention.Start); ok {
			sp.Name, sp.Kind = n, article.SpeakerPerson
			return sp
		}
		if prev != nil && prev.speaker.Kind == article.SpeakerPerson && prev.para >= c.para-2 {
			sp.Name, sp.Kind = prev.speaker.Name, article.SpeakerPerson
			return sp
		}
		sp.Name, sp.Kind = written, article.SpeakerPerson
	case def && english.SpeakerOrgNouns().Has(head):
		if n, ok := d.roleAntecedent(head, mention.Start); ok {
			sp.Name, sp.Kind = n, article.SpeakerOrganization
			return sp
		}
		if n, ok := d.orgAntecedent(head, mention.Start); ok {
			sp.Name, sp.Kind = n, article.SpeakerOrganization
			return sp
		}
		if n, ok := d.lastOrg(mention.Start); ok && (head == "company" || head == "firm" || head == "agency" || head == "organization" || head == "organisation" || head == "group") {
			sp.Name, sp.Kind = n, article.SpeakerOrganization
			return sp
		}
		sp.Name, sp.Kind = written, article.SpeakerOrganization
	case english.GroupNouns().Has(head) || english.NameTitles().Has(head) || strings.HasSuffix(head, "s"):
		sp.Name, sp.Kind = written, article.SpeakerAnonymous
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
func (d *doc) documentAuthor(c, prev *cand, ms, he, me int) (string, article.SpeakerKind, bool) {
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

// pronoun resolves a pronoun at byte off without coreference data: "he"
// and "she" take the latest person who was a speaker or a sentence
// subject, checked against gender when entities give it; "they" and "it"
// take the latest group or organisation speaker.
func (d *doc) pronoun(pr string, off int, prev *cand) (string, article.SpeakerKind) {
	switch pr {
	case "he", "she", "i":
		want := article.Male
		if pr == "she" {
			want = article.Female
		}
		// the latest person named before off, outside quotations
		var best personMention
		found := false
		if len(d.ents) > 0 {
			// the latest suitable person before off
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
		} else {
			best, found = d.lastPersonBefore(off)
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
func (d *doc) keepSpeaker(c, prev *cand, pr, refName string, off int) (string, bool) {
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
func (d *doc) describedSubject(off int) bool {
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
func (d *doc) afterCue(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	j := i - 1
	for j >= 0 && i-j <= 5 && d.toks[j].kind == tWord && (d.toks[j].cap || english.NameTitles().Has(d.toks[j].lower) || english.GroupNouns().Has(d.toks[j].lower)) {
		j--
	}
	return j >= 0 && d.toks[j].kind == tWord && !d.toks[j].cap && d.x.cues.Get(d.toks[j].lower)&(english.CueSpeech|english.CueDirect) != 0 && d.toks[j].lower != "told"
}

// inParens reports whether byte off lies inside parentheses opened in its
// paragraph: photo credits, asides.
func (d *doc) inParens(off int) bool {
	k := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End > off })
	if k >= len(d.paras) {
		return false
	}
	seg := d.text[d.paras[k].Start:off]
	return strings.LastIndexByte(seg, '(') > strings.LastIndexByte(seg, ')')
}

// oppositeOf returns the other gender.
func oppositeOf(g article.Gender) article.Gender {
	if g == article.Male {
		return article.Female
	}
	return article.Male
}

// genderOf returns the gender the entity stage gave a person's name.
func (d *doc) genderOf(name string) article.Gender {
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
func (d *doc) subjectPosition(off int) bool {
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

// paraStart reports whether byte off starts a paragraph.
func (d *doc) paraStart(off int) bool {
	k := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].Start >= off })
	return k < len(d.paras) && d.paras[k].Start == off
}

// afterPreposition reports whether the word before byte off makes the
// name an object ("told Smith", "with Smith").
func (d *doc) afterPreposition(off int) bool {
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

// lastPersonBefore is the fallback person finder: the latest multi-word
// personal name (or a surname of one) before off, outside quotations and
// not the object of a preposition.
func (d *doc) lastPersonBefore(off int) (personMention, bool) {
	end := d.tokAt(0, len(d.toks), off)
	for i := end - 1; i >= 0 && i >= end-maxLookBack; i-- {
		t := d.toks[i]
		if t.kind != tWord || !t.cap || d.inQuote[i] {
			continue
		}
		if full, ok := d.fullName(stripPossessive(t.lower), t.s); ok {
			if strings.HasSuffix(t.lower, "’s") || strings.HasSuffix(t.lower, "'s") {
				continue
			}
			// start of the name run
			s := i
			for s > 0 && d.toks[s-1].kind == tWord && d.toks[s-1].cap {
				s--
			}
			if d.afterPreposition(d.toks[s].s) {
				continue
			}
			return personMention{pos: t.s, name: full}, true
		}
	}
	return personMention{}, false
}

// roleAntecedent finds the person a role noun ("the mayor") refers to:
// the latest "Mayor Jane Doe" or "Jane Doe, the mayor" before off.
func (d *doc) roleAntecedent(head string, off int) (string, bool) {
	want := article.Person
	if english.SpeakerOrgNouns().Has(head) {
		want = article.Organization
	}
	if len(d.ents) > 0 {
		// with entities, the person whose mention is closest after a
		// mention of the role word.
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
	}
	end := d.tokAt(0, len(d.toks), off)
	for i := end - 1; i >= 0 && i >= end-maxLookBack; i-- {
		if stripPossessive(d.toks[i].lower) != head {
			continue
		}
		// "Mayor Jane Doe"
		j := i + 1
		for j < end && d.toks[j].kind == tWord && d.toks[j].cap {
			j++
		}
		if j > i+1 {
			if s, e, ok := d.nameRun(i+1, j); ok {
				name := d.spanText(s, e)
				if full, ok := d.fullName(stripPossessive(d.toks[e-1].lower), d.toks[e-1].s); ok {
					name = full
				}
				return name, true
			}
		}
		// "Jane Doe, the mayor" / "Jane Doe, Springfield's mayor"
		for k := i - 1; k >= 0 && k >= i-5; k-- {
			if d.toks[k].kind == tPunct && d.toks[k].r == ',' {
				if k > 0 && d.toks[k-1].cap {
					s := k - 1
					for s > 0 && d.toks[s-1].kind == tWord && d.toks[s-1].cap {
						s--
					}
					if ns, ne, ok := d.nameRun(s, k); ok {
						name := d.spanText(ns, ne)
						if full, ok := d.fullName(stripPossessive(d.toks[ne-1].lower), d.toks[ne-1].s); ok {
							name = full
						}
						return name, true
					}
				}
				break
			}
		}
	}
	return "", false
}

// orgAntecedent finds the organisation "the company" refers to: the
// latest organisation entity (or capitalised name) containing the head
// word, else the latest organisation entity.
func (d *doc) orgAntecedent(head string, off int) (string, bool) {
	if len(d.ents) > 0 {
		for k := d.entityBefore(off); k >= 0 && off-d.ents[k].Start < 20000; k-- {
			en := d.ents[k]
			if en.Type == article.Organization && strings.Contains(strings.ToLower(en.Name), head) {
				return en.Name, true
			}
		}
		return "", false
	}
	end := d.tokAt(0, len(d.toks), off)
	for i := end - 1; i >= 0 && i >= end-maxLookBack; i-- {
		t := d.toks[i]
		if t.cap && t.lower == head && !d.inQuote[i] {
			// the capitalised run around it
			s, e := i, i+1
			for s > 0 && d.toks[s-1].cap && !english.NameStops().Has(d.toks[s-1].lower) {
				s--
			}
			for e < end && (d.toks[e].cap || d.toks[e].lower == "of" && e+1 < end && d.toks[e+1].cap) {
				e++
			}
			if e-s >= 2 {
				return d.spanText(s, e), true
			}
		}
	}
	return "", false
}

// lastOrg returns the latest organisation entity in subject position
// within a few paragraphs before off.
func (d *doc) lastOrg(off int) (string, bool) {
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
	aw := strings.Fields(strings.ToLower(a))
	for _, w := range strings.Fields(strings.ToLower(b)) {
		for _, v := range aw {
			if v == w {
				return true
			}
		}
	}
	return false
}
