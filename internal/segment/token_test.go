package segment

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// tokenStrings renders tokens as their texts joined by "|".
func tokenStrings(text string, toks []article.Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = text[t.Start:t.End]
	}
	return strings.Join(parts, "|")
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain words", "The cat sat.", "The|cat|sat|."},
		{"title abbreviations", "Mr. Lee met Dr. Ng and Mrs. Ode.", "Mr.|Lee|met|Dr.|Ng|and|Mrs.|Ode|."},
		{"political titles", "Gov. Abel, Sen. Bo and Rep. Cy", "Gov.|Abel|,|Sen.|Bo|and|Rep.|Cy"},
		{"dotted country", "the U.S. and U.K. talks", "the|U.S.|and|U.K.|talks"},
		{"dotted at end", "went to the U.S.", "went|to|the|U.S."},
		{"company suffixes", "Acme Corp. and Bolt Inc. and Cog Ltd. and Dye Co.", "Acme|Corp.|and|Bolt|Inc.|and|Cog|Ltd.|and|Dye|Co."},
		{"months", "on Jan. 5 or Feb. 28", "on|Jan.|5|or|Feb.|28"},
		{"street and versus", "Elm St. vs. Oak", "Elm|St.|vs.|Oak"},
		{"latin", "fruit, e.g. figs, i.e. food, etc.", "fruit|,|e.g.|figs|,|i.e.|food|,|etc."},
		{"number sign before number", "No. 10 Downing", "No.|10|Downing"},
		{"no as answer", "She said No. Then", "She|said|No|.|Then"},
		{"initials", "J. R. R. Tolkien", "J.|R.|R.|Tolkien"},
		{"plain word then stop", "the end. Next", "the|end|.|Next"},
		{"ellipsis dots", "wait... what", "wait|...|what"},
		{"ellipsis char", "wait…what", "wait|…|what"},
		{"brackets inside quotes", `"[Barack] Obama"`, `"|[|Barack|]|Obama|"`},
		{"curly double quotes", "“Yes,” she said", "“|Yes|,|”|she|said"},
		{"PTB negation", "don't can't won't", "do|n't|ca|n't|wo|n't"},
		{"PTB negation upper", "DON'T", "DO|N'T"},
		{"curly negation", "isn’t", "is|n’t"},
		{"possessive", "Russia's plan", "Russia|'s|plan"},
		{"curly possessive", "Russia’s plan", "Russia|’s|plan"},
		{"other clitics", "I'm we're you've they'll he'd", "I|'m|we|'re|you|'ve|they|'ll|he|'d"},
		{"left quote typed as apostrophe", "Russia‘s plan", "Russia|‘s|plan"},
		{"inner apostrophe names", "O'Brien and D’Amato", "O'Brien|and|D’Amato"},
		{"plural possessive curly", "the Russians’ plan", "the|Russians|’|plan"},
		{"plural possessive straight", "the players' union", "the|players|'|union"},
		{"single quoted phrase", "called it ‘a farce’ today", "called|it|‘|a|farce|’|today"},
		{"straight single quotes", "called it 'a farce' today", "called|it|'|a|farce|'|today"},
		{"single quote closing after s", "‘the Russians’ he said", "‘|the|Russians|’|he|said"},
		{"decade curly", "in the ’90s", "in|the|’90s"},
		{"decade straight", "in the '80s and '90s.", "in|the|'80s|and|'90s|."},
		{"hyphenated names", "al-Assad met Jean-Claude on US-Russia ties", "al-Assad|met|Jean-Claude|on|US-Russia|ties"},
		{"dotted compound", "U.S.-led forces", "U.S.-led|forces"},
		{"number separators", "1,000.50 and 24/7 at 10:30", "1,000.50|and|24/7|at|10:30"},
		{"percent", "rose 3.5% today", "rose|3.5|%|today"},
		{"currency", "$5 or €1,200", "$|5|or|€|1,200"},
		{"ordinals and decades", "the 21st century, the 1990s", "the|21st|century|,|the|1990s"},
		{"url", "see https://example.org/a?b=1.", "see|https://example.org/a?b=1|."},
		{"url in parentheses", "(see http://x.org/wiki/A_(b))", "(|see|http://x.org/wiki/A_(b)|)"},
		{"www url", "visit www.example.com, then", "visit|www.example.com|,|then"},
		{"bare domain", "on nytimes.com/world today", "on|nytimes.com/world|today"},
		{"email", "write to jo.smith+news@mail.example.co.uk.", "write|to|jo.smith+news@mail.example.co.uk|."},
		{"em and en dashes", "yes—no–maybe", "yes|—|no|–|maybe"},
		{"double hyphen", "yes -- no", "yes|--|no"},
		{"question exclamation run", "What?!", "What|?!"},
		{"emoji with skin tone", "ok 👍🏽 fine", "ok|👍🏽|fine"},
		{"flag", "🇺🇸 wins", "🇺🇸|wins"},
		{"zwj family", "👨‍👩‍👧 here", "👨‍👩‍👧|here"},
		{"hashtag and at", "#tag @user", "#|tag|@|user"},
		{"non-latin", "Москва и Киев", "Москва|и|Киев"},
		{"accented", "Dvořák’s café", "Dvořák|’s|café"},
		{"missing space after stop", "ended.The next", "ended|.|The|next"},
		{"list marker", "1. First", "1|.|First"},
		{"leading decimal point", "batting .324 and .5.", "batting|.324|and|.5|."},
		{"parenthesised born", "(b. 1970; d. 2001)", "(|b.|1970|;|d|.|2001|)"},
		{"guillemets", "«Non» dit-il", "«|Non|»|dit-il"},
		{"low nine quote", "„Ja“", "„|Ja|“"},
		{"empty", "", ""},
		{"only space", " \n\t ", ""},
		{"nbsp", "a\u00a0b", "a|b"},
		{"invalid utf8", "a\xffb", "a|\xff|b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tokenStrings(tc.in, Tokenize(tc.in))
			if got != tc.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestTokenKinds(t *testing.T) {
	tests := []struct {
		in   string
		want []article.TokenKind
	}{
		{"He said", []article.TokenKind{article.TokenWord, article.TokenWord}},
		{"1,000 3.5 21st 1990s", []article.TokenKind{article.TokenNumber, article.TokenNumber, article.TokenNumber, article.TokenNumber}},
		{"COVID-19", []article.TokenKind{article.TokenWord}},
		{`"‘”’«`, []article.TokenKind{article.TokenQuote, article.TokenQuote, article.TokenQuote, article.TokenQuote, article.TokenQuote}},
		{"the Russians’ plan", []article.TokenKind{article.TokenWord, article.TokenWord, article.TokenWord, article.TokenWord}},
		{"‘no comment’", []article.TokenKind{article.TokenQuote, article.TokenWord, article.TokenWord, article.TokenQuote}},
		{"https://a.org x@y.com www.b.net", []article.TokenKind{article.TokenURL, article.TokenURL, article.TokenURL}},
		{"Amazon.com", []article.TokenKind{article.TokenWord}},
		{", . … — ( ]", []article.TokenKind{article.TokenPunct, article.TokenPunct, article.TokenPunct, article.TokenPunct, article.TokenPunct, article.TokenPunct}},
		{"$ € 👍 + =", []article.TokenKind{article.TokenSymbol, article.TokenSymbol, article.TokenSymbol, article.TokenSymbol, article.TokenSymbol}},
		{"n't 's", []article.TokenKind{article.TokenWord, article.TokenQuote, article.TokenWord}},
		{"’90s", []article.TokenKind{article.TokenNumber}},
		{".324", []article.TokenKind{article.TokenNumber}},
	}
	for _, tc := range tests {
		toks := Tokenize(tc.in)
		if len(toks) != len(tc.want) {
			t.Errorf("Tokenize(%q) = %s, want %d tokens", tc.in, tokenStrings(tc.in, toks), len(tc.want))
			continue
		}
		for i, tk := range toks {
			if tk.Kind != tc.want[i] {
				t.Errorf("Tokenize(%q) token %q kind %d, want %d", tc.in, tc.in[tk.Start:tk.End], tk.Kind, tc.want[i])
			}
		}
	}
}

func TestClitic(t *testing.T) {
	text := "Russia's plan, don’t, we'll, the Russians’ plan, O'Brien, 'Hello'"
	var got []string
	for _, tk := range Tokenize(text) {
		if Clitic(text, tk) {
			got = append(got, text[tk.Start:tk.End])
		}
	}
	if want := []string{"'s", "n’t", "'ll"}; !slices.Equal(got, want) {
		t.Errorf("clitics %q, want %q", got, want)
	}
}
