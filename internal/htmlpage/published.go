package htmlpage

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// dateVote is one signal for the publication date.
type dateVote struct {
	t      time.Time
	clock  bool
	weight float64
	order  int  // the signal's rank, for ties
	url    bool // the date in the URL's path
}

// Weights of the publication date signals. A signal the page declares as
// the publication date of the article counts most; the article's own
// <time> element (machine-readable markup) more than htmldate's guess,
// which reads the visible text; the URL's date as much as that guess;
// generic date keys (meta "date", Dublin Core dates) and JSON-LD
// dateCreated less.
const (
	wDeclared = 3.0 // JSON-LD datePublished, article:published_time and the like, itemprop datePublished
	wGeneric  = 1.5 // meta date, dc.date, pubdate …
	wTimePub  = 2.5 // the first <time> marked as published
	wTimeArt  = 2.5 // the first other <time> inside the article
	wCreated  = 1.0 // JSON-LD dateCreated
	wURL      = 2.0 // a full date in the URL's path
	wHTMLDate = 2.0 // htmldate's extensive search
)

// declaredKeys are the <meta> keys that name the publication date as such;
// genericKeys name a date of the page that is usually, not always, it.
var (
	declaredKeys = []string{
		"article:published_time", "og:article:published_time", "og:published_time",
		"article:published", "datepublished", "parsely-pub-date", "sailthru.date",
		"publish-date", "publish_date", "publishdate", "article.published",
		"article_date_original", "og:pubdate", "cxenseparse:recs:publishtime",
		"dc.date.issued", "dcterms.issued", "citation_publication_date", "citation_date",
	}
	genericKeys = []string{"date", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "pubdate", "created"}
	// modifiedKeys name the last change; a publication day after it is refused.
	modifiedKeys = []string{"article:modified_time", "og:updated_time", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod"}
)

// rxURLDate finds a full date in a URL path: /2021/03/08/, /2021-03-08-,
// /20210308/.
var rxURLDate = regexp.MustCompile(`/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

// urlDate returns the date in a URL's path, if it has a full one.
func urlDate(u string) (time.Time, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			return time.Time{}, false
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	m := rxURLDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, false
	}
	if m[1] == "" {
		m = []string{m[0], m[4], m[5], m[6]}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// publishedVotes gathers the page's signals for its publication date.
// htmldate, when not nil, is htmldate's result (day, with clock or not).
func publishedVotes(pm *pageMeta, ld []map[string]any, urls []string, now time.Time) []dateVote {
	var votes []dateVote
	add := func(s string, w float64) {
		t, clock, ok := parseDate(s, now)
		if !ok {
			return
		}
		if clock {
			t = localZone(pm, t)
		}
		votes = append(votes, dateVote{t: t, clock: clock, weight: w, order: len(votes)})
	}
	for _, o := range ld {
		if s := ldString(o["datePublished"]); s != "" {
			add(s, wDeclared)
			break
		}
	}
	seen := map[string]bool{}
	once := func(keys []string, w float64) {
		for _, k := range keys {
			for _, v := range pm.metas[k] {
				if v = strings.TrimSpace(v); v != "" && !seen[v] {
					seen[v] = true
					add(v, w)
				}
			}
		}
	}
	once(declaredKeys, wDeclared)
	for _, v := range pm.itemDates {
		add(v, wDeclared)
	}
	once(genericKeys, wGeneric)
	// The article's own <time>: the first marked as published, and the
	// first inside the article; the others date related articles.
	pub, art := false, false
	for _, te := range pm.times {
		switch {
		case te.modified:
		case te.pub && !pub:
			pub = true
			add(te.datetime, wTimePub)
		case te.inArticle && !art && !te.pub:
			art = true
			add(te.datetime, wTimeArt)
		}
	}
	for _, o := range ld {
		if s := ldString(o["dateCreated"]); s != "" {
			add(s, wCreated)
			break
		}
	}
	for _, u := range urls {
		if t, ok := urlDate(u); ok && !t.After(now) && t.Year() >= minYear {
			votes = append(votes, dateVote{t: t, weight: wURL, order: len(votes), url: true})
			break
		}
	}
	return votes
}

// latestModified is the page's declared last modification, zero if none.
func latestModified(pm *pageMeta, ld []map[string]any, now time.Time) time.Time {
	var last time.Time
	consider := func(s string) {
		if t, _, ok := parseDate(s, now); ok && t.After(last) {
			last = t
		}
	}
	for _, o := range ld {
		consider(ldString(o["dateModified"]))
	}
	for _, k := range modifiedKeys {
		for _, v := range pm.metas[k] {
			consider(v)
		}
	}
	return last
}

// voteDay chooses the publication date among votes: the calendar day with
// the most weight behind it (ties to the earliest-ranked signal), a day
// after the page's last modification counting half, unless the URL's date
// is earlier; the time of day is the one of
// the heaviest vote for that day that carries one. ok is false when there
// are no votes.
func voteDay(votes []dateVote, modified time.Time) (t time.Time, clock, ok bool) {
	type tally struct {
		weight float64
		order  int
		best   dateVote
	}
	days := map[string]*tally{}
	for _, v := range votes {
		w := v.weight
		if !modified.IsZero() && dayAfter(v.t, modified) {
			// Published after the last change is implausible, but
			// scheduled posts declare it: halved, not refused.
			w /= 2
		}
		k := v.t.Format("2006-01-02")
		d := days[k]
		if d == nil {
			d = &tally{order: v.order, best: v}
			days[k] = d
		}
		d.weight += w
		if v.clock && (!d.best.clock || v.weight > d.best.weight) {
			d.best = v
		}
	}
	var win *tally
	for _, d := range days {
		if win == nil || d.weight > win.weight || (d.weight == win.weight && d.order < win.order) {
			win = d
		}
	}
	if win == nil {
		return time.Time{}, false, false
	}
	// A URL is made when the article is first published and keeps its
	// date: declared dates after it are a re-publication or an update.
	for _, v := range votes {
		if k := v.t.Format("2006-01-02"); v.url && k < win.best.t.Format("2006-01-02") {
			win = days[k]
		}
	}
	return win.best.t, win.best.clock, true
}

// dayAfter reports whether a's calendar day is after b's (each in its own
// zone).
func dayAfter(a, b time.Time) bool {
	return a.Format("2006-01-02") > b.Format("2006-01-02")
}

// choosePublishedDate returns the publication date of a page: the vote of
// its declared dates, its URL's date and htmldate's extensive search
// (which also reads dates in the visible text, in many languages), see
// voteDay. A UTC time whose day is one off the day htmldate finds in the
// page is taken as the site's zone being unknown: htmldate's day is kept,
// without a time.
func choosePublishedDate(doc *html.Node, pm *pageMeta, ld []map[string]any, urls, paras []string, lang string, now time.Time) (*time.Time, bool) {
	votes := publishedVotes(pm, ld, urls, now)
	if t, ok := textStartDate(paras, now); ok {
		votes = append(votes, dateVote{t: t, weight: wTextStart, order: len(votes)})
	}
	modified := latestModified(pm, ld, now)
	t, clock, ok := voteDay(votes, modified)
	// htmldate's extensive search costs about as much as the rest of the
	// metadata together: it is run only when the declared dates are
	// missing, disagree, or give a UTC time whose local day is unknown.
	if ok && settled(votes, t) && !(clock && isUTC(t)) {
		return &t, clock
	}
	// A settled UTC time needs only the day the page shows: htmldate's
	// fast search (markup and URL, no text search) tells it.
	extensive := !(ok && settled(votes, t))
	hd, hdOK := htmlDate(doc, firstNonEmpty(urls...), lang, extensive, now)
	if hdOK {
		votes = append(votes, dateVote{t: hd.t, clock: hd.clock, weight: wHTMLDate, order: len(votes)})
		t, clock, ok = voteDay(votes, modified)
	}
	if !ok {
		return nil, false
	}
	if clock && isUTC(t) && hdOK && dayDiff(t, hd.t) == 1 {
		d := time.Date(hd.t.Year(), hd.t.Month(), hd.t.Day(), 0, 0, 0, 0, time.UTC)
		return &d, false
	}
	return &t, clock
}

func isUTC(t time.Time) bool {
	_, off := t.Zone()
	return off == 0
}

// settled reports whether the votes for day t outweigh all others by at
// least what htmldate's vote could change.
func settled(votes []dateVote, t time.Time) bool {
	day := t.Format("2006-01-02")
	var for_, against float64
	for _, v := range votes {
		if v.t.Format("2006-01-02") == day {
			for_ += v.weight
		} else {
			against += v.weight
		}
	}
	return for_ >= wDeclared && for_-against > wHTMLDate
}

// htmlDate runs htmldate's search (extensive: also through the visible
// text) for the original publication date of the page. A page that declares a language other than English
// has its numeric dates read day first ("4. 2. 2022" is 4 February), as
// nearly every other language writes them.
func htmlDate(doc *html.Node, pageURL, lang string, extensive bool, now time.Time) (dateVote, bool) {
	opts := htmldate.Options{UseOriginalDate: true, URL: pageURL, SkipExtensiveSearch: !extensive}
	if lang != "" && lang != "en" {
		opts.DateParserConfig = &dateparser.Configuration{
			Languages:           []string{lang, "en"},
			DateOrder:           dateparser.DMY,
			PreferredDateSource: dateparser.Past,
			StrictParsing:       true,
		}
	}
	res, err := htmldate.FromDocument(doc, opts)
	if err != nil || res.IsZero() || res.DateTime.Year() < minYear || res.DateTime.After(now.Add(24*time.Hour)) {
		return dateVote{}, false
	}
	t := res.DateTime
	clock := res.HasTime && res.HasTimezone
	if !clock {
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return dateVote{t: t, clock: clock}, true
}

// wTextStart is the weight of a date the article's text starts with
// ("2021-10-16 | Notice", "Karlsruhe, (12.11.2021). …"): what readers see
// above the story, as much as the article's own <time>.
const wTextStart = 2.5

var (
	rxTextISO    = regexp.MustCompile(`(?:^|[^\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[^\d-]|$)`)
	rxTextDotted = regexp.MustCompile(`(?:^|[^\d.])(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)\d\d)(?:[^\d]|$)`)
)

// textStartDate returns the date the article's text starts with: in a
// short first or second paragraph (a date line), or in the first 40
// characters of the first (a dateline). Numeric dates are read as ISO
// (year first) or dotted day first ("12.11.2021"), the two forms that
// cannot be misread.
func textStartDate(paras []string, now time.Time) (time.Time, bool) {
	for i, p := range paras {
		if i > 1 {
			break
		}
		s := p
		if len(s) > 80 {
			if i > 0 {
				continue
			}
			s = s[:40]
		}
		var y, m, d int
		if g := rxTextISO.FindStringSubmatch(s); g != nil {
			y, _ = strconv.Atoi(g[1])
			m, _ = strconv.Atoi(g[2])
			d, _ = strconv.Atoi(g[3])
		} else if g := rxTextDotted.FindStringSubmatch(s); g != nil {
			d, _ = strconv.Atoi(g[1])
			m, _ = strconv.Atoi(g[2])
			y, _ = strconv.Atoi(g[3])
		} else {
			continue
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || t.Year() < minYear || t.After(now) {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}
