package htmlpage

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsgraph/newsgraph/internal/entity"
)

// maxTextBylines bounds the bylines found by their words.
const maxTextBylines = 4

// byVerbs may come before a by-word ("Posted by", "Geschrieben von");
// byPreps are the by-words of the languages of rxByPrefix. Captions'
// "Photo by" and "Edited by" are not bylines: only a verb of writing or
// posting may come first.
var (
	byVerbs = []string{"posted", "written", "published", "geschrieben", "verfasst", "veröffentlicht", "erstellt",
		"eingestellt", "publié", "publiée", "écrit", "écrite", "publicado", "publicada", "escrito", "escrita",
		"scritto", "scritta", "pubblicato", "pubblicata", "geplaatst", "geschreven", "gepubliceerd", "skrevet",
		"skrivet", "publicerad", "napisane", "opublikowano"}
	byPreps = []string{"by", "von", "par", "por", "door", "av", "af", "di", "przez"}
)

// rxTextByline matches the words that introduce a byline in the text of
// a page: "By", "Posted by", "Von", "Geschrieben von", "Par", "Publié
// par", "Por", "Escrito por", "Door", "Av", "Di", "Przez" …
var rxTextByline = regexp.MustCompile(`(?i)^(?:(?:` + strings.Join(byVerbs, "|") + `)\s+)?(?:` +
	strings.Join(byPreps, "|") + `)(?:\s*:)?(?:\s+|$)`)

// byWords are the words a byline's text may start with, checked before
// rxTextByline runs on a text.
var byWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range append(append([]string(nil), byVerbs...), byPreps...) {
		m[w] = true
	}
	return m
}()

// firstWord returns the first run of letters of s after white space and
// separators.
func firstWord(s string) string {
	start := strings.IndexFunc(s, unicode.IsLetter)
	if start < 0 || start > 8 {
		return ""
	}
	end := strings.IndexFunc(s[start:], func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s[start:]
	}
	return s[start : start+end]
}

// maxTextByline bounds the text of a byline found by its words.
const maxTextByline = 120

// textByline returns the byline a text node starts, or "": the node's
// text must begin with a by-word and be the first text of its element
// (not "a title by someone" in a list of links), and the name may follow
// in the next elements ("By <a>Jane Doe</a>", "<span>By</span>
// <span>Jane Doe</span>"). The caller checks that it names someone.
func textByline(n *html.Node) string {
	if len(n.Data) > 4*maxTextByline || !byWords[strings.ToLower(firstWord(n.Data))] {
		return ""
	}
	s := strings.TrimLeft(normalizeSpace(n.Data), "|•·-–—/ ")
	if s == "" || len(s) > maxTextByline {
		return ""
	}
	loc := rxTextByline.FindStringIndex(s)
	if loc == nil || !firstText(n) {
		return ""
	}
	if strings.TrimSpace(s[loc[1]:]) != "" {
		// "Posted by Jane Doe under <a>Category</a>": the name is here.
		return s
	}
	var b strings.Builder
	b.WriteString(s)
	// The name, when not in this text, is in the next siblings, or in
	// those of the parent when this text is its last ("<span>By</span>
	// <span>Jane Doe</span>").
	for c, up := n, 0; c != nil && b.Len() < maxTextByline; {
		sib := c.NextSibling
		if sib == nil {
			if up > 0 || b.Len() > len(s) || c.Parent == nil {
				break
			}
			c, up = c.Parent, up+1
			continue
		}
		c = sib
		switch {
		case sib.Type == html.TextNode:
			if b.Len()+len(sib.Data) > maxTextByline {
				c = nil
				break
			}
			b.WriteString(sib.Data)
		case sib.Type == html.ElementNode && !skipAtoms[sib.DataAtom] && sib.DataAtom != atom.Br:
			t := shortText(sib, 60)
			if t == "" || b.Len()+len(t) >= maxTextByline {
				c = nil
				break
			}
			b.WriteByte(' ')
			b.WriteString(t)
		case sib.DataAtom == atom.Br:
			c = nil
		}
	}
	t := normalizeSpace(b.String())
	if len(t) > maxTextByline {
		return ""
	}
	return t
}

// firstText reports whether n starts a line: no text with letters comes
// before it in its parent element since the last block element.
func firstText(n *html.Node) bool {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && blockAtoms[c.DataAtom] {
			return true
		}
		if hasLetter(textOf(c)) {
			return false
		}
	}
	return true
}

// asideWords mark the class or id of a page's navigation, sidebars,
// widgets, related-article lists and footers.
var asideWords = []string{"sidebar", "widget", "related", "footer", "teaser", "recommend", "navigation", "menu"}

// isAside reports whether an element holds the page's navigation,
// sidebars or footer rather than its article.
func isAside(n *html.Node, class, id string) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Form:
		return true
	case atom.Html, atom.Body, atom.Main, atom.Article:
		// Themes list their layout's parts in the body's classes.
		return false
	}
	if class == "" && id == "" {
		return false
	}
	ci := class + " " + id
	for _, w := range asideWords {
		if containsFold(ci, w) {
			return true
		}
	}
	return false
}

// firstNames tells how common a first name is, from internal/entity's
// table of US Social Security first names (which holds names of many
// origins); loaded on first use.
var firstNames = sync.OnceValue(func() *entity.NameTable {
	t, err := entity.NewNameTable(0, 0)
	if err != nil {
		return nil // the embedded table is checked by entity's tests
	}
	return t
})

// How common a first name must be to sign an article: alone on the last
// line with a surname (a rarer word may be a capitalised noun: "Mehr
// Informationen"), or before a last line with a date or a role.
const (
	minSignOffBirths     = 1000
	minSignOffLineBirths = 100
)

// signOff returns the writer who signs the article at its end: a last
// paragraph that is a name (two to four capitalised words starting with a
// common first name: "Stefan Wasmer"), or a name followed by a last line
// that is a date or a role ("Benni" / "10. September 2017", "Jane Doe" /
// "Chairwoman").
func signOff(paras []string) []string {
	n := len(paras)
	if n < 2 {
		return nil
	}
	try := func(p string, alone bool) []string {
		words := strings.Fields(p)
		if len(p) > 40 || len(words) > 4 || alone && len(words) < 2 || strings.ContainsAny(p, ".!?:;,0123456789\"“”„«»") {
			return nil
		}
		if !isNameLike(p) {
			return nil
		}
		min := minSignOffLineBirths
		if alone {
			min = minSignOffBirths
		}
		if firstNames().Births(words[0]) < min {
			return nil
		}
		return []string{p}
	}
	if s := try(paras[n-1], true); s != nil {
		return s
	}
	last := paras[n-1]
	if len(last) <= 40 && len(strings.Fields(last)) <= 3 {
		return try(paras[n-2], false)
	}
	return nil
}

// rxDateline matches a dateline that names the news agency at the start
// of an article: "Hamburg (dpa/lno) – ", "PARIS (AFP) - ", "(epd) ".
var rxDateline = regexp.MustCompile(`^(?:\p{Lu}[\p{L}./ -]{0,40}?\s?)?\(([\p{L}][\p{L}/.&-]{1,11})\)\s*[-–—:]?\s`)

// datelineAgency returns the agency a dateline at the start of the text
// names: a code in lower or upper case ("dpa", "AFP", "dpa/lno"), or a
// wire agency's name ("Reuters"), not a capitalised word ("(Germany)").
func datelineAgency(paras []string) []string {
	if len(paras) == 0 {
		return nil
	}
	m := rxDateline.FindStringSubmatch(paras[0])
	if m == nil {
		return nil
	}
	a := m[1]
	if strings.Contains(a, "/") || strings.ToLower(a) == a || strings.ToUpper(a) == a || wireNames[strings.ToLower(a)] {
		return []string{a}
	}
	return nil
}
