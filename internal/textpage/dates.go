package textpage

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
)

// Dates on news pages are read in two steps. A fast reader finds the
// common written forms (month names in English, Portuguese, Spanish,
// French, German and Italian, ISO dates, US numeric dates, an optional
// clock time and zone) with a few regular expressions. Only when that
// fails, and Options.DateFallback is set, is go-dateparser asked: it
// reads some 200 locales but costs milliseconds a call, which would make
// cleaning a page fifty times slower.

// dateParser reads dates for one Clean call; it holds no shared state.
type dateParser struct {
	loc      *time.Location
	fallback bool
	p        *dateparser.Parser
	cfg      *dateparser.Configuration
	calls    int // go-dateparser calls made, capped per page
}

// maxFallbackCalls caps the go-dateparser calls per page.
const maxFallbackCalls = 4

// newDateParser configures date reading for opts (defaults applied).
func newDateParser(opts Options) *dateParser {
	return &dateParser{loc: opts.Location, fallback: opts.DateFallback}
}

// monthNames maps month names and abbreviations to months; read-only.
var monthNames = buildMonthNames()

func buildMonthNames() map[string]time.Month {
	names := map[string]time.Month{}
	for m, list := range [12]string{
		"january jan janeiro jan enero ene janvier janv januar jän gennaio gen",
		"february feb fevereiro fev febrero février févr februar febbraio",
		"march mar março marzo mars märz mär",
		"april apr abril avril abr aprile",
		"may maio mayo mai maggio mag",
		"june jun junho junio juin juni giugno giu",
		"july jul julho julio juillet juil juli luglio lug",
		"august aug agosto ago août august",
		"september sep sept setembro set septiembre septembre settembre",
		"october oct outubro out octubre octobre oktober okt ottobre ott",
		"november nov novembro noviembre novembre",
		"december dec dezembro dez diciembre dic décembre déc dezember dicembre",
	} {
		for n := range strings.FieldsSeq(list) {
			names[n] = time.Month(m + 1)
		}
	}
	return names
}

var (
	monthWord = `([A-Za-zÀ-ÿ]{3,10})\.?`
	// "November 19, 2019", "Nov. 19th 2019"
	mdyRe = regexp.MustCompile(`(?i)\b` + monthWord + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// "19 November 2019", "19 de novembro de 2019", "19. März 2019"
	dmyRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?` + monthWord + `,?\s+(?:de\s+)?(\d{4})\b`)
	// "2019-11-19", "2019/11/19"
	isoRe = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)`)
	// "11/19/2019", "11/18/19" (month first) and "19.11.2019" (day first)
	usRe  = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b`)
	eurRe = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	// "8:03 am", "20:15", "9.47 p.m."
	timeRe = regexp.MustCompile(`(?i)\b(\d{1,2})[:h](\d{2})(?::\d{2})?\s*([ap])?\.?(?:m\b\.?)?`)
	// "GMT+3", "UTC -05:00", "+0300"
	offsetRe = regexp.MustCompile(`(?:\b(?:GMT|UTC)\s*|[\s\d])([+\-−])(\d{1,2})(?::?(\d{2}))?\b`)
	zoneRe   = regexp.MustCompile(`\b([A-Z]{2,4})\b`)
)

// zoneOffsets are common zone abbreviations of news datelines, in hours.
var zoneOffsets = map[string]float64{
	"GMT": 0, "UTC": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "CT": -6, "MST": -7, "MDT": -6,
	"PST": -8, "PDT": -7, "PT": -8, "IST": 5.5, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
	"AMT": 4, "HKT": 8, "SGT": 8, "WIB": 7, "BRT": -3,
}

// parse reads a complete date (day, month, year) and, when present, a
// time and zone from s.
func (dp *dateParser) parse(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return time.Time{}, false
	}
	if t, ok := dp.fast(s); ok {
		return t, true
	}
	if !dp.fallback || dp.calls >= maxFallbackCalls || !yearRe.MatchString(s) {
		return time.Time{}, false
	}
	dp.calls++
	if dp.p == nil {
		dp.p = &dateparser.Parser{}
		dp.cfg = &dateparser.Configuration{
			DefaultTimezone: dp.loc,
			StrictParsing:   true,
			CurrentTime:     time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		}
	}
	d, err := dp.p.Parse(dp.cfg, s)
	if err != nil || d.IsZero() || d.Period > date.Day {
		return time.Time{}, false
	}
	return d.Time, true
}

// fast is the regular-expression date reader.
func (dp *dateParser) fast(s string) (time.Time, bool) {
	var y, d int
	var m time.Month
	var rest string
	if g := mdyRe.FindStringSubmatchIndex(s); g != nil && monthNames[strings.ToLower(s[g[2]:g[3]])] != 0 {
		m = monthNames[strings.ToLower(s[g[2]:g[3]])]
		d, _ = strconv.Atoi(s[g[4]:g[5]])
		y, _ = strconv.Atoi(s[g[6]:g[7]])
		rest = s[:g[0]] + " " + s[g[1]:]
	} else if g := dmyRe.FindStringSubmatchIndex(s); g != nil && monthNames[strings.ToLower(s[g[4]:g[5]])] != 0 {
		d, _ = strconv.Atoi(s[g[2]:g[3]])
		m = monthNames[strings.ToLower(s[g[4]:g[5]])]
		y, _ = strconv.Atoi(s[g[6]:g[7]])
		rest = s[:g[0]] + " " + s[g[1]:]
	} else if g := isoRe.FindStringSubmatchIndex(s); g != nil {
		y, _ = strconv.Atoi(s[g[2]:g[3]])
		mm, _ := strconv.Atoi(s[g[4]:g[5]])
		m = time.Month(mm)
		d, _ = strconv.Atoi(s[g[6]:g[7]])
		rest = s[:g[0]] + " " + s[g[1]:]
	} else if g := usRe.FindStringSubmatchIndex(s); g != nil {
		mm, _ := strconv.Atoi(s[g[2]:g[3]])
		m = time.Month(mm)
		d, _ = strconv.Atoi(s[g[4]:g[5]])
		y, _ = strconv.Atoi(s[g[6]:g[7]])
		if y < 100 {
			y += 2000
		}
		rest = s[:g[0]] + " " + s[g[1]:]
	} else if g := eurRe.FindStringSubmatchIndex(s); g != nil {
		d, _ = strconv.Atoi(s[g[2]:g[3]])
		mm, _ := strconv.Atoi(s[g[4]:g[5]])
		m = time.Month(mm)
		y, _ = strconv.Atoi(s[g[6]:g[7]])
		rest = s[:g[0]] + " " + s[g[1]:]
	} else {
		return time.Time{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1950 || y > 2100 {
		return time.Time{}, false
	}
	if d > daysIn(m, y) {
		return time.Time{}, false
	}
	hour, minute := 0, 0
	if g := timeRe.FindStringSubmatch(rest); g != nil {
		h, _ := strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		switch strings.ToLower(g[3]) {
		case "p":
			if h >= 1 && h <= 12 {
				h = h%12 + 12
			}
		case "a":
			h %= 12
		}
		if h <= 23 && mi <= 59 {
			hour, minute = h, mi
		}
	}
	loc := dp.loc
	if g := offsetRe.FindStringSubmatch(rest); g != nil {
		if off, ok := offsetSeconds(g[1], g[2], g[3]); ok {
			loc = time.FixedZone("", off)
		}
	} else {
		for _, z := range zoneRe.FindAllString(rest, 3) {
			if h, ok := zoneOffsets[z]; ok {
				loc = time.FixedZone(z, int(h*3600))
				break
			}
		}
	}
	return time.Date(y, m, d, hour, minute, 0, 0, loc), true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
