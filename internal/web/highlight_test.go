package web

import (
	"html/template"
	"io"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/newsgraph/newsgraph/internal/store"
)

var nodesTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
})

// renderNodes renders highlighted nodes with the page templates' "nodes"
// template.
func renderNodes(t testing.TB, nodes []*Node) string {
	t.Helper()
	tmpl := nodesTemplate()
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "nodes", nodes); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	q := func(s, e int) hlSpan { return hlSpan{Start: s, End: e, Layer: layerQuote, Tag: "mark", Class: "q"} }
	m := func(s, e int) hlSpan { return hlSpan{Start: s, End: e, Layer: layerMention, Tag: "span", Class: "who"} }
	en := func(s, e int) hlSpan { return hlSpan{Start: s, End: e, Layer: layerEntity, Tag: "span", Class: "ent"} }
	p := func(s, e int) hlSpan { return hlSpan{Start: s, End: e, Layer: layerParagraph, Tag: "p"} }
	cases := []struct {
		name  string
		text  string
		spans []hlSpan
		want  string
	}{
		{"no spans", "a <b> & c", nil, "a &lt;b&gt; &amp; c"},
		{"one quote", "He said yes.", []hlSpan{q(8, 11)}, `He said <mark class="q" title="">yes</mark>.`},
		{"nested", "Jane Doe spoke", []hlSpan{m(0, 8), en(0, 8)}, `<span class="who" title=""><span class="ent" title="">Jane Doe</span></span> spoke`},
		{"inner layer split at outer end", "abcdef", []hlSpan{q(0, 3), en(2, 5)},
			`<mark class="q" title="">ab<span class="ent" title="">c</span></mark><span class="ent" title="">de</span>f`},
		{"outer layer wraps even when it starts later", "abcdef", []hlSpan{en(0, 3), q(1, 6)},
			`<span class="ent" title="">a</span><mark class="q" title=""><span class="ent" title="">bc</span>def</mark>`},
		{"same layer overlap splits the later one", "abcdef", []hlSpan{q(0, 4), q(2, 6)},
			`<mark class="q" title="">ab<mark class="q" title="">cd</mark></mark><mark class="q" title="">ef</mark>`},
		{"quote across paragraphs", "ab\n\ncd", []hlSpan{p(0, 2), p(4, 6), q(1, 5)},
			"<p>a<mark class=\"q\" title=\"\">b</mark></p><mark class=\"q\" title=\"\">\n\n</mark><p><mark class=\"q\" title=\"\">c</mark>d</p>"},
		{"out of range and empty spans dropped", "abc", []hlSpan{q(-5, 1), q(2, 99), q(2, 2), q(3, 1)},
			`<mark class="q" title="">a</mark>b<mark class="q" title="">c</mark>`},
		{"offsets inside a character move out", "é!", []hlSpan{q(1, 2)}, `<mark class="q" title="">é</mark>!`},
		{"hostile text escaped", `<script>alert("x")</script>`, []hlSpan{q(8, 18)},
			`&lt;script&gt;<mark class="q" title="">alert(&#34;x&#34;)</mark>&lt;/script&gt;`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := renderNodes(t, highlight(c.text, c.spans))
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			checkRendered(t, c.text, got)
		})
	}
}

// checkRendered checks the rendering is well-formed (every element closed
// in order) and holds text exactly once, escaped once: its text, decoded,
// is the input.
func checkRendered(t testing.TB, text, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	var stack []string
	var got strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenize: %v", z.Err())
			}
			if len(stack) > 0 {
				t.Fatalf("unclosed %v in %q", stack, out)
			}
			want := expectedText(text)
			if got.String() != want {
				t.Fatalf("text differs:\n got %q\nwant %q\nfrom %q", got.String(), want, out)
			}
			return
		case html.TextToken:
			got.Write(z.Text())
		case html.StartTagToken:
			name, _ := z.TagName()
			stack = append(stack, string(name))
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> closes %v in %q", name, stack, out)
			}
			stack = stack[:len(stack)-1]
		default:
			t.Fatalf("unexpected token %v in %q", tt, out)
		}
	}
}

// expectedText is how a text survives escaping and tokenizing: the
// template escaper turns NUL into U+FFFD and the tokenizer reads CR LF
// and CR as LF.
func expectedText(s string) string {
	s = strings.ReplaceAll(s, "\x00", "\ufffd")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func FuzzHighlight(f *testing.F) {
	f.Add("He said <b>yes</b> & left.", []byte{8, 18, 1, 0, 4, 3, 2, 20, 0})
	f.Add(`"><img src=x onerror=alert(1)>`, []byte{0, 30, 1, 2, 9, 2, 5, 12, 3})
	f.Add("ab\n\ncd é ü", []byte{0, 2, 0, 4, 11, 0, 1, 5, 1, 3, 9, 3})
	f.Fuzz(func(t *testing.T, text string, raw []byte) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "?")
		}
		tags := []string{"p", "mark", "span", "span"}
		var spans []hlSpan
		for i := 0; i+2 < len(raw) && len(spans) < 64; i += 3 {
			l := layer(raw[i+2] % 4)
			spans = append(spans, hlSpan{Start: int(raw[i]) - 4, End: int(raw[i+1]) - 4, Layer: l, Tag: tags[l], Class: "c"})
		}
		// Paragraphs never overlap in the page (articleNodes drops
		// overlapping ones; <p> cannot hold <p>): keep that here.
		end := -1
		kept := spans[:0]
		for _, s := range spans {
			if s.Layer == layerParagraph {
				if s.Start < end || s.Start >= s.End {
					continue
				}
				end = s.End
			}
			kept = append(kept, s)
		}
		checkRendered(t, text, renderNodes(t, highlight(text, kept)))
	})
}

func TestWordDiff(t *testing.T) {
	cases := []struct {
		a, b string
		want []DiffOp
	}{
		{"a b c", "a b c", []DiffOp{{"", "a b c"}}},
		{"a b c", "a x c", []DiffOp{{"", "a"}, {"del", "b"}, {"ins", "x"}, {"", "c"}}},
		{"a b c d", "a c d e", []DiffOp{{"", "a"}, {"del", "b"}, {"", "c d"}, {"ins", "e"}}},
		{"", "new words", []DiffOp{{"ins", "new words"}}},
	}
	for _, c := range cases {
		got := wordDiff(c.a, c.b)
		if len(got) != len(c.want) {
			t.Errorf("wordDiff(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("wordDiff(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
				break
			}
		}
	}
}

func TestTechniqueTrend(t *testing.T) {
	overall := []store.TechniqueCount{{Technique: "Loaded_Language"}, {Technique: "Doubt"}}
	over := []store.PeriodCount{{Period: "2026-01", Count: 4}, {Period: "2026-02", Count: 2}}
	by := []store.PeriodTechniques{{Period: "2026-02", Techniques: []store.TechniqueCount{
		{Technique: "Doubt", Per1000Words: 1.5, Share: 0.5},
		{Technique: "Slogans", Per1000Words: 9, Share: 1},
	}}}
	tr := techniqueTrend(overall, over, by)
	if tr == nil || len(tr.Columns) != 2 || tr.Columns[1].Name != "Doubt" || tr.Columns[1].Definition == "" {
		t.Fatalf("columns: %+v", tr)
	}
	if len(tr.Rows) != 2 || tr.Rows[0].Period != "2026-01" || tr.Rows[0].Articles != 4 {
		t.Fatalf("rows: %+v", tr.Rows)
	}
	if got := tr.Rows[1].Cells; got[0] != (TrendCell{}) || got[1] != (TrendCell{Per1000: 1.5, Share: 0.5}) {
		t.Errorf("2026-02 cells %+v: want Loaded_Language empty, Doubt 1.5 / 0.5, Slogans not a column", got)
	}
	if techniqueTrend(nil, over, by) != nil {
		t.Error("a trend without techniques")
	}
}
