package quote

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// want is one expected quotation: a substring of its content, its kind
// and its speaker's name ("" = do not check).
type want struct {
	content string
	kind    article.QuoteKind
	speaker string
}

func find(qs []article.Quote, content string) *article.Quote {
	for i := range qs {
		if strings.Contains(qs[i].Content.Text, content) {
			return &qs[i]
		}
	}
	return nil
}

// checkQuotes checks that every quote's content span holds its text, that
// each wanted quote is found with its kind and speaker, and that no quote
// contains any of none.
func checkQuotes(t *testing.T, text string, qs []article.Quote, wants []want, none []string) {
	t.Helper()
	for _, q := range qs {
		if q.Content.Start < 0 || q.Content.End > len(text) || text[q.Content.Start:q.Content.End] != q.Content.Text {
			t.Errorf("bad content span %+v", q.Content)
		}
	}
	for _, w := range wants {
		q := find(qs, w.content)
		if q == nil {
			t.Errorf("no quote containing %q; got %+v", w.content, qs)
			continue
		}
		if q.Kind != w.kind {
			t.Errorf("%q: kind %s, want %s", w.content, q.Kind, w.kind)
		}
		if w.speaker != "" && q.Speaker.Name != w.speaker {
			t.Errorf("%q: speaker %q, want %q", w.content, q.Speaker.Name, w.speaker)
		}
	}
	for _, n := range none {
		for _, q := range qs {
			if strings.Contains(q.Content.Text, n) {
				t.Errorf("quote %q should not exist", q.Content.Text)
			}
		}
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
		// none lists substrings no quotation may contain.
		none []string
		// count is the exact number of quotations (-1: do not check).
		count int
	}{
		{
			name:  "straight quotes, speaker after",
			text:  `"The bridge will open in May," Karla Osterberg said.`,
			want:  []want{{"bridge will open", article.Direct, "Karla Osterberg"}},
			count: 1,
		},
		{
			name:  "curly quotes, inverted attribution",
			text:  "“We are not leaving,” said Tomas Brandvold, a union steward.",
			want:  []want{{"not leaving", article.Direct, "Tomas Brandvold"}},
			count: 1,
		},
		{
			name: "guillemets",
			text: "«Nous restons ici», a dit le maire. «We stay here, no matter what the council decides»",
			want: []want{{"We stay here", article.Direct, ""}},
		},
		{
			name:  "nested quotes",
			text:  "“He told me, ‘Never sign anything on a Friday,’ and I never have,” Odile Marchetti said.",
			want:  []want{{"Never sign anything", article.Direct, "Odile Marchetti"}},
			count: 1,
		},
		{
			name:  "apostrophes and inch marks are not quotes",
			text:  "The players’ union said the 6'2\" centre didn't practise. Management's view hasn't changed since the '90s.",
			none:  []string{"2\" centre didn't practise. Management"},
			count: -1,
		},
		{
			name: "broken by attribution",
			text: "“The numbers are clear,” Priya Venkataraman said, “and they are not good.”",
			want: []want{
				{"numbers are clear", article.Direct, "Priya Venkataraman"},
				{"they are not good", article.Direct, "Priya Venkataraman"},
			},
			count: 2,
		},
		{
			name: "multi-paragraph quote",
			text: "Councillor Ines Abernathy was blunt.\n\n" +
				"“We promised the residents a library and we built a parking lot. That is the record of this council.\n\n" +
				"“Next year we will do better, because we have no choice,” Abernathy said.",
			want: []want{
				{"promised the residents", article.Direct, "Ines Abernathy"},
				{"Next year we will do better", article.Direct, "Ines Abernathy"},
			},
			count: 2,
		},
		{
			name: "unbalanced mark recovers at paragraph end",
			text: "“This sentence never closes, said nobody in particular\n\n" +
				"Harald Quist said the vote would happen on Monday.",
			want: []want{{"the vote would happen on Monday", article.Indirect, "Harald Quist"}},
		},
		{
			name:  "ellipsis and insertion inside a quote",
			text:  "“The [provincial] plan is … frankly, a disaster for families,” said Maeve Okonjo.",
			want:  []want{{"frankly, a disaster", article.Direct, "Maeve Okonjo"}},
			count: 1,
		},
		{
			name:  "scare quotes and titles are not speech",
			text:  "The so-called “temporary” tax is now ten years old. The film “Winter Harbour” opened on Friday.",
			count: 0,
		},
		{
			name: "mixed quote",
			text: "Dolores Achterberg said the proposal was “dead on arrival” and would not pass.",
			want: []want{{"dead on arrival", article.Mixed, "Dolores Achterberg"}},
		},
		{
			name: "indirect with adverb and that-clause",
			text: "Finance Minister Rupert Vallance repeatedly insisted that the budget would balance by 2027.",
			want: []want{{"the budget would balance", article.Indirect, "Rupert Vallance"}},
		},
		{
			name: "indirect, attribution after",
			text: "The plant will close by the end of the year, the company said.",
			want: []want{{"The plant will close", article.Indirect, ""}},
		},
		{
			name: "told with addressee",
			text: "Greta Lindqvist told reporters she would not run again.",
			want: []want{{"she would not run again", article.Indirect, "Greta Lindqvist"}},
		},
		{
			name: "according to an anonymous group",
			text: "According to two senior officials speaking on condition of anonymity, the talks have stalled over fishing rights.",
			want: []want{{"the talks have stalled", article.Indirect, "two senior officials"}},
		},
		{
			name: "according to at the end",
			text: "The mine employs about 400 people, according to the regional chamber of commerce.",
			want: []want{{"The mine employs", article.Indirect, ""}},
		},
		{
			name: "colon introduction",
			text: "Bertrand Okafor put it simply: “Nobody reads the fine print until it is too late.”",
			want: []want{{"Nobody reads the fine print", article.Direct, "Bertrand Okafor"}},
		},
		{
			name: "noun cue with possessive",
			text: "Lucia Ferreira's claim that the tender was rigged has not been tested in court.",
			want: []want{{"the tender was rigged", article.Indirect, "Lucia Ferreira"}},
		},
		{
			name: "pronoun speaker resolved to the previous person",
			text: "Ottoline Brask has run the shelter for a decade.\n\n“Every winter is worse than the last,” she said.",
			want: []want{{"Every winter is worse", article.Direct, "Ottoline Brask"}},
		},
		{
			name: "floating quote takes the previous speaker",
			text: "“We need more beds,” said Anselm Kruger, the director.\n\n“Without them people will sleep outside again this year.”",
			want: []want{
				{"We need more beds", article.Direct, "Anselm Kruger"},
				{"people will sleep outside", article.Direct, "Anselm Kruger"},
			},
		},
		{
			name: "floating quote takes the person introduced before",
			text: "Speaking to a local radio station, economist Rosalind Achebe has her doubts about the forecast.\n\n“These numbers assume that nothing goes wrong, and something always goes wrong.”",
			want: []want{{"These numbers assume", article.Direct, "Rosalind Achebe"}},
		},
		{
			name: "apposition between speaker and cue",
			text: "“It is a question of money,” Dmitri Halvorsen, host of a weekly podcast, adds.",
			want: []want{{"question of money", article.Direct, "Dmitri Halvorsen"}},
		},
		{
			name: "role noun with surname resolution",
			text: "Mayor Corinne Tallbridge opened the meeting. Later, Tallbridge said the city could not afford the stadium.",
			want: []want{{"the city could not afford", article.Indirect, "Corinne Tallbridge"}},
		},
		{
			name: "she added that",
			text: "She added that while the province seems willing, the money has not arrived.",
			want: []want{{"the money has not arrived", article.Indirect, ""}},
		},
		{
			name: "naming verb makes a mixed quote",
			text: "Councillor Wendell Obi called the proposal “a slap in the face.”",
			want: []want{{"a slap in the face", article.Mixed, "Wendell Obi"}},
		},
		{
			name: "programme title after told is not a quote",
			text: "Fenna Visser told a radio station’s “Morning Edition” show that the rink would close in March.",
			want: []want{{"the rink would close", article.Indirect, "Fenna Visser"}},
			none: []string{"“Morning Edition”"},
		},
		{
			name:  "list of quoted words is not speech",
			text:  "The banned words include \"synergy,\" \"pivot,\" and \"circle back.\"",
			count: 0,
		},
		{
			name: "age description takes the previous person",
			text: "“I am ready,” said goaltender Marius Lindgren.\n\nThe 24-year-old added that his knee had healed.",
			want: []want{{"his knee had healed", article.Indirect, "Marius Lindgren"}},
		},
		{
			name:  "negated cue is not a quote",
			text:  "Hollis Tamura did not say whether the plant would reopen.",
			count: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(t, tc.text)
			checkQuotes(t, tc.text, qs, tc.want, tc.none)
			if (tc.count > 0 && tc.want != nil && len(qs) != tc.count) || (tc.count == 0 && tc.want == nil && len(qs) != 0) {
				t.Errorf("got %d quotes, want %d: %+v", len(qs), tc.count, qs)
			}
		})
	}
}

func TestAnonymousKind(t *testing.T) {
	qs := extract(t, "According to defence officials speaking on condition of anonymity, the convoy turned back at the border.")
	if len(qs) != 1 {
		t.Fatalf("got %d quotes: %+v", len(qs), qs)
	}
	sp := qs[0].Speaker
	if sp.Kind != article.SpeakerAnonymous || sp.Name != "defence officials" {
		t.Errorf("speaker %+v, want anonymous \"defence officials\"", sp)
	}
	if sp.Mention == nil || !strings.Contains(sp.Mention.Text, "officials") {
		t.Errorf("mention %+v", sp.Mention)
	}
}

func TestUsesEntities(t *testing.T) {
	text := "Dr. Wen said the outbreak was contained."
	a := &article.Article{Text: text}
	i := strings.Index(text, "Wen")
	a.Entities = []article.Entity{{Span: article.NewSpan(text, i, i+3), Type: article.Person, Name: "Wen Jialing"}}
	qs := Extract(a, Options{})
	if len(qs) != 1 || qs[0].Speaker.Name != "Wen Jialing" || qs[0].Speaker.Kind != article.SpeakerPerson {
		t.Fatalf("got %+v", qs)
	}
	// a reference on a pronoun wins over the fallback
	text = "Someone else spoke first. He said the outbreak was contained."
	a = &article.Article{Text: text}
	i = strings.Index(text, "He")
	a.References = []article.Reference{{Span: article.NewSpan(text, i, i+2), Name: "Ravi Subramanian", Type: article.Person}}
	qs = Extract(a, Options{})
	if len(qs) != 1 || qs[0].Speaker.Name != "Ravi Subramanian" {
		t.Fatalf("got %+v", qs)
	}
}

func TestCueSpan(t *testing.T) {
	text := "“Enough,” she whispered. Hanne Lykke argued that the law was unfair."
	qs := extract(t, text)
	q := find(qs, "the law was unfair")
	if q == nil || q.Cue == nil || q.Cue.Text != "argued" {
		t.Fatalf("got %+v", qs)
	}
	if q.Speaker.Mention == nil || q.Speaker.Mention.Text != "Hanne Lykke" {
		t.Errorf("mention %+v", q.Speaker.Mention)
	}
}

func TestEmpty(t *testing.T) {
	if qs := Extract(&article.Article{}, Options{}); len(qs) != 0 {
		t.Errorf("got %v", qs)
	}
	if qs := Extract(nil, Options{}); len(qs) != 0 {
		t.Errorf("got %v", qs)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("“Hello,” she said. \"Open")
	f.Add("«a» »b« „c“ ‘d’ 'e' 6'2\" ’90s")
	f.Add("X said that \xff\xfe “broken\n\n“continued\n\nHe said: ")
	f.Add("According to , said ,, “”")
	f.Fuzz(func(t *testing.T, text string) {
		a := &article.Article{Text: text}
		for _, q := range Extract(a, Options{}) {
			check := func(s article.Span, what string) {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
					t.Fatalf("%s span %+v out of bounds for %q", what, s, text)
				}
			}
			check(q.Content, "content")
			if q.Cue != nil {
				check(*q.Cue, "cue")
			}
			if q.Speaker.Mention != nil {
				check(*q.Speaker.Mention, "mention")
			}
		}
	})
}
