package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Sentences returns the sentences of text, in order, each trimmed (it
// runs from its first token's start to its last token's end) and inside
// one paragraph. tokens must be Tokenize(text) and paragraphs
// Paragraphs(text); when either is nil it is computed. Tokens that lie
// outside every paragraph, or that are out of order, are ignored.
//
// A sentence ends after ".", "!", "?", "…" or "..." together with any
// closing quotation marks and brackets that touch them, when the next
// token can start a sentence:
//
//   - after "." "!" "?": the next token does not start with a lower-case
//     letter and is not ",", ";", ":" or a dash. After "!" or "?" and a
//     closing quote, a capitalised name followed by a speech verb ("Why?"
//     Smith asked) does not start a sentence.
//   - after an ellipsis: the next token starts with an upper-case letter
//     (or is an opening quotation mark before one), so "said…it is" and
//     "said… it is" stay one sentence.
//   - after an abbreviation that may end a sentence (Inc., U.S., Jan.,
//     etc.) or an initial: the next word is a common sentence-initial
//     function word (The, He, But, In, …) or an opening quotation mark.
//     Abbreviations that stand before a name or number (Mr., Dr., Gov.,
//     vs., No.) never end a sentence.
//   - a "." with a word or number right after it, no space between
//     ("JAZZ.FM91"), does not end a sentence;
//   - a "." after a sentence's lone first number ("1. First", "2.1.
//     Methods") is a list or section marker, not a sentence end; a "(" after
//     "!" or "?" goes on with the sentence ("Viva Maria! (1965)").
//
// Inside a paragraph, a line break also ends a sentence (for headlines,
// datelines and list items without final punctuation) when the next line
// starts with an upper-case letter, a digit, a quotation mark or a bullet,
// and the line before does not end in ",", ";", ":", a hyphen or dash, an
// opening bracket or quote, or a lower-case function word (the, of, and, …).
func Sentences(text string, tokens []article.Token, paragraphs []article.Range) []article.Range {
	if paragraphs == nil {
		paragraphs = Paragraphs(text)
	}
	if tokens == nil {
		tokens = Tokenize(text)
	}
	out := make([]article.Range, 0, len(tokens)/16+len(paragraphs))
	ti := 0
	last := 0 // end of the last accepted token
	lastPara := 0
	buf := make([]article.Token, 0, 64)
	for _, p := range paragraphs {
		if p.Start < lastPara || p.End < p.Start || p.End > len(text) {
			continue
		}
		lastPara = p.End
		buf = buf[:0]
		for ti < len(tokens) && tokens[ti].Start < p.End {
			tk := tokens[ti]
			ti++
			if tk.Start >= p.Start && tk.End <= p.End && tk.Start >= last && tk.End > tk.Start {
				buf = append(buf, tk)
				last = tk.End
			}
		}
		out = splitParagraph(text, buf, out)
	}
	return out
}

// splitParagraph appends the sentences of one paragraph's tokens to out.
func splitParagraph(text string, toks []article.Token, out []article.Range) []article.Range {
	if len(toks) == 0 {
		return out
	}
	start := 0 // index of the current sentence's first token
	for k := 0; k < len(toks); k++ {
		if k > start && lineBreakBetween(text, toks[k-1].End, toks[k].Start) && lineBreakSplits(text, toks, k) {
			out = append(out, article.Range{Start: toks[start].Start, End: toks[k-1].End})
			start = k
		}
		term := terminal(text, toks[k])
		if term == termNone {
			continue
		}
		// Take closing quotes and brackets, and further terminal
		// punctuation, that touch the terminal.
		e := k
		for e+1 < len(toks) && toks[e+1].Start == toks[e].End && isCloser(text, toks[e+1]) {
			e++
		}
		// And footnote marks: "end.[12]", "end. [3 – 5]".
		for e+1 < len(toks) {
			f := footnoteEnd(text, toks, e+1)
			if f < 0 {
				break
			}
			e = f
		}
		if e+1 >= len(toks) {
			break
		}
		if splitsAfter(text, toks, start, k, e, term) {
			out = append(out, article.Range{Start: toks[start].Start, End: toks[e].End})
			start = e + 1
		}
		k = e
	}
	return append(out, article.Range{Start: toks[start].Start, End: toks[len(toks)-1].End})
}

// Kinds of sentence-ending tokens.
const (
	termNone     = iota
	termStop     // .
	termStrong   // ! ? and runs of them
	termEllipsis // … ... and longer runs of dots
	termAbbrev   // an abbreviation or initial with its dot
)

func terminal(text string, t article.Token) int {
	w := text[t.Start:t.End]
	switch t.Kind {
	case article.TokenPunct:
		switch {
		case w == ".":
			return termStop
		case w[0] == '!' || w[0] == '?':
			return termStrong
		case w == "…" || len(w) >= 2 && w[0] == '.' && w[1] == '.':
			return termEllipsis
		}
	case article.TokenWord:
		if len(w) >= 2 && w[len(w)-1] == '.' {
			return termAbbrev
		}
	}
	return termNone
}

// isCloser reports whether t, touching the token before it, continues a
// sentence end: a closing quotation mark or bracket, or more terminal
// punctuation.
func isCloser(text string, t article.Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	switch t.Kind {
	case article.TokenQuote:
		switch r {
		case '“', '‘', '„', '«', '‹', '「', '『', '〝':
			return false
		}
		return true
	case article.TokenPunct:
		switch r {
		case ')', ']', '}', '.', '!', '?', '…':
			return true
		}
	}
	return false
}

// splitsAfter decides whether the sentence that started at token start
// ends after token e, where k ≤ e is its terminal token (of kind term).
func splitsAfter(text string, toks []article.Token, start, k, e, term int) bool {
	next := toks[e+1]
	nw := text[next.Start:next.End]
	r, _ := utf8.DecodeRuneInString(nw)
	switch term {
	case termAbbrev:
		tw := text[toks[k].Start : toks[k].End-1]
		if abbrevTokenClass(tw) == abbrevBefore && e == k {
			return false
		}
		if e > k && hasQuote(toks[k+1:e+1]) {
			// A closing quote after the abbreviation: as after a full stop.
			return startsSentence(text, toks, e+1)
		}
		if tw == "etc" {
			return startsSentence(text, toks, e+1)
		}
		if next.Kind == article.TokenQuote && isOpeningQuote(r) {
			return true
		}
		return next.Kind == article.TokenWord && english.SentenceStarter(nw)
	case termEllipsis:
		if k == start {
			return false // a leading ellipsis
		}
		if unicode.IsUpper(r) {
			return true
		}
		if next.Kind == article.TokenQuote && e+2 < len(toks) {
			r2, _ := utf8.DecodeRuneInString(text[toks[e+2].Start:])
			return unicode.IsUpper(r2)
		}
		return false
	case termStop:
		if k == start+1 && toks[start].Kind == article.TokenNumber {
			return false // a list or section number: "1.", "2.1."
		}
		if e == k && next.Start == toks[k].End && (next.Kind == article.TokenWord || next.Kind == article.TokenNumber) {
			return false // no space after the stop: "JAZZ.FM91", "Yahoo.Finance"
		}
	}
	if !startsSentence(text, toks, e+1) {
		return false
	}
	if term == termStrong && (e > k && speechFollows(text, toks, e+1) || nw == "(") {
		// "Why?" Smith asked. / the film Viva Maria! (1965)
		return false
	}
	return true
}

// startsSentence reports whether token i can start a sentence after a
// full stop.
func startsSentence(text string, toks []article.Token, i int) bool {
	t := toks[i]
	w := text[t.Start:t.End]
	r, _ := utf8.DecodeRuneInString(w)
	switch t.Kind {
	case article.TokenWord:
		return !unicode.IsLower(r) || hasUpper(w)
	case article.TokenPunct:
		switch r {
		case ',', ';', ':', ')', ']', '}', '-', '–', '—', '.', '!', '?', '…', '%', '/':
			return false
		}
	case article.TokenQuote:
		// A closing quote that did not touch the terminal is unusual;
		// a quote followed by a lower-case word continues.
		if i+1 < len(toks) {
			r2, _ := utf8.DecodeRuneInString(text[toks[i+1].Start:])
			if unicode.IsLower(r2) && toks[i+1].Start == t.End && !isOpeningQuote(r) {
				return false
			}
		}
	}
	return true
}

// hasUpper reports whether w holds an upper-case letter, as brand names
// that start a sentence in lower case do (iPhone, eBay).
func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func hasQuote(toks []article.Token) bool {
	for _, t := range toks {
		if t.Kind == article.TokenQuote {
			return true
		}
	}
	return false
}

// footnoteEnd returns the index of the "]" closing a footnote mark that
// starts at toks[i] ("[12]", "[3 – 5]", "[a]"), or -1.
func footnoteEnd(text string, toks []article.Token, i int) int {
	if text[toks[i].Start:toks[i].End] != "[" {
		return -1
	}
	for j := i + 1; j < len(toks) && j <= i+6; j++ {
		t := toks[j]
		w := text[t.Start:t.End]
		switch {
		case w == "]":
			if j == i+1 {
				return -1
			}
			return j
		case t.Kind == article.TokenNumber, t.Kind == article.TokenPunct && (w == "," || w == "-" || w == "–"),
			t.Kind == article.TokenWord && len(w) <= 2 && unicode.IsLower(rune(w[0])):
		default:
			return -1
		}
	}
	return -1
}

func isOpeningQuote(r rune) bool {
	switch r {
	case '"', '“', '‘', '„', '«', '\'', '‹', '「', '『', '〝', '`':
		return true
	}
	return false
}

// speechFollows reports whether toks[i:] is a capitalised name followed by
// a speech verb, as in `"Why?" Smith asked.`
func speechFollows(text string, toks []article.Token, i int) bool {
	names := 0
	for ; i < len(toks) && names <= 3; i++ {
		t := toks[i]
		w := text[t.Start:t.End]
		r, _ := utf8.DecodeRuneInString(w)
		if t.Kind != article.TokenWord {
			return false
		}
		if unicode.IsUpper(r) {
			if names == 0 && english.SentenceStarter(w) {
				return false
			}
			names++
			continue
		}
		return names > 0 && english.SentenceSpeechVerb(w)
	}
	return false
}

// lineBreakBetween reports whether text[from:to] holds a line break.
func lineBreakBetween(text string, from, to int) bool {
	for i := from; i < to; {
		c := text[i]
		if c == '\n' {
			return true
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isLineBreak(r) {
			return true
		}
		i += size
	}
	return false
}

// lineBreakSplits decides whether a line break before token k, inside a
// paragraph, ends the sentence.
func lineBreakSplits(text string, toks []article.Token, k int) bool {
	prev, next := toks[k-1], toks[k]
	pw, nw := text[prev.Start:prev.End], text[next.Start:next.End]
	nr, _ := utf8.DecodeRuneInString(nw)
	switch next.Kind {
	case article.TokenWord:
		if !unicode.IsUpper(nr) {
			return false
		}
	case article.TokenNumber, article.TokenQuote, article.TokenSymbol, article.TokenURL:
	case article.TokenPunct:
		switch nr {
		case '-', '–', '—', '•', '*', '·', '(', '[':
		default:
			return false
		}
	}
	pr, _ := utf8.DecodeLastRuneInString(pw)
	switch prev.Kind {
	case article.TokenPunct:
		switch pr {
		case ',', ';', ':', '-', '–', '—', '(', '[', '{', '&', '/':
			return false
		}
	case article.TokenQuote:
		if isOpeningQuote(pr) && !isCloser(text, prev) {
			return false
		}
	case article.TokenWord:
		if english.LineJoiner(pw) {
			return false
		}
	}
	return true
}
