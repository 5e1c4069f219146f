package entity

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// doc is the working state of one resolution.
type doc struct {
	a       *article.Article
	names   *NameTable
	sents   []tokRange
	tags    []string // per token, "O" outside sentences
	sentOf  []int    // per token, sentence index or -1
	inQuote []bool   // per token, inside a quotation
	// narrative[s] counts the sentences before sentence s with a word
	// outside quotation marks.
	narrative []int

	mentions []*mention
	at       []int // per token, index into mentions or -1

	// aliases maps the key of an acronym in brackets to the name it
	// abbreviates ("fsa" → "Free Syrian Army").
	aliases map[string]string

	clusters []cluster
	refs     []ref
}

// mention is one entity mention being resolved.
type mention struct {
	t0, t1     int // token range, brackets of "[Barack] Obama" included
	start, end int // byte span: possessive "'s" and punctuation excluded
	typ        article.EntityType
	sent       int
	name       string   // surface name: brackets, titles, possessive removed
	words      []string // name split on spaces
	// roles are the lower-case words of the person's title and apposition
	// ("russian", "president" → "russia", "president"); countries are
	// normalised to their canonical lower-case name.
	roles      map[string]bool
	male, fem  int  // in-text gender evidence from honorifics and role nouns
	titleStart int  // first token of the title before the mention
	possessive bool // written "Putin's"
	subject    bool // not quoted, not after a preposition, not possessive
	cluster    int
}

func newDoc(a *article.Article, sents []tokRange, tags [][]string, names *NameTable) *doc {
	n := len(a.Tokens)
	d := &doc{a: a, names: names, sents: sents, tags: make([]string, n), sentOf: make([]int, n), at: make([]int, n), inQuote: make([]bool, n)}
	for i := range n {
		d.tags[i] = "O"
		d.sentOf[i] = -1
		d.at[i] = -1
	}
	for si, s := range sents {
		for j := s.start; j < s.end; j++ {
			d.tags[j] = tags[si][j-s.start]
			d.sentOf[j] = si
		}
	}
	d.markQuotes()
	return d
}

// markQuotes marks the tokens inside quotation marks. A paragraph break
// ends an open quotation.
func (d *doc) markQuotes() {
	para := 0
	in := false
	for i, t := range d.a.Tokens {
		for para < len(d.a.Paragraphs) && d.a.Paragraphs[para].End <= t.Start {
			para++
			in = false
		}
		if t.Kind == article.TokenQuote {
			switch d.tok(i) {
			case "“", "«", "„":
				in = true
			case "”", "»":
				in = false
			case "\"":
				in = !in
			}
			continue
		}
		d.inQuote[i] = in
	}
}

func (d *doc) tok(i int) string {
	t := d.a.Tokens[i]
	return d.a.Text[t.Start:t.End]
}

func (d *doc) isWord(i int) bool {
	k := d.a.Tokens[i].Kind
	return k == article.TokenWord || k == article.TokenNumber
}

// capitalised reports whether token i starts with an upper-case letter or a digit.
func (d *doc) capitalised(i int) bool {
	r, _ := utf8.DecodeRuneInString(d.tok(i))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// tagType splits an IOB tag into its begin flag and entity type; ok is
// false for "O" and unknown tags.
func tagType(tag string) (begin bool, typ article.EntityType, ok bool) {
	if len(tag) < 3 || tag[1] != '-' {
		return false, "", false
	}
	begin = tag[0] == 'B' || tag[0] == 'S' || tag[0] == 'U'
	switch strings.ToUpper(tag[2:]) {
	case "PER", "PERSON":
		typ = article.Person
	case "ORG", "ORGANIZATION", "ORGANISATION":
		typ = article.Organization
	case "LOC", "GPE", "LOCATION", "PLACE", "FAC":
		typ = article.Place
	case "MISC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE":
		typ = article.Misc
	default:
		return false, "", false
	}
	return begin, typ, true
}

// findMentions decodes the tags into mentions and cleans them up.
func (d *doc) findMentions() {
	var ms []*mention
	for si, s := range d.sents {
		var cur *mention
		for i := s.start; i < s.end; i++ {
			begin, typ, ok := tagType(d.tags[i])
			if !ok {
				cur = nil
				continue
			}
			if cur != nil && !begin && cur.typ == typ {
				cur.t1 = i + 1
				continue
			}
			cur = &mention{t0: i, t1: i + 1, typ: typ, sent: si}
			ms = append(ms, cur)
		}
	}
	ms = d.mergeAdjacent(ms)
	var kept []*mention
	for _, m := range ms {
		if d.clean(m) {
			kept = append(kept, m)
		}
	}
	d.mentions = dropOverlaps(kept)
	d.index()
	d.dropAffiliations()
	d.index()
	d.acronyms()
	d.index()
	d.nounNamedOrgs()
	for _, m := range d.mentions {
		if m.typ == article.Person {
			d.harvestTitle(m)
		}
		m.subject = !m.possessive && !d.inQuote[m.t0] && !d.afterPreposition(m)
	}
}

// dropOverlaps keeps mentions disjoint after cleaning has widened some
// ("[Barack] Obama" over a separately tagged "Barack"): of two
// overlapping mentions the longer stays.
func dropOverlaps(ms []*mention) []*mention {
	sortMentions(ms)
	var out []*mention
	for _, m := range ms {
		if n := len(out); n > 0 && out[n-1].t1 > m.t0 {
			if p := out[n-1]; m.t1-m.t0 > p.t1-p.t0 {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// dropAffiliations drops a person mention that stands before a title and
// another person: the "Green" of "Green Leader Andrew Weaver" is a party.
func (d *doc) dropAffiliations() {
	kept := d.mentions[:0]
	for _, m := range d.mentions {
		j := m.t1
		if m.typ == article.Person && j+1 < len(d.a.Tokens) && d.capitalised(j) && !english.TitleGlue().Has(key(d.tok(j))) {
			if _, role := english.RoleWords().Lookup(key(d.tok(j))); role {
				n := j + 1
				for n < len(d.a.Tokens) && d.tok(n) == "." {
					n++
				}
				if n < len(d.a.Tokens) && d.at[n] >= 0 && d.mentions[d.at[n]].typ == article.Person && d.mentions[d.at[n]].t0 == n {
					continue
				}
			}
		}
		kept = append(kept, m)
	}
	d.mentions = kept
}

// index fills d.at from d.mentions.
func (d *doc) index() {
	for i := range d.at {
		d.at[i] = -1
	}
	for mi, m := range d.mentions {
		for j := m.t0; j < m.t1; j++ {
			d.at[j] = mi
		}
	}
}

// mergeAdjacent joins mentions a tagger split: "[Barack] Obama" tagged as
// two persons around a bracket, and a demonym before an organisation
// ("Russian" + "Foreign Ministry").
func (d *doc) mergeAdjacent(ms []*mention) []*mention {
	var out []*mention
	for _, m := range ms {
		if len(out) > 0 {
			p := out[len(out)-1]
			if p.sent == m.sent {
				// [Barack] Obama
				if p.typ == article.Person && m.typ == article.Person && m.t0 == p.t1+1 && d.tok(p.t1) == "]" {
					p.t1 = m.t1
					if p.t0 > 0 && d.tok(p.t0-1) == "[" {
						p.t0--
					}
					continue
				}
				// "Jake" tagged as a place right before "Thomas Patterson",
				// or a person split in two: one name.
				if m.typ == article.Person && p.t1 == m.t0 && p.t1-p.t0 == 1 && d.capitalised(p.t0) &&
					(p.typ == article.Person || (d.names.Known(d.tok(p.t0)) && !isTitleWord(key(d.tok(p.t0))))) {
					p.t1 = m.t1
					p.typ = article.Person
					continue
				}
				// Russian Foreign Ministry
				if m.typ == article.Organization && p.t1 == m.t0 && p.t1-p.t0 == 1 && p.typ != article.Person &&
					demonymOnly(key(d.tok(p.t0))) && d.capitalised(m.t0) {
					p.t1 = m.t1
					p.typ = article.Organization
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// isPossessive reports whether s is a possessive clitic token.
func isPossessive(s string) bool {
	switch s {
	case "'s", "’s", "'", "’", "'S", "’S":
		return true
	}
	return false
}

// clean trims a mention to its name: punctuation, possessives, a leading
// "the", and for persons leading titles and honorifics. It computes the
// mention's name and reports whether anything name-like is left.
func (d *doc) clean(m *mention) bool {
	trimPunct := func() {
		for m.t0 < m.t1 && !d.isWord(m.t0) && !(d.tok(m.t0) == "[" && m.typ == article.Person) {
			m.t0++
		}
		for m.t1 > m.t0 && (!d.isWord(m.t1-1) || isPossessive(d.tok(m.t1-1))) {
			if isPossessive(d.tok(m.t1 - 1)) {
				m.possessive = true
			}
			m.t1--
		}
	}
	trimPunct()
	m.roles = map[string]bool{}
	// "But Google", "Though Justice Dunphy": a sentence-initial word
	// the tagger took in.
	for m.t1-m.t0 > 1 && (english.SentenceFunctionWords().Has(key(d.tok(m.t0))) || english.DayWords().Has(key(d.tok(m.t0)))) {
		m.t0++
	}
	if m.typ != article.Person && d.titledPerson(m) {
		m.typ = article.Person
	}
	if m.typ == article.Person {
		// "Muhammad V", "Martin Luther King Jr.": a generational suffix
		// the tagger left out.
		if m.t0 < m.t1 && m.t1 < len(d.a.Tokens) && d.sentOf[m.t1] == m.sent && english.NameSuffixes().Has(d.tok(m.t1)) {
			m.t1++
		}
		d.stripTitle(m)
		trimPunct()
		// "Obama" after "[Barack]" the tagger left out.
		if m.t0 >= 3 && d.tok(m.t0-1) == "]" && d.tok(m.t0-3) == "[" && d.isWord(m.t0-2) && d.capitalised(m.t0-2) &&
			d.sentOf[m.t0-3] == m.sent {
			m.t0 -= 3
		} else if j := m.t0 - 1; m.t0 < m.t1 && j >= 0 && d.sentOf[j] == m.sent && d.tags[j] == "O" && d.isWord(j) &&
			d.capitalised(j) && d.names.Known(d.tok(j)) && !isTitleWord(key(d.tok(j))) && !english.SentenceFunctionWords().Has(key(d.tok(j))) && !english.DayWords().Has(key(d.tok(j))) {
			// "Jake" of "Jake Thomas Patterson" the tagger left out: a
			// capitalised first name right before the name.
			m.t0 = j
		}
	}
	if m.t0 >= m.t1 {
		return false
	}
	m.start = d.a.Tokens[m.t0].Start
	m.end = d.a.Tokens[m.t1-1].End
	if m.t1 < len(d.a.Tokens) && isPossessive(d.tok(m.t1)) {
		m.possessive = true
	}
	// A possessive the tokenizer left attached: "Putin's".
	if last := d.tok(m.t1 - 1); len(last) > 2 {
		for _, suf := range []string{"'s", "’s", "'S", "’S"} {
			if strings.HasSuffix(last, suf) {
				m.end -= len(suf)
				m.possessive = true
				break
			}
		}
	}
	m.name = cleanName(d.a.Text[m.start:m.end])
	if m.typ == article.Person {
		m.name = unshout(m.name)
	}
	m.words = strings.Fields(m.name)
	if len(m.words) == 0 {
		return false
	}
	// A name has at least one capital letter or digit ("he" mis-tagged is not one).
	if !strings.ContainsFunc(m.name, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
		return false
	}
	if _, ok := english.PronounGenders().Lookup(strings.ToLower(m.name)); ok {
		return false
	}
	if m.typ == article.Person {
		// A title alone ("Secretary" of "US Secretary of State John Kerry"
		// tagged apart) is not a person.
		allRoles, someRole := true, false
		for _, w := range m.words {
			k := key(w)
			allRoles = allRoles && isTitleWord(k)
			_, isRole := english.RoleWords().Lookup(k)
			_, isHon := english.Honorifics().Lookup(k)
			someRole = someRole || isRole || isHon
		}
		if allRoles && someRole {
			return false
		}
		// "Radio Sputnik", "Bank Leumi": an organisation word first.
		if english.OrgFirstWords().Has(key(m.words[0])) && len(m.words) > 1 {
			m.typ = article.Organization
		}
		// "Yellowhead MP", "Native American", "Malay Muslim": a role or a
		// group adjective last is not a name.
		lastKey := key(m.words[len(m.words)-1])
		if len(m.words) > 1 && (english.StrongRoles().Has(lastKey) || demonymOnly(lastKey) || english.GroupAdjectives().Has(lastKey)) {
			if english.StrongRoles().Has(lastKey) {
				return false
			}
			m.typ = article.Misc
		}
		// "Fraser Highway", "George Station": a word no surname is.
		for _, w := range m.words[1:] {
			if english.PlaceNameWords().Has(key(w)) {
				m.typ = article.Place
			}
		}
	}
	return true
}

// isTitleWord reports whether k is a role word, honorific or country.
func isTitleWord(k string) bool {
	_, r := english.RoleWords().Lookup(k)
	_, h := english.Honorifics().Lookup(k)
	_, c := english.Countries().Lookup(k)
	return r || h || c
}

// stripTitle removes a title the tagger included in a person mention:
// everything up to the last role word or honorific that is followed by a
// capitalised word ("Russian President Vladimir Putin", "Toronto Mayor
// John Tory", "Mr. Smith"). The words removed become the mention's roles
// and gender evidence. Kinship words are titles only in lower case ("son
// Tom", never "Son Heung-min"); a royal or religious title stays when
// only one word would be left ("Queen Elizabeth", "Lady Gaga").
func (d *doc) stripTitle(m *mention) {
	last := -1
	for j := m.t0; j < m.t1-1; j++ {
		k := key(d.tok(j))
		g, isRole := english.RoleWords().Lookup(k)
		_, isHon := english.Honorifics().Lookup(k)
		if english.TitleGlue().Has(k) || (!isRole && !isHon) {
			continue
		}
		if isRole && g != "" && d.capitalised(j) && !isHon && !english.RegalTitles().Has(k) {
			continue // kinship: "Son Heung-min"
		}
		n := j + 1
		for n < m.t1 && (d.tok(n) == "." || d.tok(n) == "[") {
			n++
		}
		if n < m.t1 && d.capitalised(n) {
			last = j
		}
	}
	if last < 0 {
		return
	}
	cut := last + 1
	for cut < m.t1 && d.tok(cut) == "." {
		cut++
	}
	if m.t1-cut == 1 && english.RegalTitles().Has(key(d.tok(last))) {
		k := key(d.tok(last))
		m.addGender(english.RoleWords().Get(k))
		m.addGender(english.Honorifics().Get(k))
		cut = last
	}
	for j := m.t0; j < cut; j++ {
		k := key(d.tok(j))
		if d.tok(j) == "." || english.TitleGlue().Has(k) {
			continue
		}
		if c, ok := english.Countries().Lookup(k); ok {
			m.roles[strings.ToLower(c)] = true
			continue
		}
		m.roles[k] = true
		m.addGender(english.RoleWords().Get(k))
		m.addGender(english.Honorifics().Get(k))
	}
	m.t0 = cut
}

func (m *mention) addGender(g article.Gender) {
	switch g {
	case article.Male:
		m.male++
	case article.Female:
		m.fem++
	}
}

// unshout writes a name of several words all in capitals ("JOHN SMITH",
// a byline) with initial capitals; other names are returned unchanged.
func unshout(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return name
	}
	for _, w := range ws {
		if strings.ToUpper(w) != w || strings.ToLower(w) == w {
			return name
		}
	}
	for i, w := range ws {
		r := []rune(strings.ToLower(w))
		for j := range r {
			if j == 0 || !unicode.IsLetter(r[j-1]) {
				r[j] = unicode.ToUpper(r[j])
			}
		}
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// cleanName removes brackets and collapses white space.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '[' || r == ']' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// acronyms finds "Free Syrian Army (FSA)": an upper-case word in brackets
// right after a non-person mention becomes an alias of that mention's name,
// and a mention itself if the tagger missed it.
func (d *doc) acronyms() {
	var added []*mention
	for _, m := range d.mentions {
		if m.typ == article.Person || m.t1+2 >= len(d.a.Tokens) || d.tok(m.t1) != "(" || d.tok(m.t1+2) != ")" {
			continue
		}
		i := m.t1 + 1
		w := d.tok(i)
		if !isAcronym(w) || key(w) == key(m.name) {
			continue
		}
		if d.aliases == nil {
			d.aliases = map[string]string{}
		}
		d.aliases[key(w)] = m.name
		if d.at[i] >= 0 {
			d.mentions[d.at[i]].typ = m.typ
			continue
		}
		t := d.a.Tokens[i]
		added = append(added, &mention{t0: i, t1: i + 1, start: t.Start, end: t.End, typ: m.typ, sent: m.sent, name: w, words: []string{w}, roles: map[string]bool{}})
	}
	if len(added) == 0 {
		return
	}
	d.mentions = append(d.mentions, added...)
	sortMentions(d.mentions)
}

func sortMentions(ms []*mention) {
	slices.SortStableFunc(ms, func(x, y *mention) int { return cmp.Compare(x.t0, y.t0) })
}

// isAcronym reports whether w is two to eight characters, mostly upper-case letters.
func isAcronym(w string) bool {
	n, up := 0, 0
	for _, r := range w {
		n++
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			continue
		} else if r != '.' && r != '-' && r != '&' {
			return false
		}
	}
	return n >= 2 && n <= 8 && up >= 2 && up*2 > n
}

// harvestTitle collects the role words written around a person mention:
// the title before it ("Russian Foreign Ministry spokeswoman", "US
// Secretary of State") and an apposition after it (", the company's chief
// executive,"). They give gender evidence and let role nouns ("the
// spokeswoman") find the person.
func (d *doc) harvestTitle(m *mention) {
	sent := d.sents[m.sent]
	m.titleStart = m.t0
	crossedOf := false
	for j, steps := m.t0-1, 0; j >= sent.start && steps < 10; steps++ {
		if mi := d.at[j]; mi >= 0 {
			o := d.mentions[mi]
			if o.typ == article.Person {
				break
			}
			d.addWords(m, d.a.Text[d.a.Tokens[o.t0].Start:d.a.Tokens[o.t1-1].End])
			j = o.t0 - 1
			m.titleStart = o.t0
			continue
		}
		t := d.tok(j)
		k := key(t)
		if isPossessive(t) || t == "." {
			j--
			continue
		}
		if k == "of" {
			crossedOf = true
		}
		g, isRole := english.RoleWords().Lookup(k)
		if c, ok := english.Countries().Lookup(k); ok && !isRole {
			m.roles[strings.ToLower(c)] = true
		} else if isRole {
			if crossedOf && g != "" && !d.capitalised(j) {
				break // "the wife of John Smith": the kinship is someone else's
			}
			if !english.TitleGlue().Has(k) {
				m.roles[k] = true
			}
			m.addGender(g)
			if hg, ok := english.Honorifics().Lookup(k); ok {
				m.addGender(hg)
			}
		} else {
			break
		}
		m.titleStart = j
		j--
	}
	for m.titleStart < m.t0 && english.TitleGlue().Has(key(d.tok(m.titleStart))) {
		m.titleStart++
	}
	// Apposition: "Jane Roe, the firm's chairwoman, said".
	j := m.t1
	for j < sent.end && isPossessive(d.tok(j)) {
		j++
	}
	if m.possessive || j >= sent.end || d.tok(j) != "," {
		return
	}
	roles := map[string]bool{}
	male, fem := 0, 0
	hasRole := false
	for j++; j < sent.end && j-m.t1 < 14; j++ {
		t := d.tok(j)
		if t == "," || t == ";" || t == "." || t == ")" || d.a.Tokens[j].Kind == article.TokenQuote {
			break
		}
		if mi := d.at[j]; mi >= 0 {
			o := d.mentions[mi]
			if o.typ == article.Person {
				return // "Kerry, Russian President Vladimir Putin": the title is the next person's
			}
			for _, w := range strings.Fields(strings.ToLower(o.name)) {
				roles[w] = true
			}
			if c, ok := english.Countries().Lookup(key(o.name)); ok {
				roles[strings.ToLower(c)] = true
			}
			j = o.t1 - 1
			continue
		}
		k := key(t)
		if k == "who" || k == "which" || k == "that" {
			break
		}
		if c, ok := english.Countries().Lookup(k); ok {
			roles[strings.ToLower(c)] = true
		} else if g, ok := english.RoleWords().Lookup(k); ok && !english.TitleGlue().Has(k) {
			roles[k] = true
			hasRole = true
			switch g {
			case article.Male:
				male++
			case article.Female:
				fem++
			}
		}
	}
	if !hasRole {
		return
	}
	for k := range roles {
		m.roles[k] = true
	}
	m.male += male
	m.fem += fem
}

// addWords adds the lower-case words of an organisation or place name in a
// title to a person's roles, countries by their canonical name.
func (d *doc) addWords(m *mention, s string) {
	s = cleanName(s)
	if c, ok := english.Countries().Lookup(key(s)); ok {
		m.roles[strings.ToLower(c)] = true
		return
	}
	for _, w := range strings.Fields(s) {
		k := key(w)
		if c, ok := english.Countries().Lookup(k); ok {
			m.roles[strings.ToLower(c)] = true
		} else {
			m.roles[k] = true
		}
	}
}

// afterPreposition reports whether the word before the mention's title
// is a preposition or an object-taking verb ("with Kerry", "told Smith").
func (d *doc) afterPreposition(m *mention) bool {
	j := m.t0 - 1
	if m.typ == article.Person {
		j = m.titleStart - 1
	}
	for j >= 0 {
		if d.tok(j) == "the" || d.tok(j) == "The" {
			j--
			continue
		}
		break
	}
	// capitalised words before the title, a place or an employer: "tell
	// Toronto Mayor John Tory"
	for k := 0; m.typ == article.Person && k < 3 && j > 0 && d.sentOf[j-1] == m.sent && d.isWord(j) && d.capitalised(j); k++ {
		j--
	}
	return j >= 0 && d.sentOf[j] == m.sent && (english.ObjectMarkers().Has(key(d.tok(j))) || english.TransitiveVerbs().Has(key(d.tok(j))))
}

// inParens reports whether mention m stands inside parentheses opened in
// its sentence: a photo credit "(Jane Doe / Reuters)" or an aside, which a
// later pronoun does not refer to.
func (d *doc) inParens(m *mention) bool {
	for j := m.t0 - 1; j >= 0 && j >= m.t0-40 && d.sentOf[j] == m.sent; j-- {
		switch d.tok(j) {
		case "(", "-LRB-":
			return true
		case ")", "-RRB-":
			return false
		}
	}
	return false
}

// nounNamedOrgs adds the organisations the tagger missed that the text
// names right after a lower-case organisation noun ("media buying company
// GroupM", "the agency Frontex"): a run of up to four untagged capitalised
// words, so that "the company" can refer to it later.
func (d *doc) nounNamedOrgs() {
	var added []*mention
	for si, s := range d.sents {
		for i := s.start; i+1 < s.end; i++ {
			if d.at[i] >= 0 || !d.isWord(i) || d.capitalised(i) || !english.OrgReferenceNouns().Has(key(d.tok(i))) {
				continue
			}
			j := i + 1
			for j < s.end && j-i <= 4 && d.at[j] < 0 && d.isWord(j) && d.capitalised(j) && !isPossessive(d.tok(j)) &&
				!english.SentenceFunctionWords().Has(key(d.tok(j))) && !isTitleWord(key(d.tok(j))) {
				j++
			}
			if j == i+1 {
				continue
			}
			m := &mention{t0: i + 1, t1: j, typ: article.Organization, sent: si}
			if d.clean(m) {
				added = append(added, m)
			}
			i = j - 1
		}
	}
	if len(added) == 0 {
		return
	}
	d.mentions = append(d.mentions, added...)
	sortMentions(d.mentions)
	d.index()
}

// titledPerson reports whether a span tagged as another type is a person
// introduced with a title ("Councillor Ines Abernathy" tagged as an
// organisation): a capitalised role word or honorific, then capitalised
// words that are no organisation, place, group or country word, the first
// a known first name.
func (d *doc) titledPerson(m *mention) bool {
	i := m.t0
	for i < m.t1 && d.isWord(i) && d.capitalised(i) && isTitleWord(key(d.tok(i))) {
		if _, c := english.Countries().Lookup(key(d.tok(i))); c {
			return false
		}
		i++
	}
	if i == m.t0 || i == m.t1 || !d.names.Known(d.tok(i)) {
		return false
	}
	return d.personShaped(i, m.t1)
}

// personShaped reports whether tokens [t0,t1) can be a person's name: one
// to four capitalised words, none of them a title, an organisation,
// place, group or country word, and no acronym.
func (d *doc) personShaped(t0, t1 int) bool {
	if t1-t0 < 1 || t1-t0 > 4 {
		return false
	}
	for i := t0; i < t1; i++ {
		w := d.tok(i)
		k := key(w)
		if !d.isWord(i) || !d.capitalised(i) || isAcronym(w) || isTitleWord(k) || english.SentenceFunctionWords().Has(k) ||
			english.OrgFirstWords().Has(k) || english.PlaceNameWords().Has(k) || english.GroupAdjectives().Has(k) || english.OrgNameWords().Has(k) {
			return false
		}
	}
	return true
}
