package technique_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/input"
	"github.com/newsgraph/newsgraph/internal/segment"
	"github.com/newsgraph/newsgraph/internal/technique"
)

var (
	pipeOnce sync.Once
	pipe     *analyze.Pipeline
	pipeErr  error
)

// prepared runs the stages before the technique stage (segment,
// entities, quotes) on text taken as clean plain text.
func prepared(t testing.TB, text string) *article.Article {
	t.Helper()
	pipeOnce.Do(func() {
		pipe, pipeErr = analyze.New(analyze.Options{Plain: true, SkipTechniques: true, Workers: 1})
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	a, err := pipe.Document(&input.Document{Name: "test", Kind: input.Text, Body: text})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func model(t testing.TB) *technique.Model {
	t.Helper()
	m, err := technique.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The typical form of each technique, in short texts written for the
// test. span is the fragment that carries the technique (its first
// occurrence in text); top is how many of the classifier's best
// techniques must include want: 1 for the common techniques, 3 or 5 for
// the rare ones (under 4% of the training spans each). miss marks a form
// the embedded model is known to get wrong: the case is then skipped
// with that note while it still misses, and fails once it no longer
// does, so that the mark is removed.
var classifyCases = []struct {
	name, text, span, want string
	top                    int
	miss                   string
}{
	{"loaded words", "The senator's outrageous and disgraceful scheme would devastate ordinary families.",
		"outrageous and disgraceful", "Loaded_Language", 1, ""},
	{"name calling", "Protesters were met by a mob of radical leftist thugs outside the hall.",
		"radical leftist thugs", "Name_Calling,Labeling", 1, ""},
	{"make X great again", "The crowd chanted as he took the stage. Make America great again!",
		"Make America great again", "Slogans", 1, ""},
	{"flag-waving", "Every true patriot who loves this great nation must stand up and defend our American values.",
		"defend our American values", "Flag-Waving", 1, ""},
	{"doubt", "The minister defended the deal. But can we really trust a man who has lied to us again and again?",
		"can we really trust a man who has lied to us again and again", "Doubt", 1, ""},
	{"appeal to fear", "If we do not act now, terrorists will pour across the border and slaughter our children in their beds.",
		"terrorists will pour across the border and slaughter our children in their beds", "Appeal_to_fear-prejudice", 3, ""},
	{"exaggeration", "Critics said the tax plan was the worst disaster in the history of the world.",
		"the worst disaster in the history of the world", "Exaggeration,Minimisation", 3, ""},
	{"black and white", "The president told Congress: you are either with us, or you are with the terrorists.",
		"either with us, or you are with the terrorists", "Black-and-White_Fallacy", 3,
		"known miss: taken for fear or loaded language (107 training spans, CV F1 0.19)"},
	{"thought-terminating cliché", "Asked about the layoffs, the manager shrugged. It is what it is.",
		"It is what it is", "Thought-terminating_Cliches", 3, ""},
	{"appeal to authority", "The treaty is a mistake. As the Pope himself has said, this deal is a betrayal of the poor.",
		"As the Pope himself has said", "Appeal_to_Authority", 3, ""},
	{"causal oversimplification", "Crime went up last year simply because the mayor let the migrants in.",
		"Crime went up last year simply because the mayor let the migrants in", "Causal_Oversimplification", 3, ""},
	{"whataboutism", "The senator was asked about the bribes. But what about the emails of his rival?",
		"But what about the emails of his rival?", "Whataboutism,Straw_Men,Red_Herring", 5, ""},
	{"reductio ad hitlerum", "Hitler also wanted to take away guns from ordinary people, and so does this government.",
		"Hitler also wanted to take away guns from ordinary people", "Bandwagon,Reductio_ad_hitlerum", 5,
		"taken for fear or exaggeration by the logistic classifier (72 training spans, CV F1 0.17): a long span's other words outweigh the name"},
}

func TestClassifyTypicalForms(t *testing.T) {
	m := model(t)
	for _, c := range classifyCases {
		t.Run(c.name, func(t *testing.T) {
			a := prepared(t, c.text)
			i := strings.Index(c.text, c.span)
			if i < 0 {
				t.Fatalf("span %q not in text", c.span)
			}
			r := m.Classify(a, []article.Range{{Start: i, End: i + len(c.span)}})[0]
			if len(r) != technique.NumTechniques {
				t.Fatalf("%d techniques ranked, want %d", len(r), technique.NumTechniques)
			}
			var got []string
			for _, x := range r[:c.top] {
				got = append(got, x.Technique)
			}
			hit := slices.Contains(got, c.want)
			switch {
			case !hit && c.miss != "":
				t.Skipf("%s: best %v", c.miss, got)
			case hit && c.miss != "":
				t.Errorf("%q: %s among the top %d now: remove the known-miss mark", c.span, c.want, c.top)
			case !hit:
				t.Errorf("%q: best %v, want %s among the top %d", c.span, got, c.want, c.top)
			}
			for k := 1; k < len(r); k++ {
				if r[k].Score > r[k-1].Score {
					t.Fatalf("ranking not sorted: %v", r)
				}
			}
		})
	}
}

// A slogan said again and again: as in PTC, its later occurrences are
// Repetition (the first carries its own technique, if any), when the
// spans to classify include all of them, as a template or the tagger
// gives them.
func TestRepetition(t *testing.T) {
	m := model(t)
	text := "We will build the wall. Our opponents laugh, but we will build the wall. Mark my words: we will build the wall."
	a := prepared(t, text)
	var rs []article.Range
	for i := 0; ; {
		j := strings.Index(text[i:], "build the wall")
		if j < 0 {
			break
		}
		rs = append(rs, article.Range{Start: i + j, End: i + j + len("build the wall")})
		i += j + 1
	}
	if len(rs) != 3 {
		t.Fatalf("%d occurrences", len(rs))
	}
	got := m.Classify(a, rs)
	for k := 1; k < len(rs); k++ {
		if got[k][0].Technique != "Repetition" {
			t.Errorf("occurrence %d: %v, want Repetition", k+1, got[k][:2])
		}
	}
	// A single occurrence is not repetition.
	one := prepared(t, "Our opponents laugh, but we will build the wall.")
	i := strings.Index(one.Text, "build the wall")
	if r := m.Classify(one, []article.Range{{Start: i, End: i + 14}})[0]; r[0].Technique == "Repetition" {
		t.Errorf("single occurrence classified Repetition: %v", r[:2])
	}
}

// The span tagger finds the persuasive fragment of texts where one stands
// out, and the classifier names it.
func TestFindTypicalForms(t *testing.T) {
	m := model(t)
	cases := []struct {
		name, text, frag string
		want             []string // any of these techniques
		miss             string   // a known miss, as in classifyCases
	}{
		{"loaded words", "The senator's outrageous and disgraceful scheme would devastate ordinary families.",
			"disgraceful", []string{"Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation"}, ""},
		{"name calling", "The bill was written by a gang of corrupt, lying globalist elites.",
			"elites", []string{"Name_Calling,Labeling", "Loaded_Language"}, ""},
		{"make X great again", "He ended his speech with the old promise. Make America great again!",
			"great again", []string{"Slogans", "Flag-Waving"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := prepared(t, c.text)
			ts := m.Find(a)
			i := strings.Index(c.text, c.frag)
			frag := article.Range{Start: i, End: i + len(c.frag)}
			hit := false
			for _, x := range ts {
				hit = hit || x.Range().Overlaps(frag) && slices.Contains(c.want, x.Technique)
			}
			switch {
			case !hit && c.miss != "":
				t.Skipf("%s: found %+v", c.miss, ts)
			case hit && c.miss != "":
				t.Errorf("%q found now: remove the known-miss mark", c.frag)
			case !hit:
				t.Errorf("no technique of %v over %q; found %+v", c.want, c.frag, ts)
			}
		})
	}
}

// A neutral report finds nothing, or little.
func TestFindNeutral(t *testing.T) {
	m := model(t)
	text := "The council met on Tuesday. It approved the budget for the next year by seven votes to two. The budget includes funds for road repairs and a new library."
	if ts := m.Find(prepared(t, text)); len(ts) > 1 {
		t.Errorf("neutral text: %d techniques found: %+v", len(ts), ts)
	}
}

// A technique inside a quotation is the speaker's.
func TestInQuote(t *testing.T) {
	m := model(t)
	text := "The minister spoke after the vote. \"These traitors and cowards have betrayed our great nation,\" she said.\n\nThe traitors and cowards of the opposition have betrayed our great nation."
	a := prepared(t, text)
	second := strings.Index(text, "\n\n")
	var in, out bool
	for _, x := range m.Find(a) {
		if x.Start < second {
			in = in || x.InQuote
			if !x.InQuote {
				t.Errorf("%q inside the quotation not marked in_quote", x.Text)
			}
		} else {
			out = true
			if x.InQuote {
				t.Errorf("%q outside any quotation marked in_quote", x.Text)
			}
		}
	}
	if !in || !out {
		t.Errorf("want techniques inside and outside the quotation; inside %v outside %v", in, out)
	}
}

func TestNames(t *testing.T) {
	ns := technique.Names()
	if len(ns) != 14 || !slices.IsSorted(ns) {
		t.Fatalf("names: %v", ns)
	}
	for i, n := range ns {
		if technique.Index(n) != i {
			t.Errorf("Index(%q) = %d, want %d", n, technique.Index(n), i)
		}
	}
	if technique.Index("Propaganda") != -1 {
		t.Error("unknown technique has an index")
	}
}

// synthetic builds training articles written for the test: sentences
// with a loaded phrase, a name-calling label or a repeated slogan among
// neutral ones.
func synthetic(n int) []technique.TrainDoc {
	loaded := []string{"a shameful betrayal", "an utter disgrace", "a reckless gamble"}
	labels := []string{"those radical thugs", "the corrupt elites", "these lying crooks"}
	slogans := []string{"Take back control", "Yes we can"}
	neutral := []string{"The meeting ended at noon.", "Rain is expected on Friday.", "The report runs to forty pages."}
	var docs []technique.TrainDoc
	for d := 0; d < n; d++ {
		var b strings.Builder
		var gold []technique.Gold
		put := func(s, tech string) {
			start := b.Len()
			b.WriteString(s)
			if tech != "" {
				gold = append(gold, technique.Gold{Range: article.Range{Start: start, End: b.Len()}, Technique: tech})
			}
		}
		for p := 0; p < 4; p++ {
			k := d*4 + p
			put(neutral[k%len(neutral)]+" The plan is ", "")
			put(loaded[k%len(loaded)], "Loaded_Language")
			put(", said a critic of ", "")
			put(labels[(k/2)%len(labels)], "Name_Calling,Labeling")
			put(". ", "")
			put(slogans[d%len(slogans)], "Repetition")
			put("!\n\n", "")
		}
		a := &article.Article{Text: b.String()}
		a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
		docs = append(docs, technique.TrainDoc{Article: a, Gold: gold})
	}
	return docs
}

func TestTrainDeterministic(t *testing.T) {
	var saved [][]byte
	for range 2 {
		m, err := technique.Train(synthetic(12), technique.TrainOptions{SpanEpochs: 3, SpanModels: 2, ClassEpochs: 3, SentenceFolds: 3, Bias: 1})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf, technique.SaveOptions{}); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, buf.Bytes())
	}
	if !bytes.Equal(saved[0], saved[1]) {
		t.Fatal("two trainings on the same data gave different models")
	}
	m, err := technique.ReadModel(bytes.NewReader(saved[0]))
	if err != nil {
		t.Fatal(err)
	}
	// The model learned the synthetic data: it finds the loaded phrase of
	// a new sentence built the same way.
	text := "Schools stayed open. The plan is an utter disgrace, said a critic of the corrupt elites. Yes we can!"
	a := &article.Article{Text: text}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)
	got := map[string]string{}
	for _, x := range m.Find(a) {
		got[x.Text] = x.Technique
	}
	if got["an utter disgrace"] != "Loaded_Language" || got["the corrupt elites"] != "Name_Calling,Labeling" {
		t.Errorf("synthetic model found %v", got)
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := technique.Train(nil, technique.TrainOptions{}); err != technique.ErrNoTrainingData {
		t.Errorf("no documents: %v", err)
	}
	docs := synthetic(2)
	docs[0].Gold[0].Technique = "Propaganda"
	if _, err := technique.Train(docs, technique.TrainOptions{}); err == nil {
		t.Error("unknown technique accepted")
	}
	if _, err := technique.ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("bad model read")
	}
}

// checkTechniques checks the invariants of the stage's output.
func checkTechniques(t *testing.T, a *article.Article, ts []article.Technique) {
	t.Helper()
	prev := -1
	for _, x := range ts {
		if x.Start < 0 || x.End > len(a.Text) || x.Start >= x.End {
			t.Fatalf("span [%d,%d) out of bounds (len %d)", x.Start, x.End, len(a.Text))
		}
		if !utf8.RuneStart(a.Text[x.Start]) || (x.End < len(a.Text) && !utf8.RuneStart(a.Text[x.End])) {
			t.Fatalf("span [%d,%d) splits a character", x.Start, x.End)
		}
		if x.Text != a.Text[x.Start:x.End] {
			t.Fatalf("span text %q, text has %q", x.Text, a.Text[x.Start:x.End])
		}
		if technique.Index(x.Technique) < 0 {
			t.Fatalf("unknown technique %q", x.Technique)
		}
		if x.Score < 0 || x.Score > 1 {
			t.Fatalf("score %v out of [0,1]", x.Score)
		}
		if x.Start < prev {
			t.Fatalf("spans out of order")
		}
		prev = x.Start
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range classifyCases {
		f.Add(c.text)
	}
	f.Add("\"Traitors!\" he said. \u201cCowards\u201d… «liars» — ¡no! 😀 x")
	f.Add("")
	f.Add("\"")
	m := model(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		a := &article.Article{Text: text}
		a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)
		ts := m.Find(a)
		checkTechniques(t, a, ts)
		var rs []article.Range
		for _, x := range ts {
			rs = append(rs, x.Range())
		}
		rs = append(rs, article.Range{Start: 0, End: len(text)}, article.Range{Start: len(text), End: len(text)})
		if got := m.Classify(a, rs); len(got) != len(rs) {
			t.Fatalf("Classify: %d results for %d spans", len(got), len(rs))
		}
	})
}

// buildRepeated returns an article of n loaded sentences, a paragraph
// break and a run of repeated words every seventh: text whose repetition
// and span features could go quadratic.
func buildRepeated(n int) *article.Article {
	var b strings.Builder
	for i := range n {
		b.WriteString("These corrupt, lying traitors will destroy our great nation! ")
		if i%7 == 0 {
			b.WriteString("The the the the wall wall.\n\n")
		}
	}
	a := &article.Article{Text: b.String()}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(a.Text)
	return a
}

// TestBoundedTime guards against runaway work on long repetitive input:
// 6,000 such sentences (400 KB, ~2 s at most on a loaded machine) must be
// done well within a generous bound. How the cost grows with length is
// BenchmarkFindLength's to measure; a test does not compare timings.
func TestBoundedTime(t *testing.T) {
	if testing.Short() {
		t.Skip("long input")
	}
	m := model(t)
	a := buildRepeated(6000)
	t0 := time.Now()
	checkTechniques(t, a, m.Find(a))
	if d := time.Since(t0); d > 60*time.Second {
		t.Errorf("%d bytes took %v", len(a.Text), d)
	}
}

// BenchmarkFindLength reports the cost per byte of Find at two lengths of
// the same repetitive text: equal figures mean linear time.
func BenchmarkFindLength(b *testing.B) {
	m := model(b)
	for _, n := range []int{1500, 6000} {
		a := buildRepeated(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(a.Text)))
			for b.Loop() {
				m.Find(a)
			}
		})
	}
}
