package htmlpage

import (
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoContent is returned when no main text could be found in a page.
var ErrNoContent = errors.New("no main text found")

// ErrParse is returned when the HTML parser rejects a page (in practice:
// elements nested deeper than x/net/html's 512-level limit).
var ErrParse = errors.New("html parse failed")

// Options tunes Extract. The zero value is the measured default.
type Options struct {
	// Fallback also runs go-trafilatura's fallback extractors (readability
	// and DOM distiller) and keeps the better candidate. It is off by default:
	// on the Scrapinghub benchmark it lowers F1 slightly and halves the speed
	// (see the package documentation for the figures).
	Fallback bool
	// URL is the page's address, used when the page declares none and to
	// resolve relative links in the metadata.
	URL string
	// Now is the time after which a publication date is taken as an error;
	// zero means the current time.
	Now time.Time
}

// Result is what Extract finds in a page.
type Result struct {
	// Text is the main text: paragraphs separated by exactly one blank line
	// ("\n\n"), white space inside a paragraph collapsed to single spaces,
	// soft hyphens removed. It never starts or ends with white space.
	Text string
	// Paragraphs are the paragraphs of Text, in order.
	Paragraphs []string

	Title   string
	Authors []string
	// Published is the publication date, nil when none was found. When
	// PublishedHasTime is set it carries the time of day and the zone the
	// page declares; otherwise it is midnight UTC of the published day.
	Published        *time.Time
	PublishedHasTime bool
	Site             string // the site's name, e.g. from og:site_name
	Section          string // the page's declared section (article:section)
	Categories       []string
	Tags             []string
	Language         string // declared by the page (html lang, og:locale …), lower-case ISO 639-1; "" if none
	URL              string // canonical URL when the page declares one, else Options.URL
	Description      string
	// TextLanguage is go-trafilatura's guess of the language of Text
	// (ISO 639-1), "" when unsure.
	TextLanguage string
}

// Parse parses a UTF-8 HTML page into a tree, turning the parser's refusal
// (nesting deeper than 512 levels) into ErrParse.
func Parse(src string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrParse, err)
	}
	return doc, nil
}

// Extract parses src, a UTF-8 HTML page, and returns its main text and
// metadata. See ExtractNode.
func Extract(src string, opts Options) (Result, error) {
	doc, err := Parse(src)
	if err != nil {
		return Result{}, err
	}
	return ExtractNode(doc, opts)
}

// ExtractNode returns the main text and metadata of a parsed page. The tree
// is not modified. It returns ErrNoContent when the page has no main text.
func ExtractNode(doc *html.Node, opts Options) (Result, error) {
	topts := trafilatura.Options{
		EnableFallback: opts.Fallback,
		// Comments are extracted (and so kept out of the main text) but
		// never returned.
		ExcludeComments: false,
		// The publication date is chosen in fillMeta, which runs htmldate
		// itself.
		HtmlDateMode: trafilatura.Disabled,
	}
	if opts.URL != "" {
		if u, err := nurl.ParseRequestURI(opts.URL); err == nil {
			topts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(doc, topts)
	if !topts.EnableFallback && (err != nil || len(res.ContentText) < fallbackBelow) {
		if alt := fallbackExtract(doc, topts, res); alt != nil {
			res, err = alt, nil
		}
	}
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrNoContent, err)
	}
	m := res.Metadata
	paras := paragraphs(res.ContentNode)
	paras = relayoutWhole(doc, paras)
	paras = joinSplitBody(doc, paras)
	paras = dropHeadings(paras, m.Title, m.Description)
	if len(paras) == 0 {
		return Result{}, ErrNoContent
	}
	head := readHead(doc)
	r := Result{
		Text:         strings.Join(paras, "\n\n"),
		Paragraphs:   paras,
		Language:     head.language,
		Description:  normalizeSpace(m.Description),
		TextLanguage: m.Language,
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r.fillMeta(doc, m.Title, leadHeading(res.ContentNode), m.Sitename, splitAuthors(m.Author), m.Categories, m.Tags, firstNonEmpty(opts.URL, m.URL), now)
	return r, nil
}

// fallbackBelow is the length of main text (bytes) under which the
// fallback extractors are asked even when Options.Fallback is off: a text
// that short is often a box that won go-trafilatura's choice (a paywall
// offer, a cookie notice, a teaser list) rather than the article.
const fallbackBelow = 500

// fallbackExtract runs go-trafilatura again with its fallback extractors
// (readability, DOM distiller) for a page whose main text res is short or
// missing, and returns the new result when it found more text that is not
// the page's comments (readability does not know them); nil otherwise.
func fallbackExtract(doc *html.Node, topts trafilatura.Options, res *trafilatura.ExtractResult) *trafilatura.ExtractResult {
	topts.EnableFallback = true
	alt, err := trafilatura.ExtractDocument(doc, topts)
	if err != nil || alt == nil {
		return nil
	}
	if res != nil && (len(alt.ContentText) <= len(res.ContentText) || fromComments(alt.ContentText, res.CommentsText)) {
		return nil
	}
	return alt
}

// fromComments reports whether the start of text is the page's comments:
// a run of eight words among its first 64 is in the comments' text.
func fromComments(text, comments string) bool {
	if comments == "" {
		return false
	}
	comments = normalizeSpace(comments)
	words := strings.Fields(text)
	words = words[:min(len(words), 64)]
	if len(words) < 8 {
		return len(words) > 0 && strings.Contains(comments, strings.Join(words, " "))
	}
	for i := 0; i+8 <= len(words); i++ {
		if strings.Contains(comments, strings.Join(words[i:i+8], " ")) {
			return true
		}
	}
	return false
}

// leadHeading is the heading the extracted content starts with ("" when
// it starts otherwise): the headline of a page that has no <h1>.
func leadHeading(content *html.Node) string {
	if content == nil {
		return ""
	}
	for c := content.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return ""
			}
			continue
		case html.ElementNode:
			if c.DataAtom != atom.H1 && c.DataAtom != atom.H2 && c.DataAtom != atom.H3 {
				return ""
			}
			return shortText(c, maxMetaText)
		}
	}
	return ""
}

// dayDiff is the number of days between the calendar days of a and b.
func dayDiff(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	d := int(da.Sub(db).Hours() / 24)
	if d < 0 {
		return -d
	}
	return d
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// fillMeta sets the title, authors, date, site, section, categories, tags
// and URL of r from the page's own metadata (see metadata.go), with
// go-trafilatura's values as fallbacks.
func (r *Result) fillMeta(doc *html.Node, title, lead, site string, authors, cats, tags []string, pageURL string, now time.Time) {
	pm := readMeta(doc)
	ld := pm.ldArticles()
	r.URL = chooseURL(pm, pageURL)
	if r.URL == "" && pageURL != "" {
		r.URL = pageURL
	}
	host := ""
	if u, err := nurl.Parse(r.URL); err == nil {
		host = u.Hostname()
	}
	r.Site = chooseSite(pm, ld, normalizeSpace(site), host)
	var ldSites []string
	for _, o := range ld {
		if p, ok := pm.resolve(o["publisher"]).(map[string]any); ok {
			ldSites = append(ldSites, ldString(p["name"]))
		}
	}
	sites := newSiteNames(host, append(ldSites, r.Site, pm.meta("og:site_name"), pm.meta("application-name"), pm.meta("twitter:site"), normalizeSpace(site))...)
	r.Title = chooseTitle(pm, ld, sites, lead, normalizeSpace(title))
	r.Authors = chooseAuthors(pm, ld, sites, authors, r.Paragraphs)
	if len(r.Authors) == 0 {
		r.Authors = publisherAuthor(r.Site, r.Title, append(ldSites, pm.meta("og:site_name"), pm.meta("application-name")))
	}
	r.Published, r.PublishedHasTime = choosePublishedDate(doc, pm, ld, []string{r.URL, pageURL}, r.Paragraphs, r.Language, now)
	r.Section, r.Categories = chooseSection(pm, ld, r.Title, cats)
	r.Tags = chooseTags(pm, ld, tags)
}

func splitAuthors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = normalizeSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func cleanList(in []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, s := range in {
		s = normalizeSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// headInfo is metadata that go-trafilatura does not return as such.
type headInfo struct {
	section, language string
}

// readHead reads the declared language (html lang, meta content-language,
// og:locale, in that order) and article:section from a page.
func readHead(doc *html.Node) headInfo {
	var h headInfo
	var htmlLang, metaLang, ogLocale string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				htmlLang = attr(n, "lang")
				if htmlLang == "" {
					htmlLang = attr(n, "xml:lang")
				}
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name"))
				content := strings.TrimSpace(attr(n, "content"))
				switch {
				case prop == "article:section" && h.section == "":
					h.section = normalizeSpace(content)
				case prop == "og:locale" && ogLocale == "":
					ogLocale = content
				case strings.EqualFold(attr(n, "http-equiv"), "content-language") && metaLang == "":
					metaLang = content
				}
			case atom.Body:
				return // metadata lives in <head>
			}
		}
		if depth > 3 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, l := range []string{htmlLang, metaLang, ogLocale} {
		if code := primaryLanguage(l); code != "" {
			h.language = code
			break
		}
	}
	return h
}

// primaryLanguage returns the lower-case two-letter primary subtag of a
// language tag ("en-US", "pt_BR", "de"), or "" when it has none.
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	tag = strings.ToLower(tag)
	if tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
