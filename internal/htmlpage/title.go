package htmlpage

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
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

// rxHostName matches a host name written as a heading ("example-blog.de"):
// the site's name.
var rxHostName = regexp.MustCompile(`^(?i:www\.)?[\p{L}\d-]+(\.[\p{L}\d-]+)*\.\p{Ll}{2,12}$`)

// titleCandidate is a title from one source.
type titleCandidate struct {
	text string
	// whole is set for sources that name the headline alone (h1,
	// JSON-LD headline); page titles may carry other parts.
	whole bool
	// visible is set for the page's main <h1>: the headline readers see.
	visible bool
}

// visibleWeight is what the page's one <h1> adds to its confirmations:
// the headline shown on the page outweighs the search-engine and social
// titles (og:title, twitter:title, <title>), which often word the story
// differently, unless three other sources agree on another title. On
// trafilatura-dev fold 0 the shown headline was the truth on every page
// where it differed from those titles and was not the site's name.
const visibleWeight = 3

// chooseTitle picks the headline from the page's title sources. Every
// candidate is stripped of the site's name; then the candidate that the
// most other sources confirm wins (equal, or equal to a run of their
// separator-delimited parts: an h1 "Headline" confirms "Headline | Site"
// and "Opinion | Headline"), the page's main <h1> counting visibleWeight
// more, ties going to the order og:title, JSON-LD headline,
// twitter:title, itemprop headline, meta title, h1, <title>. An <h1> that
// names the site (a blog's header) is not a candidate; a heading that a
// page title carries is, so a blog's <h2> post title is found.
func chooseTitle(pm *pageMeta, ld []map[string]any, site siteNames, lead, fallback string) string {
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
	add(pm.meta("title"), false)
	var h1 []heading
	for _, h := range pm.h1 {
		if h.inArticle || !site.is(h.text) && !rxHostName.MatchString(h.text) {
			h1 = append(h1, h)
		}
	}
	main := mainH1(h1)
	if main != "" {
		add(main, true)
		// The headline readers see: the page's one <h1>. Of several, the
		// first inside <article> is often a box's heading.
		// One word ("Brasília") is a dateline or a section.
		cands[len(cands)-1].visible = len(h1) == 1 && strings.Contains(main, " ")
	}
	if main == "" && strings.Contains(lead, " ") && !site.is(lead) {
		// No <h1>: the heading the article's text starts with is the
		// headline readers see.
		add(lead, true)
		cands[len(cands)-1].visible = true
	}
	add(pm.titleTag, false)
	// Another heading (an <h1> after a "Navigation" one, a blog post's
	// <h2>) is a candidate when a page title carries it.
	carried := func(f string) bool {
		for _, c := range cands {
			if !c.whole && (foldText(c.text) == f || hasRun(c.text, f)) {
				return true
			}
		}
		return false
	}
	if main == "" || !carried(foldText(main)) {
		heads := h1
		if main == "" {
			heads = append(heads, pm.h2...)
		}
		for _, h := range heads {
			f := foldText(h.text)
			if h.text == main || strings.Count(f, " ") < 2 {
				continue
			}
			if carried(f) {
				add(h.text, true)
				break
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
		if cands[i].visible {
			score += visibleWeight
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
		// Three parts or more ("Site - Headline - Section - News"): the
		// headline is the part with the most words.
		if len(parts) >= 3 {
			long := 0
			for i, p := range parts {
				if len(strings.Fields(p.text)) > len(strings.Fields(parts[long].text)) {
					long = i
				}
			}
			if strings.Count(parts[long].text, " ") >= 2 {
				return parts[long].text
			}
		}
		if n := len(parts); n > 1 && parts[n-1].sep == " | " {
			head := joinParts(parts[:n-1])
			if utf8.RuneCountInString(head) >= 10 {
				return head
			}
		}
	}
	// Of the candidates that say the same words, the headline as written
	// on the page keeps its typography: dashes, quotation marks,
	// apostrophes that og:title and <title> often flatten. The <h1> is
	// what readers see; the JSON-LD headline is often the page title.
	if !cands[best].visible {
		for i, c := range cands {
			if c.visible && folded[i] == folded[best] {
				return stripped[i]
			}
		}
	}
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
