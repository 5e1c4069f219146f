package attribution

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func segmented(text string) *article.Article {
	a := &article.Article{Text: text}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)
	return a
}

// synthetic builds training articles written for the test: each
// paragraph is "SOURCE CUE CONTENT." or "CONTENT, SOURCE CUE." with
// sentences of narration between them.
func synthetic(n int) []TrainDoc {
	sources := []string{"The minister", "Anna Berg", "A spokesman", "The union", "He", "She", "Officials", "The mayor"}
	cues := []string{"said", "told reporters", "argued", "warned", "claimed", "added"}
	contents := []string{
		"the bridge would reopen next week",
		"taxes were too high for small firms",
		"the plan had failed",
		"prices would keep rising",
		"the talks were going well",
		"nobody had been hurt",
	}
	narr := []string{"The river rose overnight.", "Traffic was slow.", "The report runs to forty pages.", "Schools stayed open."}
	var docs []TrainDoc
	for d := 0; d < n; d++ {
		var b strings.Builder
		var gold []Gold
		for p := 0; p < 4; p++ {
			k := d*4 + p
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(narr[k%len(narr)] + " ")
			src, cue, con := sources[k%len(sources)], cues[(k/3)%len(cues)], contents[(k/2)%len(contents)]
			var g Gold
			at := func(s string) article.Range {
				start := b.Len()
				b.WriteString(s)
				return article.Range{Start: start, End: b.Len()}
			}
			if k%2 == 0 {
				g.Sources = []article.Range{at(src)}
				b.WriteString(" ")
				g.Cues = []article.Range{at(cue)}
				b.WriteString(" ")
				g.Contents = []article.Range{at(con)}
				b.WriteString(".")
			} else {
				g.Contents = []article.Range{at(strings.ToUpper(con[:1]) + con[1:])}
				b.WriteString(", ")
				g.Sources = []article.Range{at(strings.ToLower(src[:1]) + src[1:])}
				if src == "Anna Berg" {
					g.Sources[0] = article.Range{Start: g.Sources[0].Start, End: g.Sources[0].End}
				}
				b.WriteString(" ")
				g.Cues = []article.Range{at(cue)}
				b.WriteString(".")
			}
			gold = append(gold, g)
		}
		docs = append(docs, TrainDoc{Article: segmented(b.String()), Gold: gold})
	}
	return docs
}

func TestTrainAndFind(t *testing.T) {
	m, err := Train(synthetic(40), TrainOptions{Epochs: 5, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	text := "Schools stayed open.\n\nThe minister said the plan had failed."
	ats := m.Find(segmented(text))
	if len(ats) != 1 {
		t.Fatalf("got %d attributions, want 1: %+v", len(ats), ats)
	}
	at := ats[0]
	if got := text[at.Cue.Start:at.Cue.End]; got != "said" {
		t.Errorf("cue %q, want %q", got, "said")
	}
	if at.Source == nil || text[at.Source.Start:at.Source.End] != "The minister" {
		t.Errorf("source %v, want %q", at.Source, "The minister")
	}
	if len(at.Contents) != 1 || text[at.Contents[0].Start:at.Contents[0].End] != "the plan had failed" {
		t.Errorf("contents %v, want %q", at.Contents, "the plan had failed")
	}
}

func TestTrainDeterministic(t *testing.T) {
	save := func() []byte {
		m, err := Train(synthetic(20), TrainOptions{Epochs: 3, MinCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Save(&b, SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := save(), save()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same data gave different models")
	}
	m, err := ReadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Find(segmented("Anna Berg warned prices would keep rising."))) == 0 {
		t.Error("saved and reloaded model finds nothing")
	}
}

func TestTrainNoData(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}); !errors.Is(err, ErrNoTrainingData) {
		t.Fatalf("err = %v, want ErrNoTrainingData", err)
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), gz(t, "wrong magic")} {
		if _, err := ReadModel(bytes.NewReader(in)); !errors.Is(err, ErrBadModel) {
			t.Errorf("ReadModel(%q) err = %v, want ErrBadModel", in, err)
		}
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// annotated runs the stages the model sees in the pipeline: segment, the
// entity tagger and the entity resolver.
func annotated(t *testing.T, text string) *article.Article {
	t.Helper()
	tg, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := entity.NewResolver(entity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := segmented(text)
	if err := rs.Resolve(a, tg); err != nil {
		t.Fatal(err)
	}
	return a
}

// The embedded model, trained on PolNeAR, on sentences written for the
// test, annotated as the pipeline annotates them.
func TestEmbeddedModel(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, cue, source, content string }{
		{"The finance minister said the budget would be balanced by 2027.", "said", "The finance minister", "the budget would be balanced by 2027"},
		{"Prices will rise again next year, the central bank said.", "said", "the central bank", "Prices will rise again next year"},
		{"Prices will rise again next year, Governor Anna Lund warned.", "warned", "Governor Anna Lund", "Prices will rise again next year"},
		{"According to the fire service, nobody was injured in the blaze.", "According to", "the fire service", "nobody was injured in the blaze"},
	}
	for _, c := range cases {
		ats := m.Find(annotated(t, c.text))
		found := false
		for _, at := range ats {
			if c.text[at.Cue.Start:at.Cue.End] != c.cue {
				continue
			}
			found = true
			if at.Source == nil || c.text[at.Source.Start:at.Source.End] != c.source {
				t.Errorf("%q: source %v, want %q", c.text, at.Source, c.source)
			}
			var got []string
			for _, r := range at.Contents {
				got = append(got, strings.Trim(c.text[r.Start:r.End], " ,.;:"))
			}
			if !slices.Contains(got, c.content) {
				t.Errorf("%q: contents %v, want %q", c.text, at.Contents, c.content)
			}
		}
		if !found {
			t.Errorf("%q: no attribution with cue %q in %+v", c.text, c.cue, ats)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("The minister said the plan had failed.")
	f.Add("\"We will win,\" she said. \"Always.\"\n\nAccording to him, it")
	f.Add("“”\"\n\n,,, said said according")
	m, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, at := range m.Find(segmented(text)) {
			rs := append([]article.Range{at.Cue}, at.Contents...)
			if at.Source != nil {
				rs = append(rs, *at.Source)
			}
			for _, r := range rs {
				if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
					t.Fatalf("range %v out of bounds of %d bytes", r, len(text))
				}
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&sb, "The minister said on Tuesday that the budget for year %d would be balanced. \"We will not raise taxes,\" she told reporters. Critics argued the plan was unrealistic.\n\n", i)
	}
	a := segmented(sb.String())
	b.SetBytes(int64(len(a.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Find(a)
	}
}
