package store

import (
	"context"
	"github.com/newsgraph/newsgraph/internal/query"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		match     string
		ranked    bool
		where     string
		args      []any
		highlight string
	}{
		{name: "empty"},
		{name: "word", in: "putin", match: `{title text} : "putin"`, ranked: true, highlight: `{title text} : "putin"`},
		{name: "implicit and", in: "putin syria",
			match: `{title text} : "putin" AND {title text} : "syria"`, ranked: true,
			highlight: `{title text} : "putin" OR {title text} : "syria"`},
		{name: "or of words is one match", in: "putin OR obama",
			match: `({title text} : "putin" OR {title text} : "obama")`, ranked: true,
			highlight: `{title text} : "putin" OR {title text} : "obama"`},
		{name: "negated word beside a positive one", in: "syria -russia",
			match: `({title text} : "syria") NOT {title text} : "russia"`, ranked: true,
			highlight: `{title text} : "syria"`},
		{name: "negated word alone", in: "-russia",
			where: `NOT (a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`,
			args:  []any{`{title text} : "russia"`}},
		{name: "phrase and prefix", in: `"white house" polit*`,
			match: `{title text} : "white house" AND {title text} : "polit" *`, ranked: true,
			highlight: `{title text} : "white house" OR {title text} : "polit" *`},
		{name: "quote in a term is doubled", in: `"say \"x"`, match: `{title text} : "say ""x"`, ranked: true, highlight: `{title text} : "say ""x"`},
		{name: "title", in: "title:summit", match: `title : "summit"`, ranked: true, highlight: `title : "summit"`},
		{name: "speaker word is full text, not ranked", in: "speaker:Putin", match: `speaker_names : "Putin"`},
		{name: "speaker name", in: `speaker:"Vladimir Putin"`,
			where: "a.id IN (SELECT article_id FROM quotes WHERE speaker_name = ?)", args: []any{"Vladimir Putin"}},
		{name: "acceptance", in: `speaker:"Vladimir Putin" AND tag:Syria`,
			where: "a.id IN (SELECT article_id FROM quotes WHERE speaker_name = ?) AND a.id IN (SELECT article_id FROM tags WHERE tag = ?)",
			args:  []any{"Vladimir Putin", "Syria"}},
		{name: "tag prefix escapes like", in: `tag:50%_off*`,
			where: `a.id IN (SELECT article_id FROM tags WHERE tag LIKE ? ESCAPE '\')`, args: []any{`50\%\_off%`}},
		{name: "person name", in: `person:"Angela Merkel"`,
			where: "a.id IN (SELECT article_id FROM article_entities WHERE name = ? AND type = ?)", args: []any{"Angela Merkel", "PERSON"}},
		{name: "place word", in: `place:Aleppo`,
			where: `(a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.type = ? AND e.name LIKE ? ESCAPE '\'))`,
			args:  []any{`entity_names : "Aleppo"`, "PLACE", "%Aleppo%"}},
		{name: "outlet", in: "outlet:www.Example.com",
			where: "(a.outlet_id IS NOT NULL AND a.outlet_id IN (SELECT id FROM outlets WHERE name = ? OR host = ?))",
			args:  []any{"www.Example.com", "example.com"}},
		{name: "lang lower-cased", in: "lang:EN", where: "a.language = ?", args: []any{"en"}},
		{name: "url prefix is a glob", in: "url:https://x.org/a[1]/*",
			where: "(a.url GLOB ? OR a.canonical_url GLOB ?)", args: []any{"https://x.org/a[[]1]/*", "https://x.org/a[[]1]/*"}},
		{name: "date range", in: "published:[2016-07-01 TO 2016-07-31]",
			where: "(a.published IS NOT NULL AND a.published >= ? AND a.published < ?)",
			args:  []any{"2016-07-01T00:00:00Z", "2016-08-01T00:00:00Z"}},
		{name: "exclusive month range", in: "published:{2016-06 TO 2016-09}",
			where: "(a.published IS NOT NULL AND a.published >= ? AND a.published < ?)",
			args:  []any{"2016-07-01T00:00:00Z", "2016-09-01T00:00:00Z"}},
		{name: "open range", in: "published:[* TO 2016]",
			where: "(a.published IS NOT NULL AND a.published < ?)", args: []any{"2017-01-01T00:00:00Z"}},
		{name: "text or field", in: "putin OR tag:Syria",
			where: "(a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR a.id IN (SELECT article_id FROM tags WHERE tag = ?))",
			args:  []any{`{title text} : "putin"`, "Syria"}, highlight: `{title text} : "putin"`},
		{name: "text and field", in: "putin lang:en",
			match: `{title text} : "putin"`, ranked: true, where: "a.language = ?", args: []any{"en"},
			highlight: `{title text} : "putin"`},
		{name: "not field", in: "putin -tag:Syria",
			match: `{title text} : "putin"`, ranked: true,
			where: "NOT (a.id IN (SELECT article_id FROM tags WHERE tag = ?))", args: []any{"Syria"},
			highlight: `{title text} : "putin"`},
		{name: "negated text not highlighted", in: "tag:x NOT (a OR b)",
			match: "", where: "a.id IN (SELECT article_id FROM tags WHERE tag = ?) AND NOT (a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
			args: []any{"x", `({title text} : "a" OR {title text} : "b")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseCompile(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if p.Match != tt.match {
				t.Errorf("Match = %s\n want %s", p.Match, tt.match)
			}
			if p.Ranked != tt.ranked {
				t.Errorf("Ranked = %v, want %v", p.Ranked, tt.ranked)
			}
			if p.Where != tt.where {
				t.Errorf("Where = %s\n want %s", p.Where, tt.where)
			}
			if len(p.Args) != 0 || len(tt.args) != 0 {
				if !reflect.DeepEqual(p.Args, tt.args) {
					t.Errorf("Args = %q, want %q", p.Args, tt.args)
				}
			}
			if p.Highlight != tt.highlight {
				t.Errorf("Highlight = %s\n want %s", p.Highlight, tt.highlight)
			}
			checkPlan(t, tt.in, p)
		})
	}
}

// TestCompileNothing: a query of terms with no letter or digit matches no
// article, with a notice, instead of every article.
func TestCompileNothing(t *testing.T) {
	for _, q := range []string{"🙂", `"*"`, "%", "()", "-"} {
		p, err := ParseCompile(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if p.Where != "0" || p.Match != "" {
			t.Errorf("%q: Where %q Match %q, want a plan that matches nothing", q, p.Where, p.Match)
		}
		if len(p.Notices) != 1 || !strings.Contains(p.Notices[0], "matches nothing") {
			t.Errorf("%q: notices %q, want one saying it matches nothing", q, p.Notices)
		}
	}
	p, err := ParseCompile("putin 🙂")
	if err != nil {
		t.Fatal(err)
	}
	if p.Match == "" || len(p.Notices) != 0 {
		t.Errorf("putin 🙂: Match %q notices %q, want putin alone", p.Match, p.Notices)
	}
}

func TestCompileIDs(t *testing.T) {
	tests := []struct {
		name, in, ids string
		args          []any
		oneIndex      bool
	}{
		{name: "no fields", in: "putin"},
		{name: "tag reads its index", in: "putin tag:Syria", oneIndex: true,
			ids: "SELECT article_id AS id FROM tags WHERE tag = ?", args: []any{"Syria"}},
		{name: "lang", in: "lang:EN", oneIndex: true, ids: "SELECT id FROM articles WHERE language = ?", args: []any{"en"}},
		{name: "and is intersect, not is except", in: `speaker:"A B" tag:x -outlet:y`,
			ids: "SELECT id FROM (SELECT article_id AS id FROM quotes WHERE speaker_name = ? INTERSECT SELECT article_id AS id FROM tags WHERE tag = ?" +
				" EXCEPT SELECT id FROM articles WHERE outlet_id IN (SELECT id FROM outlets WHERE name = ? OR host = ?))",
			args: []any{"A B", "x", "y", "y"}},
		{name: "or is union", in: "putin OR tag:Syria",
			ids:  "SELECT id FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? UNION SELECT article_id AS id FROM tags WHERE tag = ?)",
			args: []any{`{title text} : "putin"`, "Syria"}},
		{name: "lone not", in: "-tag:x", ids: "SELECT id FROM (SELECT id FROM articles EXCEPT SELECT article_id AS id FROM tags WHERE tag = ?)", args: []any{"x"}},
		{name: "date range", in: "published:2016", oneIndex: true,
			ids:  "SELECT a.id AS id FROM articles a WHERE (a.published IS NOT NULL AND a.published >= ? AND a.published < ?)",
			args: []any{"2016-01-01T00:00:00Z", "2017-01-01T00:00:00Z"}},
		{name: "other fields test the row", in: "section:World", oneIndex: true,
			ids: "SELECT a.id AS id FROM articles a WHERE a.section = ? COLLATE NOCASE", args: []any{"World"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseCompile(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if p.IDs != tt.ids {
				t.Errorf("IDs = %s\n want %s", p.IDs, tt.ids)
			}
			if !reflect.DeepEqual(p.IDArgs, tt.args) {
				t.Errorf("IDArgs = %q, want %q", p.IDArgs, tt.args)
			}
			if p.IDsOneIndex != tt.oneIndex {
				t.Errorf("IDsOneIndex = %v, want %v", p.IDsOneIndex, tt.oneIndex)
			}
			checkPlan(t, tt.in, p)
		})
	}
}

// checkPlan asserts the safety properties of a plan: the SQL holds no value
// (no string literal but the LIKE escape character, one placeholder per
// argument), and the FTS5 expressions hold user text only inside quoted
// strings.
func checkPlan(t *testing.T, q string, p *Plan) {
	t.Helper()
	w := strings.ReplaceAll(p.Where, `ESCAPE '\'`, "")
	if strings.ContainsAny(w, `'"`+"`") {
		t.Fatalf("%q: SQL holds a literal: %s", q, p.Where)
	}
	if n := strings.Count(p.Where, "?"); n != len(p.Args) {
		t.Fatalf("%q: %d placeholders, %d args: %s", q, n, len(p.Args), p.Where)
	}
	ids := strings.ReplaceAll(p.IDs, `ESCAPE '\'`, "")
	if strings.ContainsAny(ids, `'"`+"`") {
		t.Fatalf("%q: ID SQL holds a literal: %s", q, p.IDs)
	}
	if n := strings.Count(p.IDs, "?"); n != len(p.IDArgs) {
		t.Fatalf("%q: %d placeholders, %d ID args: %s", q, n, len(p.IDArgs), p.IDs)
	}
	if (p.IDs == "") != (p.Where == "") {
		t.Fatalf("%q: Where %q but IDs %q", q, p.Where, p.IDs)
	}
	exprs := []string{p.Match, p.Highlight}
	for _, a := range append(slices.Clone(p.Args), p.IDArgs...) {
		if s, ok := a.(string); ok && strings.Contains(s, " : ") {
			exprs = append(exprs, s)
		}
	}
	for _, e := range exprs {
		if bad := ftsOutsideStrings(e); bad != "" {
			t.Fatalf("%q: FTS5 expression %s holds %q outside a string", q, e, bad)
		}
	}
}

// ftsOutsideStrings returns the first word of an FTS5 expression outside
// quoted strings that is not an operator, column filter or parenthesis.
func ftsOutsideStrings(e string) string {
	var out strings.Builder
	in := false
	for i := 0; i < len(e); i++ {
		c := e[i]
		if c == '"' {
			if in && i+1 < len(e) && e[i+1] == '"' {
				i++
				continue
			}
			in = !in
			out.WriteByte(' ')
			continue
		}
		if !in {
			out.WriteByte(c)
		}
	}
	if in {
		return "unterminated string"
	}
	allowed := map[string]bool{"(": true, ")": true, "AND": true, "OR": true, "NOT": true, "*": true, ":": true,
		"{title": true, "text}": true, "title": true, "speaker_names": true, "entity_names": true}
	for _, w := range strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(out.String())) {
		if !allowed[w] {
			return w
		}
	}
	return ""
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "putin", `speaker:"Vladimir Putin" AND tag:Syria`, "a OR b c", "-(a OR b) title:x*",
		"published:[2016-07-01 TO *]", "published:{2016 TO 2017-02}", `"say \"hi\""*`, `url:http://x/*`,
		"person:Merkel org:(UN OR NATO) place:Paris*", `a" OR "b`, `NEAR(a b)`, `"a" : b`, "outlet:bbc* lang:en",
		`author:"Jane Doe" section:politics`, "((((a))))", `x ' OR 1=1 --`, "tag:-x", "a\\", "\x00",
	} {
		f.Add(s)
	}
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	f.Fuzz(func(t *testing.T, q string) {
		n, err := query.Parse(q)
		if err != nil {
			if !strings.Contains(err.Error(), "query syntax error") {
				t.Fatalf("%q: error %v does not say it is a syntax error", q, err)
			}
			return
		}
		p, err := Compile(n)
		if err != nil {
			t.Fatalf("%q parsed but does not compile: %v", q, err)
		}
		checkPlan(t, q, p)
		if n != nil {
			s := n.String()
			again, err := query.Parse(s)
			if err != nil {
				t.Fatalf("%q printed as %q, which does not parse: %v", q, s, err)
			}
			if again == nil || again.String() != s {
				t.Fatalf("%q printed as %q, which parses back as %v", q, s, again)
			}
			if _, err := Compile(again); err != nil {
				t.Fatalf("%q: reparsed query does not compile: %v", q, err)
			}
		}
		from, args := p.FromWhere("", "a.latest = 1")
		var count int
		if err := st.DB.QueryRowContext(ctx, "SELECT count(*) "+from, args...).Scan(&count); err != nil {
			t.Fatalf("%q: SQLite rejects the plan: %v\n%s %q", q, err, from, args)
		}
		if p.IDs != "" {
			if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM ("+p.IDs+")", p.IDArgs...).Scan(&count); err != nil {
				t.Fatalf("%q: SQLite rejects the ID set: %v\n%s %q", q, err, p.IDs, p.IDArgs)
			}
		}
	})
}
