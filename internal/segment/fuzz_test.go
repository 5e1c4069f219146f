package segment

import (
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
)

// The fuzz corpus is in testdata/fuzz/<FuzzName>/.

var fuzzSeeds = []string{
	"",
	"Mr. Smith met U.S. officials on Jan. 5. He didn't say.",
	"“We [Barack] Obama—no.” See https://example.com/a_(b). Mail me@x.co.uk!",
	"the Russians’ plan ‘no comment’ in the ’90s…it is\n\nNew para... Next",
	"a\xffb\xc3\x28 \u2029 \u2028 x\r\n\r\n 👨‍👩‍👧 🇺🇸 $1,000.50 3.5% 24/7",
	"1. First\n2. Second\n• Third\n\n\n",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkTokens(t, text, Tokenize(text))
	})
}

func FuzzParagraphs(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkParagraphs(t, text, Paragraphs(text))
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		paras, sents, toks := Segment(text)
		checkSentences(t, text, paras, sents, toks)
	})
}

// checkTokens asserts that tokens are in bounds, non-empty, ordered and
// non-overlapping, that they cover every non-space rune and no space, and
// that in valid UTF-8 they fall on rune boundaries.
func checkTokens(t *testing.T, text string, toks []article.Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %v out of order or bounds (prev end %d, len %d)", i, tk, prev, len(text))
		}
		if tk.Kind > article.TokenSymbol {
			t.Fatalf("token %d has kind %d", i, tk.Kind)
		}
		assertSpace(t, text, prev, tk.Start)
		for j := tk.Start; j < tk.End; {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isSpace(r) && !(r == utf8.RuneError && size == 1) {
				t.Fatalf("token %d %q holds white space", i, text[tk.Start:tk.End])
			}
			j += size
		}
		if !utf8.RuneStart(text[tk.Start]) || tk.End < len(text) && !utf8.RuneStart(text[tk.End]) {
			if utf8.ValidString(text) {
				t.Fatalf("token %d %v splits a rune", i, tk)
			}
		}
		prev = tk.End
	}
	assertSpace(t, text, prev, len(text))
}

// assertSpace fails unless text[from:to] is all white space.
func assertSpace(t *testing.T, text string, from, to int) {
	t.Helper()
	for j := from; j < to; {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isSpace(r) || r == utf8.RuneError && size == 1 {
			t.Fatalf("byte %d (%q) is in no token", j, text[j:j+size])
		}
		j += size
	}
}

func checkParagraphs(t *testing.T, text string, paras []article.Range) {
	t.Helper()
	prev := 0
	for i, p := range paras {
		if p.Start < prev || p.End <= p.Start || p.End > len(text) {
			t.Fatalf("paragraph %d %v out of order or bounds", i, p)
		}
		first, _ := utf8.DecodeRuneInString(text[p.Start:p.End])
		last, size := utf8.DecodeLastRuneInString(text[p.Start:p.End])
		if isSpace(first) || isSpace(last) && size > 1 || isSpace(last) && text[p.End-1] < utf8.RuneSelf {
			t.Fatalf("paragraph %d %q not trimmed", i, text[p.Start:p.End])
		}
		if i > 0 && !blankBetween(text[prev:p.Start]) {
			t.Fatalf("paragraphs %d and %d are not separated by a blank line: %q", i-1, i, text[prev:p.Start])
		}
		prev = p.End
	}
}

// blankBetween reports whether gap, white space between two paragraphs,
// holds a blank line.
func blankBetween(gap string) bool {
	n := 0
	for _, r := range gap {
		switch {
		case r == 0x2029:
			n += 2
		case isLineBreak(r):
			n++
		}
	}
	return n >= 2
}

func checkSentences(t *testing.T, text string, paras, sents []article.Range, toks []article.Token) {
	t.Helper()
	checkTokens(t, text, toks)
	checkParagraphs(t, text, paras)
	prev := 0
	pi := 0
	for i, s := range sents {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("sentence %d %v out of order or bounds", i, s)
		}
		for pi < len(paras) && paras[pi].End < s.End {
			pi++
		}
		if pi == len(paras) || s.Start < paras[pi].Start || s.End > paras[pi].End {
			t.Fatalf("sentence %d %v %q is not inside one paragraph", i, s, text[s.Start:s.End])
		}
		prev = s.End
	}
	// Every token is inside exactly one sentence, and sentences start and
	// end on token boundaries.
	si := 0
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, tk := range toks {
		starts[tk.Start], ends[tk.End] = true, true
		for si < len(sents) && sents[si].End <= tk.Start {
			si++
		}
		if si == len(sents) || tk.Start < sents[si].Start || tk.End > sents[si].End {
			t.Fatalf("token %v %q is in no sentence", tk, text[tk.Start:tk.End])
		}
	}
	for i, s := range sents {
		if !starts[s.Start] || !ends[s.End] {
			t.Fatalf("sentence %d %v does not start and end on tokens", i, s)
		}
	}
}

func TestInvariantsOnSeeds(t *testing.T) {
	for _, s := range fuzzSeeds {
		paras, sents, toks := Segment(s)
		checkSentences(t, s, paras, sents, toks)
	}
}
