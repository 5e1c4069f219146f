package corpusgen

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Options configures Generate. The zero value makes 1,000 pages.
type Options struct {
	// Pages is how many pages to generate, copies included. Zero means 1000.
	Pages int
	// Seed makes the corpus reproducible.
	Seed uint64
	// CopyRate is the probability that a story is planted again as one to
	// three copies. Zero means 0.15.
	CopyRate float64
	// EditRate is the share of copies that are edited rather than
	// syndicated verbatim. Zero means 0.5.
	EditRate float64
	// SharedParagraphRate is the probability that a new story reuses one
	// paragraph of an earlier one (a hard negative). Zero means 0.05.
	SharedParagraphRate float64
}

func (o Options) applyDefaults() Options {
	if o.Pages <= 0 {
		o.Pages = 1000
	}
	if o.CopyRate <= 0 {
		o.CopyRate = 0.15
	}
	if o.EditRate <= 0 {
		o.EditRate = 0.5
	}
	if o.SharedParagraphRate <= 0 {
		o.SharedParagraphRate = 0.05
	}
	return o
}

// Page kinds.
const (
	KindOriginal   = "original"
	KindSyndicated = "syndicated"
	KindEdited     = "edited"
)

// Page is one generated page.
type Page struct {
	URL       string
	Published time.Time
	HTML      []byte
	// Story identifies the planted story: copies share their original's.
	Story int
	Kind  string
}

type story struct {
	id     int
	title  string
	paras  [][]string // paragraphs of sentences
	date   time.Time
	outlet int
}

type gen struct {
	r       *rand.Rand
	vocab   []string
	zipf    *rand.Zipf
	names   []string
	outlets []string
}

var syllables = strings.Fields("ka lo mi ne ra tu se vo da pi gre stan mor fel cor bri tan sel ven dor la ri no ta me lu ba ko si pe gal ter vin hal mas dun")

func newGen(seed uint64) *gen {
	r := rand.New(rand.NewPCG(seed, 0x636f72707573))
	g := &gen{r: r}
	seen := map[string]bool{}
	for len(g.vocab) < 8000 {
		n := 1 + r.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	g.zipf = rand.NewZipf(r, 1.07, 2, uint64(len(g.vocab)-1))
	for range 400 {
		g.names = append(g.names, capital(g.word())+" "+capital(g.vocab[r.IntN(len(g.vocab))]))
	}
	for i := range 60 {
		g.outlets = append(g.outlets, fmt.Sprintf("%s%s-%d", g.vocab[r.IntN(500)], g.vocab[r.IntN(500)], i))
	}
	return g
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (g *gen) word() string { return g.vocab[g.zipf.Uint64()] }

func (g *gen) sentence() string {
	n := 8 + g.r.IntN(14)
	w := make([]string, n)
	for i := range w {
		w[i] = g.word()
	}
	s := capital(strings.Join(w, " ")) + "."
	if g.r.IntN(6) == 0 {
		s = "“" + strings.TrimSuffix(s, ".") + ",” said " + g.names[g.r.IntN(len(g.names))] + "."
	}
	return s
}

func (g *gen) paragraph() []string {
	p := make([]string, 2+g.r.IntN(4))
	for i := range p {
		p[i] = g.sentence()
	}
	return p
}

func (g *gen) title() string {
	w := make([]string, 5+g.r.IntN(6))
	for i := range w {
		w[i] = g.word()
	}
	return capital(strings.Join(w, " "))
}

// Generate makes the corpus and calls emit for each page, in publication
// order within each story (an original before its copies). It stops at the
// first error from emit.
func Generate(opts Options, emit func(Page) error) error {
	opts = opts.applyDefaults()
	g := newGen(opts.Seed)
	base := time.Date(2024, 3, 1, 6, 0, 0, 0, time.UTC)
	var recent []*story // earlier stories, for shared paragraphs
	pending := []Page{} // copies waiting to be emitted
	n, storyID := 0, 0
	for n < opts.Pages {
		if len(pending) > 0 && (g.r.IntN(3) == 0 || n+len(pending) >= opts.Pages) {
			if err := emit(pending[0]); err != nil {
				return err
			}
			pending = pending[1:]
			n++
			continue
		}
		storyID++
		st := &story{id: storyID, title: g.title(), outlet: g.r.IntN(len(g.outlets)),
			date: base.Add(time.Duration(storyID) * 7 * time.Minute)}
		for range 4 + g.r.IntN(6) {
			st.paras = append(st.paras, g.paragraph())
		}
		if len(recent) > 0 && g.r.Float64() < opts.SharedParagraphRate {
			other := recent[g.r.IntN(len(recent))]
			st.paras[g.r.IntN(len(st.paras))] = other.paras[g.r.IntN(len(other.paras))]
		}
		recent = append(recent, st)
		if len(recent) > 200 {
			recent = recent[1:]
		}
		if err := emit(g.page(st, st.outlet, st.title, st.paras, st.date, KindOriginal, 0)); err != nil {
			return err
		}
		n++
		if g.r.Float64() < opts.CopyRate {
			for c := range 1 + g.r.IntN(3) {
				outlet := (st.outlet + 1 + g.r.IntN(len(g.outlets)-1)) % len(g.outlets)
				date := st.date.Add(time.Duration(1+g.r.IntN(48)) * time.Hour)
				if g.r.Float64() < opts.EditRate {
					title, paras := g.edit(st)
					pending = append(pending, g.page(st, outlet, title, paras, date, KindEdited, c+1))
				} else {
					pending = append(pending, g.page(st, outlet, st.title, st.paras, date, KindSyndicated, c+1))
				}
			}
		}
	}
	return nil
}

// edit returns a lightly edited copy of a story: a new headline, about 3%
// of words replaced, maybe one sentence dropped and one added.
func (g *gen) edit(st *story) (string, [][]string) {
	paras := make([][]string, len(st.paras))
	for i, p := range st.paras {
		q := make([]string, len(p))
		for j, s := range p {
			words := strings.Fields(s)
			for k := range words {
				if g.r.IntN(33) == 0 {
					words[k] = g.word()
				}
			}
			q[j] = strings.Join(words, " ")
		}
		paras[i] = q
	}
	if g.r.IntN(2) == 0 {
		i := g.r.IntN(len(paras))
		if len(paras[i]) > 1 {
			j := g.r.IntN(len(paras[i]))
			paras[i] = append(paras[i][:j:j], paras[i][j+1:]...)
		}
	}
	if g.r.IntN(2) == 0 {
		paras = append(paras, []string{g.sentence()})
	}
	return g.title(), paras
}

func (g *gen) page(st *story, outlet int, title string, paras [][]string, date time.Time, kind string, copyN int) Page {
	host := g.outlets[outlet] + ".example"
	url := fmt.Sprintf("https://%s/news/%d-%d/%s", host, st.id, copyN, strings.ReplaceAll(strings.ToLower(title), " ", "-"))
	var b strings.Builder
	site := capital(g.outlets[outlet])
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%s | %s</title>\n", html.EscapeString(title), site)
	fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"%s\">\n<meta property=\"og:title\" content=\"%s\">\n", site, html.EscapeString(title))
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n<link rel=\"canonical\" href=\"%s\">\n</head><body>\n", date.Format(time.RFC3339), url)
	fmt.Fprintf(&b, "<header><nav><a href=\"/\">%s</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav></header>\n", site)
	fmt.Fprintf(&b, "<main><article><h1>%s</h1>\n<p class=\"byline\">By %s</p>\n<time datetime=\"%s\">%s</time>\n", html.EscapeString(title), g.names[(st.id+outlet)%len(g.names)], date.Format(time.RFC3339), date.Format("2 January 2006"))
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(strings.Join(p, " ")))
	}
	b.WriteString("</article>\n<aside><h2>Related</h2><ul>")
	for range 3 {
		fmt.Fprintf(&b, "<li><a href=\"/news/%d\">%s</a></li>", g.r.IntN(1000000), html.EscapeString(g.title()))
	}
	fmt.Fprintf(&b, "</ul></aside></main>\n<footer><p>© %d %s. All rights reserved.</p></footer>\n</body></html>\n", date.Year(), site)
	return Page{URL: url, Published: date, HTML: []byte(b.String()), Story: st.id, Kind: kind}
}

// WriteWARC generates a corpus into a WARC.gz stream and its truth (one
// line per page: URL, tab, story id, tab, kind) into truth (if not nil).
// It returns the number of pages.
func WriteWARC(w, truth io.Writer, opts Options) (int, error) {
	ww := NewWARCWriter(w)
	var tw *bufio.Writer
	if truth != nil {
		tw = bufio.NewWriter(truth)
		defer tw.Flush()
	}
	n := 0
	err := Generate(opts, func(p Page) error {
		if _, err := ww.Response(p.URL, p.Published.Add(72*time.Hour), "text/html; charset=utf-8", p.HTML); err != nil {
			return err
		}
		if tw != nil {
			fmt.Fprintf(tw, "%s\t%d\t%s\n", p.URL, p.Story, p.Kind)
		}
		n++
		return nil
	})
	return n, err
}

// ReadTruth reads a truth file written by WriteWARC: URL → story.
func ReadTruth(r io.Reader) (map[string]int, error) {
	out := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		var id int
		if _, err := fmt.Sscan(f[1], &id); err != nil {
			return nil, fmt.Errorf("corpusgen: truth line %q: %w", sc.Text(), err)
		}
		out[f[0]] = id
	}
	return out, sc.Err()
}

// Score compares a clustering (URL → cluster id) with the truth (URL →
// story) over the URLs in both, by pairs. With no predicted pairs,
// precision is 1; with no true pairs, recall is 1.
func Score(truth map[string]int, clusters map[string]int64) (precision, recall float64, predictedPairs, truePairs int) {
	type key struct {
		c int64
		s int
	}
	byCluster := map[int64]int{}
	byStory := map[int]int{}
	both := map[key]int{}
	for u, s := range truth {
		c, ok := clusters[u]
		if !ok {
			continue
		}
		byCluster[c]++
		byStory[s]++
		both[key{c, s}]++
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	tp := 0
	for _, n := range both {
		tp += pairs(n)
	}
	for _, n := range byCluster {
		predictedPairs += pairs(n)
	}
	for _, n := range byStory {
		truePairs += pairs(n)
	}
	precision, recall = 1, 1
	if predictedPairs > 0 {
		precision = float64(tp) / float64(predictedPairs)
	}
	if truePairs > 0 {
		recall = float64(tp) / float64(truePairs)
	}
	return precision, recall, predictedPairs, truePairs
}
