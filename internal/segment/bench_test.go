package segment

import (
	"strings"
	"testing"
	"time"
)

// benchText builds a news-like article of about n bytes from sentences
// written for these tests.
func benchText(n int) string {
	paras := []string{
		"Mr. Alder told reporters on Jan. 5 that the U.S. would not change course. “We want concrete results,” he said. The talks, held in Vienna, lasted 3.5 hours.",
		"The company, Birch Corp., said its revenue rose 12% to $1,250.75 million in the ’90s-style boom… It didn't say why. Analysts at Cedar & Co. weren't surprised: “It's the market's mood,” one said.",
		"Sen. Dana Elm (D-Ore.) asked: “Why now?” Nobody answered. Read more at https://example.org/news/2024/talks or write to desk@example.org.",
		"J. R. Fir, 54, a former official with the U.N. refugee agency, said the plan was “dead on arrival” — a view shared by the Russians’ envoy. She added that the ‘so-called deal’ would fail.",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(paras[i%len(paras)])
	}
	return b.String()
}

func BenchmarkTokenize(b *testing.B) {
	text := benchText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

func BenchmarkParagraphs(b *testing.B) {
	text := benchText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Paragraphs(text)
	}
}

func BenchmarkSentences(b *testing.B) {
	text := benchText(1 << 20)
	toks, paras := Tokenize(text), Paragraphs(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Sentences(text, toks, paras)
	}
}

// BenchmarkSegment is the whole pipeline: paragraphs, tokens, sentences.
func BenchmarkSegment(b *testing.B) {
	text := benchText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Segment(text)
	}
}

// TestLinearTime guards against quadratic behaviour on adversarial input:
// each pathological text of 100 KB must segment quickly.
func TestLinearTime(t *testing.T) {
	const n = 100_000
	cases := map[string]string{
		"slashed number": strings.Repeat("1/", n/2),
		"colon number":   strings.Repeat("1:", n/2),
		"url parens":     "http://a.org/" + strings.Repeat(")", n),
		"url brackets":   "http://a.org/" + strings.Repeat("]", n),
		"dotted letters": strings.Repeat("a.", n/2),
		"dotted words":   strings.Repeat("abc.", n/4),
		"hyphens":        strings.Repeat("a-", n/2),
		"apostrophes":    strings.Repeat("a'", n/2),
		"email-ish":      strings.Repeat("a.b_", n/4) + "@",
		"at signs":       strings.Repeat("a@", n/2),
		"commas":         strings.Repeat("1,000", n/5),
		"stops":          strings.Repeat("A. ", n/3),
		"newlines":       strings.Repeat("A\n", n/2),
		"brackets":       strings.Repeat("x. [1", n/5),
		"quotes":         strings.Repeat("’", n/3),
		"zwj":            strings.Repeat("👍\u200d", n/7),
	}
	for name, text := range cases {
		start := time.Now()
		paras, sents, toks := Segment(text)
		d := time.Since(start)
		t.Logf("%s: %v", name, d)
		if d > time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(text))
		}
		checkSentences(t, text, paras, sents, toks)
	}
}
