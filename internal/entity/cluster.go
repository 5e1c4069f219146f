package entity

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// cluster is one distinct entity of the article: all mentions that name it.
type cluster struct {
	typ  article.EntityType
	name string   // canonical name
	norm []string // normalised words of a person's name
	// nameKeys are the keys of the name's words, filled when first needed.
	nameKeys []string
	roles    map[string]bool
	last     int // token index of the latest mention placed so far

	male, fem int // in-text evidence: honorifics, gendered role nouns
	he, she   int // pronouns resolved to the person
	prior     article.Gender
	gender    article.Gender
}

// normWord is the comparison form of a name word: lower case, no dots,
// and without an Arabic article prefix ("al-Assad" → "assad").
func normWord(w string) string {
	k := key(w)
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "ar-", "at-", "az-"} {
		if len(k) > len(p)+1 && strings.HasPrefix(k, p) {
			return k[len(p):]
		}
	}
	return k
}

func normWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = normWord(w)
	}
	return out
}

// isSuffix reports whether short ends long.
func isSuffix(short, long []string) bool {
	if len(short) > len(long) {
		return false
	}
	return slices.Equal(short, long[len(long)-len(short):])
}

// sameFirstLast reports whether two full names have the same surname and
// the same or a compatible first name ("J. Smith", "John Smith",
// "John Q. Smith").
func sameFirstLast(a, b []string) bool {
	if len(a) < 2 || len(b) < 2 || a[len(a)-1] != b[len(b)-1] {
		return false
	}
	x, y := a[0], b[0]
	if x == y {
		return true
	}
	if len(x) == 1 || len(y) == 1 { // an initial, dots removed by key
		return x[0] == y[0]
	}
	return false
}

// cluster groups the mentions into entities and gives each its canonical name.
func (d *doc) cluster() {
	d.consensus()
	d.clusterPersons()
	d.propagateSurnames()
	byKey := map[string]int{}
	type vote struct{ n [4]int }
	votes := map[int]*vote{}
	for _, m := range d.mentions {
		if m.typ == article.Person {
			continue
		}
		name, typ := d.canonical(m)
		m.typ = typ
		k := strings.ToLower(name)
		ci, ok := byKey[k]
		if !ok {
			ci = len(d.clusters)
			byKey[k] = ci
			d.clusters = append(d.clusters, cluster{typ: typ, name: name})
			votes[ci] = &vote{}
		}
		m.cluster = ci
		votes[ci].n[typeIndex(typ)]++
	}
	d.mergeShortOrgs()
	// One type per entity: the type most of its mentions were tagged with.
	for ci, v := range votes {
		best := typeIndex(d.clusters[ci].typ)
		for t, n := range v.n {
			if n > v.n[best] {
				best = t
			}
		}
		d.clusters[ci].typ = []article.EntityType{article.Person, article.Organization, article.Place, article.Misc}[best]
	}
}

func typeIndex(t article.EntityType) int {
	switch t {
	case article.Person:
		return 0
	case article.Organization:
		return 1
	case article.Place:
		return 2
	}
	return 3
}

// mergeShortOrgs joins an organisation written as one word to the one
// longer organisation it abbreviates: its first word ("Suncor" for
// "Suncor Energy") or its initials ("IUOE" for "International Union of
// Operating Engineers"). Nothing is joined when several fit.
func (d *doc) mergeShortOrgs() {
	// Index the longer organisations by first word and by initials; -1
	// marks a key several share.
	long := map[string]int{}
	add := func(k string, ci int) {
		if prev, ok := long[k]; ok && prev != ci {
			long[k] = -1
		} else {
			long[k] = ci
		}
	}
	for ci, c := range d.clusters {
		if c.typ != article.Organization || !strings.ContainsRune(c.name, ' ') {
			continue
		}
		ws := strings.Fields(c.name)
		add("w:"+ws[0], ci)
		add("i:"+initials(ws), ci)
	}
	if len(long) == 0 {
		return
	}
	into := map[int]int{}
	for ci, c := range d.clusters {
		if c.typ != article.Organization || strings.ContainsRune(c.name, ' ') || english.OrgReferenceNouns().Has(key(c.name)) {
			continue
		}
		target, ok := long["w:"+c.name]
		if isAcronym(c.name) {
			if t, ok2 := long["i:"+strings.ReplaceAll(c.name, ".", "")]; ok2 {
				if ok && t != target {
					target = -1
				} else {
					target, ok = t, true
				}
			}
		}
		if ok && target >= 0 {
			into[ci] = target
		}
	}
	for _, m := range d.mentions {
		if t, ok := into[m.cluster]; ok && m.typ != article.Person {
			m.cluster = t
		}
	}
}

// initials are the capitals starting the words of a name, small words
// skipped: "International Union of Operating Engineers" → "IUOE".
func initials(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		if english.TitleGlue().Has(strings.ToLower(w)) {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// canonical is the name and type of a non-person mention: country names
// and abbreviations become one place ("U.S." → "United States"), acronyms
// introduced in brackets and common international ones become the full
// organisation name, and a leading "the" goes.
func (d *doc) canonical(m *mention) (string, article.EntityType) {
	name := m.name
	for range 2 {
		k := strings.TrimPrefix(key(name), "the ")
		if c, ok := english.Countries().Lookup(k); ok && !demonymOnly(k) {
			return c, article.Place
		}
		if o, ok := english.OrgAliases().Lookup(k); ok {
			return o, m.typ
		}
		full, ok := d.aliases[k]
		if !ok {
			break
		}
		name = full
	}
	if strings.HasPrefix(name, "The ") && len(strings.Fields(name)) > 1 {
		name = name[len("The "):]
	}
	return name, m.typ
}

// consensus gives every mention written the same way the type most of
// them were tagged with, and makes a lone surname of a person named in
// full a person ("Kerry" tagged as a place once).
func (d *doc) consensus() {
	groups := map[string][]*mention{}
	for _, m := range d.mentions {
		k := strings.ToLower(m.name)
		groups[k] = append(groups[k], m)
	}
	for _, g := range groups {
		var n [4]int
		for _, m := range g {
			n[typeIndex(m.typ)]++
		}
		best, tie := 0, false
		for t := 1; t < 4; t++ {
			if n[t] > n[best] {
				best, tie = t, false
			} else if n[t] == n[best] {
				tie = true
			}
		}
		if tie {
			continue
		}
		for _, m := range g {
			m.typ = []article.EntityType{article.Person, article.Organization, article.Place, article.Misc}[best]
		}
	}
	surnames := map[string]bool{}
	firsts := map[string]bool{}
	for _, m := range d.mentions {
		if m.typ == article.Person && len(m.words) > 1 {
			surnames[normWord(m.words[len(m.words)-1])] = true
			firsts[normWord(m.words[0])] = true
		}
	}
	for _, m := range d.mentions {
		if m.typ == article.Person || len(m.words) != 1 || !surnames[normWord(m.words[0])] {
			continue
		}
		k := key(m.name)
		if _, ok := english.Countries().Lookup(k); ok {
			continue
		}
		if _, ok := english.OrgAliases().Lookup(k); ok {
			continue
		}
		if _, ok := d.aliases[k]; ok {
			continue
		}
		m.typ = article.Person
	}
	// A lone word tagged as a person that is the first word of an
	// organisation named in full ("Suncor" beside "Suncor Energy") and
	// no person's name is that organisation.
	orgFirst := map[string]bool{}
	for _, m := range d.mentions {
		if m.typ == article.Organization && len(m.words) > 1 {
			orgFirst[normWord(m.words[0])] = true
		}
	}
	for _, m := range d.mentions {
		if m.typ != article.Person || len(m.words) != 1 {
			continue
		}
		if w := normWord(m.words[0]); orgFirst[w] && !surnames[w] && !firsts[w] {
			m.typ = article.Organization
		}
	}
	// A person "named" like a country is the country, unless a person
	// named in full has that first name or surname ("Jordan Vale").
	for _, m := range d.mentions {
		if m.typ != article.Person || (len(m.words) == 1 && (firsts[normWord(m.words[0])] || surnames[normWord(m.words[0])])) {
			continue
		}
		k := key(m.name)
		if _, ok := english.Countries().Lookup(k); ok {
			if demonymOnly(k) {
				m.typ = article.Misc
			} else {
				m.typ = article.Place
			}
		}
	}
}

// clusterPersons links person mentions to one canonical full name each.
// Names are taken longest first; a name joins the cluster of a longer name
// it ends ("Putin", "von der Leyen", "Assad" for "al-Assad") or shares
// first and last word with ("John Q. Smith"); a single word that is no
// surname joins the one full name it is the first name of. A name that
// fits several clusters goes, mention by mention, to the one last named
// in full before it (else the one mentioned most).
func (d *doc) clusterPersons() {
	type pname struct {
		name     string
		norm     []string
		first    int
		mentions []*mention
	}
	byKey := map[string]*pname{}
	var names []*pname
	for _, m := range d.mentions {
		if m.typ != article.Person {
			continue
		}
		k := strings.ToLower(m.name)
		p := byKey[k]
		if p == nil {
			p = &pname{name: m.name, norm: normWords(m.words), first: m.t0}
			byKey[k] = p
			names = append(names, p)
		}
		p.mentions = append(p.mentions, m)
	}
	slices.SortStableFunc(names, func(x, y *pname) int {
		if c := cmp.Compare(len(y.norm), len(x.norm)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(y.mentions), len(x.mentions)); c != 0 {
			return c
		}
		return cmp.Compare(x.first, y.first)
	})
	type pending struct {
		m     *mention
		cands []int
	}
	var ambiguous []pending
	size := map[int]int{}
	for _, p := range names {
		var cands []int
		for ci := range d.clusters {
			c := d.clusters[ci].norm
			if isSuffix(p.norm, c) || sameFirstLast(p.norm, c) {
				cands = append(cands, ci)
			}
		}
		if len(cands) == 0 && len(p.norm) == 1 {
			for ci := range d.clusters {
				c := d.clusters[ci].norm
				if len(c) > 1 && c[0] == p.norm[0] {
					cands = append(cands, ci)
				}
			}
		}
		switch len(cands) {
		case 0:
			d.clusters = append(d.clusters, cluster{typ: article.Person, name: p.name, norm: p.norm, roles: map[string]bool{}, last: -1})
			cands = []int{len(d.clusters) - 1}
			fallthrough
		case 1:
			for _, m := range p.mentions {
				m.cluster = cands[0]
				size[cands[0]]++
			}
		default:
			for _, m := range p.mentions {
				ambiguous = append(ambiguous, pending{m, cands})
			}
		}
	}
	// Recency for ambiguous names, in text order.
	slices.SortFunc(ambiguous, func(x, y pending) int { return cmp.Compare(x.m.t0, y.m.t0) })
	ai := 0
	for _, m := range d.mentions {
		if m.typ != article.Person {
			continue
		}
		if ai < len(ambiguous) && ambiguous[ai].m == m {
			cands := ambiguous[ai].cands
			ai++
			best := -1
			for _, ci := range cands {
				if d.clusters[ci].last >= 0 && (best < 0 || d.clusters[ci].last > d.clusters[best].last) {
					best = ci
				}
			}
			if best < 0 {
				best = cands[0]
				for _, ci := range cands {
					if size[ci] > size[best] {
						best = ci
					}
				}
			}
			m.cluster = best
		}
		c := &d.clusters[m.cluster]
		if len(m.words) > 1 {
			// recency counts full names: "her husband Michael" does not
			// make a later "Greenspan" Michael after "Dorie Greenspan".
			c.last = m.t0
		}
		c.male += m.male
		c.fem += m.fem
		for r := range m.roles {
			c.roles[r] = true
		}
	}
}

// demoteLoneNames makes Misc a lone word the tagger called a person that
// the article never introduces as one: no full name it belongs to, no
// title or honorific, not a first name in the name table (or written in
// capitals, where it is no first name), and never the
// subject of a speech verb, never written with a possessive ("Daesh"
// tagged as a person). A single-name person that speaks ("Madonna said")
// or owns something ("Obama's") stays a person.
func (d *doc) demoteLoneNames(names *NameTable) {
	keep := map[int]bool{}
	for _, m := range d.mentions {
		if m.typ == article.Person && (len(m.roles) > 0 || m.male+m.fem > 0 || m.possessive || d.speechAfter(m)) {
			keep[m.cluster] = true
		}
	}
	for ci := range d.clusters {
		c := &d.clusters[ci]
		if c.typ != article.Person || len(c.norm) != 1 {
			continue
		}
		// An upper-case word alone ("JAZZ") is an acronym or a shout,
		// even when it is a first name too.
		if (keep[ci] || names.Known(c.norm[0])) && !isAcronym(c.name) {
			continue
		}
		c.typ = article.Misc
		for _, m := range d.mentions {
			if m.cluster == ci {
				m.typ = article.Misc
			}
		}
	}
}

// speechAfter reports whether a speech verb follows the mention ("Smith
// said", "Smith, 54, said" is not caught).
func (d *doc) speechAfter(m *mention) bool {
	j := m.t1
	if j < len(d.a.Tokens) && isPossessive(d.tok(j)) {
		return false
	}
	return j < len(d.a.Tokens) && d.sentOf[j] == m.sent && english.NameSpeechVerbs().Has(key(d.tok(j)))
}

// propagateSurnames adds the mentions the tagger missed of a person it
// found elsewhere in the article: an untagged capitalised word that is
// the surname of exactly one person named in full ("Greenspan" after
// "Dorie Greenspan"). At the start of a sentence, where any word is
// capitalised, the word must be followed by a speech verb or a possessive.
func (d *doc) propagateSurnames() {
	owner := map[string]int{}
	for ci, c := range d.clusters {
		if c.typ != article.Person || len(c.norm) < 2 {
			continue
		}
		last := c.norm[len(c.norm)-1]
		if _, seen := owner[last]; seen {
			owner[last] = -1 // shared surname: ambiguous
		} else {
			owner[last] = ci
		}
	}
	var added []*mention
	for i, t := range d.a.Tokens {
		s := d.sentOf[i]
		if s < 0 || d.at[i] >= 0 || t.Kind != article.TokenWord || !d.capitalised(i) {
			continue
		}
		w := d.tok(i)
		ci, ok := owner[normWord(w)]
		if !ok || ci < 0 || isTitleWord(key(w)) || english.SentenceFunctionWords().Has(key(w)) {
			continue
		}
		m := &mention{t0: i, t1: i + 1, start: t.Start, end: t.End, typ: article.Person, sent: s,
			name: w, words: []string{w}, roles: map[string]bool{}, cluster: ci}
		m.possessive = i+1 < len(d.a.Tokens) && isPossessive(d.tok(i+1))
		if i == d.sents[s].start && !m.possessive && !d.speechAfter(m) {
			continue
		}
		m.subject = !m.possessive && !d.inQuote[i] && !d.afterPreposition(m)
		added = append(added, m)
	}
	if len(added) == 0 {
		return
	}
	d.mentions = append(d.mentions, added...)
	sortMentions(d.mentions)
	d.index()
}

// priorGenders sets each person's gender from in-text evidence
// (honorifics, gendered role nouns), else from the first-name table at the
// strict threshold. This is the gender pronoun resolution checks against.
func (d *doc) priorGenders(names *NameTable) {
	for i := range d.clusters {
		c := &d.clusters[i]
		if c.typ != article.Person {
			continue
		}
		c.prior = textGender(c.male, c.fem)
		if c.prior == article.GenderUnknown {
			c.prior = names.strictGender(firstName(strings.Fields(c.name)))
		}
	}
}

// finalGenders decides each person's gender: honorifics and role nouns
// first, then the pronouns resolved to the person (he/him/his against
// she/her/hers, one side at least twice the other), then the first-name
// table, else unknown.
func (d *doc) finalGenders(names *NameTable) {
	for i := range d.clusters {
		c := &d.clusters[i]
		if c.typ != article.Person {
			continue
		}
		c.gender = textGender(c.male, c.fem)
		if c.gender == article.GenderUnknown {
			switch {
			case c.he > 0 && c.he >= 2*c.she:
				c.gender = article.Male
			case c.she > 0 && c.she >= 2*c.he:
				c.gender = article.Female
			default:
				c.gender = names.Gender(firstName(strings.Fields(c.name)))
			}
		}
	}
}

func textGender(male, fem int) article.Gender {
	switch {
	case male > 0 && fem == 0:
		return article.Male
	case fem > 0 && male == 0:
		return article.Female
	}
	return article.GenderUnknown
}
