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
}

// Result is what Extract finds in a page.
type Result struct {
	// Text is the main text: paragraphs separated by exactly one blank line
	// ("\n\n"), white space inside a paragraph collapsed to single spaces,
	// soft hyphens removed. It never starts or ends with white space.
	Text string
	// Paragraphs are the paragraphs of Text, in order.
	Paragraphs []string

	Title       string
	Authors     []string
	Published   *time.Time // nil when no date was found
	Site        string     // the site's name, e.g. from og:site_name
	Section     string     // the page's declared section (article:section)
	Categories  []string
	Tags        []string
	Language    string // declared by the page (html lang, og:locale …), lower-case ISO 639-1; "" if none
	URL         string // canonical URL when the page declares one, else Options.URL
	Description string
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
	}
	if opts.URL != "" {
		if u, err := nurl.ParseRequestURI(opts.URL); err == nil {
			topts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(doc, topts)
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
		Title:        normalizeSpace(m.Title),
		Authors:      splitAuthors(m.Author),
		Site:         normalizeSpace(m.Sitename),
		Section:      head.section,
		Categories:   cleanList(m.Categories),
		Tags:         cleanList(m.Tags),
		Language:     head.language,
		URL:          m.URL,
		Description:  normalizeSpace(m.Description),
		TextLanguage: m.Language,
	}
	if r.URL == "" {
		r.URL = opts.URL
	}
	if !m.Date.IsZero() {
		d := m.Date
		r.Published = &d
	}
	return r, nil
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
