package segment

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

func rangeStrings(text string, rs []article.Range) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = text[r.Start:r.End]
	}
	return strings.Join(parts, "|")
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"two plain", "It rained. We stayed in.", "It rained.|We stayed in."},
		{"question and exclamation", "Why now? Stop it! Fine.", "Why now?|Stop it!|Fine."},
		{"title abbreviation", "Mr. Smith arrived. He sat.", "Mr. Smith arrived.|He sat."},
		{"dotted abbreviation mid-sentence", "U.S. officials met Jan. 5 in Rome.", "U.S. officials met Jan. 5 in Rome."},
		{"abbreviation ends sentence", "They live in the U.S. The president said so.", "They live in the U.S.|The president said so."},
		{"abbreviation then name", "He works at Acme Inc. Chief Ada Byrne agreed.", "He works at Acme Inc. Chief Ada Byrne agreed."},
		{"company ends sentence", "He joined Acme Inc. But he left.", "He joined Acme Inc.|But he left."},
		{"initials", "J. R. R. Tolkien wrote it. Many read it.", "J. R. R. Tolkien wrote it.|Many read it."},
		{"title never ends", "I saw Dr. The Great.", "I saw Dr. The Great."},
		{"number sign", "It is No. 1 again. Good.", "It is No. 1 again.|Good."},
		{"ellipsis lowercase inside quote", "“What the Russians have said…it is odd,” he said.", "“What the Russians have said…it is odd,” he said."},
		{"ellipsis then uppercase", "He paused... Then he left.", "He paused...|Then he left."},
		{"ellipsis spaced lowercase", "He paused … and left.", "He paused … and left."},
		{"closing quote then he", "“We want concrete results.” He said it twice.", "“We want concrete results.”|He said it twice."},
		{"straight quotes", `"We are done." She left.`, `"We are done."|She left.`},
		{"quote continues lowercase", `"Are you sure?" she asked. He was.`, `"Are you sure?" she asked.|He was.`},
		{"quote then name and verb", `"Why not?" Smith asked. Nobody knew.`, `"Why not?" Smith asked.|Nobody knew.`},
		{"closing bracket", "It rose (by a lot.) Then it fell.", "It rose (by a lot.)|Then it fell."},
		{"next starts with quote", `He left. "Bye," he said.`, `He left.|"Bye," he said.`},
		{"next starts with digit", "It ended. 2024 was hard.", "It ended.|2024 was hard."},
		{"lowercase after stop", "Use e.g. this. or that", "Use e.g. this. or that"},
		{"decimal", "It grew 3.5 percent. Wow.", "It grew 3.5 percent.|Wow."},
		{"url with dots", "See www.example.com. It helps.", "See www.example.com.|It helps."},
		{"footnote mark", "It was founded in 1900.[3] Later it grew.", "It was founded in 1900.[3]|Later it grew."},
		{"etc then capital", "apples, pears, etc. Fruit is good.", "apples, pears, etc.|Fruit is good."},
		{"brand lower start", "It sold well. iPhone sales rose.", "It sold well.|iPhone sales rose."},
		{"list marker", "1. First point\n2. Second point", "1. First point|2. Second point"},
		{"headline line", "Storm hits coast\nThe storm arrived late.", "Storm hits coast|The storm arrived late."},
		{"wrapped line", "The minister met with\nofficials in the capital.", "The minister met with\nofficials in the capital."},
		{"wrapped before name", "The talks were held with the\nPresident of France.", "The talks were held with the\nPresident of France."},
		{"line after comma", "Dear Sir,\nYou wrote.", "Dear Sir,\nYou wrote."},
		{"bullets", "Key facts:\n• One fact\n• Two facts", "Key facts:\n• One fact|• Two facts"},
		{"no final punctuation", "It ends here", "It ends here"},
		{"leading ellipsis", "…and then it ended.", "…and then it ended."},
		{"upper-case title", "ORAL ARGUMENT OF GEN. SMITH ON APPEAL.", "ORAL ARGUMENT OF GEN. SMITH ON APPEAL."},
		{"never crosses paragraphs", "First para without stop\n\nSecond para. Two.", "First para without stop|Second para.|Two."},
		{"single-quoted sentence", "‘It is over.’ They left.", "‘It is over.’|They left."},
		{"no space after stop", "Tune in to JAZZ.FM91 now. Bye.", "Tune in to JAZZ.FM91 now.|Bye."},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := rangeStrings(tc.in, Sentences(tc.in, Tokenize(tc.in), Paragraphs(tc.in)))
			if got != tc.want {
				t.Errorf("Sentences(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestSentencesNilArguments(t *testing.T) {
	text := "One here. Two there.\n\nThree."
	want := Sentences(text, Tokenize(text), Paragraphs(text))
	got := Sentences(text, nil, nil)
	if rangeStrings(text, got) != rangeStrings(text, want) {
		t.Errorf("nil arguments: got %v, want %v", got, want)
	}
	if len(got) != 3 {
		t.Errorf("got %d sentences, want 3", len(got))
	}
}

func TestSentencesForeignTokens(t *testing.T) {
	// Out-of-order and out-of-bounds tokens are ignored, not trusted.
	text := "A b. C d."
	toks := []article.Token{{Start: 5, End: 6}, {Start: 0, End: 1}, {Start: 7, End: 100}, {Start: -3, End: 2}}
	for _, s := range Sentences(text, toks, Paragraphs(text)) {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Errorf("bad sentence %v", s)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one", "Just one.", "Just one."},
		{"two", "One.\n\nTwo.", "One.|Two."},
		{"single newline keeps", "Line one\nline two", "Line one\nline two"},
		{"blank line with spaces", "One.\n  \t\nTwo.", "One.|Two."},
		{"many blank lines", "One.\n\n\n\nTwo.", "One.|Two."},
		{"crlf", "One.\r\n\r\nTwo.\r\nstill two", "One.|Two.\r\nstill two"},
		{"trimmed", "  \n  One.  \n\n  Two.  \n", "One.|Two."},
		{"paragraph separator", "One.\u2029Two.", "One.|Two."},
		{"nbsp blank line", "One.\n\u00a0\nTwo.", "One.|Two."},
		{"only space", " \n \n ", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := rangeStrings(tc.in, Paragraphs(tc.in))
			if got != tc.want {
				t.Errorf("Paragraphs(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
