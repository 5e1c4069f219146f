package textpage

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrNoArticle is returned when a page has no run of prose lines that
// could be an article body.
var ErrNoArticle = errors.New("textpage: no article body found")

// ErrTooLarge is returned when a page exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("textpage: page too large")

// DefaultMaxBytes is the input size limit used when Options.MaxBytes is 0.
const DefaultMaxBytes = 16 << 20

// Options tune Clean. The zero value works.
type Options struct {
	// Boilerplate holds lines learned from other pages of the same site
	// (see LearnBoilerplate); such lines are treated as chrome. Nil means
	// only repetition inside the page is used.
	Boilerplate *Boilerplate
	// MaxBytes limits the input size; 0 means DefaultMaxBytes.
	MaxBytes int
	// Location is the zone of dates and times written without one; nil
	// means UTC.
	Location *time.Location
	// DateFallback lets dates that the built-in reader does not understand
	// (other languages, unusual forms) go to go-dateparser, at a few
	// milliseconds a line, at most four lines a page.
	DateFallback bool
	// KeepLines asks Clean to fill Page.Lines with the classification of
	// every line, for debugging.
	KeepLines bool
}

// applyDefaults fills the zero fields of o; it is the one place defaults
// are set.
func (o *Options) applyDefaults() {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
}

// Class is what Clean decided a line is.
type Class uint8

// The line classes.
const (
	ClassBlank    Class = iota // empty line
	ClassChrome                // navigation, widgets, footers: dropped
	ClassBody                  // a paragraph of the article
	ClassTitle                 // the headline
	ClassSection               // the section label
	ClassClock                 // the page's clock line
	ClassDateline              // a publication date line
	ClassByline                // an author line
	ClassTags                  // a tag list
	ClassRelated               // a related headline
)

var classNames = [...]string{"blank", "chrome", "body", "title", "section", "clock", "dateline", "byline", "tags", "related"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("Class(%d)", c)
}

// Line is the classification of one input line, kept for debugging.
type Line struct {
	// N is the 0-based line number in the input.
	N     int
	Text  string
	Class Class
	// Score is the line's body score: positive for prose, negative for
	// chrome.
	Score float64
}

// Page is a cleaned page: the article text and the chrome read as metadata.
type Page struct {
	// Text holds the article's paragraphs, each trimmed and without soft
	// hyphens, separated by one blank line.
	Text string
	// Title is the headline line found just before the body, or "".
	Title string
	// Section is the section label near the top of the page, or "".
	Section string
	// Tags are the items of the tag list after the article, in page order.
	Tags []string
	// Related are the headlines of related articles listed on the page.
	Related []string
	// Authors are the names of a "By …" byline.
	Authors []string
	// PageTime is the time shown by the page's clock line at the top (when
	// the page was rendered), not the publication date.
	PageTime *time.Time
	// Published is the date of a dateline or byline near the body.
	Published *time.Time
	// PublishedHasTime says the dateline gave a time of day (Published
	// is otherwise midnight of its day).
	PublishedHasTime bool
	// Lines is the classification of every input line, filled only when
	// Options.KeepLines is set.
	Lines []Line
}

// line is the working state of one input line.
type line struct {
	n      int
	text   string // trimmed
	f      features
	repeat int // occurrences of the same text in the page
	boiler bool
	score  float64
	drop   bool // chrome even inside the body run
	inList bool // an item of a list the body introduces
	aside  bool // in a run rejected as the body
	class  Class
}

// Clean removes the chrome from a page scraped as plain text and reads it
// as metadata. It returns ErrNoArticle when no body is found and
// ErrTooLarge when raw exceeds the size limit.
func Clean(raw string, opts Options) (Page, error) {
	opts.applyDefaults()
	if len(raw) > opts.MaxBytes {
		return Page{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(raw), opts.MaxBytes)
	}
	if !utf8.ValidString(raw) {
		raw = strings.ToValidUTF8(raw, "\uFFFD")
	}
	lines := splitLines(raw)
	counts := make(map[string]int, len(lines))
	for i := range lines {
		if lines[i].text != "" {
			counts[lines[i].text]++
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.text == "" {
			l.class = ClassBlank
			continue
		}
		l.repeat = counts[l.text]
		l.boiler = opts.Boilerplate.Has(l.text)
		l.f = measure(l.text)
		l.score, l.drop = lineScore(l)
		l.class = ClassChrome
	}
	weighRuns(lines)
	weighPosition(lines)
	start, end, metaStart, ok := chooseBody(lines)
	var page Page
	if ok {
		var b strings.Builder
		for i := start; i <= end; i++ {
			l := &lines[i]
			if l.class == ClassBlank || !keepInBody(l) {
				continue
			}
			l.class = ClassBody
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(l.text)
		}
		page.Text = b.String()
	}
	if page.Text == "" {
		ok = false
		start, end = len(lines), len(lines)-1
		metaStart = start
	}
	readMeta(&page, lines, metaStart, end, opts)
	if opts.KeepLines {
		page.Lines = make([]Line, len(lines))
		for i, l := range lines {
			page.Lines[i] = Line{N: l.n, Text: l.text, Class: l.class, Score: l.score}
		}
	}
	if !ok {
		return page, ErrNoArticle
	}
	return page, nil
}

// bodyTries is how many body runs are tried, best first, before the
// relaxed reading: a run rejected as a list of teasers is set aside and
// the next best run is tried.
const bodyTries = 3

// minRunMass is the least score of a body run; relaxedMass is the same
// for the relaxed reading of a page where no run reaches it.
const (
	minRunMass  = 1.5
	relaxedMass = 0.6
)

// chooseBody finds the article body: the densest run of prose, refined
// (standfirst, appendix, list, repeated and card lines). A run that reads
// as a list of teasers is set aside and the next best is tried. When no
// run is found, the page is read again with relaxed rules (a long prose
// paragraph cut short by a paywall counts as prose, a lone short
// paragraph is enough), so that a page holding some article text does
// not come out empty. metaStart is the first line of the run before the
// standfirst was added, where the headline, byline and dateline are
// looked for.
func chooseBody(lines []line) (start, end, metaStart int, ok bool) {
	for range bodyTries {
		if start, end, metaStart, ok = refineRun(lines, minRunMass); !ok {
			break
		}
		if hasProseRun(lines, start, end) && hasKept(lines, start, end) {
			return start, end, metaStart, true
		}
		setAside(lines, start, end) // a teaser list: no two prose lines in a row
	}
	for i := range lines {
		l := &lines[i]
		if l.class != ClassBlank && !l.aside && !l.drop && truncated(l.text) && l.f.words >= 20 && isProse(l.f) {
			l.score = 0.5 * (1 + float64(min(l.f.words, 90))/15)
		}
	}
	start, end, metaStart, ok = refineRun(lines, relaxedMass)
	if ok && hasKept(lines, start, end) {
		return start, end, metaStart, true
	}
	if i := longestSentence(lines); i >= 0 {
		lines[i].drop = false
		return i, i, i, true
	}
	return 0, 0, 0, false
}

// minLastResort is the least number of words of the line taken as the
// article when nothing else is.
const minLastResort = 12

// longestSentence returns the longest line that reads like a sentence
// (at least minLastResort words, ending like a sentence, not repeated,
// not a widget, a copyright line or boilerplate), or -1: the last resort
// for a page where no run of prose was found.
func longestSentence(lines []line) int {
	best := -1
	for i := range lines {
		l := &lines[i]
		if l.class == ClassBlank || l.aside || l.f.words < minLastResort || !l.f.endPunct || l.repeat > 1 || l.boiler ||
			l.f.widget || l.f.copyright || l.f.uiAction > 0 || l.f.glued > 0 {
			continue
		}
		if best < 0 || l.f.words > lines[best].f.words {
			best = i
		}
	}
	return best
}

// refineRun finds the densest run whose mass reaches minMass and refines
// its bounds and the lines it drops.
func refineRun(lines []line, minMass float64) (start, end, metaStart int, ok bool) {
	start, end, ok = densestRun(lines, minMass)
	if !ok {
		return 0, 0, 0, false
	}
	metaStart = start
	start = extendHead(lines, start)
	end = trimTail(lines, start, end)
	end = trimWeakEnd(lines, start, end)
	end = extendList(lines, end)
	dropRepeatedOutside(lines, start, end)
	dropHeadlineRuns(lines, start, end)
	dropCardTeasers(lines, start, end)
	return start, end, metaStart, true
}

// trimWeakEnd ends the run [start, end] before the short questions and
// labels that close it without being paragraphs: the widgets under the
// article ("Was this article useful?", "Read also:"). It returns the new
// end.
func trimWeakEnd(lines []line, start, end int) int {
	for end > start {
		l := &lines[end]
		if l.class != ClassBlank && (l.score >= weakScore || l.f.words >= 10 || l.inList || !strings.HasSuffix(l.text, "?") && !strings.HasSuffix(l.text, ":")) {
			break
		}
		end--
	}
	return end
}

// weakScore is the score under which a line at the end of the body run
// is not taken for the article's last paragraph (see trimWeakEnd).
const weakScore = 0.5

// hasKept reports whether the run [start, end] keeps a line.
func hasKept(lines []line, start, end int) bool {
	for i := start; i <= end; i++ {
		if lines[i].class != ClassBlank && keepInBody(&lines[i]) {
			return true
		}
	}
	return false
}

// setAside takes the lines of a rejected run out of the search for the
// body.
func setAside(lines []line, start, end int) {
	for i := start; i <= end; i++ {
		if lines[i].class != ClassBlank {
			lines[i].aside, lines[i].drop, lines[i].score = true, true, -1
		}
	}
}

// splitLines splits raw into trimmed lines, keeping their numbers. Soft
// hyphens (U+00AD, invisible hints for line breaking that some sites put
// inside every long word) are removed, as the HTML extractor removes them.
func splitLines(raw string) []line {
	lines := make([]line, 0, strings.Count(raw, "\n")+1)
	soft := strings.Contains(raw, "\u00ad")
	n := 0
	for s := range strings.SplitSeq(raw, "\n") {
		if soft {
			s = strings.ReplaceAll(s, "\u00ad", "")
		}
		lines = append(lines, line{n: n, text: strings.TrimSpace(s)})
		n++
	}
	return lines
}

// isProse reports whether a line reads like running text: long enough,
// dense in stopwords, or, for languages without a stopword list, mostly
// lower-case words ending like a sentence.
func isProse(f features) bool {
	if f.words >= 8 && f.stop >= 0.2 && (f.endPunct || f.words >= 20) {
		return true
	}
	if f.words >= 10 && f.caps <= 0.4 && f.endPunct {
		return true
	}
	return f.words >= 30 && (f.stop >= 0.15 || f.caps <= 0.4)
}

// weighRuns scales the positive scores of prose lines by the length of the
// run of prose they belong to (blank lines do not break a run): article
// paragraphs come in runs, while teasers of related articles alternate one
// by one with their headlines.
func weighRuns(lines []line) {
	for i := 0; i < len(lines); {
		if lines[i].class == ClassBlank || lines[i].score <= 0 {
			i++
			continue
		}
		j, n := i, 0
		for ; j < len(lines); j++ {
			if lines[j].class == ClassBlank {
				continue
			}
			if lines[j].score <= 0 {
				break
			}
			n++
		}
		for k := i; k < j; k++ {
			switch {
			case n == 1 && lines[k].f.words < 30:
				lines[k].score *= 0.45
			case n == 1:
				lines[k].score *= 0.75
			case n == 2:
				lines[k].score *= 0.85
			}
		}
		i = j
	}
}

// footShare is the share of a page's last lines where prose counts for
// less; footDiscount is how much less at the very end (linearly from
// nothing where the foot starts).
const (
	footShare    = 0.2
	footDiscount = 0.6
)

// weighPosition lowers the scores of prose lines in the last footShare of
// the page's non-blank lines: the article comes before the footer, and
// the prose down there is more often a consent form, an "about us" box or
// an author's bio than the article.
func weighPosition(lines []line) {
	n := 0
	for i := range lines {
		if lines[i].class != ClassBlank {
			n++
		}
	}
	k := 0
	for i := range lines {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		pos := float64(k) / float64(n)
		k++
		if start := 1 - footShare; pos > start && l.score > 0 {
			l.score *= 1 - footDiscount*(pos-start)/footShare
		}
	}
}

// lineScore is the body score of a line: positive for prose, growing with
// length, negative for chrome. The score is the cost of the line inside a
// body run; drop says the line is chrome even when it sits inside the run
// (a caption costs little but is never kept).
func lineScore(l *line) (float64, bool) {
	f := l.f
	switch {
	case f.copyright:
		return -3, true
	case isServerError(l.text):
		return -2.5, true // a PHP warning printed into the page
	case l.boiler:
		return -2.5, true
	case f.glued > 0 && !f.endPunct && f.words < 15:
		return -2, true // concatenated link texts
	case f.widget:
		return -2, true
	case l.repeat > 1 && !isProse(f):
		return -1.2, false
	case f.uiAction >= 2 && f.words < 25, f.uiAction >= 1 && f.words < 12:
		return -1.6, true // a sentence of a widget: "Subscribe to our newsletter."
	case f.uiAction >= 1 && startsImperative(l.text):
		return -1.6, true // "Join our forums to …", "Get the latest …"
	case f.pipes > 0 && f.words <= 12 && !f.endPunct:
		return -1.6, true // "Name | Agency" credits, breadcrumbs
	case strings.HasSuffix(l.text, ":") && f.words <= 4:
		return -1.5, true // "Related links:"
	case f.dateish:
		return -1.6, true // a dateline inside comments or teasers
	case isCaption(l.text, l.f):
		return -0.7, true
	case isDatedByline(l.text, f):
		return -1.6, true // "By Jane Doe on Monday, May 4, 2020 at 9:00 a.m."
	case f.listItems >= 3:
		return -1.2, false
	case doubled(l.text):
		return -1.2, false // a card: its link text and its title, the same words twice
	}
	if truncated(l.text) {
		return -0.5, false
	}
	if isProse(f) {
		s := 1 + float64(min(f.words, 90))/15
		if l.repeat > 1 {
			s /= 2
		}
		return s, false
	}
	if f.words >= 4 && f.endPunct && f.stop >= 0.15 {
		return 0.3, false
	}
	if f.words <= 2 {
		return -0.8, false
	}
	return -0.5, false
}

// serverErrorRe matches the messages a PHP site prints into its pages:
// "Warning: … in /path/file.php on line 12".
var serverErrorRe = regexp.MustCompile(`^(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error|Catchable fatal error): .* on line \d+\.?$`)

// isServerError reports whether s is a server-side error message.
func isServerError(s string) bool {
	return strings.Contains(s, " on line ") && serverErrorRe.MatchString(s)
}

// imperativeUI are verbs that open calls to action.
var imperativeUI = map[string]bool{
	"get": true, "join": true, "subscribe": true, "sign": true, "click": true, "follow": true,
	"download": true, "like": true, "share": true, "read": true, "watch": true, "listen": true,
	"tap": true, "register": true, "visit": true, "check": true, "see": true, "don't": true, "never": true,
}

// startsImperative reports whether s opens with a call-to-action verb.
func startsImperative(s string) bool {
	end := strings.IndexAny(s, " :,")
	if end < 0 {
		end = len(s)
	}
	return imperativeUI[strings.ToLower(s[:end])]
}

// doubled reports whether s is the same run of at least three words
// written twice ("Ferries return to the quay Ferries return to the quay"),
// as a teaser card's image link and headline give it when dumped as text.
func doubled(s string) bool {
	w := strings.Fields(s)
	h := len(w) / 2
	if len(w)%2 != 0 || h < 3 {
		return false
	}
	for i := range h {
		if w[i] != w[h+i] {
			return false
		}
	}
	return true
}

// truncated reports whether a line ends with an ellipsis, as teasers cut
// to length do.
func truncated(s string) bool {
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") || strings.HasSuffix(s, "[…]") || strings.HasSuffix(s, "[...]")
}

// mediaWords mark photo captions and credits.
var mediaWords = map[string]bool{
	"photo": true, "photos": true, "photograph": true, "photographs": true, "image": true, "images": true,
	"credit": true, "credits": true, "caption": true, "pictured": true, "picture": true, "pictures": true,
	"foto": true, "fotos": true, "imagem": true, "getty": true, "illustration": true, "gallery": true,
}

// counterRe matches gallery counters such as "1 of 6", "3/12" or "2 von
// 17".
var counterRe = regexp.MustCompile(`^\d+\s*(?:of|/|de|da|di|von|van|sur|z|av|af|из|от)\s*\d+$`)

// isCaption reports whether a line is a photo credit or caption: a line in
// brackets, a gallery counter, or a line without a final full stop that
// names a photo, image or credit.
func isCaption(s string, f features) bool {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && !strings.Contains(s[1:len(s)-1], "(") {
		return true
	}
	if s[0] >= '0' && s[0] <= '9' && counterRe.MatchString(s) {
		return true
	}
	if f.words >= 6 && hasCreditTail(s) {
		return true
	}
	return f.media && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && len(s) <= 300
}

// creditTailRe matches a photo credit at the end of a caption: a name and
// an agency after a slash ("… on Monday. Jane Doe / AGENCY") or an agency
// in brackets ("… (AP)", "(Reuters/Jane Doe)").
var creditTailRe = regexp.MustCompile(`(?:[.!?]["”’]?\s+(?:\p{Lu}[\p{L}'’.\-]*\s+){1,3}/\s*\p{Lu}[\p{Lu}\p{Ll}]*|\((?:AP|AFP|Reuters|REUTERS|EPA|Getty Images|AP Photo|File Photo|File)(?:\s*/[^()]{0,40})?\))$`)

// hasCreditTail reports whether s ends with a photo credit (see
// creditTailRe); the expression, anchored at the end, only sees the last
// hundred bytes of lines that can hold a credit.
func hasCreditTail(s string) bool {
	if !strings.HasSuffix(s, ")") && !strings.Contains(s[max(0, len(s)-60):], "/") {
		return false
	}
	k := max(0, len(s)-100)
	for k > 0 && !utf8.RuneStart(s[k]) {
		k++
	}
	return creditTailRe.MatchString(s[k:])
}

// bylineWords open a byline (see bylineRe).
var bylineWords = map[string]bool{"by": true, "por": true, "par": true, "von": true, "di": true, "от": true, "автор": true}

// mayBeByline is a cheap test that s could match bylineRe.
func mayBeByline(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsRune("|•-–", rune(s[0])) || strings.HasPrefix(s, "–") {
		return true
	}
	return firstWordIn(s, bylineWords)
}

// isDatedByline reports whether a line is a byline with a date: "By"
// and names, then a date with a year.
func isDatedByline(s string, f features) bool {
	if f.words > 24 || !mayBeByline(s) || !yearRe.MatchString(s) {
		return false
	}
	m := bylineRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	names := m[2]
	for _, sep := range []string{" on ", " | ", " - ", " – ", " • ", " at ", " em ", " le ", " am "} {
		if i := strings.Index(names, sep); i > 0 {
			names = names[:i]
		}
	}
	return len(splitAuthors(names)) > 0 && !yearRe.MatchString(names)
}

// keepInBody reports whether a line inside the body run is kept as a
// paragraph: everything but lines that are clearly chrome.
func keepInBody(l *line) bool {
	return !l.drop
}

// listSeps are the separators whose presence gives a list item its shape.
var listSeps = [...]string{" – ", " -- ", " - ", "@", ": ", ", ", " | "}

// shape describes a list item: which separators it has and whether it
// holds a digit.
func shape(s string) (seps uint8, digit bool) {
	for i, sep := range listSeps {
		if strings.Contains(s, sep) {
			seps |= 1 << i
		}
	}
	return seps, strings.ContainsAny(s, "0123456789")
}

// extendList extends the body past its end over a list that the body
// introduces: a line ending in ":" followed by lines of the same shape
// (dates and venues, ingredients, results). It returns the new end.
func extendList(lines []line, end int) int {
	intro := -1
	for i := end; i < len(lines); i++ {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		if i > end && (l.f.words < 3 || l.drop || !strings.HasSuffix(l.text, ":")) {
			break
		}
		if strings.HasSuffix(l.text, ":") && l.f.words >= 3 {
			intro = i
		}
		if i > end {
			break
		}
	}
	if intro < 0 {
		return end
	}
	var seps0 uint8
	var digit0 bool
	items, last := 0, intro
	for i := intro + 1; i < len(lines); i++ {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		if l.f.widget || l.f.glued > 0 || l.f.copyright || l.boiler || l.f.words > 40 || l.f.uiAction > 0 {
			break
		}
		seps, digit := shape(l.text)
		if items == 0 {
			seps0, digit0 = seps, digit
			if seps == 0 && !digit {
				break
			}
		} else if seps&seps0 == 0 || digit != digit0 {
			break
		}
		items++
		last = i
	}
	if items < 2 {
		return end
	}
	for i := end + 1; i <= last; i++ {
		if lines[i].class != ClassBlank {
			lines[i].drop, lines[i].inList = false, true
		}
	}
	return last
}

// dropRepeatedOutside marks as chrome the lines of the body run that also
// occur outside it: a headline printed again in a teaser, a label of the
// navigation. Lines repeated only inside the body (subheadings of a recipe
// or a schedule) are kept, but a paragraph is kept once. When most of the
// run's prose occurs outside it too, the page prints its article twice
// (a second layout, a print version): then the paragraphs are kept.
func dropRepeatedOutside(lines []line, start, end int) {
	var outside map[string]bool
	var mass, repeated float64
	for i := start; i <= end; i++ {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		if l.score > 0 {
			mass += l.score
		}
		if l.repeat < 2 {
			continue
		}
		if outside == nil {
			outside = map[string]bool{}
			for j := range lines {
				if (j < start || j > end) && lines[j].text != "" {
					outside[lines[j].text] = true
				}
			}
		}
		if outside[l.text] && l.score > 0 {
			repeated += l.score
		}
	}
	if outside == nil {
		return
	}
	twice := repeated*2 >= mass
	seen := map[string]bool{}
	for i := start; i <= end; i++ {
		l := &lines[i]
		if l.class == ClassBlank || l.repeat < 2 {
			continue
		}
		if outside[l.text] && !(twice && l.score > 0) || l.score > 0 && seen[l.text] {
			l.drop = true
		}
		seen[l.text] = true
	}
}

// dropHeadlineRuns marks as chrome the runs of three or more consecutive
// non-prose lines inside the body: blocks of related links and captions.
// A subheading is a single short line between paragraphs; lists that the
// body introduces (marked by extendList) are kept.
func dropHeadlineRuns(lines []line, start, end int) {
	for i := start; i <= end; {
		if lines[i].class == ClassBlank || lines[i].score > 0 || lines[i].inList {
			i++
			continue
		}
		j, n := i, 0
		for ; j <= end; j++ {
			if lines[j].class == ClassBlank {
				continue
			}
			if lines[j].score > 0 || lines[j].inList {
				break
			}
			n++
		}
		if n >= 3 {
			for k := i; k < j; k++ {
				if end := verseQuoteEnd(lines, k, j); end > k {
					k = end // a quotation over several lines is text
					continue
				}
				lines[k].drop = true
			}
		}
		i = j
	}
}

// verseQuoteEnd returns the last line of a quotation printed over several
// lines (verse, lyrics) that starts at line k and ends before to: k opens
// with a quotation mark, no later line does, and the last closes it; it
// returns -1 when there is none.
func verseQuoteEnd(lines []line, k, to int) int {
	if lines[k].class == ClassBlank || !lines[k].f.quoted || closesQuote(lines[k].text) {
		return -1
	}
	for m := k + 1; m < to; m++ {
		l := &lines[m]
		if l.class == ClassBlank {
			continue
		}
		if l.f.quoted {
			return -1
		}
		if closesQuote(l.text) {
			return m
		}
	}
	return -1
}

// closesQuote reports whether s ends with a closing quotation mark (before
// any final punctuation).
func closesQuote(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, ".,!?… "))
	return strings.ContainsRune(`"”“’»«`, r)
}

// densestRun finds the contiguous run of lines with the largest total
// score (Kadane's maximum-sum segment; blank lines score 0); ok is false
// when that total is under minMass.
func densestRun(lines []line, minMass float64) (start, end int, ok bool) {
	best, cur := 0.0, 0.0
	curStart := 0
	start, end = -1, -1
	for i := range lines {
		s := lines[i].score
		if lines[i].class == ClassBlank {
			s = 0
		}
		if cur <= 0 {
			cur, curStart = 0, i
		}
		cur += s
		if cur > best {
			best, start, end = cur, curStart, i
		}
	}
	if start < 0 || best < minMass {
		return 0, 0, false
	}
	for start < end && (lines[start].class == ClassBlank || lines[start].score <= 0) {
		start++
	}
	return start, end, true
}

// dropCardTeasers marks as chrome the teaser of a related-article card
// set inside the body: a prose line that follows a group of non-prose
// lines in which the same headline is printed twice (as the card's image
// text and its link). A subheading is printed once.
func dropCardTeasers(lines []line, start, end int) {
	groupStart, seenProse := -1, false
	for i := start; i <= end; i++ {
		l := &lines[i]
		if l.class == ClassBlank {
			continue
		}
		if l.score <= 0 {
			if groupStart < 0 {
				groupStart = i
			}
			continue
		}
		if seenProse && groupStart >= 0 && hasTwinHeadline(lines, groupStart, i) {
			l.drop = true
		}
		groupStart, seenProse = -1, true
	}
}

// hasTwinHeadline reports whether a headline-like line occurs twice in
// lines[from:to].
func hasTwinHeadline(lines []line, from, to int) bool {
	for a := from; a < to; a++ {
		la := &lines[a]
		if la.class == ClassBlank || la.repeat < 2 || !isHeadline(la) {
			continue
		}
		for b := a + 1; b < to; b++ {
			if lines[b].text == la.text {
				return true
			}
		}
	}
	return false
}

// teaserMass is the prose mass under which a body run whose prose lines
// all stand alone is taken for a list of teasers rather than an article.
const teaserMass = 8

// hasProseRun reports whether the body run [start, end] reads as an
// article: two kept prose lines follow each other (chrome that is dropped
// anyway, such as an advertisement label, does not part them), or its
// prose is long enough, or it is a single paragraph. A page whose best block alternates one
// teaser sentence with one headline, such as a table of results with
// links around it, has no article.
func hasProseRun(lines []line, start, end int) bool {
	mass, prev, n := 0.0, false, 0
	headlines := 0 // headline-like lines between prose lines
	for i := start; i <= end; i++ {
		l := &lines[i]
		if l.class == ClassBlank || l.drop {
			continue
		}
		if l.score <= 0 {
			if n > 0 && headlineLike(l) {
				headlines++
			}
			prev = false
			continue
		}
		if prev {
			return true
		}
		prev = true
		mass += l.score
		n++
	}
	// Two paragraphs parted by something that is no headline (a code
	// sample, a formula, a figure) are a short article.
	return n < 2 || mass >= teaserMass || n == 2 && headlines == 0
}

// headlineLike reports whether a line could be a teaser's headline: a few
// words of text without a final stop and without code or formula symbols.
func headlineLike(l *line) bool {
	return l.f.words >= 3 && l.f.words <= 16 && !l.f.endPunct && !strings.ContainsAny(l.text, "=(){}[]<>*#;")
}

// headGap is how many non-blank lines may part a standfirst from the
// body run when no headline is found above it.
const headGap = 2

// extendHead moves the start of the body run up over the standfirst: the
// prose lines between the headline and the run, parted from it by a
// dateline, a byline, a caption or a share bar, which cost the run more
// than the lede adds. Without a headline above the run, only a prose line
// at most headGap lines above it is taken. A standfirst under a headline
// may end in an ellipsis ("… her new book…"). The lines skipped on the way
// are marked as chrome. It returns the new start.
func extendHead(lines []line, start int) int {
	before := previousLines(lines, start, titleWindow)
	limit := bestHeadline(lines, before) // index into before, or -1
	newStart, gap := start, 0
	for n, i := range before {
		if n == limit {
			break
		}
		l := &lines[i]
		if isStandfirst(l, limit >= 0) {
			newStart, gap = i, 0
			continue
		}
		if gap++; limit < 0 && gap > headGap {
			break
		}
	}
	for i := newStart; i < start; i++ {
		l := &lines[i]
		switch {
		case l.class == ClassBlank:
		case !isStandfirst(l, limit >= 0):
			if end := verseQuoteEnd(lines, i, start); end > i {
				i = end // a quotation over several lines is text
				continue
			}
			l.drop = true
		case l.score <= 0:
			l.score = standfirstScore // cut with an ellipsis: prose all the same
		}
	}
	return newStart
}

// standfirstScore is the score given to a standfirst cut with an
// ellipsis, which lineScore counts as a teaser, once it joins the body.
const standfirstScore = 0.5

// isStandfirst reports whether a line above the body run can be its
// standfirst: a prose line printed once; under a headline, one cut short
// with an ellipsis too.
func isStandfirst(l *line, underHeadline bool) bool {
	return (l.score > 0 || underHeadline && truncated(l.text)) && isProse(l.f) && l.repeat == 1 && !l.drop
}
