package ner

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/evaluate"
)

func TestWordShape(t *testing.T) {
	tests := []struct{ in, shape, short string }{
		{"Putin", "Xxxxx", "Xx"},
		{"Washington", "Xxxxx", "Xx"},
		{"EU", "XX", "X"},
		{"1996-08-22", "dddd-dd-dd", "d-d-d"},
		{"J.", "X.", "X."},
		{"U.S.", "X.X.", "X.X."},
		{"al-Assad", "xx-Xxxxx", "x-Xx"},
		{"McDonald", "XxXxxxx", "XxXx"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			sh, short := wordShape(tc.in)
			if sh != tc.shape || short != tc.short {
				t.Errorf("wordShape(%q) = %q, %q; want %q, %q", tc.in, sh, short, tc.shape, tc.short)
			}
		})
	}
}

func TestNormalizeWord(t *testing.T) {
	tests := map[string]string{"\u2019s": "'s", "\u201cYes": "\"Yes", "a\u2013b": "a-b", "plain": "plain"}
	for in, want := range tests {
		if got := normalizeWord(in); got != want {
			t.Errorf("normalizeWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrepareSentence(t *testing.T) {
	s := prepareSentence([]string{"\"", "Merkel", "said", "Paris", "."})
	if !s.toks[1].initial || s.toks[3].initial {
		t.Errorf("initial flags wrong: %+v", s.toks)
	}
	if s.allCaps {
		t.Error("mixed-case sentence marked as capitals")
	}
	if !prepareSentence([]string{"SOCCER", "-", "JAPAN", "WIN"}).allCaps {
		t.Error("headline in capitals not detected")
	}
}

func TestDocumentFeatures(t *testing.T) {
	r := &resources{firstNames: map[string]uint8{"anna": 2}}
	d := prepareDocument([][]string{
		{"Anna", "Kowalski", "arrived", "in", "Warsaw", "."},
		{"Kowalski", "said", "the", "bank", "would", "pay", "."},
		{"The", "Bank", "of", "Nowhere", "agreed", "."},
	}, r, nil, nil)
	if d.docSeq["Kowalski"]&seqAfterFN == 0 || d.docSeq["Kowalski"]&seqLast == 0 {
		t.Errorf("Kowalski seq bits = %b, want last-after-first-name", d.docSeq["Kowalski"])
	}
	if d.docCase["bank"]&caseLower == 0 || d.docCase["bank"]&caseTitle == 0 {
		t.Errorf("bank case bits = %b, want lower and title", d.docCase["bank"])
	}
	f1 := extract(d, 1, 0, nil)
	f2 := extract(d, 1, 0, nil)
	if !slices.Equal(f1, f2) || len(f1) < 20 {
		t.Fatalf("extract not deterministic or too few features: %d", len(f1))
	}
	want := uint64(hstart(fDocSeq).b(d.docSeq["Kowalski"]).b('i'))
	if !slices.Contains(f1, want) {
		t.Error("document-sequence feature missing for sentence-initial Kowalski")
	}
}

func TestGazetteerMatch(t *testing.T) {
	gaz := map[string]uint8{"New York": 1 << 2, "New York Times": 1 << 1}
	s := prepareSentence([]string{"The", "New", "York", "Times", "reported", "."})
	hits := matchGazetteer(s.toks, func(p string) uint8 { return gaz[p] }, 3, nil)
	if !slices.Contains(hits[1], gazHit{1, 'B'}) || !slices.Contains(hits[3], gazHit{1, 'L'}) {
		t.Errorf("ORG phrase not matched: %v", hits)
	}
	if !slices.Contains(hits[2], gazHit{2, 'L'}) {
		t.Errorf("LOC phrase not matched: %v", hits)
	}
}

// TestGazetteerPrefixStop: stopping at phrases no listed phrase starts
// with finds what trying every length finds.
func TestGazetteerPrefixStop(t *testing.T) {
	r := &resources{gaz: map[string]uint8{"New York": 1 << 2, "New York Times": 1 << 1,
		"Times": 1 << 1, "York": 1 << 2, "Bank of New York Mellon": 1 << 1}, gazMaxLen: 5}
	r.indexGaz()
	s := prepareSentence(strings.Fields("The Bank of New York Mellon and The New York Times in York ."))
	all := matchGazetteer(s.toks, r.lookupGaz, r.gazMaxLen, nil)
	stop := matchGazetteer(s.toks, r.lookupGaz, r.gazMaxLen, r.gazLonger)
	if !reflect.DeepEqual(all, stop) || len(all) == 0 {
		t.Errorf("with prefix stop %v, without %v", stop, all)
	}
}

func TestGuessDocumentStarts(t *testing.T) {
	sents := [][]string{
		{"HEADLINE", "ONE"}, {"LONDON", "1996-08-22"}, {"Text", "."},
		{"Second", "story", "headline"}, {"Jane", "Doe"}, {"PARIS", "1996-08-23"}, {"More", "."},
	}
	got := GuessDocumentStarts(sents)
	want := []bool{true, false, false, true, false, false, false}
	if !slices.Equal(got, want) {
		t.Errorf("GuessDocumentStarts = %v, want %v", got, want)
	}
}

func oneHot(tags ...string) []uint16 {
	out := make([]uint16, len(tags))
	for i, t := range tags {
		id, ok := tagIndex(t)
		if !ok {
			panic(t)
		}
		out[i] = 1 << id
	}
	return out
}

// TestTrainTiny trains on a handful of sentences written for this test and
// checks the model tags them as taught, also after a save/load round trip.
func TestTrainTiny(t *testing.T) {
	doc := TrainDoc{
		Sents: [][]string{
			{"Alice", "Brandt", "works", "for", "Zentrix", "Corp", "in", "Oslo", "."},
			{"Zentrix", "Corp", "hired", "Bob", "Carver", "."},
			{"Bob", "Carver", "moved", "to", "Oslo", "last", "year", "."},
			{"The", "Norwegian", "team", "met", "Alice", "Brandt", "."},
			{"Analysts", "in", "Oslo", "praised", "Zentrix", "Corp", "."},
		},
		Allowed: [][]uint16{
			oneHot("B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"),
			oneHot("B-ORG", "I-ORG", "O", "B-PER", "I-PER", "O"),
			oneHot("B-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O"),
			oneHot("O", "B-MISC", "O", "O", "B-PER", "I-PER", "O"),
			oneHot("O", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"),
		},
	}
	docs := []TrainDoc{doc, doc}
	m, err := Train(docs, Lexicon{}, TrainOptions{Epochs: 10, Folds: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf, SaveOptions{Prune: 0.001}); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for name, tg := range map[string]*Tagger{"trained": NewTagger(m), "loaded": loaded} {
		got := tg.TagDocument(doc.Sents)
		for si, s := range got {
			for i, tag := range s {
				id, _ := tagIndex(tag)
				if doc.Allowed[si][i] != 1<<id {
					t.Errorf("%s: sentence %d token %q: got %s", name, si, doc.Sents[si][i], tag)
				}
			}
		}
	}
	if _, err := Train(nil, Lexicon{}, TrainOptions{}); err == nil {
		t.Error("Train with no data: want error")
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("want error for garbage")
	}
}

func loadEmbedded(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tg
}

// entities returns "TYPE:words" for each entity chunk of tags.
func entities(words, tags []string) []string {
	var out []string
	for _, c := range evaluate.Chunks(tags) {
		out = append(out, c.Type+":"+strings.Join(words[c.Start:c.End], " "))
	}
	return out
}

func TestEmbeddedModel(t *testing.T) {
	tg := loadEmbedded(t)
	tests := []struct {
		text string
		want []string // entities that must be found, exactly; "a|b" accepts either
	}{
		{"President Vladimir Putin met the press in Moscow on Tuesday .", []string{"PER:Vladimir Putin", "LOC:Moscow"}},
		{"The novel was written by J. K. Rowling , who lives in Edinburgh .", []string{"PER:J. K. Rowling", "LOC:Edinburgh"}},
		{"Syrian President Bashar al-Assad spoke in Damascus .", []string{"PER:Bashar al-Assad", "LOC:Damascus"}},
		{"European Commission President Ursula von der Leyen visited Kiev .", []string{"PER:Ursula von der Leyen"}},
		{"A spokesman for the Russian Foreign Ministry said the talks would continue .", []string{"ORG:Russian Foreign Ministry|ORG:Foreign Ministry"}}, // CoNLL-2003 tags "Russian" MISC here
		{"Merkel 's party lost votes in Bavaria .", []string{"PER:Merkel", "LOC:Bavaria"}},
		{"Merkel \u2019s government met the IMF in Washington .", []string{"PER:Merkel", "ORG:IMF", "LOC:Washington"}},
		{"Shares of General Motors fell 3 percent on the New York Stock Exchange .", []string{"ORG:General Motors", "ORG:New York Stock Exchange"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			words := strings.Fields(tc.text)
			tags := tg.Tag(words)
			if len(tags) != len(words) {
				t.Fatalf("got %d tags for %d words", len(tags), len(words))
			}
			got := entities(words, tags)
			for _, w := range tc.want {
				found := false
				for _, alt := range strings.Split(w, "|") {
					found = found || slices.Contains(got, alt)
				}
				if !found {
					t.Errorf("missing %s; got %v (tags %v)", w, got, tags)
				}
			}
		})
	}
	if got := tg.Tag(nil); len(got) != 0 {
		t.Errorf("Tag(nil) = %v", got)
	}
}

func TestEmbeddedModelLoadTime(t *testing.T) {
	start := time.Now()
	loadEmbedded(t)
	t.Logf("embedded model loaded in %v", time.Since(start))
}

func conllPath(name string) string {
	return filepath.Join("..", "..", "..", "shared", "data", "ner", name)
}

// scoreFile tags and scores the documents of the file at path that keep
// accepts (all when keep is nil).
func scoreFile(t testing.TB, tg *Tagger, path string, noMISC bool, keep func(doc int) bool) evaluate.CoNLLScore {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("data absent: %v", err)
	}
	defer f.Close()
	cf, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	tc := TokenColumn(cf)
	gc := GoldColumn(cf, tc)
	words := make([][]string, len(cf.Sentences))
	gold := make([][]string, len(cf.Sentences))
	for i, s := range cf.Sentences {
		words[i], gold[i] = s.Column(tc), s.Column(gc)
	}
	starts := Documents(cf, words)
	var pred, kept [][]string
	for k, st := range starts {
		end := len(words)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if keep != nil && !keep(k) {
			continue
		}
		pred = append(pred, tg.TagDocument(words[st:end])...)
		kept = append(kept, gold[st:end]...)
	}
	gold = kept
	if noMISC {
		for _, ts := range [][][]string{gold, pred} {
			for _, s := range ts {
				for i := range s {
					if strings.HasSuffix(s[i], "MISC") {
						s[i] = "O"
					}
				}
			}
		}
	}
	sc, err := evaluate.ScoreCoNLL(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// minValidF1 is the CoNLL-2003 validation F1 the embedded model reached
// when it was trained, less a small margin.
const minValidF1 = 0.915

func TestCoNLLValid(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole CoNLL-2003 validation set")
	}
	tg := loadEmbedded(t)
	sc := scoreFile(t, tg, conllPath(filepath.Join("conll2003", "valid.txt")), false, nil)
	t.Logf("CoNLL-2003 valid:\n%s", sc)
	if sc.Overall.F1 < minValidF1 {
		t.Errorf("valid F1 %.4f < %.4f", sc.Overall.F1, minValidF1)
	}
}

func TestUNER(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the UNER EWT dev set")
	}
	// "newsgraph train ner" trains on the even-numbered documents of the
	// dev file; the odd-numbered ones are the check.
	odd := func(doc int) bool { return doc%2 == 1 }
	sc := scoreFile(t, loadEmbedded(t), conllPath(filepath.Join("uner-en-ewt", "en_ewt-ud-dev.iob2")), true, odd)
	t.Logf("UNER en-ewt dev, odd documents (MISC→O):\n%s", sc)
	if sc.Overall.F1 < 0.68 {
		t.Errorf("UNER F1 %.4f < 0.68", sc.Overall.F1)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTagDocument tags a document of sentences written for the
// benchmark and reports tokens per second.
func BenchmarkTagDocument(b *testing.B) {
	tg := loadEmbedded(b)
	base := [][]string{
		strings.Fields("German Chancellor Angela Merkel told reporters in Berlin on Monday that the European Union would not change its position ."),
		strings.Fields("Shares of Acme Widgets Inc rose 4.5 percent to $ 23.10 in New York after the company beat forecasts ."),
		strings.Fields("\" We are very pleased , \" said Maria Lopez , a spokeswoman for the United Nations in Geneva ."),
		strings.Fields("Brazil beat Argentina 2-1 in the World Cup qualifier in Sao Paulo on Sunday ."),
	}
	var doc [][]string
	ntok := 0
	for i := 0; i < 10; i++ {
		for _, s := range base {
			doc = append(doc, s)
			ntok += len(s)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		tg.TagDocument(doc)
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestTaggersShareAModel: Taggers made at the same time from one Model
// leave it untouched (go test -race checks it) and tag alike.
func TestTaggersShareAModel(t *testing.T) {
	m, err := ReadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Angela", "Merkel", "visited", "Paris", "."}
	out := make([][]string, 2)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { out[i] = NewTagger(m).Tag(words) })
	}
	wg.Wait()
	if strings.Join(out[0], " ") != strings.Join(out[1], " ") || out[0][0] != "B-PER" {
		t.Errorf("tags %v and %v", out[0], out[1])
	}
	if m.res.gazLonger != nil {
		t.Error("NewTagger changed the model")
	}
}
