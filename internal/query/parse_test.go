package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "<nil>"},
		{"spaces", "  \t ", "<nil>"},
		{"word", "putin", "putin"},
		{"implicit and", "putin syria", "putin AND syria"},
		{"explicit and", "putin AND syria", "putin AND syria"},
		{"or", "putin OR obama", "putin OR obama"},
		{"and binds tighter than or", "a OR b c", "a OR (b AND c)"},
		{"and before or", "a b OR c", "(a AND b) OR c"},
		{"parentheses", "(a OR b) c", "(a OR b) AND c"},
		{"not", "a NOT b", "a AND NOT b"},
		{"minus", "a -b", "a AND NOT b"},
		{"minus group", "a -(b OR c)", "a AND NOT (b OR c)"},
		{"plus", "+a +b", "a AND b"},
		{"double not", "NOT NOT a", "a"},
		{"lower-case operators are words", "cats and dogs", "cats AND and AND dogs"},
		{"phrase", `"vladimir putin"`, `"vladimir putin"`},
		{"phrase escapes", `"say \"hi\""`, `"say \"hi\""`},
		{"prefix", "polit*", "polit*"},
		{"phrase prefix", `"white hou"*`, `"white hou"*`},
		{"field", "tag:Syria", "tag:Syria"},
		{"field case", "TAG:Syria", "tag:Syria"},
		{"field alias", "site:bbc.co.uk", "outlet:bbc.co.uk"},
		{"quoted field value", `speaker:"Vladimir Putin"`, `speaker:"Vladimir Putin"`},
		{"field prefix", "url:https://example.com/news/*", `url:"https://example.com/news/"*`},
		{"field group", "tag:(Syria OR Iraq)", "tag:Syria OR tag:Iraq"},
		{"acceptance", `speaker:"Vladimir Putin" AND tag:Syria`, `speaker:"Vladimir Putin" AND tag:Syria`},
		{"range", "published:[2016-07-01 TO 2016-07-31]", "published:[2016-07-01 TO 2016-07-31]"},
		{"range open", "published:[2016-07-01 TO *]", "published:[2016-07-01 TO *]"},
		{"range exclusive", "published:{2016 TO 2017-01}", "published:{2016 TO 2017-01}"},
		{"single date", "published:2016-07", "published:[2016-07 TO 2016-07]"},
		{"colon in word", "10:30", `"10:30"`},
		{"unsearchable dropped", "putin - obama &", "putin AND obama"},
		{"only unsearchable", "& -", `"&"`},
		{"emoji alone", "🙂", `"🙂"`},
		{"star phrase alone", `"*"`, `"*"`},
		{"percent alone", "%", `"%"`},
		{"empty group alone", "()", `"()"`},
		{"minus alone", "-", `"-"`},
		{"empty query", "  ", "<nil>"},
		{"empty group", "() a", "a"},
		{"backslash escape", `a\(b\)`, `"a(b)"`},
		{"unicode", "Ходорковский", "Ходорковский"},
		{"hyphenated word", "al-Assad", "al-Assad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			got := "<nil>"
			if n != nil {
				got = n.String()
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if n == nil {
				return
			}
			again, err := Parse(got)
			if err != nil {
				t.Fatalf("re-Parse(%q): %v", got, err)
			}
			if again.String() != got {
				t.Errorf("round trip: %s became %s", got, again)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		col      int // 1-based character of the error
		msg      string
	}{
		{"unbalanced open", "(a OR b", 1, "unbalanced '('"},
		{"unbalanced close", "a OR b)", 7, "unbalanced ')'"},
		{"unterminated quote", `a "b c`, 3, "unterminated quote"},
		{"trailing and", "a AND", 3, "AND needs a term after it"},
		{"leading or", "OR a", 1, "OR needs a term before it"},
		{"unknown field", "speakr:Putin", 1, `unknown field "speakr"`},
		{"field without value", "tag: Syria", 1, "needs a value right after the colon"},
		{"range on other field", "tag:[a TO b]", 5, "only published: takes a date range"},
		{"bad range", "published:[2016 2017]", 11, "a range is [FROM TO TO]"},
		{"bad date", "published:[2016-13-01 TO *]", 12, `"2016-13-01" is not a date`},
		{"bad single date", "published:yesterday", 11, `"yesterday" is not a date`},
		{"inner wildcard", "po*tin", 3, "only allowed at the end"},
		{"lone star", "a *", 3, "a lone *"},
		{"range without field", "[a TO b]", 1, "a range must follow a field"},
		{"not at end", "a NOT", 3, "NOT needs a term after it"},
		{"nested field", "tag:(a OR speaker:b)", 11, "inside a tag: group"},
		{"position counts characters", "Путин AND", 7, "AND needs a term after it"},
		{"phrase glued", `"a"b`, 4, "must be followed by a space"},
		{"trailing backslash", `a\`, 2, "a backslash must escape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.in)
			}
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("error %v does not wrap ErrSyntax", err)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			if se.Column() != tt.col {
				t.Errorf("Parse(%q): column %d, want %d (%v)", tt.in, se.Column(), tt.col, err)
			}
			if !contains(se.Msg, tt.msg) {
				t.Errorf("Parse(%q): message %q, want it to hold %q", tt.in, se.Msg, tt.msg)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	deep := ""
	for range MaxDepth + 1 {
		deep += "("
	}
	deep += "a"
	if _, err := Parse(deep); !errors.Is(err, ErrSyntax) {
		t.Errorf("deep nesting: %v, want ErrSyntax", err)
	}
	many := ""
	for range MaxTerms + 1 {
		many += "a "
	}
	if _, err := Parse(many); !errors.Is(err, ErrSyntax) {
		t.Errorf("too many terms: %v, want ErrSyntax", err)
	}
	prefixes := strings.Repeat("a* OR ", MaxPrefixTerms) + "a*"
	_, err := Parse(prefixes)
	if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "prefix terms") {
		t.Errorf("too many prefix terms: %v, want ErrSyntax naming the prefix limit", err)
	}
	if _, err := Parse(strings.Repeat("a* OR ", MaxPrefixTerms-1) + "a*"); err != nil {
		t.Errorf("%d prefix terms: %v, want them accepted", MaxPrefixTerms, err)
	}
	long := make([]byte, MaxLength+1)
	for i := range long {
		long[i] = 'a'
	}
	if _, err := Parse(string(long)); !errors.Is(err, ErrSyntax) {
		t.Errorf("long query: %v, want ErrSyntax", err)
	}
	if _, err := Parse("a \xff"); !errors.Is(err, ErrSyntax) {
		t.Errorf("invalid UTF-8: %v, want ErrSyntax", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
