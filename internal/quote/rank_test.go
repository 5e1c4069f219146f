package quote

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
)

// Short texts written for the test, run through the real stages with the
// rules alone and with the embedded speaker ranker: both must give every
// quotation its speaker.
func TestSpeakerRanker(t *testing.T) {
	am, err := attribution.Load()
	if err != nil {
		t.Fatal(err)
	}
	sm, err := LoadSpeakerModel()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		wants []want
		kind  map[string]article.SpeakerKind // content → speaker kind
		none  []string                       // names that must speak nothing
	}{
		{
			name: "alternating speakers",
			text: "\"The pool must stay open,\" said Ann Lindqvist, who chairs the parents' group.\n\n" +
				"\"We cannot pay for the repairs,\" said Robert Hartley, the town's finance director.\n\n" +
				"\"Then find the money elsewhere,\" she said.\n\n" +
				"\"There is nowhere else to look,\" he replied.",
			wants: []want{
				{content: "The pool must stay open,", kind: article.Direct, speaker: "Ann Lindqvist"},
				{content: "We cannot pay for the repairs,", kind: article.Direct, speaker: "Robert Hartley"},
				{content: "Then find the money elsewhere,", kind: article.Direct, speaker: "Ann Lindqvist"},
				{content: "There is nowhere else to look,", kind: article.Direct, speaker: "Robert Hartley"},
			},
		},
		{
			name: "a description names the organisation introduced before",
			text: "The Ministry of Transport published new rules for lorry drivers on Monday.\n\n" +
				"The ministry said the fines for overloaded trucks would double next year.",
			wants: []want{{content: "the fines for overloaded trucks would double", kind: article.Indirect, speaker: "Ministry of Transport"}},
			kind:  map[string]article.SpeakerKind{"the fines for overloaded trucks would double": article.SpeakerOrganization},
		},
		{
			name: "a description with no name keeps its kind",
			text: "Crews in Halifax worked through the night to clear the flooded tunnel.\n\n" +
				"\"We had no choice but to close it,\" the fire chief said.",
			wants: []want{{content: "We had no choice but to close it,", kind: article.Direct, speaker: "the fire chief"}},
			kind:  map[string]article.SpeakerKind{"We had no choice but to close it,": article.SpeakerDescription},
			none:  []string{"Halifax"},
		},
		{
			name: "a place is never the speaker",
			text: "In Toronto, the plan to close three libraries drew criticism on Tuesday.\n\n" +
				"\"It is a mistake that the city will regret,\" said Priya Natarajan, a local councillor.\n\n" +
				"\"Libraries are where children learn to read.\"",
			wants: []want{
				{content: "It is a mistake that the city will regret,", kind: article.Direct, speaker: "Priya Natarajan"},
				{content: "Libraries are where children learn to read.", kind: article.Direct, speaker: "Priya Natarajan"},
			},
			none: []string{"Toronto"},
		},
	}
	for _, cfg := range []struct {
		name string
		opts Options
	}{{"rules", Options{Attributor: am}}, {"ranker", Options{Attributor: am, Speakers: sm}}} {
		for _, tt := range tests {
			t.Run(cfg.name+"/"+tt.name, func(t *testing.T) {
				qs := Extract(analyzed(t, tt.text), cfg.opts)
				checkQuotes(t, tt.text, qs, tt.wants, nil)
				checkSpeakerKinds(t, qs, tt.kind)
				for _, q := range qs {
					for _, n := range tt.none {
						if strings.Contains(q.Speaker.Name, n) {
							t.Errorf("%q: speaker %q", q.Content.Text, q.Speaker.Name)
						}
					}
				}
			})
		}
	}
}

// The seed page keeps its speakers with the ranker too.
func TestSeedRanked(t *testing.T) {
	sm, err := LoadSpeakerModel()
	if err != nil {
		t.Fatal(err)
	}
	text := seedBody(t)
	a := analyzed(t, text)
	rules := Extract(a, Options{})
	ranked := Extract(a, Options{Speakers: sm})
	if len(rules) != len(ranked) {
		t.Fatalf("%d quotes ranked, %d by the rules", len(ranked), len(rules))
	}
	for i := range rules {
		if rules[i].Speaker.Name != ranked[i].Speaker.Name {
			t.Errorf("%q: ranked speaker %q, rules %q", rules[i].Content.Text, ranked[i].Speaker.Name, rules[i].Speaker.Name)
		}
	}
}

// speakerDocs are training documents written for the test: the speaker
// is the subject before "said"; another person is named before.
func speakerDocs(t *testing.T) []SpeakerDoc {
	texts := []string{
		"Maria Lopez met him on Friday, and Tom Becker said the deal was close to done.",
		"Anna Weiss spoke first, and Paul Kramer said the vote would be held in May.",
		"Jonas Berg left early, and Sara Lind said the roof had been repaired.",
	}
	var docs []SpeakerDoc
	for _, text := range texts {
		a := analyzed(t, text)
		i := strings.Index(text, " said ") + len(" said ")
		j := strings.LastIndex(text, ".")
		k := strings.Index(text, "and ") + len("and ")
		src := article.Range{Start: k, End: i - len(" said ")}
		docs = append(docs, SpeakerDoc{Article: a, Gold: []SpeakerGold{{
			Contents: []article.Range{{Start: i, End: j}},
			Right: func(sp article.Speaker) bool {
				return sp.Mention != nil && sp.Mention.Range().Overlaps(src)
			},
		}}})
	}
	return docs
}

func TestTrainSpeakersDeterministic(t *testing.T) {
	docs := speakerDocs(t)
	var saved [][]byte
	for range 2 {
		m, st, err := TrainSpeakers(docs, SpeakerTrainOptions{Epochs: 3, MinCount: 1, Margin: 1})
		if err != nil {
			t.Fatalf("%v (%+v)", err, st)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf, 0); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, buf.Bytes())
	}
	if !bytes.Equal(saved[0], saved[1]) {
		t.Error("two trainings gave different models")
	}
	m, err := ReadSpeakerModel(bytes.NewReader(saved[0]))
	if err != nil {
		t.Fatal(err)
	}
	if m.margin != 1 {
		t.Errorf("margin %v, want 1", m.margin)
	}
	if err := m.Save(&bytes.Buffer{}, 0); !errors.Is(err, ErrSpeakerModel) {
		t.Errorf("saving a loaded model: %v, want ErrSpeakerModel", err)
	}
}

func TestReadSpeakerModelRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not gzip"), gzipped(t, "newsgraph-speakers 9\n")} {
		if _, err := ReadSpeakerModel(bytes.NewReader(b)); !errors.Is(err, ErrSpeakerModel) {
			t.Errorf("%q: %v, want ErrSpeakerModel", b, err)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
