package query

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrSyntax is wrapped by every error Parse returns for a query that is not
// well formed; the error is a *SyntaxError that says where.
var ErrSyntax = errors.New("query syntax error")

// Limits on a query, so that a hostile query cannot exhaust the parser or
// SQLite (whose expression depth is limited to 1000).
const (
	MaxLength = 4096 // bytes
	MaxDepth  = 32   // nested parentheses and NOTs
	MaxTerms  = 128  // terms and ranges
	// MaxPrefixTerms bounds the prefix terms (polit*) of a query: each
	// expands to every indexed word that starts with it, so a query of
	// many short prefixes OR'd together costs seconds of CPU.
	MaxPrefixTerms = 16
)

// SyntaxError is a query syntax error at a byte offset of the query.
type SyntaxError struct {
	Query string
	Pos   int // byte offset into Query
	Msg   string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query syntax error at character %d: %s", e.Column(), e.Msg)
}

// Column is the 1-based character (not byte) position of the error.
func (e *SyntaxError) Column() int {
	p := min(max(e.Pos, 0), len(e.Query))
	return utf8.RuneCountInString(e.Query[:p]) + 1
}

// Unwrap makes errors.Is(err, ErrSyntax) true.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// Parse parses a query. An empty query gives a nil Node, which matches
// every article. Terms that hold no letter or digit ("-", "%", an emoji, an
// empty group) are dropped beside other terms, as a search engine's
// analyser drops them; a query left with nothing else gives a Term with no
// indexable character, which matches no article (Plan.Notices says why).
func Parse(q string) (Node, error) {
	if len(q) > MaxLength {
		return nil, &SyntaxError{Query: q, Pos: MaxLength, Msg: fmt.Sprintf("query is longer than %d bytes", MaxLength)}
	}
	if !utf8.ValidString(q) {
		i := 0
		for i < len(q) {
			r, n := utf8.DecodeRuneInString(q[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return nil, &SyntaxError{Query: q, Pos: i, Msg: "query is not valid UTF-8"}
	}
	p := &parser{src: q}
	p.next()
	n, err := p.parseOr(Text, 0)
	if err != nil {
		return nil, err
	}
	if n == nil && p.dropped {
		n = &Term{Field: Text, Value: p.droppedVal, Phrase: true}
	}
	if p.tok.kind != tokEOF {
		if p.tok.kind == tokRParen {
			return nil, p.errorf(p.tok.pos, "unbalanced ')'")
		}
		return nil, p.errorf(p.tok.pos, "unexpected %s", p.tok)
	}
	return n, nil
}

// MustParse is Parse for queries known to be valid; it panics on error.
func MustParse(q string) Node {
	n, err := Parse(q)
	if err != nil {
		panic(err)
	}
	return n
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokMinus // - directly before a term or group
	tokPlus  // + directly before a term or group
	tokField // name: (val is the field)
	tokWord  // a bare word (val, prefix)
	tokPhrase
	tokRange // [a TO b] or {a TO b}
)

type token struct {
	kind   tokKind
	pos    int
	val    string
	prefix bool
	// range bounds
	from, to       string
	incFrom, incTo bool
	field          Field
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "end of query"
	case tokLParen:
		return "'('"
	case tokRParen:
		return "')'"
	case tokAnd:
		return "AND"
	case tokOr:
		return "OR"
	case tokNot:
		return "NOT"
	case tokMinus:
		return "'-'"
	case tokPlus:
		return "'+'"
	case tokField:
		return fmt.Sprintf("field %s:", t.field)
	case tokRange:
		return "range"
	case tokPhrase:
		return fmt.Sprintf("phrase %q", t.val)
	}
	return fmt.Sprintf("%q", t.val)
}

type parser struct {
	src   string
	off   int
	tok   token
	terms int
	// prefixes counts the prefix terms (MaxPrefixTerms).
	prefixes int
	// dropped says a term with no indexable character was dropped;
	// droppedVal is the first one.
	dropped    bool
	droppedVal string
	err        error // first lexing error
	// value says the next token is a field's value: a colon in it is
	// part of the value, not a field separator.
	value bool
}

func (p *parser) errorf(pos int, format string, args ...any) error {
	return &SyntaxError{Query: p.src, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// ends a bare word
func isDelim(r rune) bool { return isSpace(r) || r == '(' || r == ')' || r == '"' }

// next reads the next token into p.tok. Lexing errors are kept in p.err
// and reported by the parser through an EOF token.
func (p *parser) next() {
	if p.err != nil {
		p.tok = token{kind: tokEOF, pos: len(p.src)}
		return
	}
	t, err := p.lex()
	if err != nil {
		p.err = err
		t = token{kind: tokEOF, pos: len(p.src)}
	}
	p.tok = t
}

func (p *parser) lex() (token, error) {
	s := p.src
	for p.off < len(s) {
		r, n := utf8.DecodeRuneInString(s[p.off:])
		if !isSpace(r) {
			break
		}
		p.off += n
	}
	start := p.off
	if p.off >= len(s) {
		return token{kind: tokEOF, pos: start}, nil
	}
	if p.value {
		p.value = false
		word, prefix, err := p.lexValue()
		if err != nil {
			return token{}, err
		}
		return token{kind: tokWord, pos: start, val: word, prefix: prefix}, nil
	}
	switch c := s[p.off]; c {
	case '(':
		p.off++
		return token{kind: tokLParen, pos: start}, nil
	case ')':
		p.off++
		return token{kind: tokRParen, pos: start}, nil
	case '"':
		return p.lexPhrase()
	case '-', '+':
		// An operator only when a term or group follows directly.
		if p.off+1 < len(s) {
			r, _ := utf8.DecodeRuneInString(s[p.off+1:])
			if !isSpace(r) && r != ')' {
				p.off++
				if c == '-' {
					return token{kind: tokMinus, pos: start}, nil
				}
				return token{kind: tokPlus, pos: start}, nil
			}
		}
	case '[', '{':
		return token{}, p.errorf(start, "a range must follow a field, as in published:[2016-07-01 TO 2016-07-31]")
	}
	// A word, or a field name followed by a colon.
	word, prefix, err := p.lexWord()
	if err != nil {
		return token{}, err
	}
	if p.off < len(s) && s[p.off] == ':' && !prefix {
		if f, ok := fields[strings.ToLower(word)]; ok {
			p.off++
			return token{kind: tokField, pos: start, field: f}, nil
		}
		if isLetters(word) {
			return token{}, p.errorf(start, "unknown field %q (fields: %s); put a value with a colon in quotes", word, fieldList())
		}
	}
	if p.off < len(s) && s[p.off] == ':' {
		// A colon that does not end a field name is part of the word
		// (10:30).
		rest, restPrefix, err := p.lexWordFrom(p.off)
		if err != nil {
			return token{}, err
		}
		if prefix {
			return token{}, p.errorf(p.off-1, "the wildcard * is only allowed at the end of a term")
		}
		word, prefix = word+rest, restPrefix
	}
	if !prefix && (word == "AND" || word == "OR" || word == "NOT") {
		kind := map[string]tokKind{"AND": tokAnd, "OR": tokOr, "NOT": tokNot}[word]
		return token{kind: kind, pos: start}, nil
	}
	if word == "" && !prefix {
		return token{}, p.errorf(start, "unexpected %q", s[start:start+1])
	}
	if word == "" {
		return token{}, p.errorf(start, "a lone * matches nothing; write a prefix before it (polit*)")
	}
	return token{kind: tokWord, pos: start, val: word, prefix: prefix}, nil
}

// lexWord reads a bare word at p.off, up to a delimiter or a colon.
func (p *parser) lexWord() (string, bool, error) { return p.lexWordFrom(p.off) }

// lexValue reads a field's bare value at p.off, colons included.
func (p *parser) lexValue() (string, bool, error) {
	var b strings.Builder
	for {
		w, prefix, err := p.lexWordFrom(p.off)
		if err != nil {
			return "", false, err
		}
		b.WriteString(w)
		if p.off < len(p.src) && p.src[p.off] == ':' {
			if prefix {
				return "", false, p.errorf(p.off-1, "the wildcard * is only allowed at the end of a term")
			}
			b.WriteByte(':')
			p.off++
			continue
		}
		if b.Len() == 0 && prefix {
			return "", false, p.errorf(p.off-1, "a lone * matches nothing; write a prefix before it (polit*)")
		}
		return b.String(), prefix, nil
	}
}

func (p *parser) lexWordFrom(from int) (string, bool, error) {
	s := p.src
	p.off = from
	var b strings.Builder
	prefix := false
	for p.off < len(s) {
		r, n := utf8.DecodeRuneInString(s[p.off:])
		if isDelim(r) {
			break
		}
		if r == ':' && p.off > from {
			break
		}
		if prefix {
			return "", false, p.errorf(p.off-1, "the wildcard * is only allowed at the end of a term")
		}
		switch r {
		case '\\':
			if p.off+1 >= len(s) {
				return "", false, p.errorf(p.off, "a backslash must escape a character")
			}
			r2, n2 := utf8.DecodeRuneInString(s[p.off+1:])
			b.WriteRune(r2)
			p.off += 1 + n2
			continue
		case '*':
			prefix = true
		case ':':
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		p.off += n
	}
	return b.String(), prefix, nil
}

// lexPhrase reads a quoted phrase at p.off, with an optional trailing *.
func (p *parser) lexPhrase() (token, error) {
	s := p.src
	start := p.off
	p.off++
	var b strings.Builder
	for {
		if p.off >= len(s) {
			return token{}, p.errorf(start, "unterminated quote")
		}
		r, n := utf8.DecodeRuneInString(s[p.off:])
		switch r {
		case '"':
			p.off++
			t := token{kind: tokPhrase, pos: start, val: b.String()}
			if p.off < len(s) && s[p.off] == '*' {
				p.off++
				t.prefix = true
			}
			if p.off < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[p.off:]); !isDelim(r) {
					return token{}, p.errorf(p.off, "a quoted phrase must be followed by a space or parenthesis")
				}
			}
			return t, nil
		case '\\':
			if p.off+1 >= len(s) {
				return token{}, p.errorf(start, "unterminated quote")
			}
			r2, n2 := utf8.DecodeRuneInString(s[p.off+1:])
			b.WriteRune(r2)
			p.off += 1 + n2
			continue
		}
		b.WriteRune(r)
		p.off += n
	}
}

// lexRange reads [from TO to] or {from TO to} at p.off.
func (p *parser) lexRange() (token, error) {
	s := p.src
	start := p.off
	open := s[p.off]
	end := strings.IndexAny(s[p.off:], "]}")
	if end < 0 {
		return token{}, p.errorf(start, "unterminated range: expected ] or }")
	}
	end += p.off
	inner := s[p.off+1 : end]
	parts := strings.Fields(inner)
	if len(parts) != 3 || parts[1] != "TO" {
		return token{}, p.errorf(start, "a range is [FROM TO TO] with dates or *, as in [2016-07-01 TO *]")
	}
	t := token{kind: tokRange, pos: start, incFrom: open == '[', incTo: s[end] == ']'}
	// Positions of the bounds for error messages.
	fromPos := p.off + 1 + strings.Index(inner, parts[0])
	toPos := p.off + 1 + strings.LastIndex(inner, parts[2])
	for i, v := range []string{parts[0], parts[2]} {
		pos := []int{fromPos, toPos}[i]
		if v == "*" {
			continue
		}
		if _, _, err := ParseDate(v); err != nil {
			return token{}, p.errorf(pos, "%q is not a date (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)", v)
		}
		if i == 0 {
			t.from = v
		} else {
			t.to = v
		}
	}
	p.off = end + 1
	if p.off < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[p.off:]); !isDelim(r) {
			return token{}, p.errorf(p.off, "a range must be followed by a space or parenthesis")
		}
	}
	return t, nil
}

func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '_' {
			return false
		}
	}
	return true
}

func fieldList() string {
	seen := map[Field]bool{}
	var out []string
	for _, f := range fields {
		if !seen[f] {
			seen[f] = true
			out = append(out, string(f))
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// Searchable reports whether a text term holds something the full-text
// index keeps: a letter or a digit. Terms that hold none ("-", "&") are
// dropped, as a search engine's analyser drops them.
func Searchable(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// startsUnary reports whether the current token can start an operand, for
// implicit AND.
func (p *parser) startsUnary() bool {
	switch p.tok.kind {
	case tokLParen, tokNot, tokMinus, tokPlus, tokField, tokWord, tokPhrase:
		return true
	}
	return false
}

func (p *parser) lexErr() error { return p.err }

func (p *parser) parseOr(field Field, depth int) (Node, error) {
	var kids []Node
	n, err := p.parseAnd(field, depth)
	if err != nil {
		return nil, err
	}
	kids = appendNode(kids, n)
	for p.tok.kind == tokOr {
		pos := p.tok.pos
		p.next()
		if !p.startsUnary() {
			if err := p.lexErr(); err != nil {
				return nil, err
			}
			return nil, p.errorf(pos, "OR needs a term after it")
		}
		n, err := p.parseAnd(field, depth)
		if err != nil {
			return nil, err
		}
		kids = appendNode(kids, n)
	}
	if err := p.lexErr(); err != nil {
		return nil, err
	}
	return combine(kids, func(k []Node) Node { return &Or{Children: k} }), nil
}

func (p *parser) parseAnd(field Field, depth int) (Node, error) {
	var kids []Node
	first := true
	for {
		if !first {
			if p.tok.kind == tokAnd {
				pos := p.tok.pos
				p.next()
				if !p.startsUnary() {
					if err := p.lexErr(); err != nil {
						return nil, err
					}
					return nil, p.errorf(pos, "AND needs a term after it")
				}
			} else if !p.startsUnary() {
				break
			}
		}
		if first && !p.startsUnary() {
			if err := p.lexErr(); err != nil {
				return nil, err
			}
			switch p.tok.kind {
			case tokEOF:
				return nil, nil // empty query or group
			case tokAnd, tokOr:
				return nil, p.errorf(p.tok.pos, "%s needs a term before it", p.tok)
			case tokRParen:
				return nil, nil
			}
			return nil, p.errorf(p.tok.pos, "unexpected %s", p.tok)
		}
		first = false
		n, err := p.parseUnary(field, depth)
		if err != nil {
			return nil, err
		}
		kids = appendNode(kids, n)
	}
	return combine(kids, func(k []Node) Node { return &And{Children: k} }), nil
}

func (p *parser) parseUnary(field Field, depth int) (Node, error) {
	if depth >= MaxDepth {
		return nil, p.errorf(p.tok.pos, "query nests deeper than %d levels", MaxDepth)
	}
	switch p.tok.kind {
	case tokNot, tokMinus:
		what := p.tok
		p.next()
		if !p.startsUnary() {
			if err := p.lexErr(); err != nil {
				return nil, err
			}
			return nil, p.errorf(what.pos, "%s needs a term after it", what)
		}
		n, err := p.parseUnary(field, depth+1)
		if err != nil || n == nil {
			return nil, err
		}
		if inner, ok := n.(*Not); ok {
			return inner.Child, nil // NOT NOT x is x
		}
		return &Not{Child: n}, nil
	case tokPlus:
		p.next()
		if !p.startsUnary() {
			if err := p.lexErr(); err != nil {
				return nil, err
			}
			return nil, p.errorf(p.tok.pos, "'+' needs a term after it")
		}
		return p.parseUnary(field, depth+1)
	}
	return p.parsePrimary(field, depth)
}

func (p *parser) parsePrimary(field Field, depth int) (Node, error) {
	t := p.tok
	switch t.kind {
	case tokLParen:
		p.next()
		n, err := p.parseOr(field, depth+1)
		if err != nil {
			return nil, err
		}
		if n == nil && !p.dropped {
			p.dropped, p.droppedVal = true, "()"
		}
		if p.tok.kind != tokRParen {
			if err := p.lexErr(); err != nil {
				return nil, err
			}
			return nil, p.errorf(t.pos, "unbalanced '(': expected ')' before %s", p.tok)
		}
		p.next()
		return n, nil
	case tokField:
		if field != Text {
			return nil, p.errorf(t.pos, "field %s: inside a %s: group", t.field, field)
		}
		// The value follows the colon directly.
		if p.off < len(p.src) && (p.src[p.off] == '[' || p.src[p.off] == '{') {
			if t.field != Published {
				return nil, p.errorf(p.off, "only published: takes a date range")
			}
			rt, err := p.lexRange()
			if err != nil {
				return nil, err
			}
			p.next()
			if err := p.count(t.pos); err != nil {
				return nil, err
			}
			return &Range{Field: Published, From: rt.from, To: rt.to, IncFrom: rt.incFrom, IncTo: rt.incTo, Pos: t.pos}, nil
		}
		if p.off >= len(p.src) || isSpace(rune(p.src[p.off])) || p.src[p.off] == ')' {
			return nil, p.errorf(t.pos, "field %s: needs a value right after the colon", t.field)
		}
		if c := p.src[p.off]; c != '(' && c != '"' {
			p.value = true
		}
		p.next()
		switch p.tok.kind {
		case tokLParen:
			if t.field == Published {
				return nil, p.errorf(p.tok.pos, "published: takes a date or a range, not a group")
			}
			return p.parsePrimary(t.field, depth)
		case tokWord, tokPhrase:
			n, err := p.parsePrimary(t.field, depth)
			if err != nil {
				return nil, err
			}
			return n, nil
		case tokMinus, tokPlus, tokNot, tokAnd, tokOr, tokField:
			return nil, p.errorf(p.tok.pos, "field %s: needs a value, not %s", t.field, p.tok)
		}
		if err := p.lexErr(); err != nil {
			return nil, err
		}
		return nil, p.errorf(t.pos, "field %s: needs a value", t.field)
	case tokWord, tokPhrase:
		p.next()
		if err := p.lexErr(); err != nil {
			return nil, err
		}
		return p.term(field, t)
	}
	if err := p.lexErr(); err != nil {
		return nil, err
	}
	return nil, p.errorf(t.pos, "unexpected %s", t)
}

// term builds the node of a word or phrase in a field.
func (p *parser) term(field Field, t token) (Node, error) {
	if field == Published {
		if t.prefix {
			return nil, p.errorf(t.pos, "published: takes a date or a range, not a prefix")
		}
		if _, _, err := ParseDate(t.val); err != nil {
			return nil, p.errorf(t.pos, "%q is not a date (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)", t.val)
		}
		if err := p.count(t.pos); err != nil {
			return nil, err
		}
		return &Range{Field: Published, From: t.val, To: t.val, IncFrom: true, IncTo: true, Pos: t.pos}, nil
	}
	if (field == Text || field == Title) && !Searchable(t.val) {
		if !p.dropped {
			p.dropped, p.droppedVal = true, t.val
		}
		return nil, nil
	}
	if err := p.count(t.pos); err != nil {
		return nil, err
	}
	if t.prefix {
		p.prefixes++
		if p.prefixes > MaxPrefixTerms {
			return nil, p.errorf(t.pos, "query has more than %d prefix terms (word*), the limit on prefixes per query", MaxPrefixTerms)
		}
	}
	return &Term{Field: field, Value: t.val, Phrase: t.kind == tokPhrase, Prefix: t.prefix, Pos: t.pos}, nil
}

func (p *parser) count(pos int) error {
	p.terms++
	if p.terms > MaxTerms {
		return p.errorf(pos, "query has more than %d terms", MaxTerms)
	}
	return nil
}

func appendNode(kids []Node, n Node) []Node {
	if n == nil {
		return kids
	}
	return append(kids, n)
}

func combine(kids []Node, mk func([]Node) Node) Node {
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	return mk(kids)
}

// ParseDate parses a date bound: YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339. It
// returns the start of the period the date names and the start of the next
// one (a day for YYYY-MM-DD, an instant for RFC 3339), both in UTC.
func ParseDate(s string) (start, end time.Time, err error) {
	for _, f := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if len(s) != len(f.layout) {
			continue
		}
		if t, err := time.Parse(f.layout, s); err == nil {
			return t, f.add(t), nil
		}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("%w: %q is not a date", ErrSyntax, s)
	}
	t = t.UTC()
	return t, t.Add(time.Nanosecond), nil
}
