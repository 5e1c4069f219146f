package htmlpage

import (
	"fmt"
	"golang.org/x/net/html"
	nurl "net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// siteNames is what a page calls its site: the names declared in its
// metadata and the name of its host, used to recognise the site's name in
// a title or a byline.
type siteNames struct {
	// names are folded (foldText) site names, and the separator-delimited
	// parts of those names.
	names map[string]bool
	// host is the registrable part of the host without its suffix, folded
	// and without spaces ("spacenews" for www.spacenews.com).
	host string
}

func newSiteNames(host string, names ...string) siteNames {
	s := siteNames{names: make(map[string]bool)}
	for _, n := range names {
		if n == "" || strings.Contains(n, "://") {
			continue
		}
		s.add(n)
		for _, p := range splitTitle(n) {
			s.add(p.text)
		}
	}
	s.host = hostLabel(host)
	return s
}

func (s siteNames) add(n string) {
	if f := foldText(strings.TrimPrefix(n, "@")); len(f) >= 2 {
		f = strings.TrimPrefix(f, "the ")
		s.names[f] = true
		s.names[strings.ReplaceAll(f, " ", "")] = true
	}
}

// is reports whether text names the site.
func (s siteNames) is(text string) bool {
	f := strings.TrimPrefix(foldText(text), "the ")
	if f == "" {
		return false
	}
	if s.names[f] {
		return true
	}
	joined := strings.ReplaceAll(f, " ", "")
	if s.names[joined] {
		return true
	}
	if s.host == "" || len(s.host) < 3 {
		return false
	}
	// "SpaceNews.com", "The Hill", "NYTimes.com" for the host's name.
	if joined == s.host || strings.TrimPrefix(joined, "the") == s.host {
		return true
	}
	return utf8.RuneCountInString(text) <= 40 && strings.Contains(joined, s.host) && len(s.host)*2 >= len(joined)
}

// hostLabel returns the folded name of a host: its label before the public
// suffix ("bbc" for www.bbc.co.uk), "" when unknown.
func hostLabel(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || strings.Trim(host, "0123456789.:") == "" {
		return ""
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return foldNoSpace(labels[0])
	}
	labels = labels[:len(labels)-1]
	// Second-level suffixes: co.uk, com.br, org.au …
	if n := len(labels); n >= 2 {
		switch labels[n-1] {
		case "co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go":
			labels = labels[:n-1]
		}
	}
	return foldNoSpace(labels[len(labels)-1])
}

func foldNoSpace(s string) string { return strings.ReplaceAll(foldText(s), " ", "") }

// titlePart is one separator-delimited part of a title.
type titlePart struct {
	text string
	// sep is the separator before the part ("" for the first).
	sep string
}

// titleSeps are the separators between a headline and a site name. A
// colon separates only a leading part ("Site: Headline").
var titleSeps = []string{" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " « ", " ~ ", " / ", " ‹ ", " › ", " ⋆ ", " ★ ", " ◆ ", " ♦ ", " ¦ ", " || "}

// splitTitle cuts a title at its separators.
func splitTitle(t string) []titlePart {
	var parts []titlePart
	sep := ""
	for {
		best, bestSep := -1, ""
		for _, s := range titleSeps {
			if i := strings.Index(t, s); i >= 0 && (best < 0 || i < best) {
				best, bestSep = i, s
			}
		}
		if best < 0 {
			break
		}
		parts = append(parts, titlePart{text: t[:best], sep: sep})
		t, sep = t[best+len(bestSep):], bestSep
	}
	return append(parts, titlePart{text: t, sep: sep})
}

func joinParts(p []titlePart) string {
	var b strings.Builder
	for i, x := range p {
		if i > 0 {
			b.WriteString(x.sep)
		}
		b.WriteString(x.text)
	}
	return b.String()
}

// stripSite removes the site's name from the start or the end of a title:
// "Headline | Site", "Headline - Site", "Site: Headline", "Site | Headline".
// Separators inside the headline stay ("Star Wars - a review - Site" keeps
// "Star Wars - a review").
func stripSite(t string, site siteNames) string {
	parts := splitTitle(t)
	for len(parts) > 1 && site.is(parts[len(parts)-1].text) {
		parts = parts[:len(parts)-1]
	}
	for len(parts) > 1 && site.is(parts[0].text) {
		parts = parts[1:]
	}
	t = joinParts(parts)
	// "Site: Headline"
	if i := strings.Index(t, ": "); i > 0 && i < 60 && site.is(t[:i]) && len(t)-i > 12 {
		t = t[i+2:]
	}
	// A separator left at either end (": Headline", "Site -").
	return strings.Trim(t, " :|-–—·•/")
}

// titleCandidate is a title from one source.
type titleCandidate struct {
	text string
	// whole is set for sources that name the headline alone (h1,
	// JSON-LD headline); page titles may carry other parts.
	whole bool
	// inArticle is set for the <h1> inside <article> or <main>: the
	// headline readers see.
	inArticle bool
}

// chooseTitle picks the headline from the page's title sources. Every
// candidate is stripped of the site's name; then the candidate that the
// most other sources confirm wins (equal, or equal to a run of their
// separator-delimited parts: an h1 "Headline" confirms "Headline | Site"
// and "Opinion | Headline"), ties going to the order og:title, JSON-LD
// headline, twitter:title, h1, <title>.
func chooseTitle(pm *pageMeta, ld []map[string]any, site siteNames, fallback string) string {
	var cands []titleCandidate
	add := func(s string, whole bool) {
		if strings.Contains(s, "&") {
			s = html.UnescapeString(s)
		}
		if s = normalizeSpace(s); s != "" && len(s) <= 600 {
			cands = append(cands, titleCandidate{text: s, whole: whole})
		}
	}
	add(pm.meta("og:title"), false)
	for _, o := range ld {
		if h := ldString(o["headline"]); h != "" {
			add(h, true)
			break
		}
	}
	add(pm.meta("twitter:title"), false)
	add(pm.meta("headline"), true)
	main := mainH1(pm.h1)
	if main != "" {
		add(main, true)
		for _, h := range pm.h1 {
			if h.text == main && h.inArticle && len(pm.h1) == 1 {
				cands[len(cands)-1].inArticle = true
			}
		}
	}
	add(pm.titleTag, false)
	// Another <h1> (after a "Navigation" one) is a candidate when a page
	// title carries it.
	carried := func(f string) bool {
		for _, c := range cands {
			if !c.whole && (foldText(c.text) == f || hasRun(c.text, f)) {
				return true
			}
		}
		return false
	}
	if len(pm.h1) > 1 && (main == "" || !carried(foldText(main))) {
		for _, h := range pm.h1 {
			f := foldText(h.text)
			if h.text == main || strings.Count(f, " ") < 2 {
				continue
			}
			for _, c := range cands {
				if !c.whole && hasRun(c.text, f) {
					add(h.text, true)
					break
				}
			}
		}
	}
	if len(cands) == 0 {
		// go-trafilatura's title comes from the same sources: it is used
		// when they give nothing, and does not vote.
		return stripSite(normalizeSpace(fallback), site)
	}
	stripped := make([]string, len(cands))
	folded := make([]string, len(cands))
	for i, c := range cands {
		stripped[i] = stripSite(c.text, site)
		folded[i] = foldText(stripped[i])
	}
	best, bestScore := -1, -1
	for i := range cands {
		if folded[i] == "" {
			continue
		}
		score := 0
		for j := range cands {
			if j == i {
				continue
			}
			if folded[j] == folded[i] || (strings.Count(folded[i], " ") >= 2 && hasRun(cands[j].text, folded[i])) {
				score++
			}
		}
		if cands[i].inArticle {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return normalizeSpace(fallback)
	}
	// A page title alone, unconfirmed: its last " | " part is the site's
	// name even when the page does not declare it.
	if bestScore == 0 && len(cands) == 1 {
		parts := splitTitle(stripped[best])
		if n := len(parts); n > 1 && parts[n-1].sep == " | " {
			head := joinParts(parts[:n-1])
			if utf8.RuneCountInString(head) >= 10 {
				return head
			}
		}
	}
	// Of the candidates that say the same words, the headline as written
	// on the page (h1, JSON-LD headline) keeps its typography: dashes,
	// quotation marks, apostrophes that og:title and <title> often flatten.
	if !cands[best].whole {
		for i, c := range cands {
			if c.whole && folded[i] == folded[best] {
				return stripped[i]
			}
		}
	}
	return stripped[best]
}

// hasRun reports whether a contiguous run of t's separator-delimited parts
// folds to f.
func hasRun(t, f string) bool {
	parts := splitTitle(t)
	if i := strings.Index(t, ": "); i > 0 {
		parts = append(parts, titlePart{text: t[i+2:]})
	}
	for i := range parts {
		for j := i + 1; j <= len(parts); j++ {
			if foldText(joinParts(parts[i:j])) == f {
				return true
			}
		}
	}
	return false
}

// mainH1 returns the page's main heading: its only <h1>, or the first one
// inside <article>/<main>.
func mainH1(h []heading) string {
	if len(h) == 1 {
		return h[0].text
	}
	for _, x := range h {
		if x.inArticle {
			return x.text
		}
	}
	return ""
}

// Date limits: publication dates before minYear or after now (plus a day
// for time zones) are taken as errors.
const minYear = 1990

// localZone re-expresses a UTC time in the page's own zone when the page
// also states the same instant in local time: a time without zone
// ("2019-11-18 20:58:46" beside "2019-11-19T04:58:46Z"), a zoned time with
// another offset, or the visible text of a <time> element ("November 18,
// 2019 11:03 PM"). The offset must be a multiple of 15 minutes within
// ±14 hours and match to the minute, so that another event's time (an
// update) is not taken for it. Sites often declare UTC while the day
// they show, and the one readers know the article by, is the local one.
func localZone(pm *pageMeta, t time.Time) time.Time {
	if _, off := t.Zone(); off != 0 {
		return t
	}
	check := func(s string) (time.Time, bool) {
		s = strings.TrimSpace(s)
		if s == "" || len(s) > 80 {
			return t, false
		}
		for _, l := range zonedLayouts {
			if z, err := time.Parse(l, s); err == nil {
				if _, off := z.Zone(); off != 0 && absDur(z.Sub(t)) < 2*time.Minute {
					return t.In(z.Location()), true
				}
				return t, false
			}
		}
		for _, l := range append(localLayouts, textLayouts...) {
			if u, err := time.Parse(l, s); err == nil {
				d := u.Sub(t)
				off := d.Round(15 * time.Minute)
				if off != 0 && absDur(off) <= 14*time.Hour && absDur(d-off) < 2*time.Minute {
					return t.In(time.FixedZone("", int(off/time.Second))), true
				}
				return t, false
			}
		}
		return t, false
	}
	for _, te := range pm.times {
		for _, s := range []string{te.datetime, strings.ToUpper(strings.ReplaceAll(te.text, " at ", " "))} {
			if z, ok := check(s); ok {
				return z
			}
		}
	}
	for k, vs := range pm.metas {
		if !strings.Contains(k, "date") && !strings.Contains(k, "time") {
			continue
		}
		for _, v := range vs {
			if z, ok := check(strings.ToUpper(v)); ok {
				return z
			}
		}
	}
	return t
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// textLayouts are dates with a time of day as pages show them, upper-cased.
var textLayouts = []string{
	"January 2, 2006 3:04 PM", "January 2, 2006, 3:04 PM", "Jan 2, 2006 3:04 PM", "Jan. 2, 2006 3:04 PM",
	"Monday, January 2, 2006, 03:04 PM", "Monday, January 2, 2006 3:04 PM", "January 2, 2006 15:04",
	"2 January 2006 15:04", "02.01.2006 15:04", "January 2, 2006 / 3:04 PM", "Jan 2, 2006, 3:04 PM",
}

// zonedLayouts carry a time of day and a zone; localLayouts a time of day
// without zone; dayLayouts a day only.
var (
	zonedLayouts = []string{
		time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700",
		"2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -0700 MST", "2006-01-02 15:04:05Z0700",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 02 Jan 2006 15:04 -0700", "Mon Jan 2 2006 15:04:05 GMT-0700", "Mon Jan 02 2006 15:04:05 GMT-0700", time.RFC850, time.UnixDate, "2006-01-02T15:04:05 Z07:00",
	}
	localLayouts = []string{
		"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04", "2006/01/02 15:04:05",
	}
	dayLayouts = []string{"2006-01-02", "2006/01/02", "20060102", "2006.01.02", "January 2, 2006", "Jan 2, 2006", "2 January 2006"}
)

var rxISODay = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

// parseDate parses a machine-readable date. Zones named by abbreviation
// only (RFC1123 "EST") are kept only when Go knows their offset; "UTC" and
// "GMT" are.
func parseDate(s string, now time.Time) (t time.Time, clock, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false, false
	}
	valid := func(t time.Time) bool {
		return t.Year() >= minYear && !t.After(now.Add(24*time.Hour))
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if name, off := t.Zone(); off == 0 && name != "" && name != "UTC" && name != "GMT" && name != "Z" {
				// An unknown abbreviation: Go made up a zero offset.
				t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
				return t, false, valid(t)
			}
			if t.Location() != time.UTC {
				_, off := t.Zone()
				if off == 0 {
					t = t.UTC()
				}
			}
			return t, true, valid(t)
		}
	}
	for _, l := range append(localLayouts, dayLayouts...) {
		if t, err := time.Parse(l, s); err == nil {
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return t, false, valid(t)
		}
	}
	if m := rxISODay.FindString(s); m != "" {
		if t, err := time.Parse("2006-01-02", m); err == nil {
			return t, false, valid(t)
		}
	}
	return time.Time{}, false, false
}

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
// counting twice), ties going to that order; go-trafilatura's own guess is used only when no source names a
// person. Organisations (wire agencies, desks, "Staff") are returned only
// when nobody is named, and the site itself never.
func chooseAuthors(pm *pageMeta, ld []map[string]any, site siteNames, traf []string) []string {
	var orgs []string
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
					orgs = append(orgs, name)
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
	for _, k := range authorKeys {
		if v := pm.metas[k]; len(v) > 0 {
			sources = append(sources, v)
		}
	}
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
	persons := make([][]string, 0, len(sources)+1)
	split := func(raw []string) []string {
		var ps []string
		for _, r := range raw {
			for _, n := range cleanAuthors(r) {
				n = stripOrgSuffix(n, site)
				switch {
				case isOrgName(n, site):
					orgs = append(orgs, n)
				case !isNameLike(n) && !(typedPersons[foldText(n)] && strings.IndexFunc(n, unicode.IsUpper) >= 0):
				default:
					ps = append(ps, n)
				}
			}
		}
		return dedupeNames(ps)
	}
	for _, raw := range sources {
		persons = append(persons, split(raw))
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
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best >= 0 {
		return persons[best]
	}
	// go-trafilatura also takes any Person of the JSON-LD (a founder of
	// the publisher): names found there but not as an author are refused.
	var keep []string
	for _, a := range split([]string{strings.Join(traf, ", ")}) {
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
	var out []string
	for _, o := range orgs {
		for _, n := range cleanAuthors(o) {
			if utf8.RuneCountInString(n) >= 2 && !siteDesk(n, site) && !genericNames[foldText(n)] {
				out = append(out, n)
			}
		}
	}
	return dedupeNames(out)
}

// genericNames are account names, not bylines.
var genericNames = map[string]bool{
	"admin": true, "administrator": true, "editor": true, "editors": true, "staff": true,
	"guest": true, "user": true, "anonymous": true, "webmaster": true, "author": true,
	"editorial": true,
}

// siteDesk reports whether an organisation byline is the site itself or
// one of its desks ("Town Crier Staff", "Crier Sport").
func siteDesk(n string, site siteNames) bool {
	if site.is(n) {
		return true
	}
	words := strings.Fields(n)
	for len(words) > 1 && orgWords[foldText(words[len(words)-1])] {
		words = words[:len(words)-1]
		if site.is(strings.Join(words, " ")) {
			return true
		}
	}
	return false
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
	rxEmail       = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)
	rxHandle      = regexp.MustCompile(`@\w+`)
	rxByPrefix    = regexp.MustCompile(`(?i)^(?:[\p{L}]+\s+){0,2}(?:by|von|par|por|door|av|di|da)\s+`)
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
	"published": true, "updated": true, "posted": true, "commented": true, "last": true, "on": true, "at": true,
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
	s = rxEmail.ReplaceAllString(s, " ")
	s = rxParens.ReplaceAllString(s, " ")
	s = rxHandle.ReplaceAllString(s, " ")
	var out []string
	for i, p := range rxAuthorSplit.Split(s, -1) {
		p = strings.TrimSpace(rxByPrefix.ReplaceAllString(strings.TrimSpace(p), ""))
		p = strings.TrimSpace(rxByPrefix.ReplaceAllString(p, ""))
		if l := rxLabel.FindString(p); l != "" && strings.Count(p[len(l):], " ") >= 1 {
			p = p[len(l):]
		}
		words := strings.Fields(p)
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
		p = strings.Trim(strings.Join(words, " "), " -–—:,.·|©~")
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
}

// isOrgName reports whether a byline names an organisation: the site
// itself, a wire agency, a desk or "Staff".
func isOrgName(n string, site siteNames) bool {
	if site.is(n) {
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

// chooseSite returns the site's name: og:site_name, the publisher of the
// JSON-LD article, application-name, go-trafilatura's guess, else the
// host. Values that are URLs are skipped.
func chooseSite(pm *pageMeta, ld []map[string]any, traf, host string) string {
	cands := []string{pm.meta("og:site_name")}
	for _, o := range ld {
		if p, ok := pm.resolve(o["publisher"]).(map[string]any); ok {
			cands = append(cands, ldString(p["name"]))
		}
	}
	cands = append(cands, pm.meta("application-name"), pm.meta("publisher"))
	if !strings.Contains(traf, ";") {
		cands = append(cands, traf)
	}
	var valid []string
	for _, c := range cands {
		c = strings.TrimPrefix(normalizeSpace(c), "@")
		if c == "" || strings.Contains(c, "://") || strings.HasPrefix(strings.ToLower(c), "www.") && strings.Contains(c, "/") {
			continue
		}
		if utf8.RuneCountInString(c) > 80 || strings.HasPrefix(strings.ToLower(c), "copyright") || strings.HasPrefix(c, "©") {
			continue
		}
		valid = append(valid, c)
	}
	if len(valid) > 0 {
		// "usatoday" or "TheHill" in og:site_name, "USA TODAY" or "The
		// Hill" elsewhere: the same name, better written.
		best := valid[0]
		key := func(s string) string { return strings.TrimPrefix(foldNoSpace(s), "the") }
		for _, c := range valid[1:] {
			if key(c) == key(best) && (strings.Count(c, " ") > strings.Count(best, " ") ||
				strings.ToLower(best) == best && strings.ToLower(c) != c) {
				best = c
			}
		}
		return best
	}
	return strings.TrimPrefix(strings.ToLower(host), "www.")
}

// chooseURL returns the page's canonical URL: link rel=canonical, then
// og:url, resolved against base; only absolute http(s) URLs are returned.
func chooseURL(pm *pageMeta, base string) string {
	var b *nurl.URL
	if base != "" {
		if u, err := nurl.Parse(base); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			b = u
		}
	}
	for _, c := range []string{pm.canonical, pm.meta("og:url"), pm.meta("twitter:url")} {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := nurl.Parse(c)
		if err != nil {
			continue
		}
		if !u.IsAbs() {
			if b == nil {
				continue
			}
			u = b.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	if b != nil {
		return b.String()
	}
	return ""
}

// chooseSection returns the declared section and the categories: meta
// article:section, JSON-LD articleSection, then the last but one item of a
// JSON-LD breadcrumb trail (the last is the article).
func chooseSection(pm *pageMeta, ld []map[string]any, title string, traf []string) (string, []string) {
	var cats []string
	cats = append(cats, pm.metas["article:section"]...)
	for _, o := range ld {
		if ldHasType(o, articleTypes...) {
			for _, c := range ldStrings(o["articleSection"]) {
				cats = append(cats, splitShortList(c)...)
			}
		}
	}
	cats = append(cats, pm.metas["articlesection"]...)
	if len(cats) == 0 {
		cats = append(cats, breadcrumb(pm, title)...)
	}
	cats = append(cats, traf...)
	cats = cleanList(cats)
	var keep []string
	for _, c := range cats {
		if utf8.RuneCountInString(c) <= 60 && !strings.Contains(c, "://") {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		return "", nil
	}
	return keep[0], keep
}

// splitShortList splits "A, B, C" when every part is short; a longer
// value is one name with a comma in it.
func splitShortList(s string) []string {
	parts := strings.Split(s, ",")
	for _, p := range parts {
		if utf8.RuneCountInString(strings.TrimSpace(p)) > 30 {
			return []string{s}
		}
	}
	return parts
}

// breadcrumb returns the items of a JSON-LD BreadcrumbList between the
// home page and the article itself, the deepest first.
func breadcrumb(pm *pageMeta, title string) []string {
	for _, o := range pm.ld {
		if !ldHasType(o, "BreadcrumbList") {
			continue
		}
		var names []string
		for _, it := range ldList(o["itemListElement"]) {
			io, ok := it.(map[string]any)
			if !ok {
				continue
			}
			name := ldString(io["name"])
			if name == "" {
				if item, ok := io["item"].(map[string]any); ok {
					name = ldString(item["name"])
				}
			}
			names = append(names, name)
		}
		if len(names) > 0 && (foldText(names[0]) == "home" || foldText(names[0]) == "homepage") {
			names = names[1:]
		}
		if len(names) > 0 && title != "" && foldText(names[len(names)-1]) == foldText(title) {
			names = names[:len(names)-1]
		}
		var out []string
		for i := len(names) - 1; i >= 0; i-- {
			if names[i] != "" {
				out = append(out, names[i])
			}
		}
		return out
	}
	return nil
}

// chooseTags returns the tags: article:tag, JSON-LD keywords, meta
// news_keywords, go-trafilatura's tags, and meta keywords only when
// nothing else gives any.
func chooseTags(pm *pageMeta, ld []map[string]any, traf []string) []string {
	var tags []string
	tags = append(tags, pm.metas["article:tag"]...)
	tags = append(tags, pm.metas["og:article:tag"]...)
	for _, o := range ld {
		if ldHasType(o, articleTypes...) {
			for _, k := range ldStrings(o["keywords"]) {
				tags = append(tags, strings.Split(k, ",")...)
			}
			break
		}
	}
	for _, k := range pm.metas["news_keywords"] {
		tags = append(tags, strings.Split(k, ",")...)
	}
	tags = append(tags, traf...)
	if len(tags) == 0 {
		for _, k := range pm.metas["keywords"] {
			tags = append(tags, strings.Split(k, ",")...)
		}
	}
	var keep []string
	for _, t := range cleanList(tags) {
		if utf8.RuneCountInString(t) <= 60 && !strings.Contains(t, "://") {
			keep = append(keep, t)
		}
	}
	return keep
}
