package htmlpage

import (
	"bytes"
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is the raw metadata of a page, gathered in one walk over its
// tree: <meta> values, <title>, the canonical link, JSON-LD objects,
// headings, <time> elements and byline elements. The choices between the
// sources are made by the functions of metadata.go.
type pageMeta struct {
	// metas are the <meta> elements with a content, keyed by their
	// property, name or itemprop attribute in lower case, in page order.
	metas    map[string][]string
	titleTag string
	// links are the hrefs of <link rel=canonical>.
	canonical string
	// ld are the JSON-LD objects of the page, flattened: the top-level
	// objects, the members of arrays and of @graph, in page order. ldByID
	// finds an object by its @id (for author references).
	ld     []map[string]any
	ldByID map[string]map[string]any
	// ldText is the raw text of the JSON-LD scripts.
	ldText string
	h1     []heading
	// h2 are the page's <h2> headings: blog themes give the site's name
	// the <h1> and each post's title an <h2>.
	h2    []heading
	times []timeElem
	// itemDates are the content or datetime of body elements marked
	// itemprop=datePublished.
	itemDates []string
	bylines   []string
	// textBylines are visible bylines found by their words ("Posted by
	// …", "Von …") rather than their markup; see textByline.
	textBylines []string
}

type heading struct {
	text      string
	inArticle bool
}

type timeElem struct {
	datetime string
	// pub is set when the element is marked as the publication time
	// (itemprop=datePublished, the pubdate attribute, or a class or
	// parent class naming it "published"/"pubdate").
	pub       bool
	inArticle bool
	modified  bool
	// text is the element's visible text ("November 18, 2019 11:03 PM").
	text string
}

// maxMetaText bounds the text taken from one heading or byline element.
const maxMetaText = 400

// maxBylines bounds the byline elements kept.
const maxBylines = 8

// readMeta walks the page once and collects its raw metadata.
func readMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{metas: make(map[string][]string)}
	m.walkIn(doc, walkCtx{}, 0)
	return m
}

func (m *pageMeta) addMeta(key, content string) {
	key = strings.ToLower(strings.TrimSpace(key))
	content = normalizeSpace(content)
	if key == "" || content == "" || len(m.metas[key]) >= 32 {
		return
	}
	m.metas[key] = append(m.metas[key], content)
}

// meta returns the first value of the first of keys that the page has.
func (m *pageMeta) meta(keys ...string) string {
	for _, k := range keys {
		if v := m.metas[k]; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// walkCtx is where the walk is: inside the article, a comment, a byline
// already taken, or the page's asides (navigation, sidebars, footers).
type walkCtx struct {
	inArticle, inComment, inByline, inAside bool
}

func (m *pageMeta) walkIn(n *html.Node, ctx walkCtx, depth int) {
	inArticle, inComment, inByline := ctx.inArticle, ctx.inComment, ctx.inByline
	if n.Type == html.TextNode && !inComment && !inByline && !ctx.inAside && len(m.textBylines) < maxTextBylines {
		if t := textByline(n); t != "" {
			m.textBylines = append(m.textBylines, t)
		}
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			content, ok := attrOK(n, "content")
			if !ok {
				break
			}
			for _, k := range []string{"property", "name", "itemprop"} {
				if v := attr(n, k); v != "" {
					m.addMeta(v, content)
					break
				}
			}
			return
		case atom.Title:
			if m.titleTag == "" && !inSVG(n) {
				m.titleTag = normalizeSpace(textOf(n))
			}
			return
		case atom.Link:
			if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
			return
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				m.addJSONLD(n.FirstChild.Data)
			}
			return
		case atom.Noscript:
			m.walkNoscript(n, ctx, depth)
			return
		case atom.Style, atom.Template, atom.Svg, atom.Iframe:
			return
		case atom.Article, atom.Main:
			inArticle = true
		case atom.H1:
			if len(m.h1) < 16 {
				if t := headingText(n); t != "" {
					m.h1 = append(m.h1, heading{text: t, inArticle: inArticle})
				}
			}
		case atom.H2:
			if len(m.h2) < 16 && !inComment {
				if t := headingText(n); t != "" {
					m.h2 = append(m.h2, heading{text: t, inArticle: inArticle})
				}
			}
		case atom.Time:
			if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" && !inComment && len(m.times) < 32 {
				m.times = append(m.times, timeElem{
					datetime:  dt,
					pub:       isPubMarked(n),
					modified:  isModMarked(n),
					inArticle: inArticle,
					text:      shortText(n, 80),
				})
			}
		}
		var class, id, itemprop, rel string
		for _, a := range n.Attr {
			switch a.Key {
			case "class":
				class = a.Val
			case "id":
				id = a.Val
			case "itemprop":
				itemprop = a.Val
			case "rel":
				rel = a.Val
			}
		}
		if !inComment && (hasWord(class, "comment", "Comment") || hasWord(id, "comment", "Comment")) {
			inComment = true
		}
		if !ctx.inAside && isAside(n, class, id) {
			ctx.inAside = true
		}
		if itemprop != "" {
			switch {
			case strings.EqualFold(itemprop, "datePublished"):
				if v := attr(n, "content") + attr(n, "datetime"); v != "" && len(m.itemDates) < 8 {
					m.itemDates = append(m.itemDates, v)
				}
			case strings.EqualFold(itemprop, "articleSection"), strings.EqualFold(itemprop, "headline"):
				if _, ok := attrOK(n, "content"); !ok {
					if t := shortText(n, maxMetaText); t != "" {
						m.addMeta(strings.ToLower(itemprop), t)
					}
				}
			}
		}
		if !inComment && !inByline && len(m.bylines) < maxBylines && (isByline(n, class+" "+id, itemprop, rel) || isAuthorLink(n)) {
			if t := shortText(n, 120); t != "" {
				m.bylines = append(m.bylines, t)
				// A box whose text names nobody ("Thursday 4 November
				// von …") may hold the author's own element.
				inByline = len(cleanAuthors(t)) > 0
			}
		}
	}
	if depth > 400 {
		return
	}
	ctx.inArticle, ctx.inComment, ctx.inByline = inArticle, inComment, inByline
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.walkIn(c, ctx, depth+1)
	}
}

// maxNoscript bounds where in a <noscript> text a byline is looked for.
const maxNoscript = 64 << 10

// walkNoscript reads the bylines of a <noscript> element, which the
// parser keeps as raw text: Blogger's templates write the byline there
// and in a script only ("<span class="byline-author">Posted by …"). The
// text is parsed up to a little after the first "byline" or "author".
func (m *pageMeta) walkNoscript(n *html.Node, ctx walkCtx, depth int) {
	c := n.FirstChild
	if c == nil || c.Type != html.TextNode || len(m.bylines) >= maxBylines {
		return
	}
	src := c.Data
	if len(src) > maxNoscript {
		src = src[:maxNoscript]
	}
	i := indexFold(src, "byline")
	if j := indexFold(src, "author"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return
	}
	src = src[:min(len(src), i+1024)]
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return
	}
	for _, k := range nodes {
		m.walkIn(k, ctx, depth+1)
	}
}

// indexFold returns the index of the lower-case ASCII word sub in s,
// ignoring ASCII case, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if containsFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// isByline reports whether an element names the article's author: a link
// with rel=author, an element with itemprop=author, or one whose class or
// id says byline or author (but not a container of author boxes, which is
// left to its children by the length limit of the caller).
func isByline(n *html.Node, class, itemprop, rel string) bool {
	if n.DataAtom == atom.Meta || n.DataAtom == atom.Link || n.DataAtom == atom.Img {
		return false
	}
	if hasToken(rel, "author") || strings.EqualFold(itemprop, "author") {
		return true
	}
	if len(class) < 6 || !bylineClass(class) {
		return false
	}
	// Author pages, avatars, bios and "more by" lists are not bylines.
	for _, w := range []string{"authority", "avatar", "bio", "image", "img", "photo", "more", "follow", "social", "twitter", "email", "desc"} {
		if containsFold(class, w) {
			return false
		}
	}
	return true
}

// bylineClass reports whether a class or id names a byline or its
// author: "byline" or "author" anywhere in it, or a part of it ("rez_autor",
// "article-auteur") that is the word in another language.
func bylineClass(class string) bool {
	if hasWord(class, "byline", "Byline") || hasWord(class, "author", "Author") {
		return true
	}
	if !containsFold(class, "aut") && !containsFold(class, "verfasser") {
		return false
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(class), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if authorClassWords[part] {
			return true
		}
	}
	return false
}

// authorClassWords are "author" in German, Spanish, Portuguese, Polish,
// Italian and French.
var authorClassWords = map[string]bool{
	"autor": true, "autorin": true, "autores": true, "autora": true, "autore": true, "autrice": true,
	"auteur": true, "auteurs": true, "verfasser": true,
}

// authorPaths are the path segments of author pages in many languages;
// a short link to one is a byline.
var authorPaths = []string{"/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/auteurs/", "/autore/", "/autor-", "/journalist/", "/redakteur/", "/profil/", "/people/", "/staff/"}

// isAuthorLink reports whether n is a link to an author page.
func isAuthorLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	href := strings.ToLower(attr(n, "href"))
	for _, p := range authorPaths {
		if strings.Contains(href, p) {
			return true
		}
	}
	return false
}

func isPubMarked(n *html.Node) bool {
	if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
		return true
	}
	if _, ok := attrOK(n, "pubdate"); ok {
		return true
	}
	c := attr(n, "class")
	if p := n.Parent; p != nil {
		c += " " + attr(p, "class")
	}
	return containsFold(c, "publish") || containsFold(c, "pubdate") || containsFold(c, "posted")
}

func isModMarked(n *html.Node) bool {
	if strings.EqualFold(attr(n, "itemprop"), "dateModified") {
		return true
	}
	c := attr(n, "class")
	if p := n.Parent; p != nil {
		c += " " + attr(p, "class")
	}
	return containsFold(c, "modif") || containsFold(c, "updated")
}

// kickerWords mark the part of a heading set above the headline (a
// kicker, "Dachzeile", "surtitre"), which is not part of the title.
var kickerWords = []string{"kicker", "dachzeile", "overline", "topline", "roofline", "supertitle", "surtitre", "eyebrow", "overhead", "pretitle", "pre-title", "subline", "spitzmarke"}

// headingText is the text of a heading without its kicker: a child element
// whose class names one, when the heading has other text.
func headingText(n *html.Node) string {
	full := shortText(n, maxMetaText)
	if full == "" {
		return ""
	}
	var b strings.Builder
	dropped := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			cls := strings.ToLower(attr(c, "class"))
			kicker := false
			for _, w := range kickerWords {
				kicker = kicker || strings.Contains(cls, w)
			}
			if kicker {
				dropped = true
				b.WriteByte(' ')
				continue
			}
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			b.WriteByte(' ')
			b.WriteString(textOf(c))
			b.WriteByte(' ')
		}
	}
	if t := normalizeSpace(b.String()); dropped && t != "" {
		return t
	}
	return full
}

// shortText is n's text when it has at most max bytes, else "". Large
// elements are refused before their text is laid out.
func shortText(n *html.Node, max int) string {
	if rawTextLen(n, 4*max+64) > 4*max+64 {
		return ""
	}
	if t := normalizeSpace(textOf(n)); len(t) <= max {
		return t
	}
	return ""
}

// rawTextLen counts the bytes of n's text nodes, stopping past limit.
func rawTextLen(n *html.Node, limit int) int {
	total := 0
	var walk func(c *html.Node) bool
	walk = func(c *html.Node) bool {
		if c.Type == html.TextNode {
			total += len(c.Data)
			return total <= limit
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	walk(n)
	return total
}

// inSVG reports whether n lies in an <svg> (whose <title> is not the page's).
func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg || p.DataAtom == atom.Body {
			return p.DataAtom == atom.Svg
		}
	}
	return false
}

// maxJSONLD bounds the size of one JSON-LD script and the number of
// objects kept from a page.
const (
	maxJSONLD        = 1 << 20
	maxJSONLDObjects = 256
)

// addJSONLD decodes one JSON-LD script. Broken JSON is skipped (the values
// decoded before the error are kept); HTML comment and CDATA wrappers and
// raw control characters inside strings are tolerated.
func (m *pageMeta) addJSONLD(src string) {
	if len(src) > maxJSONLD {
		return
	}
	if len(m.ldText) < maxJSONLD {
		m.ldText += src
	}
	src = strings.TrimSpace(src)
	for _, w := range []string{"<!--", "//<![CDATA[", "<![CDATA["} {
		src = strings.TrimPrefix(src, w)
	}
	for _, w := range []string{"-->", "//]]>", "]]>", ";"} {
		src = strings.TrimSuffix(strings.TrimSpace(src), w)
	}
	// Raw newlines and tabs inside JSON strings are invalid but common;
	// outside strings they are white space anyway.
	b := []byte(src)
	for i, c := range b {
		if c < 0x20 {
			b[i] = ' '
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		m.addLD(v, 0)
	}
}

// addLD flattens a decoded JSON-LD value into m.ld.
func (m *pageMeta) addLD(v any, depth int) {
	if depth > 8 || len(m.ld) >= maxJSONLDObjects {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			m.addLD(e, depth+1)
		}
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			m.addLD(g, depth+1)
		}
		if _, ok := v["@type"]; !ok {
			return
		}
		m.ld = append(m.ld, v)
		if id, ok := v["@id"].(string); ok && id != "" {
			if m.ldByID == nil {
				m.ldByID = make(map[string]map[string]any)
			}
			if _, dup := m.ldByID[id]; !dup {
				m.ldByID[id] = v
			}
		}
		// A WebPage's mainEntity is often the article itself.
		if me, ok := v["mainEntity"]; ok {
			m.addLD(me, depth+1)
		}
	}
}

// resolve returns the object an {"@id": …} reference points to, or v.
func (m *pageMeta) resolve(v any) any {
	o, ok := v.(map[string]any)
	if !ok || len(o) != 1 {
		return v
	}
	id, _ := o["@id"].(string)
	if t, ok := m.ldByID[id]; ok {
		return t
	}
	return v
}

// ldTypes returns the @type values of a JSON-LD object.
func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldHasType reports whether o has one of the types (schema.org names,
// compared without case, with or without a "schema:" prefix).
func ldHasType(o map[string]any, types ...string) bool {
	for _, t := range ldTypes(o) {
		if i := strings.LastIndexAny(t, ":/"); i >= 0 {
			t = t[i+1:]
		}
		for _, w := range types {
			if strings.EqualFold(t, w) {
				return true
			}
		}
	}
	return false
}

// articleTypes are the schema.org types of an article.
var articleTypes = []string{
	"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle",
	"SatiricalArticle", "ScholarlyArticle", "TechArticle", "Report", "LiveBlogPosting",
	"SocialMediaPosting", "Review", "Recipe", "VideoObject",
}

// ldArticles returns the page's article objects, then its web page
// objects, which carry the same properties on some sites.
func (m *pageMeta) ldArticles() []map[string]any {
	var arts, pages []map[string]any
	for _, o := range m.ld {
		switch {
		case ldHasType(o, articleTypes...):
			arts = append(arts, o)
		case ldHasType(o, "WebPage", "ItemPage", "AboutPage"):
			pages = append(pages, o)
		}
	}
	return append(arts, pages...)
}

// ldString returns a JSON-LD value as a string: a string, the first
// string of an array, or the @value / name of an object.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return normalizeSpace(v)
	case []any:
		for _, e := range v {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s, ok := v["@value"]; ok {
			return ldString(s)
		}
		if s, ok := v["name"]; ok {
			return ldString(s)
		}
	case float64:
		return ""
	}
	return ""
}

// ldStrings returns all strings of a JSON-LD value (a string, an array of
// strings or of named objects).
func ldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		if s := normalizeSpace(v); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, ldStrings(e)...)
		}
		return out
	case map[string]any:
		if s := ldString(v); s != "" {
			return []string{s}
		}
	}
	return nil
}

// attrOK returns the value of n's attribute key and whether it is present.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasToken reports whether the space-separated list s holds tok (ASCII
// case-insensitive).
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// hasWord reports whether s contains lower or title, the lower-case and
// capitalised forms of a word ("author", "postAuthor", "Author-name");
// faster than containsFold on the class of every element.
func hasWord(s, lower, title string) bool {
	return strings.Contains(s, lower) || strings.Contains(s, title)
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}
