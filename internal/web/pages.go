package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/query"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// funcs are the template helpers. None of them returns template.HTML:
// everything they produce is escaped by the template.
var funcs = template.FuncMap{
	"date": func(t *time.Time) string {
		if t == nil {
			return "undated"
		}
		// The day in the time's own zone: the article page passes the
		// record's date as the page gave it; the store's times are UTC.
		return t.Format("2006-01-02")
	},
	"path": url.PathEscape,
	"pct":  func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"pct1": func(f float64) string { return fmt.Sprintf("%.0f%%", f) },
	"add":  func(a, b int) int { return a + b },
	// refine is the query q narrowed by one field value.
	"refine": func(q string, field string, value string) string {
		return refine(q, &query.Term{Field: query.Field(field), Value: value, Phrase: true})
	},
	"refineMonth": func(q, month string) string {
		return refine(q, &query.Range{Field: query.Published, From: month, To: month, IncFrom: true, IncTo: true})
	},
	"webURL": webURL,
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// refine ANDs a term to a query; a query that does not parse is replaced.
func refine(q string, t query.Node) string {
	n, err := query.Parse(q)
	if err != nil || n == nil {
		return t.String()
	}
	return (&query.And{Children: []query.Node{n, t}}).String()
}

// webURL is u when it is an http(s) URL, else "" (no link is made).
func webURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// render executes a page template into a buffer first, so a template
// error becomes an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}

// Snippet markers: private-use characters, replaced by elements after the
// snippet is split, never by string substitution into HTML.
const markOpen, markClose = "\ue000", "\ue001"

// SnipPart is a piece of a snippet; Hit says it matched the query.
type SnipPart struct {
	Text string
	Hit  bool
}

func splitSnippet(s string) []SnipPart {
	var out []SnipPart
	for s != "" {
		i := strings.Index(s, markOpen)
		if i < 0 {
			out = append(out, SnipPart{Text: s})
			break
		}
		if i > 0 {
			out = append(out, SnipPart{Text: s[:i]})
		}
		s = s[i+len(markOpen):]
		j := strings.Index(s, markClose)
		if j < 0 {
			out = append(out, SnipPart{Text: s, Hit: true})
			break
		}
		out = append(out, SnipPart{Text: s[:j], Hit: true})
		s = s[j+len(markClose):]
	}
	return out
}

type searchHit struct {
	store.Hit
	Parts []SnipPart
}

type searchPage struct {
	Title     string
	Query     string
	Error     string
	Result    *store.SearchResult
	Hits      []searchHit
	Facets    *Facets
	DateChart *Chart
	Prev      int
	Next      int
	HasPrev   bool
	HasNext   bool
}

const pageSize = 20

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	offset, err := intParam(r, "offset", 0, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := searchPage{Title: "newsgraph", Query: q}
	if q != "" {
		p.Title = q + " — newsgraph"
	}
	res, err := s.search(r.Context(), store.SearchOptions{Filter: store.Filter{Query: q}, Limit: pageSize, Offset: offset,
		MarkOpen: markOpen, MarkClose: markClose, Facets: true})
	if status(err) == http.StatusBadRequest {
		// Show the page again with the message next to the box.
		w.WriteHeader(http.StatusBadRequest)
		p.Error = err.Error()
		s.render(w, r, "search.html", p)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Result = res
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, searchHit{Hit: h, Parts: splitSnippet(h.Snippet)})
	}
	p.Facets = res.Facets
	p.DateChart = timeChart(p.Facets.Date, "articles")
	p.HasPrev, p.Prev = offset > 0, max(0, offset-pageSize)
	p.HasNext, p.Next = offset+len(res.Hits) < res.Total || res.TotalCapped, offset+pageSize
	s.render(w, r, "search.html", p)
}

// Speaker colours: quotes of the n-th speaker of an article get class
// sp(n mod speakerColours); speakers that are not named get spx.
const speakerColours = 10

// SpeakerEntry is one line of the "who is quoted" list.
type SpeakerEntry struct {
	Name, Kind, Class string
	Quotes            int
	Person            bool
}

type articlePage struct {
	Title    string
	Query    string
	A        *StoredArticle
	Nodes    []*Node
	Speakers []SpeakerEntry
	Entities []article.EntityCount
	Original *ClusterMember
	Diff     []DiffOp
	Copies   []ClusterMember
	WebURL   string
	// Techniques is the legend: each technique the article uses, with
	// its count and definition.
	Techniques []TechniqueEntry
}

// TechniqueEntry is one technique of the article view's legend.
type TechniqueEntry struct {
	Index      int
	Label      string
	Name       string
	Definition string
	Count      int
}

// techniqueLegend lists the techniques a uses, in PTC order.
func techniqueLegend(a *article.Article) []TechniqueEntry {
	counts := make([]int, technique.NumTechniques)
	for _, t := range a.Techniques {
		if i := technique.Index(t.Technique); i >= 0 {
			counts[i]++
		}
	}
	var out []TechniqueEntry
	for i, l := range technique.Names() {
		if counts[i] > 0 {
			out = append(out, TechniqueEntry{Index: i, Label: l, Name: strings.ReplaceAll(l, "_", " "), Definition: technique.Definition(l), Count: counts[i]})
		}
	}
	return out
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.st.Article(r.Context(), id)
	if err == nil {
		err = hidePaths(a)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := articlePage{Title: a.Title, A: a, WebURL: webURL(a.URL)}
	if p.Title == "" {
		p.Title = fmt.Sprintf("Article %d", a.ID)
	}
	p.Nodes, p.Speakers = articleNodes(&a.Article)
	p.Techniques = techniqueLegend(&a.Article)
	p.Entities = a.Article.EntitySummary
	if len(a.Cluster) > 1 {
		for i, m := range a.Cluster {
			if m.Original && m.ID != a.ID {
				p.Original = &a.Cluster[i]
			} else if m.ID != a.ID {
				p.Copies = append(p.Copies, m)
			}
		}
		if p.Original != nil {
			orig, err := s.st.ArticleText(r.Context(), p.Original.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			p.Diff = wordDiff(orig, a.Article.Text)
		}
	}
	s.render(w, r, "article.html", p)
}

// articleNodes builds the highlighted text of an article and its list of
// speakers, each with its colour class.
func articleNodes(a *article.Article) ([]*Node, []SpeakerEntry) {
	var spans []hlSpan
	// Paragraphs, in order and not overlapping (a <p> cannot hold a <p>).
	paras := slices.Clone(a.Paragraphs)
	slices.SortFunc(paras, func(x, y article.Range) int { return x.Start - y.Start })
	end := 0
	for _, p := range paras {
		if p.Start >= end && p.End > p.Start {
			spans = append(spans, hlSpan{Start: p.Start, End: p.End, Layer: layerParagraph, Tag: "p"})
			end = p.End
		}
	}
	if len(spans) == 0 {
		spans = append(spans, hlSpan{Start: 0, End: len(a.Text), Layer: layerParagraph, Tag: "p"})
	}
	var speakers []SpeakerEntry
	index := map[string]int{}
	for _, q := range a.Quotes {
		name := q.Speaker.Name
		named := name != "" && (q.Speaker.Kind == article.SpeakerPerson || q.Speaker.Kind == article.SpeakerOrganization)
		key := string(q.Speaker.Kind) + "\x00" + name
		i, ok := index[key]
		if !ok {
			class := "spx"
			if named {
				n := 0
				for _, e := range speakers {
					if e.Class != "spx" {
						n++
					}
				}
				class = fmt.Sprintf("sp%d", n%speakerColours)
			}
			if name == "" {
				name = "unknown speaker"
			}
			i = len(speakers)
			index[key] = i
			speakers = append(speakers, SpeakerEntry{Name: name, Kind: string(q.Speaker.Kind), Class: class,
				Person: q.Speaker.Kind == article.SpeakerPerson && q.Speaker.Name != ""})
		}
		speakers[i].Quotes++
		sp := speakers[i]
		spans = append(spans, hlSpan{Start: q.Content.Start, End: q.Content.End, Layer: layerQuote, Tag: "mark",
			Class: "q " + sp.Class, Title: sp.Name + " (" + string(q.Kind) + " quote)"})
		if m := q.Speaker.Mention; m != nil {
			spans = append(spans, hlSpan{Start: m.Start, End: m.End, Layer: layerMention, Tag: "span",
				Class: "who " + sp.Class, Title: "speaker: " + sp.Name})
		}
		if c := q.Cue; c != nil {
			spans = append(spans, hlSpan{Start: c.Start, End: c.End, Layer: layerMention, Tag: "span",
				Class: "cue", Title: "cue of a quote by " + sp.Name})
		}
	}
	for _, t := range a.Techniques {
		i := technique.Index(t.Technique)
		if i < 0 {
			continue
		}
		title := fmt.Sprintf("%s (%.0f%%): %s", strings.ReplaceAll(t.Technique, "_", " "), 100*t.Score, technique.Definition(t.Technique))
		if t.InQuote {
			title += " (inside a quotation: the speaker's)"
		}
		spans = append(spans, hlSpan{Start: t.Start, End: t.End, Layer: layerTechnique, Tag: "span",
			Class: fmt.Sprintf("tq tq%d", i), Title: title})
	}
	for _, e := range a.Entities {
		spans = append(spans, hlSpan{Start: e.Start, End: e.End, Layer: layerEntity, Tag: "span",
			Class: "ent ent-" + strings.ToLower(string(e.Type)), Title: string(e.Type) + ": " + e.Name})
	}
	return highlight(a.Text, spans), speakers
}

type personPage struct {
	Title    string
	Query    string
	Name     string
	Gender   string
	Quotes   []store.QuoteHit
	Total    int
	Shown    int
	Chart    *Chart
	Outlets  []Count
	Articles *store.SearchResult
}

// TechniqueRow is one technique of an outlet's profile: its rate per
// 1,000 words and share of articles, beside the corpus's.
type TechniqueRow struct {
	Name, Definition           string
	Share, Per1000             float64
	CorpusShare, CorpusPer1000 float64
	// Bar and CorpusBar are widths in percent of the largest rate shown.
	Bar, CorpusBar float64
}

// techniqueRows lines an outlet's techniques up with the corpus's.
func techniqueRows(outlet, all []store.TechniqueCount) []TechniqueRow {
	byName := map[string]store.TechniqueCount{}
	for _, t := range all {
		byName[t.Technique] = t
	}
	var rows []TechniqueRow
	top := 0.0
	for _, t := range outlet {
		c := byName[t.Technique]
		rows = append(rows, TechniqueRow{Name: strings.ReplaceAll(t.Technique, "_", " "), Definition: technique.Definition(t.Technique),
			Share: t.Share, Per1000: t.Per1000Words, CorpusShare: c.Share, CorpusPer1000: c.Per1000Words})
		top = max(top, t.Per1000Words, c.Per1000Words)
	}
	for i := range rows {
		if top > 0 {
			rows[i].Bar = 100 * rows[i].Per1000 / top
			rows[i].CorpusBar = 100 * rows[i].CorpusPer1000 / top
		}
	}
	return rows
}

// personQuotesShown is the most quotes a person page lists (the chart
// and the outlet counts cover all of them).
const personQuotesShown = 300

func (s *Server) pagePerson(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	p := personPage{Title: name, Name: name}
	byDay := map[string]int{}
	byOutlet := map[string]int{}
	err := s.st.Quotes(r.Context(), store.QuoteOptions{Speaker: name}, func(h store.QuoteHit) error {
		p.Total++
		if p.Gender == "" || p.Gender == "unknown" {
			p.Gender = h.Gender
		}
		if h.Published != nil {
			byDay[h.Published.UTC().Format("2006-01-02")]++
		}
		o := h.Outlet
		if o == "" {
			o = "(no outlet)"
		}
		byOutlet[o]++
		if len(p.Quotes) < personQuotesShown {
			p.Quotes = append(p.Quotes, h)
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Total == 0 || name == "" {
		s.fail(w, r, fmt.Errorf("no quotes of %q: %w", name, ErrNotFound))
		return
	}
	p.Shown = len(p.Quotes)
	p.Chart = timeChart(sortedCounts(byDay, false), "quotes")
	p.Outlets = sortedCounts(byOutlet, true)
	p.Articles, err = s.st.Search(r.Context(), store.SearchOptions{
		Filter: store.Filter{Query: (&query.Term{Field: query.Person, Value: name, Phrase: true}).String()}, Limit: 10, NoTotal: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "person.html", p)
}

// sortedCounts turns a map into a list, by count (most first) or by value.
func sortedCounts(m map[string]int, byCount bool) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Value: k, Count: v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if byCount && a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

type outletPage struct {
	Title    string
	Name     string
	Query    string
	Stats    *store.Stats
	Chart    *Chart
	People   *GenderBar
	Quotes   *GenderBar
	Articles *store.SearchResult
	// Techniques is the outlet's technique profile beside the corpus's.
	Techniques []TechniqueRow
	// Trend is its most used techniques month by month.
	Trend *TechniqueTrend
}

func (s *Server) pageOutlet(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	ok, err := s.st.OutletExists(r.Context(), name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok || name == "" {
		s.fail(w, r, fmt.Errorf("outlet %q: %w", name, ErrNotFound))
		return
	}
	q := (&query.Term{Field: query.Outlet, Value: name, Phrase: true}).String()
	p := outletPage{Title: name, Name: name, Query: q}
	if p.Stats, err = s.st.Stats(r.Context(), store.StatsOptions{Filter: store.Filter{Query: q}, By: store.Day, Top: 15, Outlets: 1}); err != nil {
		s.fail(w, r, err)
		return
	}
	var days []Count
	for _, pc := range p.Stats.Over {
		days = append(days, Count{Value: pc.Period, Count: pc.Count})
	}
	p.Chart = timeChart(days, "articles")
	all, err := s.st.Techniques(r.Context(), store.Filter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Techniques = techniqueRows(p.Stats.Techniques, all)
	months, byMonth, err := s.st.TechniqueTrend(r.Context(), store.Filter{Query: q}, store.Month)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Trend = techniqueTrend(p.Stats.Techniques, months, byMonth)
	g := p.Stats.Gender
	p.People = genderBar(g.People.Female, g.People.Male, g.People.Unknown)
	p.Quotes = genderBar(g.Quotes.Female, g.Quotes.Male, g.Quotes.Unknown)
	if p.Articles, err = s.st.Search(r.Context(), store.SearchOptions{Filter: store.Filter{Query: q}, Limit: 10, NoTotal: true}); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "outlet.html", p)
}
