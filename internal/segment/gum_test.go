package segment

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// The GUM checks measure sentence boundaries and tokens against the GUM
// corpus (CoNLL-U) in ../shared/data/ner/gum. They read the data at run
// time and skip when it is absent; no GUM text is kept in the repository.

var gumDir = filepath.Join("..", "..", "..", "shared", "data", "ner", "gum", "dep")

type gumSent struct {
	text  string
	forms []string // the syntactic words, in order (PTB-style tokens)
}

type gumDoc struct {
	name  string
	paras [][]gumSent
}

func loadGUM(tb testing.TB) []gumDoc {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(gumDir, "*.conllu"))
	if len(files) == 0 {
		tb.Skip("GUM data not found in ", gumDir)
	}
	var docs []gumDoc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		d := gumDoc{name: strings.TrimSuffix(filepath.Base(f), ".conllu")}
		var cur *gumSent
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "# newpar" || strings.HasPrefix(line, "# newpar "):
				d.paras = append(d.paras, nil)
			case strings.HasPrefix(line, "# text = "):
				if len(d.paras) == 0 {
					d.paras = append(d.paras, nil)
				}
				p := &d.paras[len(d.paras)-1]
				*p = append(*p, gumSent{text: strings.TrimPrefix(line, "# text = ")})
				cur = &(*p)[len(*p)-1]
			case line == "" || line[0] == '#':
			default:
				cols := strings.SplitN(line, "\t", 3)
				if len(cols) < 2 || strings.ContainsAny(cols[0], "-.") || cur == nil {
					continue
				}
				cur.forms = append(cur.forms, cols[1])
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// gumText lays a document out as article text. With paragraphs, GUM
// paragraphs are separated by a blank line and their sentences by a space;
// without, every sentence of the document is joined by a space into one
// paragraph. It returns the text, the gold sentence ranges and the gold
// token ranges.
func gumText(d gumDoc, paragraphs bool) (string, []article.Range, []article.Range) {
	var b strings.Builder
	var sents, toks []article.Range
	for pi, p := range d.paras {
		if len(p) == 0 {
			continue
		}
		if b.Len() > 0 {
			if paragraphs && pi > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		for si, s := range p {
			if si > 0 {
				b.WriteString(" ")
			}
			start := b.Len()
			b.WriteString(s.text)
			sents = append(sents, article.Range{Start: start, End: b.Len()})
			at := 0
			for _, f := range s.forms {
				k := strings.Index(s.text[at:], f)
				if k < 0 || strings.TrimSpace(s.text[at:at+k]) != "" {
					continue // a form that differs from the surface text
				}
				toks = append(toks, article.Range{Start: start + at + k, End: start + at + k + len(f)})
				at += k + len(f)
			}
		}
	}
	return b.String(), sents, toks
}

// prf counts true positives and the sizes of the predicted and gold sets.
type prf struct{ tp, pred, gold int }

func (c *prf) add(o prf) { c.tp += o.tp; c.pred += o.pred; c.gold += o.gold }

func (c prf) String() string {
	p := float64(c.tp) / float64(max(c.pred, 1))
	r := float64(c.tp) / float64(max(c.gold, 1))
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (gold %d)", p, r, c.f1(), c.gold)
}

func (c prf) f1() float64 {
	if c.pred+c.gold == 0 {
		return 1
	}
	return 2 * float64(c.tp) / float64(c.pred+c.gold)
}

// boundaries counts sentence boundaries: the starts of sentences that do
// not start a paragraph (those are given, not found).
func boundaries(pred, gold, paras []article.Range) prf {
	paraStart := make(map[int]bool, len(paras))
	for _, p := range paras {
		paraStart[p.Start] = true
	}
	set := func(rs []article.Range) map[int]bool {
		m := make(map[int]bool, len(rs))
		for _, r := range rs {
			if !paraStart[r.Start] {
				m[r.Start] = true
			}
		}
		return m
	}
	ps, gs := set(pred), set(gold)
	c := prf{pred: len(ps), gold: len(gs)}
	for s := range ps {
		if gs[s] {
			c.tp++
		}
	}
	return c
}

func spansMatch(pred []article.Token, gold []article.Range) prf {
	g := make(map[article.Range]bool, len(gold))
	for _, r := range gold {
		g[r] = true
	}
	c := prf{pred: len(pred), gold: len(gold)}
	for _, t := range pred {
		if g[article.Range{Start: t.Start, End: t.End}] {
			c.tp++
		}
	}
	return c
}

func genre(doc string) string {
	parts := strings.SplitN(doc, "_", 3)
	if len(parts) < 2 {
		return doc
	}
	return parts[1]
}

// TestGUMSentenceBoundaries measures sentence-boundary F1 against GUM, with
// the document laid out in paragraphs and as one run-on paragraph.
func TestGUMSentenceBoundaries(t *testing.T) {
	docs := loadGUM(t)
	for _, mode := range []struct {
		name  string
		paras bool
		floor float64
	}{{"paragraphs", true, 0.95}, {"joined", false, 0.90}} {
		byGenre := map[string]*prf{}
		var all prf
		for _, d := range docs {
			text, gold, _ := gumText(d, mode.paras)
			paras, sents, _ := Segment(text)
			c := boundaries(sents, gold, paras)
			if byGenre[genre(d.name)] == nil {
				byGenre[genre(d.name)] = &prf{}
			}
			byGenre[genre(d.name)].add(c)
			all.add(c)
			if os.Getenv("SEGMENT_GUM_ERRORS") != "" {
				logBoundaryErrors(t, d.name, text, sents, gold, paras)
			}
		}
		var names []string
		for g := range byGenre {
			names = append(names, g)
		}
		sort.Strings(names)
		for _, g := range names {
			t.Logf("%s %-10s %v", mode.name, g, *byGenre[g])
		}
		t.Logf("%s %-10s %v", mode.name, "ALL", all)
		if all.f1() < mode.floor {
			t.Errorf("%s: sentence-boundary F1 %.3f below %.2f", mode.name, all.f1(), mode.floor)
		}
	}
}

func logBoundaryErrors(t *testing.T, doc, text string, pred, gold, paras []article.Range) {
	ps, gs := map[int]bool{}, map[int]bool{}
	for _, r := range pred {
		ps[r.Start] = true
	}
	for _, r := range gold {
		gs[r.Start] = true
	}
	show := func(kind string, at int) {
		a, b := max(at-40, 0), min(at+30, len(text))
		t.Logf("%s %s: %q | %q", doc, kind, text[a:at], text[at:b])
	}
	for _, r := range pred {
		if !gs[r.Start] {
			show("extra", r.Start)
		}
	}
	for _, r := range gold {
		if !ps[r.Start] {
			show("missed", r.Start)
		}
	}
}

// TestGUMTokens measures token-span agreement with GUM's PTB-style words.
func TestGUMTokens(t *testing.T) {
	docs := loadGUM(t)
	var all prf
	for _, d := range docs {
		text, _, gold := gumText(d, true)
		all.add(spansMatch(Tokenize(text), gold))
	}
	t.Logf("tokens %v", all)
	if all.f1() < 0.98 {
		t.Errorf("token F1 %.3f below 0.98", all.f1())
	}
}

func TestGUMTokenErrors(t *testing.T) {
	if os.Getenv("SEGMENT_GUM_ERRORS") == "" {
		t.Skip("set SEGMENT_GUM_ERRORS=1 to list token disagreements")
	}
	counts := map[string]int{}
	for _, d := range loadGUM(t) {
		text, _, gold := gumText(d, true)
		g := map[article.Range]bool{}
		for _, r := range gold {
			g[r] = true
		}
		for _, tk := range Tokenize(text) {
			if !g[article.Range{Start: tk.Start, End: tk.End}] {
				counts["pred "+text[tk.Start:tk.End]]++
			}
		}
		p := map[article.Range]bool{}
		for _, tk := range Tokenize(text) {
			p[article.Range{Start: tk.Start, End: tk.End}] = true
		}
		for _, r := range gold {
			if !p[r] {
				counts["gold "+text[r.Start:r.End]]++
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range counts {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for i := 0; i < len(l) && i < 120; i++ {
		t.Logf("%4d %q", l[i].v, l[i].k)
	}
}
