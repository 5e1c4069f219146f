package textpage

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// metaWindow is how many non-blank lines before the body are searched for
// the headline, byline, dateline and section label.
const metaWindow = 14

// readMeta classifies the chrome around the body run [start, end] and
// fills the page's metadata fields.
func readMeta(p *Page, lines []line, start, end int, opts Options) {
	dp := newDateParser(opts)
	readClock(p, lines, start, dp)
	before := previousLines(lines, start, metaWindow)
	readByline(p, lines, before)
	readDateline(p, lines, before, end, dp)
	readTitleAndSection(p, lines, start)
	readRelatedBefore(p, lines, start)
	readAfter(p, lines, end)
}

// previousLines returns the indexes of up to n non-blank lines before
// start, nearest first.
func previousLines(lines []line, start, n int) []int {
	var idx []int
	for i := min(start, len(lines)) - 1; i >= 0 && len(idx) < n; i-- {
		if lines[i].class != ClassBlank {
			idx = append(idx, i)
		}
	}
	return idx
}

// clockRe matches a line that starts with a clock time, optionally followed
// by a GMT/UTC offset whose digits may be glued to a following date
// ("02:30 GMT +323 January 2020" is "02:30 GMT +3" then "23 January 2020").
var clockRe = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})\s*(?:([AaPp])\.?[Mm]\.?)?\s*(?:(?:GMT|UTC)\s*([+\-−])\s*(\d{1,6})(?::(\d{2}))?)?\s*(.*)$`)

// readClock looks for the page's clock line among the first non-blank
// lines of the page, before the body: a line that starts with a clock time
// and holds nothing else but a zone and a date.
func readClock(p *Page, lines []line, start int, dp *dateParser) {
	seen := 0
	for i := 0; i < len(lines) && i < start && seen < 3; i++ {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		seen++
		if l.f.words > 10 {
			continue
		}
		if t, ok := parseClockLine(l.text, dp); ok {
			p.PageTime = &t
			l.class = ClassClock
			return
		}
	}
}

// parseClockLine parses a clock line such as "02:30 GMT +3 23 January
// 2020", including the form where the offset digits are glued to the day.
func parseClockLine(s string, dp *dateParser) (time.Time, bool) {
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	hour, _ := strconv.Atoi(m[1])
	minute, _ := strconv.Atoi(m[2])
	if m[3] != "" {
		if hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		hour %= 12
		if m[3] == "p" || m[3] == "P" {
			hour += 12
		}
	}
	if hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	rest := strings.TrimSpace(m[7])
	sign, digits := m[4], m[5]
	if sign == "" {
		// No numeric offset: let the date parser read the zone and date.
		if rest == "" {
			return time.Time{}, false
		}
		d, ok := dp.parse(rest + " " + m[1] + ":" + m[2] + ampm(m[3]))
		return d, ok
	}
	if m[6] != "" { // "+03:00" form: nothing glued.
		off, ok := offsetSeconds(sign, digits, m[6])
		if !ok {
			return time.Time{}, false
		}
		return clockOnDate(rest, hour, minute, off, dp)
	}
	// Try the splits of the digit run: the offset takes the first k digits,
	// the rest start the date. The first split that gives a valid offset
	// and a parseable date wins.
	for k := 1; k <= len(digits) && k <= 4; k++ {
		off, ok := offsetSeconds(sign, digits[:k], "")
		if !ok {
			continue
		}
		tail := digits[k:]
		if len(tail) > 2 || (len(tail) > 0 && tail[0] == '0' && len(tail) == 1) {
			continue // a day has at most two digits
		}
		if t, ok := clockOnDate(tail+" "+rest, hour, minute, off, dp); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func ampm(s string) string {
	if s == "" {
		return ""
	}
	return " " + s + "m"
}

// offsetSeconds validates a UTC offset written as h, hh, hmm or hhmm (or
// hh with minutes mm) and returns it in seconds.
func offsetSeconds(sign, digits, minutes string) (int, bool) {
	var h, m int
	switch {
	case minutes != "":
		h, _ = strconv.Atoi(digits)
		m, _ = strconv.Atoi(minutes)
	case len(digits) <= 2:
		h, _ = strconv.Atoi(digits)
	case len(digits) == 3:
		h, _ = strconv.Atoi(digits[:1])
		m, _ = strconv.Atoi(digits[1:])
	case len(digits) == 4:
		h, _ = strconv.Atoi(digits[:2])
		m, _ = strconv.Atoi(digits[2:])
	default:
		return 0, false
	}
	if h > 14 || (m != 0 && m != 30 && m != 45) {
		return 0, false
	}
	off := h*3600 + m*60
	if sign == "-" || sign == "−" {
		off = -off
	}
	return off, true
}

// clockOnDate combines a clock time and offset with the date written in s.
func clockOnDate(s string, hour, minute, off int, dp *dateParser) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	d, ok := dp.parse(s)
	if !ok {
		return time.Time{}, false
	}
	zone := time.FixedZone("", off)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, zone), true
}

// yearRe finds a plausible year; a line needs one before a date is read
// from it.
var (
	yearRe = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)
)

// datePrefixes are words that introduce a dateline; they are cut before
// parsing.
var datePrefixRe = regexp.MustCompile(`(?i)^(first\s+|last\s+)?(published|updated|posted|modified|created|date|publicado|atualizado|publié|mis à jour|опубликовано)?\s*(on|at|:|-|–)?\s*`)

// readDateline looks for a publication date: the nearest date line before
// the body, else a "Published …" line after it.
func readDateline(p *Page, lines []line, before []int, end int, dp *dateParser) {
	try := func(i int) bool {
		l := &lines[i]
		if l.class != ClassChrome && l.class != ClassByline || l.f.words > 16 {
			return false
		}
		if !yearRe.MatchString(l.text) {
			return false
		}
		for _, part := range splitDateParts(l.text) {
			part = datePrefixRe.ReplaceAllString(part, "")
			if t, ok := dp.parse(part); ok {
				p.Published = &t
				p.PublishedHasTime = t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0
				if l.class == ClassChrome {
					l.class = ClassDateline
				}
				return true
			}
		}
		return false
	}
	for _, i := range before {
		if try(i) {
			return
		}
	}
	seen := 0
	for i := end + 1; i < len(lines) && seen < 8; i++ {
		if lines[i].class == ClassBlank {
			continue
		}
		seen++
		if hasDateWord(lines[i].text) && try(i) {
			return
		}
	}
}

func hasDateWord(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "published") || strings.Contains(l, "updated") || strings.Contains(l, "posted")
}

// splitDateParts returns the line and its parts between separators, whole
// line first.
func splitDateParts(s string) []string {
	parts := []string{s}
	for _, sep := range []string{"|", "•", " - ", " – ", "·"} {
		if strings.Contains(s, sep) {
			for part := range strings.SplitSeq(s, sep) {
				if part = strings.TrimSpace(part); part != "" {
					parts = append(parts, part)
				}
			}
		}
	}
	return parts
}

// bylineRe matches "By Name" in several languages; the name part is
// group 2.
var bylineRe = regexp.MustCompile(`(?i)^(?:[|•\-–]\s*)?(by|por|par|von|di|от|автор)\s*:?\s+(.+)$`)

// readByline looks for a "By …" line before the body.
func readByline(p *Page, lines []line, before []int) {
	for k, i := range before {
		l := &lines[i]
		if l.f.words > 12 || l.class != ClassChrome {
			continue
		}
		if m := bylineRe.FindStringSubmatch(l.text); m != nil {
			if names := splitAuthors(m[2]); len(names) > 0 {
				p.Authors = names
				l.class = ClassByline
				return
			}
		}
		// "By" alone, the name on the next line.
		if k > 0 && strings.EqualFold(strings.TrimRight(l.text, ": "), "by") {
			next := &lines[before[k-1]]
			if names := splitAuthors(next.text); len(names) > 0 && next.f.words <= 8 {
				p.Authors = names
				l.class, next.class = ClassByline, ClassByline
				return
			}
		}
	}
}

var authorSepRe = regexp.MustCompile(`\s*(?:,|&|\band\b|\be\b|\by\b|\bet\b|\bund\b|\|)\s*`)

// splitAuthors splits a byline into names, dropping roles glued to a name
// ("Jane DoeStaff Writer") and items that do not look like names.
func splitAuthors(s string) []string {
	var names []string
	for item := range strings.SplitSeq(authorSepRe.ReplaceAllString(s, "\x00"), "\x00") {
		item = strings.TrimSpace(item)
		words := strings.Fields(item)
		if len(words) > 0 {
			// A glued role: keep the part before the glue.
			last := words[len(words)-1]
			if parts := splitGlued(last); len(parts) > 1 {
				words[len(words)-1] = parts[0]
				item = strings.Join(words, " ")
			}
			for i, w := range words {
				if parts := splitGlued(w); len(parts) > 1 {
					words = append(words[:i], parts[0])
					item = strings.Join(words, " ")
					break
				}
			}
		}
		if looksLikeName(item) {
			names = append(names, item)
		}
	}
	return names
}

// looksLikeName reports whether s is 1–4 capitalised words without digits.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if strings.ContainsAny(w, "0123456789@/") {
			return false
		}
	}
	return true
}

// isLabel reports whether a line is a short label: 1–4 words, starting
// with a capital, no sentence punctuation, no digits, no glue.
func isLabel(l *line) bool {
	f := l.f
	if f.words == 0 || f.words > 4 || f.chars > 40 || f.endPunct || f.glued > 0 || f.widget || f.digits > 0 || f.copyright {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l.text)
	return unicode.IsUpper(r)
}

// isHeadline reports whether a line reads like a headline: 3–30 words, no
// final full stop, not a widget, list or caption.
func isHeadline(l *line) bool {
	f := l.f
	if f.words < 3 || f.words > 30 || f.widget || f.glued > 0 && (f.words < 6 || f.glued > 1) || f.copyright || f.listItems > 0 || isCaption(l.text, l.f) ||
		f.dateish || f.uiAction > 0 || f.uiCore*3 >= f.words || bylineRe.MatchString(l.text) {
		return false
	}
	if strings.HasSuffix(l.text, ".") || strings.HasSuffix(l.text, ":") || f.digits > 0.5 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l.text)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'«`, r)
}

// titleWindow is how many non-blank lines before the body are searched
// for the headline; widget lines between it and the body are common (share
// bars), so the window is wider than metaWindow.
const titleWindow = 30

// titleScore rates line i as the headline, k content lines above the body
// (widgets not counted); ok is false when the line cannot be one. A
// headline is a title-like line (3–30 words, no final full stop, not a
// name, a stamp, a caption or a widget), best of 5–20 words, often printed
// twice (breadcrumb and heading), and usually followed by its byline,
// dateline, standfirst or picture caption.
func titleScore(lines []line, i, k int) (float64, bool) {
	l := &lines[i]
	if l.class != ClassChrome || l.boiler || l.repeat > 2 || !isHeadline(l) || !isTitleLike(l) {
		return 0, false
	}
	s := 1 + 0.3*l.f.caps - 0.03*float64(k)
	switch w := l.f.words; {
	case w >= 5 && w <= 20:
		s += 0.6
	case w == 4:
		s += 0.3
	case w > 24:
		s -= 0.4 // a caption or a standfirst
	}
	if l.repeat == 2 && twinNear(lines, i) {
		s += 0.7 // headlines are often printed twice (breadcrumb, h1)
	}
	if l.f.stop > 0.45 {
		s -= 0.4
	}
	next := nextContent(lines, i)
	if next >= 0 && isHeadlineCompanion(&lines[next]) {
		s += 0.5
	} else if prev := prevContent(lines, i); next >= 0 && prev >= 0 && isMenuItem(&lines[next]) && isMenuItem(&lines[prev]) {
		s -= 0.6 // an entry of a menu or a list of links
	}
	return s, true
}

// twinNear reports whether the text of line i is printed again within
// eight lines of it.
func twinNear(lines []line, i int) bool {
	for j := max(0, i-8); j < len(lines) && j <= i+8; j++ {
		if j != i && lines[j].text == lines[i].text {
			return true
		}
	}
	return false
}

// prevContent returns the index of the last non-blank line before i that
// is not a widget, or -1.
func prevContent(lines []line, i int) int {
	for j := i - 1; j >= 0; j-- {
		if lines[j].class == ClassBlank || lines[j].f.widget {
			continue
		}
		return j
	}
	return -1
}

// isMenuItem reports whether a line could be the entry of a menu: short,
// with no sentence punctuation.
func isMenuItem(l *line) bool {
	return l.f.words <= 6 && !l.f.endPunct && !isStamp(l) && !bylineRe.MatchString(l.text)
}

// isTitleLike excludes the lines that pass for headlines by their form
// but are not: names, time stamps ("Updated an hour ago"), captions and
// lines made of interface words.
func isTitleLike(l *line) bool {
	f := l.f
	if looksLikeName(l.text) || isStamp(l) || stampPrefixRe.MatchString(l.text) || f.uiCore*4 >= f.words ||
		f.uiOther*2 < f.words || strings.Contains(l.text, "@") {
		return false
	}
	return !captionMarkRe.MatchString(l.text) && !(f.words >= 12 && creditBracketRe.MatchString(l.text))
}

// creditBracketRe matches a credit in brackets at the end of a caption:
// "(Jane Doe/Agency)", "[File: Agency]".
var creditBracketRe = regexp.MustCompile(`(?:\((?:\p{Lu}[\p{L}.'’\-]*\s?){1,4}/\s*\p{Lu}[^()]{1,30}\)|\[[^\[\]]{1,40}\])$`)

// stampPrefixRe matches the start of a publication stamp.
var stampPrefixRe = regexp.MustCompile(`(?i)^(updated|published|posted|last updated|modified)\b`)

// captionMarkRe matches the position marks of photo captions.
var captionMarkRe = regexp.MustCompile(`(?i)\((left|right|center|centre|top|bottom|pictured|file)\)`)

// nextContent returns the index of the first non-blank line after i that
// is not a widget, or -1.
func nextContent(lines []line, i int) int {
	for j := i + 1; j < len(lines); j++ {
		if lines[j].class == ClassBlank || lines[j].f.widget {
			continue
		}
		return j
	}
	return -1
}

// isHeadlineCompanion reports whether a line is what follows a headline:
// a byline, a date or stamp, a standfirst sentence or a caption.
func isHeadlineCompanion(l *line) bool {
	return l.class == ClassByline || l.class == ClassDateline || bylineRe.MatchString(l.text) ||
		isStamp(l) || stampPrefixRe.MatchString(l.text) || l.f.endPunct && l.f.words >= 6 || isCaption(l.text, l.f)
}

// bestHeadline returns the index into before (the lines above the body,
// nearest first) of the line that best reads as the headline, or -1.
func bestHeadline(lines []line, before []int) int {
	best, bestScore, k := -1, 0.0, 0
	for n, i := range before {
		if s, ok := titleScore(lines, i, k); ok && s > bestScore {
			best, bestScore = n, s
		}
		if !lines[i].f.widget && !lines[i].drop {
			k++
		}
	}
	return best
}

// readTitleAndSection finds the headline among the lines just before the
// body, then the section label just above it (or above the body when
// there is no headline).
func readTitleAndSection(p *Page, lines []line, start int) {
	before := previousLines(lines, start, titleWindow)
	bestK := bestHeadline(lines, before)
	from := 0
	if bestK >= 0 {
		l := &lines[before[bestK]]
		p.Title = l.text
		l.class = ClassTitle
		from = bestK + 1
		for _, i := range before[bestK+1:] { // a duplicate printed just above
			if lines[i].text == l.text {
				lines[i].class = ClassTitle
				from++
				continue
			}
			break
		}
	} else {
		before = before[:min(len(before), metaWindow)]
	}
	readSection(p, lines, before[from:])
}

// readSection takes the section label from the lines above the headline
// (nearest first): the nearest short title-case label within a few lines,
// not made of interface words only ("Contact us"). A label at the end of
// a menu (more labels right above it) whose text is also an entry of
// another menu on the page (a site prints its menu twice, for wide and
// narrow screens) is a menu entry, not the section, and so are the labels
// above it.
func readSection(p *Page, lines []line, above []int) {
	seen := 0
	for n, i := range above {
		l := &lines[i]
		if l.class == ClassBlank || l.f.widget {
			continue
		}
		if seen++; seen > 4 {
			return
		}
		if l.class != ClassChrome || l.boiler || !isLabel(l) || strings.HasSuffix(l.text, ":") || l.f.words > 3 || l.f.uiOther == 0 ||
			relatedLabelRe.MatchString(l.text) {
			continue
		}
		if !inMenu(lines, above[n+1:]) || !twinInMenu(lines, i) {
			p.Section = l.text
			l.class = ClassSection
		}
		return // the labels above a menu item are menu items too
	}
}

// twinInMenu reports whether the text of line i is printed elsewhere in
// the page between two other labels.
func twinInMenu(lines []line, i int) bool {
	if lines[i].repeat < 2 {
		return false
	}
	for j := range lines {
		if j == i || lines[j].text != lines[i].text {
			continue
		}
		p, n := prevContent(lines, j), nextContent(lines, j)
		if p >= 0 && n >= 0 && isLabel(&lines[p]) && isLabel(&lines[n]) {
			return true
		}
	}
	return false
}

// inMenu reports whether the two nearest lines of above are labels too:
// the line below them is an item of a menu. A widget (a menu button)
// between them parts the blocks.
func inMenu(lines []line, above []int) bool {
	n := 0
	for _, i := range above {
		l := &lines[i]
		if !isLabel(l) {
			return false
		}
		if n++; n == 2 {
			return true
		}
	}
	return false
}

// startsWithUIWord reports whether s opens with a UI word ("More from …",
// "Related …"), which ends a list of tags.
func startsWithUIWord(s string) bool {
	end := strings.IndexByte(s, ' ')
	if end < 0 {
		end = len(s)
	}
	w := strings.ToLower(s[:end])
	return uiCore[w] || w == "more" || w == "latest" || w == "see" || w == "top"
}

// tagLabelRe matches the label line of a tag block.
var tagLabelRe = regexp.MustCompile(`(?i)^(related\s+)?(tags?|topics?|keywords?|tagged|filed under|tópicos|temas|etiquetas|mots-clés|теги)\s*:?\s*(.*)$`)

// readAfter reads the tags and the related headlines after the body.
func readAfter(p *Page, lines []line, end int) {
	const window = 40
	var idx []int
	for i := end + 1; i < len(lines) && len(idx) < window; i++ {
		if lines[i].class == ClassBlank {
			continue
		}
		if lines[i].f.copyright {
			break
		}
		idx = append(idx, i)
	}
	// Tags: a comma list of short capitalised items, or a tag label
	// followed by one label per line.
	for k := 0; k < len(idx) && p.Tags == nil; k++ {
		l := &lines[idx[k]]
		if l.class != ClassChrome {
			continue
		}
		if l.f.listItems >= 3 && l.f.caps >= 0.5 {
			for j := k; j < len(idx); j++ {
				lj := &lines[idx[j]]
				if lj.f.listItems < 2 || lj.f.caps < 0.5 {
					break
				}
				for item := range strings.SplitSeq(lj.text, ",") {
					if item = strings.TrimSpace(item); item != "" {
						p.Tags = append(p.Tags, item)
					}
				}
				lj.class = ClassTags
			}
			break
		}
		if m := tagLabelRe.FindStringSubmatch(l.text); m != nil && l.f.words <= 4 {
			if rest := strings.TrimSpace(m[3]); rest != "" {
				for item := range strings.SplitSeq(rest, ",") {
					if item = strings.TrimSpace(item); item != "" {
						p.Tags = append(p.Tags, item)
					}
				}
			}
			l.class = ClassTags
			for j := k + 1; j < len(idx); j++ {
				lj := &lines[idx[j]]
				if !isLabel(lj) || lj.f.widget || startsWithUIWord(lj.text) {
					break
				}
				p.Tags = append(p.Tags, lj.text)
				lj.class = ClassTags
			}
			if len(p.Tags) > 0 {
				break
			}
			p.Tags = nil
		}
	}
	// Related: the first block of headline lines after the body; short
	// labels and teaser sentences between them are skipped, three
	// non-headlines in a row end the block.
	seen := map[string]bool{}
	for _, r := range p.Related { // listed before the body too
		seen[r] = true
	}
	misses := 0
	for _, i := range idx {
		l := &lines[i]
		if l.class == ClassTags {
			if len(p.Related) > 0 {
				break
			}
			continue
		}
		if l.class == ClassChrome && isHeadline(l) && l.f.words >= 4 && l.repeat <= 2 && !l.boiler && !tagLabelRe.MatchString(l.text) && !startsWithUIWord(l.text) {
			if !seen[l.text] {
				seen[l.text] = true
				p.Related = append(p.Related, l.text)
			}
			l.class = ClassRelated
			misses = 0
			continue
		}
		if len(p.Related) > 0 {
			misses++
			if misses >= 3 {
				break
			}
		}
	}
}

// relatedLabelRe matches the label of a list of links to other articles:
// "Related", "Related stories", "More from Business", "Read more", "See
// also", "You may also like", and the same in a few other languages.
var relatedLabelRe = regexp.MustCompile(`(?i)^(related( (stories|articles|news|coverage|content|links|posts))?|more( (from|on|in|stories|news|like this|about)\b.*)?|read (more|next|also)|see also|also read|you may also like|you might also like|recommended( for you| stories| reading)?|further reading|leia também|leia mais|veja também|lea también|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leggi anche|читайте также|(?:weitere|ähnliche|verwandte|beliebte|passende) (?:artikel|beiträge|themen|nachrichten|news)(?: zum thema)?|das könnte (?:sie|dich|dir|ihnen) auch (?:interessieren|gefallen)|vous (?:aimerez|pourriez aimer) aussi|también te puede gustar|ti potrebbe (?:interessare|piacere)|articles? (?:similaires|liés|connexes)|sur le même sujet|(?:artículos|noticias|notas) relacionad[oa]s|te puede interesar|articoli correlati|potrebbe interessarti|(?:artigos|notícias) relacionad[oa]s|gerelateerde artikelen|lees ook|zobacz (?:też|także|również)|czytaj (?:też|także|również))\s*:?$`)

// relatedLabelWords are the first words of relatedLabelRe's labels.
var relatedLabelWords = map[string]bool{
	"related": true, "more": true, "read": true, "see": true, "also": true, "you": true, "recommended": true,
	"further": true, "leia": true, "veja": true, "lea": true, "lire": true, "à": true, "lesen": true,
	"mehr": true, "leggi": true, "читайте": true, "weitere": true, "ähnliche": true, "verwandte": true,
	"beliebte": true, "passende": true, "das": true, "articles": true, "article": true, "sur": true,
	"artículos": true, "noticias": true, "notas": true, "te": true, "vous": true, "también": true, "ti": true, "articoli": true, "potrebbe": true,
	"artigos": true, "notícias": true, "gerelateerde": true, "lees": true, "zobacz": true, "czytaj": true,
}

// firstWordIn reports whether the first space-separated word of s
// (without a final colon), lower-cased, is in set; it does not allocate
// for ASCII words.
func firstWordIn(s string, set map[string]bool) bool {
	w := s
	if i := strings.IndexByte(s, ' '); i > 0 {
		w = s[:i]
	}
	var buf [24]byte
	b, ok := lowerBytes(strings.TrimRight(w, ":"), &buf)
	return ok && set[string(b)]
}

// readRelatedBefore reads the related headlines listed before the body:
// only a block that a "Related"/"More …" label opens, of at least two
// headline-like lines in a row, is taken.
func readRelatedBefore(p *Page, lines []line, start int) {
	for i := 0; i < start && i < len(lines); i++ {
		l := &lines[i]
		if l.class != ClassChrome || l.f.words > 6 || !firstWordIn(l.text, relatedLabelWords) || !relatedLabelRe.MatchString(l.text) {
			continue
		}
		var items []int
		for j := i + 1; j < start; j++ {
			lj := &lines[j]
			if lj.class == ClassBlank {
				continue
			}
			if lj.class != ClassChrome || !isHeadline(lj) || lj.f.words < 4 || lj.boiler || startsWithUIWord(lj.text) {
				break
			}
			items = append(items, j)
		}
		if len(items) < 2 {
			continue
		}
		for _, j := range items {
			lines[j].class = ClassRelated
			p.Related = append(p.Related, lines[j].text)
		}
		i = items[len(items)-1]
	}
}
