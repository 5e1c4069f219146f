package htmlpage

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// authorKeys are the <meta> keys that name authors.
var authorKeys = []string{
	"author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
	"dc.creator", "dcterms.creator", "byl", "citation_author", "twitter:creator:name",
	"cxenseparse:author", "article:author_name", "author_name",
}

// writtenByLabels are the folded labels Yoast SEO puts before the author's
// name in twitter:labelN / twitter:dataN, in the languages it ships.
var writtenByLabels = map[string]bool{
	"written by": true, "verfasst von": true, "geschrieben von": true, "écrit par": true, "escrito por": true,
	"scritto da": true, "geschreven door": true, "skrivet av": true, "napisane przez": true, "escrito por:": true,
}

// chooseAuthors returns the article's authors. Each source gives a list
// of names: the JSON-LD article's authors (@id references resolved), each
// <meta> author key, the first byline element of the page. The source
// whose names the most other sources confirm wins (the visible byline
// counting twice), ties going to that order. When no source names a
// person, the organisation of the visible byline or of the JSON-LD is
// returned (wire agencies, desks, "Staff", the site itself: what the page
// declares); then go-trafilatura's own guess, a blogger's handle, any
// other source's organisation.
func chooseAuthors(pm *pageMeta, ld []map[string]any, site siteNames, traf, paras []string) []string {
	// Organisations named as authors, for when nobody is: the visible
	// byline's, the JSON-LD's, and those of the other sources.
	var bylineOrg, ldOrgs, orgs []string
	var sources [][]string
	// Names the JSON-LD types as a Person need not be written like one
	// ("Mobasir hassan").
	typedPersons := map[string]bool{}
	// The article's authors; else those of any object that has some.
	for _, o := range append(ld, pm.ld...) {
		var raw []string
		for _, a := range ldList(o["author"]) {
			a = pm.resolve(a)
			if ao, ok := a.(map[string]any); ok {
				name := ldString(ao["name"])
				if ldHasType(ao, "Organization", "NewsMediaOrganization", "Corporation") {
					ldOrgs = append(ldOrgs, name)
					continue
				}
				if ldHasType(ao, "Person") {
					typedPersons[foldText(name)] = true
				}
				raw = append(raw, name)
				continue
			}
			raw = append(raw, ldString(a))
		}
		if len(raw) > 0 {
			sources = append(sources, raw)
			break
		}
	}
	// JSON-LD creator (schema.org's wider "author"), often given beside
	// author, sometimes alone.
	for _, o := range ld {
		var raw []string
		for _, a := range ldList(o["creator"]) {
			if ao, ok := pm.resolve(a).(map[string]any); ok && ldHasType(ao, "Organization", "NewsMediaOrganization", "Corporation") {
				continue
			}
			raw = append(raw, ldString(pm.resolve(a)))
		}
		if len(raw) > 0 {
			sources = append(sources, raw)
			break
		}
	}
	// A CMS's author field often holds the site's name, which the page
	// title then starts or ends with ("Club Kiel - Headline").
	metaFrom := len(sources)
	for _, k := range authorKeys {
		if v := pm.metas[k]; len(v) > 0 {
			sources = append(sources, v)
		}
	}
	metaTo := len(sources)
	// Yoast's "Written by" label and value.
	for i := 1; i <= 3; i++ {
		l := foldText(pm.meta(fmt.Sprintf("twitter:label%d", i)))
		if v := pm.meta(fmt.Sprintf("twitter:data%d", i)); v != "" && writtenByLabels[l] {
			sources = append(sources, []string{v})
		}
	}
	// The first byline that names someone: a site's bylines often start
	// with a bare "By" or the site's initials.
	byline := -1
	for _, b := range pm.bylines {
		if names := cleanAuthors(b); len(names) > 0 && isNameLike(names[0]) && !site.is(names[0]) {
			byline = len(sources)
			sources = append(sources, []string{b})
			break
		}
	}
	// A byline found by its words ("Posted by …"): the visible byline when
	// the markup marks none that names someone, else one more source.
	for _, b := range pm.textBylines {
		if names := cleanAuthors(b); len(names) > 0 && isNameLike(names[0]) && !site.is(names[0]) {
			if byline < 0 {
				byline = len(sources)
			}
			sources = append(sources, []string{b})
			break
		}
	}
	// The first byline that names an organisation ("von auto-motor.at
	// Redaktion"), for when nobody is named.
	for _, b := range pm.bylines {
		// A desk word alone ("News", a section link) names no one.
		if names := cleanAuthors(b); len(names) > 0 && (site.is(names[0]) || isOrgName(names[0], site) && strings.Contains(names[0], " ")) {
			bylineOrg = names[:1]
			break
		}
	}
	persons := make([][]string, 0, len(sources)+1)
	edges := titleEdges(pm.titleTag)
	split := func(raw []string, meta bool) []string {
		var ps []string
		for _, r := range raw {
			for _, n := range cleanAuthors(r) {
				n = stripOrgSuffix(n, site)
				switch {
				case genericNames[foldText(n)]:
					// An account or a placeholder ("Admin", "Name").
				case isOrgName(n, site) || meta && startsEdge(n, edges):
					orgs = append(orgs, n)
				case !isNameLike(n) && !(typedPersons[foldText(n)] && strings.IndexFunc(n, unicode.IsUpper) >= 0):
				default:
					ps = append(ps, n)
				}
			}
		}
		return dedupeNames(ps)
	}
	for i, raw := range sources {
		persons = append(persons, split(raw, i >= metaFrom && i < metaTo))
	}
	best, bestScore := -1, -1
	for i, ps := range persons {
		if len(ps) == 0 {
			continue
		}
		score := 0
		for j, qs := range persons {
			if j != i && shareName(ps, qs) {
				score++
				if j == byline {
					// The byline readers see outweighs a CMS field (the
					// uploader's account often fills "author").
					score++
				}
			}
		}
		// Equally confirmed, a list that adds names other sources also
		// give is the fuller byline (the JSON-LD names the first writer,
		// the byline and meta author all of them).
		if score > bestScore || score == bestScore && len(ps) > len(persons[best]) && allConfirmed(persons, i) {
			best, bestScore = i, score
		}
	}
	if best >= 0 {
		return persons[best]
	}
	if s := signOff(paras); s != nil {
		return s
	}
	if out := orgAuthors(bylineOrg, ldOrgs); len(out) > 0 {
		return out
	}
	// go-trafilatura also takes any Person of the JSON-LD (a founder of
	// the publisher): names found there but not as an author are refused.
	var keep []string
	for _, a := range split([]string{strings.Join(traf, ", ")}, false) {
		if !strings.Contains(pm.ldText, a) {
			keep = append(keep, a)
		}
	}
	if len(keep) > 0 {
		return keep
	}
	// A blog's visible byline often gives only the writer's handle ("von
	// zahlenzauberin"): one lower-case word of letters is kept when nobody
	// else is named, even when it is also the blog's host name.
	for _, b := range pm.bylines {
		if names := cleanAuthors(b); len(names) == 1 && rxHandleName.MatchString(names[0]) && !genericNames[foldText(names[0])] && !authorStop[names[0]] {
			return names
		}
	}
	if len(orgs) > 1 {
		orgs = orgs[:1]
	}
	if out := orgAuthors(orgs); len(out) > 0 {
		return out
	}
	// "Hamburg (dpa) – …": the agency that wrote the story.
	return datelineAgency(paras)
}

// publisherAuthor is the author of a page that names none: its publisher,
// the site, when the page declares its name (og:site_name, the JSON-LD
// publisher, application-name), as schema.org does for unsigned pages
// (an Organization as author). A name made from the host, or one that is
// the page's title (a CMS that fills og:site_name with it), is none.
func publisherAuthor(site, title string, declared []string) []string {
	f := foldText(site)
	if f == "" || f == foldText(title) || genericNames[f] {
		return nil
	}
	for _, d := range declared {
		if foldText(normalizeSpace(strings.TrimPrefix(d, "@"))) == f {
			return []string{site}
		}
	}
	return nil
}

// orgAuthors returns the names of the first group of organisations that
// has one.
func orgAuthors(groups ...[]string) []string {
	for _, group := range groups {
		var out []string
		for _, o := range group {
			for _, n := range cleanAuthors(o) {
				if utf8.RuneCountInString(n) >= 2 && !genericNames[foldText(n)] {
					out = append(out, n)
				}
			}
		}
		if len(out) > 0 {
			return dedupeNames(out)
		}
	}
	return nil
}

// titleEdges returns the folded first and last parts of a page title of
// two parts or more.
func titleEdges(t string) []string {
	parts := splitTitle(t)
	if len(parts) < 2 {
		return nil
	}
	return []string{foldText(parts[0].text), foldText(parts[len(parts)-1].text)}
}

// startsEdge reports whether the name n starts one of the title's edge
// parts (the site's name, "Club Kiel" in "Club Kiel Nord - Headline").
func startsEdge(n string, edges []string) bool {
	f := foldText(n)
	if f == "" {
		return false
	}
	for _, e := range edges {
		if e == f || strings.HasPrefix(e, f+" ") {
			return true
		}
	}
	return false
}

// genericNames are account names, not bylines.
var genericNames = map[string]bool{
	"admin": true, "administrator": true, "editor": true, "editors": true, "staff": true,
	"guest": true, "user": true, "anonymous": true, "webmaster": true, "author": true,
	"editorial": true, "name": true, "unknown": true,
}

// allConfirmed reports whether every name of lists[i] is in another list.
func allConfirmed(lists [][]string, i int) bool {
	for _, n := range lists[i] {
		found := false
		for j, qs := range lists {
			if j != i && shareName([]string{n}, qs) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// shareName reports whether the lists have a name in common (folded).
func shareName(a, b []string) bool {
	for _, x := range a {
		fx := foldText(x)
		for _, y := range b {
			if foldText(y) == fx {
				return true
			}
		}
	}
	return false
}

// isNameLike rejects user names ("admin2", "kei_eno", "kevin-r") and
// fragments too short to be names.
func isNameLike(n string) bool {
	if utf8.RuneCountInString(n) < 3 || strings.ContainsAny(n, "_=+*#") {
		return false
	}
	words := strings.Fields(n)
	if strings.EqualFold(words[0], "the") {
		return false
	}
	// Every word of a name is capitalised but its particles ("Ludwig
	// van Beethoven"); "Syrian defense ministries" is not a name.
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameParticles[w] {
			return false
		}
	}
	if len(words) == 1 {
		r, _ := utf8.DecodeRuneInString(n)
		if !unicode.IsUpper(r) && unicode.IsLower(r) || strings.IndexFunc(n, unicode.IsDigit) >= 0 {
			return false
		}
		// One word in capitals is a user name or an acronym.
		if strings.ToUpper(n) == n && strings.ToLower(n) != n {
			return false
		}
	}
	return true
}

// wireNames are news agencies that follow a reporter's name in bylines.
var wireNames = map[string]bool{
	"associated press": true, "the associated press": true, "ap": true, "reuters": true,
	"afp": true, "agence france presse": true, "pti": true, "ians": true, "upi": true,
	"dpa": true, "bloomberg": true, "ani": true, "efe": true, "ansa": true,
}

// nameParticles are the lower-case words of personal names.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "der": true, "den": true,
	"van": true, "von": true, "le": true, "la": true, "al": true, "el": true, "bin": true, "ibn": true,
	"dos": true, "das": true, "do": true, "y": true, "e": true, "ter": true, "zu": true, "af": true,
}

// stripOrgSuffix drops an organisation written after a name without a
// separator ("Jane Doe Associated Press", "John Roe USA TODAY").
func stripOrgSuffix(n string, site siteNames) string {
	words := strings.Fields(n)
	for k := 2; k < len(words); k++ {
		head := strings.Join(words[:k], " ")
		if tail := strings.Join(words[k:], " "); (wireNames[foldText(tail)] || site.is(tail)) && !isOrgName(head, site) {
			return head
		}
	}
	return n
}

// ldList returns a JSON-LD value as a list.
func ldList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

var (
	rxEmail    = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)
	rxHandle   = regexp.MustCompile(`@\w+`)
	rxByPrefix = regexp.MustCompile(`(?i)^(?:[\p{L}]+\s+){0,2}(?:by|von|par|por|door|av|di|da)\s+`)
	// rxAuthorWord is an "Author" label without its colon at the start.
	rxAuthorWord  = regexp.MustCompile(`(?i)^(?:author|autor|autorin|auteur|auteure|autrice|autore|autora)\s+`)
	rxParens      = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	rxLabel       = regexp.MustCompile(`^\p{L}+:\s+`)
	rxHandleName  = regexp.MustCompile(`^\p{Ll}[\p{Ll}\d]{3,24}$`)
	rxAuthorLabel = regexp.MustCompile(`(?i)(?:^|\s)(?:autor|autorin|author|auteur|autore|text|texte|texto|testo|verfasser|verfasserin)\s?:\s*`)
	rxAnyLabel    = regexp.MustCompile(`\s\p{Lu}\p{Ll}+\s?:\s`)
	rxAuthorSplit = regexp.MustCompile(`(?i)\s*(?:;|\||,|&|/|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+)\s*`)
)

// authorStop are words that end a byline's name part: datelines and
// "Published"/"Updated" stamps, roles after the name.
var authorStop = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"published": true, "updated": true, "posted": true, "commented": true, "last": true, "on": true, "at": true, "under": true, "unter": true,
	"writer": true, "editor": true, "correspondent": true, "reporter": true, "columnist": true,
	"contributor": true, "producer": true, "journalist": true, "senior": true, "chief": true,
	"updated:": true, "published:": true, "is": true, "share": true, "contributing": true,
	"print": true, "follow": true, "email": true, "read": true, "more": true,
	// German, French, Spanish, Italian, Dutch datelines and roles.
	"veröffentlicht": true, "aktualisiert": true, "erschienen": true, "am": true, "um": true, "uhr": true,
	"redakteur": true, "redakteurin": true, "korrespondent": true, "korrespondentin": true, "autor": true, "autorin": true,
	"publié": true, "publiée": true, "mis": true, "journaliste": true, "rédacteur": true, "rédactrice": true,
	"publicado": true, "actualizado": true, "periodista": true, "redactor": true, "redactora": true,
	"pubblicato": true, "aggiornato": true, "giornalista": true, "gepubliceerd": true, "bijgewerkt": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"in": true, "alle": true, "artikel": true, "beiträge": true, "articles": true, "posts": true, "all": true,
}

// roleWords are the roles written before a name, in the languages of
// authorStop.
var roleWords = map[string]bool{
	"writer": true, "editor": true, "correspondent": true, "reporter": true, "columnist": true,
	"contributor": true, "journalist": true, "expert": true, "guest": true,
	"redakteur": true, "redakteurin": true, "korrespondent": true, "korrespondentin": true,
	"autor": true, "autorin": true, "gastautor": true, "gastautorin": true, "experte": true, "expertin": true,
	"kolumnist": true, "kolumnistin": true, "reporterin": true, "journalistin": true, "chefredakteur": true,
	"chefredakteurin": true, "journaliste": true, "rédacteur": true, "rédactrice": true, "chroniqueur": true,
	"periodista": true, "redactor": true, "redactora": true, "columnista": true, "giornalista": true,
	"redattore": true, "redattrice": true, "verslaggever": true, "redacteur": true,
}

// leadingRole reports whether a byline's first word is a role
// ("Gastautor") or a compound ending in one ("FOCUS-Online-Experte").
func leadingRole(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,:"))
	if i := strings.LastIndexAny(w, "-‐"); i >= 0 {
		w = w[i+1:]
	}
	return roleWords[w]
}

// monthWords are the month names of authorStop: "Jan", "June" and
// "August" are first names too, so they end a name only beside a number.
var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// nearDigit reports whether the word before or after words[k] has a digit.
func nearDigit(words []string, k int) bool {
	for _, j := range []int{k - 1, k + 1} {
		if j >= 0 && j < len(words) && strings.IndexFunc(words[j], unicode.IsDigit) >= 0 {
			return true
		}
	}
	return false
}

// cleanAuthors splits a byline into names and cleans each: "By", e-mail
// addresses, handles, URLs, roles and datelines are removed; a byline that
// is a URL (a profile page) names nobody.
func cleanAuthors(s string) []string {
	s = normalizeSpace(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.") || strings.ContainsAny(s, "{}<>") {
		return nil
	}
	// "Datum: 19.11.2021 Autor: Jane Doe Quelle: Agency": the part after
	// an author label, up to the next label.
	if m := rxAuthorLabel.FindStringIndex(s); m != nil {
		s = s[m[1]:]
		if n := rxAnyLabel.FindStringIndex(s); n != nil && n[0] > 0 {
			s = s[:n[0]]
		}
	}
	s = strings.TrimLeft(s, "©~•*·>»-–— ")
	// "Jane Doe, John Roe - Safe Browsing team": a spaced dash ends the
	// names when they come before it.
	for _, d := range []string{" - ", " – ", " — "} {
		if i := strings.Index(s, d); i > 0 {
			if head := cleanAuthors(s[:i]); len(head) > 0 && isNameLike(head[0]) {
				return head
			}
			break
		}
	}
	s = rxEmail.ReplaceAllString(s, " ")
	s = rxParens.ReplaceAllString(s, " ")
	s = rxHandle.ReplaceAllString(s, " ")
	var out []string
	for i, p := range rxAuthorSplit.Split(s, -1) {
		p = strings.TrimSpace(rxByPrefix.ReplaceAllString(strings.TrimSpace(p), ""))
		p = strings.TrimSpace(rxByPrefix.ReplaceAllString(p, ""))
		p = strings.TrimSpace(rxAuthorWord.ReplaceAllString(p, ""))
		if l := rxLabel.FindString(p); l != "" && strings.Count(p[len(l):], " ") >= 1 {
			p = p[len(l):]
		}
		words := strings.Fields(p)
		// A role before the name ("Gastautor Jane Doe", "Site-Experte
		// Jane Doe").
		for len(words) > 1 && leadingRole(words[0]) {
			words = words[1:]
		}
		for k, w := range words {
			lw := strings.ToLower(strings.Trim(w, ".,:"))
			role := false
			for _, h := range strings.Split(lw, "-") {
				role = role || authorStop[h]
			}
			if role && monthWords[lw] && !nearDigit(words, k) {
				role = false
			}
			if k > 0 && role || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				words = words[:k]
				// "Jane Doe News reporter", "John Roe Sports writer"
				// "Jane Doe Associated Press Writer"
				for j := 3; role && j >= 1; j-- {
					if len(words)-j >= 2 && wireNames[foldText(strings.Join(words[len(words)-j:], " "))] {
						words = words[:len(words)-j]
						break
					}
				}
				for role && len(words) > 2 && orgWords[strings.ToLower(words[len(words)-1])] {
					words = words[:len(words)-1]
				}
				break
			}
		}
		// A name written twice (a link and its text): once.
		if h := len(words) / 2; len(words) >= 4 && len(words)%2 == 0 && strings.Join(words[:h], " ") == strings.Join(words[h:], " ") {
			words = words[:h]
		}
		p = strings.Trim(strings.Join(words, " "), " -–—:,.·|©~／｜")
		if p == "" || !hasLetter(p) {
			continue
		}
		// After a comma, a single word is a place, a title or a
		// credential ("Jane Doe, Washington", "Jane Doe, MD"), not a name.
		if i > 0 && len(words) == 1 && len(out) > 0 {
			continue
		}
		if utf8.RuneCountInString(p) > 60 || len(words) > 6 {
			continue
		}
		if w0 := strings.ToLower(words[0]); authorStop[w0] && !(monthWords[w0] && !nearDigit(words, 0)) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// orgWords mark a byline that names an organisation or a desk, not a person.
var orgWords = map[string]bool{
	"staff": true, "press": true, "news": true, "reports": true, "agency": true, "agencies": true,
	"wire": true, "wires": true, "services": true, "service": true, "editorial": true, "team": true,
	"desk": true, "media": true, "bureau": true, "network": true, "newsroom": true, "reuters": true,
	"afp": true, "ap": true, "pti": true, "ians": true, "upi": true, "dpa": true, "sport": true,
	"sports": true, "admin": true, "administrator": true, "editors": true, "board": true,
	"magazine": true, "online": true, "digital": true, "group": true, "inc": true, "ltd": true,
	"blog": true, "daily": true, "times": true, "post": true, "journal": true, "herald": true, "tribune": true,
	// The newsroom in German, French, Spanish, Italian, Dutch.
	"redaktion": true, "rédaction": true, "redacción": true, "redazione": true, "redactie": true,
}

// isOrgName reports whether a byline names an organisation: the site
// itself, a wire agency, a desk or "Staff".
func isOrgName(n string, site siteNames) bool {
	if site.is(n) || rxHostName.MatchString(n) {
		return true
	}
	// "CNN Business": the site's name, then a desk.
	if w := strings.Fields(n); len(w) > 1 && len(w) <= 3 && site.is(w[0]) {
		return true
	}
	for _, w := range strings.Fields(foldText(n)) {
		if orgWords[w] {
			return true
		}
	}
	return false
}

// dedupeNames drops repeated names (compared folded), and a name that is
// a part of a longer one already kept ("Smith" after "Jane Smith").
func dedupeNames(in []string) []string {
	var out []string
	var folded []string
next:
	for _, n := range in {
		f := foldText(n)
		if f == "" {
			continue
		}
		for i, g := range folded {
			if g == f || strings.Contains(" "+g+" ", " "+f+" ") {
				continue next
			}
			if strings.Contains(" "+f+" ", " "+g+" ") {
				out[i], folded[i] = n, f
				continue next
			}
		}
		out = append(out, n)
		folded = append(folded, f)
	}
	return out
}
