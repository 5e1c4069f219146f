package query

import (
	"strings"
)

// Node is a node of a parsed query: *And, *Or, *Not, *Term or *Range.
// String prints the node in the query syntax; parsing that string gives
// the same tree back.
type Node interface {
	String() string
	node()
}

// And matches what all of its children match.
type And struct{ Children []Node }

// Or matches what any of its children matches.
type Or struct{ Children []Node }

// Not matches what its child does not match.
type Not struct{ Child Node }

// Field names a part of an article a term or range is matched against.
type Field string

// The fields of the query language. Text is the default field of a term
// without a field prefix: the article's title and text.
const (
	Text    Field = ""
	Title   Field = "title"
	Outlet  Field = "outlet"
	Speaker Field = "speaker"
	Person  Field = "person"
	Org     Field = "org"
	Place   Field = "place"
	Tag     Field = "tag"
	// Technique is a persuasion technique used in the article
	// (internal/technique's labels; internal/store resolves short names).
	Technique Field = "technique"
	Lang      Field = "lang"
	Section   Field = "section"
	URL       Field = "url"
	Author    Field = "author"
	Published Field = "published"
)

// fields are the names the parser accepts before a colon, with the fields
// they stand for (aliases included).
var fields = map[string]Field{
	"title":     Title,
	"outlet":    Outlet,
	"site":      Outlet,
	"speaker":   Speaker,
	"person":    Person,
	"org":       Org,
	"place":     Place,
	"tag":       Tag,
	"technique": Technique,
	"lang":      Lang,
	"language":  Lang,
	"section":   Section,
	"url":       URL,
	"author":    Author,
	"published": Published,
	"date":      Published,
}

// Term is a word, a prefix or a phrase, in a field or in the text.
type Term struct {
	Field Field
	// Value is the term as written, escapes resolved, without quotes or
	// the trailing * of a prefix.
	Value string
	// Phrase says the value was quoted: in the text, its words must appear
	// in order; in a name field, it is the whole name.
	Phrase bool
	// Prefix says the value ended in * (words or names starting with Value).
	Prefix bool
	// Pos is the byte offset of the term in the query.
	Pos int
}

// Range is a date range on the published field. From and To are dates as
// written (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339), "" for an open end (*).
type Range struct {
	Field          Field
	From, To       string
	IncFrom, IncTo bool // [ ] include the bound, { } exclude it
	Pos            int
}

func (*And) node()   {}
func (*Or) node()    {}
func (*Not) node()   {}
func (*Term) node()  {}
func (*Range) node() {}

func (n *And) String() string { return join(n.Children, " AND ") }
func (n *Or) String() string  { return join(n.Children, " OR ") }
func (n *Not) String() string { return "NOT " + group(n.Child) }

func (t *Term) String() string {
	var b strings.Builder
	if t.Field != Text {
		b.WriteString(string(t.Field))
		b.WriteByte(':')
	}
	if t.Phrase || needsQuotes(t.Value) {
		b.WriteByte('"')
		for _, r := range t.Value {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	} else {
		b.WriteString(t.Value)
	}
	if t.Prefix {
		b.WriteByte('*')
	}
	return b.String()
}

func (r *Range) String() string {
	var b strings.Builder
	b.WriteString(string(r.Field))
	b.WriteByte(':')
	if r.IncFrom {
		b.WriteByte('[')
	} else {
		b.WriteByte('{')
	}
	b.WriteString(bound(r.From))
	b.WriteString(" TO ")
	b.WriteString(bound(r.To))
	if r.IncTo {
		b.WriteByte(']')
	} else {
		b.WriteByte('}')
	}
	return b.String()
}

func bound(s string) string {
	if s == "" {
		return "*"
	}
	return s
}

func join(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = group(n)
	}
	return strings.Join(parts, sep)
}

// group parenthesises compound nodes so that String round-trips whatever
// the precedence.
func group(n Node) string {
	switch n.(type) {
	case *And, *Or:
		return "(" + n.String() + ")"
	}
	return n.String()
}

// needsQuotes reports whether a bare value would not lex back as itself: it
// is empty, holds a character that ends or starts something else, or is an
// operator word.
func needsQuotes(v string) bool {
	if v == "" || v == "AND" || v == "OR" || v == "NOT" || v == "TO" {
		return true
	}
	if v[0] == '-' || v[0] == '+' || v[0] == '[' || v[0] == '{' {
		return true
	}
	if _, ok := fields[strings.ToLower(fieldPart(v))]; ok {
		return true
	}
	for _, r := range v {
		if isSpace(r) || strings.ContainsRune(`()"\*:`, r) {
			return true
		}
	}
	return false
}

// fieldPart is the part of a bare word before its first colon, "" if none.
func fieldPart(v string) string {
	if i := strings.IndexByte(v, ':'); i > 0 {
		return v[:i]
	}
	return ""
}
