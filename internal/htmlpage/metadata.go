package htmlpage

import (
	nurl "net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

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
