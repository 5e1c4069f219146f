package entity

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Bounds that keep resolution linear on long or malformed input: a role
// noun looks back over at most maxLookback mentions, and cataphora reads
// at most maxClause tokens of a sentence.
const (
	maxLookback = 500
	maxClause   = 60
)

// ref is a resolved pronoun or role noun.
type ref struct {
	start, end int
	cluster    int
}

// event is a mention of a person in text order: a name, or a pronoun or
// role noun already resolved to that person.
type event struct {
	tok, sent, cluster int
	subject            bool
	named              bool // a name, not a pronoun or role noun
	spoke              bool // the subject of a speech verb (speaks)
}

// resolveReferences links third-person pronouns and role nouns to the
// entities they refer to, walking the text once in order. See doc.go for
// the rules.
func (d *doc) resolveReferences(o Options) {
	// narrative[s] counts the sentences before s that have a word outside
	// quotation marks.
	d.narrative = make([]int, len(d.sents)+1)
	for si, s := range d.sents {
		n := 0
		for j := s.start; j < s.end; j++ {
			if d.isWord(j) && !d.inQuote[j] {
				n = 1
				break
			}
		}
		d.narrative[si+1] = d.narrative[si] + n
	}
	var events []event
	for i := 0; i < len(d.a.Tokens); i++ {
		s := d.sentOf[i]
		if mi := d.at[i]; mi >= 0 {
			m := d.mentions[mi]
			if m.t0 == i && d.clusters[m.cluster].typ == article.Person && !d.inParens(m) {
				events = append(events, event{tok: i, sent: m.sent, cluster: m.cluster, subject: m.subject, named: true, spoke: m.subject && d.speaks(i, m.t1)})
			}
			continue
		}
		if s < 0 || !d.isWord(i) {
			continue
		}
		k := key(d.tok(i))
		if g, ok := english.PronounGenders().Lookup(k); ok {
			speaker := (k == "he" || k == "she") && !d.inQuote[i] && d.speaks(i, i+1)
			ci, ok := 0, false
			if speaker {
				ci, ok = d.lastSpeaker(i, g, events)
			}
			if !ok {
				ci, ok = d.pronoun(i, g, events, o)
			}
			if !ok && (k == "he" || k == "she") {
				ci, ok = d.distantSubject(i, g, events)
			}
			if !ok && (k == "he" || k == "she") {
				ci, ok = d.namedAsOther(i, o)
			}
			if !ok {
				continue
			}
			t := d.a.Tokens[i]
			d.refs = append(d.refs, ref{t.Start, t.End, ci})
			events = append(events, event{tok: i, sent: s, cluster: ci,
				subject: !d.inQuote[i] && (k == "he" || k == "she" || i == d.sents[s].start), spoke: speaker})
			c := &d.clusters[ci]
			if g == article.Male {
				c.he++
			} else {
				c.she++
			}
			// The first pronoun fixes the gender of a person the text and
			// name table said nothing about, for the pronouns after it.
			if c.prior == article.GenderUnknown {
				c.prior = g
			}
			continue
		}
		if k == "it" {
			if ci, ok := d.itSpeaker(i, o); ok {
				t := d.a.Tokens[i]
				d.refs = append(d.refs, ref{t.Start, t.End, ci})
			}
			continue
		}
		if k == "the" {
			ci, last, ok := d.roleNoun(i, events, o)
			if !ok {
				continue
			}
			d.refs = append(d.refs, ref{d.a.Tokens[i].Start, d.a.Tokens[last].End, ci})
			if d.clusters[ci].typ == article.Person {
				events = append(events, event{tok: i, sent: s, cluster: ci, subject: !d.inQuote[i] && !d.prepBefore(i)})
			}
			i = last
		}
	}
}

func (d *doc) prepBefore(i int) bool {
	return i > 0 && d.sentOf[i-1] == d.sentOf[i] && english.ObjectMarkers().Has(key(d.tok(i-1)))
}

// pronoun finds the person a he/she/his/her at token i refers to. Only
// persons whose gender is unknown or matches the pronoun qualify.
//
//  1. Cataphora: in a sentence that opens with a clause before its first
//     comma ("Speaking on his visit, the minister …"), a pronoun in that
//     clause with no person before it refers to the first person named
//     after the comma, if that one is the clause's subject.
//  2. Else the nearest person before it in the same sentence, preferring
//     one that is a subject (not quoted, not after a preposition, not a
//     possessive).
//  3. Else, going back one sentence at a time up to
//     Options.MaxReferenceSentences narrative sentences (sentences wholly
//     inside quotation marks do not count), the first subject of that
//     sentence, else its last person.
func (d *doc) pronoun(i int, g article.Gender, events []event, o Options) (int, bool) {
	s := d.sentOf[i]
	sent := d.sents[s]
	ok := func(ci int) bool {
		c := &d.clusters[ci]
		return c.typ == article.Person && (c.prior == article.GenderUnknown || c.prior == g)
	}
	// A pronoun outside quotation marks does not refer to a person named
	// only inside someone's quoted words.
	quoted := d.inQuote[i]
	usable := func(e event) bool { return ok(e.cluster) && (quoted || !d.inQuote[e.tok]) }
	before := false
	for e := len(events) - 1; e >= 0 && events[e].sent == s; e-- {
		before = true
	}
	if !before && i > sent.start {
		comma := -1
		for j := sent.start; j < sent.end && j < sent.start+maxClause; j++ {
			if d.tok(j) == "," {
				comma = j
				break
			}
		}
		if comma > i {
			for j := comma + 1; j < sent.end && j < comma+maxClause; j++ {
				if mi := d.at[j]; mi >= 0 {
					m := d.mentions[mi]
					if d.clusters[m.cluster].typ != article.Person {
						j = m.t1 - 1
						continue
					}
					if m.subject && ok(m.cluster) {
						return m.cluster, true
					}
					break
				}
			}
		}
	}
	best := -1
	e := len(events) - 1
	for ; e >= 0 && events[e].sent == s; e-- {
		if usable(events[e]) {
			if events[e].subject {
				return events[e].cluster, true
			}
			if best < 0 {
				best = events[e].cluster
			}
		}
	}
	if best >= 0 {
		return best, true
	}
	for e >= 0 && d.narrative[s]-d.narrative[events[e].sent] <= o.MaxReferenceSentences {
		ps := events[e].sent
		first, last := -1, -1
		for ; e >= 0 && events[e].sent == ps; e-- {
			if !usable(events[e]) {
				continue
			}
			if last < 0 {
				last = events[e].cluster
			}
			if events[e].subject {
				first = events[e].cluster
			}
		}
		if first >= 0 {
			return first, true
		}
		if last >= 0 {
			return last, true
		}
	}
	return 0, false
}

// maxDistant bounds, in bytes, how far back distantSubject looks.
const maxDistant = 20000

// distantSubject finds the person a subject "he" or "she" at token i
// refers to when the nearby sentences name nobody who fits: the latest
// person named, outside quotation marks, as the subject of a clause (at a
// sentence start or after a comma, colon or dash, titles between), within
// maxDistant bytes — in news, the person the article returns to after a
// digression. The person's gender must not be the other one.
func (d *doc) distantSubject(i int, g article.Gender, events []event) (int, bool) {
	off := d.a.Tokens[i].Start
	for e := len(events) - 1; e >= 0 && e >= len(events)-maxLookback; e-- {
		ev := events[e]
		if off-d.a.Tokens[ev.tok].Start >= maxDistant {
			break
		}
		c := &d.clusters[ev.cluster]
		if !ev.named || !ev.subject || d.inQuote[ev.tok] || c.typ != article.Person {
			continue
		}
		if c.prior != article.GenderUnknown && c.prior != g || !d.clauseInitial(ev.tok) {
			continue
		}
		return ev.cluster, true
	}
	return 0, false
}

// namedAsOther finds the person a subject "he" or "she" at token i refers
// to when the article names no person before it at all, in a name the
// tagger took for an organisation or other thing ("Ottoline Brask has run
// the shelter …; she said"): the latest such mention within
// Options.MaxReferenceSentences sentences that is its sentence's subject
// and shaped like a person's name (two to four capitalised words, no
// organisation or place word). Its entity becomes a person.
func (d *doc) namedAsOther(i int, o Options) (int, bool) {
	s := d.sentOf[i]
	for mi := len(d.mentions) - 1; mi >= 0; mi-- {
		m := d.mentions[mi]
		if m.t0 >= i {
			continue
		}
		if m.sent < s-o.MaxReferenceSentences {
			break
		}
		c := &d.clusters[m.cluster]
		if c.typ == article.Person {
			return 0, false // a person is named: the rules before decided
		}
		if m.t1-m.t0 < 2 || !m.subject || m.t0 != d.sents[m.sent].start || !d.personShaped(m.t0, m.t1) {
			continue
		}
		for _, p := range d.mentions {
			if p.cluster == m.cluster {
				p.typ = article.Person
			}
		}
		c.typ = article.Person
		if c.roles == nil {
			c.roles = map[string]bool{}
		}
		return m.cluster, true
	}
	return 0, false
}

// clauseInitial reports whether the name at token i opens a sentence or a
// clause after punctuation, titles and role words before it allowed
// ("Mayor Jane Doe", "analyst Jane Doe").
func (d *doc) clauseInitial(i int) bool {
	j := i - 1
	for j >= 0 && i-j <= 5 && d.sentOf[j] == d.sentOf[i] && d.isWord(j) &&
		(d.capitalised(j) || isTitleWord(key(d.tok(j))) || english.GroupNouns().Has(key(d.tok(j)))) {
		j--
	}
	if j < 0 || d.sentOf[j] != d.sentOf[j+1] {
		return true
	}
	switch d.tok(j) {
	case ".", "!", "?", ",", ";", ":", "—":
		return true
	}
	return d.a.Tokens[j].Kind == article.TokenQuote
}

// roleNoun reads "the [modifiers] role" at token i ("the spokeswoman", "the
// Russian leader", "the company") and finds the entity it refers to. It
// returns the cluster and the role noun's token.
//
// A person role noun refers to a person whose title or apposition in the
// article used that role (the "leader" of a president, prime minister,
// king …), whose gender fits the noun's and whose country is not another
// than the one the noun names; of those, the one mentioned most recently
// before it, preferring one whose country matches. An organisation noun
// refers to the most recent organisation whose name contains it ("the
// ministry"), or for a generic noun ("the company") to the most recent
// organisation within Options.MaxRoleSentences sentences.
func (d *doc) roleNoun(i int, events []event, o Options) (ci, last int, ok bool) {
	s := d.sentOf[i]
	sent := d.sents[s]
	var mods []string
	head := ""
	plain := false // a modifier that is no role word: only organisations take one
	j := i + 1
	for ; j < sent.end && j-i <= 4; j++ {
		if mi := d.at[j]; mi >= 0 {
			m := d.mentions[mi]
			if m.t1-m.t0 == 1 && d.partyHead(j) {
				ci, ok := d.describedPerson(key(d.tok(j)), mods, i, events, o)
				return ci, d.nounTail(j), ok
			}
			c, isCountry := english.Countries().Lookup(key(m.name))
			if m.typ == article.Person || m.typ == article.Organization || m.typ != article.Place && !isCountry {
				return 0, 0, false // a place or a nationality modifies the noun
			}
			if isCountry {
				mods = append(mods, strings.ToLower(c))
			}
			j = m.t1 - 1
			continue
		}
		k := key(d.tok(j))
		if isAgeNoun(k) || d.partyHead(j) {
			ci, ok := d.describedPerson(k, mods, i, events, o)
			return ci, d.nounTail(j), ok
		}
		if c, isCountry := english.Countries().Lookup(k); isCountry {
			mods = append(mods, strings.ToLower(c))
			continue
		}
		if english.RoleHeads().Has(k) || english.OrgReferenceNouns().Has(k) {
			if j+1 < sent.end {
				nk := key(d.tok(j + 1))
				if english.RoleHeads().Has(nk) || english.OrgReferenceNouns().Has(nk) {
					continue // "the defense minister": defense is a modifier here
				}
				if mi := d.at[j+1]; mi >= 0 && d.mentions[mi].typ == article.Person {
					return 0, 0, false // a title: "the spokeswoman Maria …"
				}
			}
			head = k
			break
		}
		if !english.RoleModifiers().Has(k) && !lowerWord(d.tok(j)) {
			return 0, 0, false
		}
		if !english.RoleModifiers().Has(k) {
			plain = true
		}
	}
	if head == "" || plain && !english.OrgReferenceNouns().Has(head) {
		return 0, 0, false // "the state news agency", not "the new tax minister"
	}
	if english.RoleHeads().Has(head) {
		ci, ok := d.rolePerson(head, mods, i, events)
		return ci, j, ok
	}
	ci, ok = d.roleOrg(head, i, o)
	return ci, j, ok
}

func (d *doc) rolePerson(head string, mods []string, i int, events []event) (int, bool) {
	hg := english.RoleWords().Get(head)
	// score is -1 for a cluster that does not fit, else the number of the
	// noun's countries its roles share.
	score := map[int]int{}
	fit := func(ci int) int {
		if sc, ok := score[ci]; ok {
			return sc
		}
		sc := -1
		c := &d.clusters[ci]
		if c.typ == article.Person && hasRole(c.roles, head) && (hg == "" || c.prior == article.GenderUnknown || c.prior == hg) {
			sc = 0
			for _, m := range mods {
				if c.roles[m] {
					sc++
				} else if hasCountry(c.roles) {
					sc = -1
					break
				}
			}
		}
		score[ci] = sc
		return sc
	}
	best, bestScore := -1, -1
	for e := len(events) - 1; e >= 0 && e >= len(events)-maxLookback; e-- {
		if sc := fit(events[e].cluster); sc > bestScore {
			best, bestScore = events[e].cluster, sc
		}
	}
	return best, best >= 0
}

// hasRole reports whether a person's roles include head.
func hasRole(roles map[string]bool, head string) bool {
	switch head {
	case "leader":
		for r := range roles {
			if english.LeaderRoles().Has(r) {
				return true
			}
		}
		return false
	case "spokesperson":
		return roles["spokesperson"] || roles["spokesman"] || roles["spokeswoman"]
	case "premier":
		return roles["premier"] || (roles["prime"] && roles["minister"])
	case "chairperson", "chair":
		return roles["chairperson"] || roles["chairman"] || roles["chairwoman"] || roles["chair"]
	}
	return roles[head]
}

// hasCountry reports whether the roles name a country.
func hasCountry(roles map[string]bool) bool {
	for r := range roles {
		if c, ok := english.Countries().Lookup(r); ok && strings.ToLower(c) == r {
			return true
		}
	}
	return false
}

func (d *doc) roleOrg(head string, i int, o Options) (int, bool) {
	s := d.sentOf[i]
	generic := -1
	first := d.firstMentionFrom(i) // the mentions are in text order
	for mi := first - 1; mi >= 0 && mi >= first-maxLookback; mi-- {
		m := d.mentions[mi]
		c := &d.clusters[m.cluster]
		if c.typ != article.Organization {
			continue
		}
		if c.nameKeys == nil {
			for _, w := range strings.Fields(c.name) {
				c.nameKeys = append(c.nameKeys, key(w))
			}
		}
		if slices.Contains(c.nameKeys, head) {
			return m.cluster, true
		}
		if generic < 0 && english.GenericOrgNouns().Has(head) && m.sent >= s-o.MaxRoleSentences {
			generic = m.cluster
		}
	}
	return generic, generic >= 0
}

// isAgeNoun reports whether w is an age written as a noun: "26-year-old".
func isAgeNoun(w string) bool {
	n, ok := strings.CutSuffix(w, "-year-old")
	if !ok || n == "" || len(n) > 3 {
		return false
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// partyHead reports whether token j is a capitalised party noun heading a
// description of a person: "the Kentucky Republican", "the Democrat".
func (d *doc) partyHead(j int) bool {
	return d.capitalised(j) && english.PartyNouns().Has(key(d.tok(j)))
}

// maxTail bounds how many nouns nounTail takes after a description's head.
const maxTail = 3

// nounTail returns the last token of the description whose head word is
// token j: the head, and up to maxTail lower-case words after it in its
// sentence that go on the noun phrase ("the 26-year-old right wing"),
// stopping at a verb, a function word or punctuation.
func (d *doc) nounTail(j int) int {
	last := j
	for k := j + 1; k < len(d.a.Tokens) && k-j <= maxTail && d.sentOf[k] == d.sentOf[j]; k++ {
		if !d.isWord(k) || d.capitalised(k) || d.at[k] >= 0 {
			break
		}
		w := key(d.tok(k))
		if english.ReportingVerbs().Get(w) != 0 || english.AuxWords().Has(w) || english.Determiners().Has(w) ||
			english.AdjunctPrepositions().Has(w) || english.ObjectMarkers().Has(w) || english.ClauseConjunctions().Has(w) ||
			english.SubjectPronouns().Has(w) || w == "who" || w == "which" || w == "that" || strings.HasSuffix(w, "ed") {
			break
		}
		last = k
	}
	return last
}

// describedPerson finds the person a description by age or party at
// token i refers to ("the 26-year-old", "the Kentucky Republican"): a
// person whose title or apposition used the head word, else the latest
// person, named or referred to, who was the subject of a clause within
// Options.MaxReferenceSentences narrative sentences, outside quotation
// marks unless the description is inside them.
func (d *doc) describedPerson(head string, mods []string, i int, events []event, o Options) (int, bool) {
	if english.PartyNouns().Has(head) {
		if ci, ok := d.rolePerson(head, mods, i, events); ok {
			return ci, true
		}
	}
	s := d.sentOf[i]
	for e := len(events) - 1; e >= 0 && e >= len(events)-maxLookback; e-- {
		ev := events[e]
		if d.narrative[s]-d.narrative[ev.sent] > o.MaxReferenceSentences {
			break
		}
		if !ev.subject || d.inQuote[ev.tok] && !d.inQuote[i] || d.clusters[ev.cluster].typ != article.Person {
			continue
		}
		return ev.cluster, true
	}
	return 0, false
}

// itSpeaker finds the organisation an "it" at token i refers to when it
// is the subject of a reporting verb ("it said", "it also said"): the
// latest organisation named as a subject outside quotation marks within
// Options.MaxRoleSentences sentences ("the organisers of the awards" is
// none). Other uses of "it" are not resolved.
func (d *doc) itSpeaker(i int, o Options) (int, bool) {
	if d.inQuote[i] {
		return 0, false
	}
	v := i + 1
	if v < len(d.a.Tokens) && strings.HasSuffix(key(d.tok(v)), "ly") || v < len(d.a.Tokens) && key(d.tok(v)) == "also" {
		v++
	}
	if v >= len(d.a.Tokens) || d.sentOf[v] != d.sentOf[i] || english.ReportingVerbs().Get(key(d.tok(v)))&english.CueSpeech == 0 {
		return 0, false
	}
	s := d.sentOf[i]
	first := d.firstMentionFrom(i)
	for mi := first - 1; mi >= 0 && mi >= first-maxLookback; mi-- {
		m := d.mentions[mi]
		if m.sent < s-o.MaxRoleSentences {
			break
		}
		if d.clusters[m.cluster].typ != article.Organization || d.inQuote[m.t0] {
			continue
		}
		if m.subject {
			return m.cluster, true
		}
	}
	return 0, false
}

// lowerWord reports whether w is a word in lower case (letters, hyphens).
func lowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return w != ""
}

// speaks reports whether the words [i,j) are the subject of a speech
// verb: one follows them ("Smith said", "she also added", "Smith, the
// company's chief, said") or comes right before them at the end of a
// clause ("…," said Smith.).
func (d *doc) speaks(i, j int) bool {
	speech := func(k int) bool {
		return k >= 0 && k < len(d.a.Tokens) && d.sentOf[k] == d.sentOf[i] &&
			english.ReportingVerbs().Get(key(d.tok(k)))&english.CueSpeech != 0
	}
	// "said Smith" only when the clause ends there, not "said Smith would …"
	if speech(i-1) && (j >= len(d.a.Tokens) || !d.isWord(j)) {
		return true
	}
	// an apposition between: "Smith, the company's chief, said"
	if j < len(d.a.Tokens) && d.tok(j) == "," {
		for k := j + 1; k < len(d.a.Tokens) && k <= j+12 && d.sentOf[k] == d.sentOf[i]; k++ {
			if d.tok(k) == "," {
				j = k + 1
				break
			}
		}
	}
	if speech(j) {
		return true
	}
	return j+1 < len(d.a.Tokens) && (key(d.tok(j)) == "also" || strings.HasSuffix(key(d.tok(j)), "ly")) && speech(j+1)
}

// maxSpeakerSentences bounds how far back, in narrative sentences,
// lastSpeaker looks for the person who spoke last.
const maxSpeakerSentences = 8

// lastSpeaker finds the person a speaking "he" or "she" at token i
// refers to in reported speech: the person who spoke last (the subject
// of the latest speech verb, named or referred to), if the gender fits
// and no other person whose gender fits has been named as a subject
// since — the speaker stays the same until the text brings in a new one
// (a name in a photo credit, after a preposition or as an object does
// not count). It looks back at most maxSpeakerSentences narrative
// sentences.
func (d *doc) lastSpeaker(i int, g article.Gender, events []event) (int, bool) {
	fits := func(ci int) bool {
		c := &d.clusters[ci]
		return c.typ == article.Person && (c.prior == article.GenderUnknown || c.prior == g)
	}
	s := d.sentOf[i]
	for e := len(events) - 1; e >= 0 && e >= len(events)-maxLookback; e-- {
		ev := events[e]
		if d.narrative[s]-d.narrative[ev.sent] > maxSpeakerSentences {
			break
		}
		if d.inQuote[ev.tok] || !fits(ev.cluster) {
			continue
		}
		if ev.spoke {
			return ev.cluster, true
		}
		if ev.named && ev.subject {
			return 0, false // a new subject since: the usual rules decide
		}
	}
	return 0, false
}

// firstMentionFrom returns the index of the first mention starting at or
// after token i (the mentions are in text order): the one before it is
// the latest mention before i.
func (d *doc) firstMentionFrom(i int) int {
	first, _ := slices.BinarySearchFunc(d.mentions, i, func(m *mention, i int) int { return cmp.Compare(m.t0, i) })
	return first
}
