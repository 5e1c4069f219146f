package store

import (
	"fmt"
	"github.com/newsgraph/newsgraph/internal/query"
	"strings"
)

// Full-text index column names (internal/store/schema.sql, articles_fts).
const (
	ftsTable    = "articles_fts"
	ftsText     = "{title text}" // the default field: title and body
	ftsTitle    = "title"
	ftsSpeakers = "speaker_names"
)

// Plan is a compiled query: the SQL that selects the articles it matches
// from the store (internal/store/schema.sql). The articles table is always
// aliased a. User values never appear in SQL text: they are in Args, or in
// Match, which is itself bound as a parameter and holds every user term as
// a quoted FTS5 string, so neither SQL nor FTS5 syntax can be injected.
type Plan struct {
	// Match is the FTS5 expression that drives the query (the articles must
	// match it), "" when the query has no full-text part at its top level.
	Match string
	// Ranked says Match holds free-text terms, so bm25() is a meaningful
	// order; otherwise results are ordered by date.
	Ranked bool
	// Where is an SQL condition on articles a that the articles must also
	// satisfy, "" for none. Its placeholders are all '?', bound to Args in
	// order.
	Where string
	Args  []any
	// Highlight is an FTS5 expression of every free-text term of the query
	// that is not negated, for snippets when Match is "" or not ranked; ""
	// when the query has no free text.
	Highlight string
	// IDs is Where as a set: an SQL SELECT of one column, id, whose rows
	// are the ids of the articles that satisfy Where (duplicates
	// possible), "" when Where is "". Its placeholders are bound to IDArgs.
	// Fields read their own index (tag: tags_tag, speaker: quotes_speaker,
	// outlet: articles_outlet, lang: articles_language, published:
	// articles_published …) without reading article rows; AND, OR and
	// NOT are INTERSECT, UNION and EXCEPT. A caller that tests many ids
	// against Where (the matches of a frequent word) builds this set once
	// (id IN (IDs)) instead of evaluating Where on each article row.
	IDs    string
	IDArgs []any
	// IDsOneIndex says IDs reads one index (no compound SELECT), so a
	// LIMIT on a statement over it stops reading early.
	IDsOneIndex bool
	// IDConj is Where's top-level conjuncts as id sets: an article
	// satisfies Where when its id is in every set that is not Negated
	// and in none that is. Testing an id against each set with an
	// EXISTS reads one index per set, where IDs, a compound, is built
	// whole.
	IDConj []IDSet
	// Notices are remarks for the person who wrote the query, such as a
	// term that matches nothing because it holds no letter or digit.
	Notices []string
	// d is the dialect the plan's SQL is written in. On PostgreSQL, Match
	// and Highlight are tsquery texts (fts.go) rather than FTS5
	// expressions, and phrases are Match's phrases, for ranking and
	// snippets (hlPhrases are Highlight's).
	d                  dialect
	phrases, hlPhrases []ftsPhrase
}

// IDSet is a SELECT of one column, id, with its values.
type IDSet struct {
	SQL     string
	Args    []any
	Negated bool
	// OneIndex says SQL reads one index or table (it is not a compound).
	OneIndex bool
}

// Compile compiles a parsed query for SQLite. A nil node (the empty query)
// gives a plan that matches every article.
func Compile(n query.Node) (*Plan, error) { return compile(n, sqliteDialect) }

// compile compiles a parsed query in dialect d.
func compile(n query.Node, d dialect) (*Plan, error) {
	p := &Plan{d: d}
	if n == nil {
		return p, nil
	}
	p.Notices = notices(n, nil)
	var conj []query.Node
	if a, ok := n.(*query.And); ok {
		conj = a.Children
	} else {
		conj = []query.Node{n}
	}
	var pos, neg []string
	var rest []query.Node
	for _, c := range conj {
		if e, ok := d.ftsExpr(c); ok {
			pos = append(pos, e)
			p.phrases = d.appendPhrases(p.phrases, c)
			if hasFreeText(c) {
				p.Ranked = true
			}
			continue
		}
		if nt, ok := c.(*query.Not); ok {
			if e, ok := d.ftsExpr(nt.Child); ok {
				neg = append(neg, e)
				continue
			}
		}
		rest = append(rest, c)
	}
	if len(pos) > 0 {
		m := strings.Join(pos, d.ftsOp(" AND "))
		for _, e := range neg {
			m = "(" + m + ")" + d.ftsOp(" NOT ") + e
		}
		p.Match = m
	} else {
		for _, e := range neg {
			rest = append(rest, &query.Not{Child: ftsNode(e)})
		}
	}
	var where []string
	for _, c := range rest {
		s, err := p.sql(c)
		if err != nil {
			return nil, err
		}
		where = append(where, s)
	}
	p.Where = strings.Join(where, " AND ")
	if len(rest) > 0 {
		var n query.Node = &query.And{Children: rest}
		if len(rest) == 1 {
			n = rest[0]
		}
		ids, one, err := p.ids(n)
		if err != nil {
			return nil, err
		}
		p.IDs, p.IDsOneIndex = ids, one
		// The conjuncts again, each on its own.
		all := p.IDArgs
		for _, c := range rest {
			var set IDSet
			if nt, ok := c.(*query.Not); ok {
				c, set.Negated = nt.Child, true
			}
			p.IDArgs = nil
			if set.SQL, set.OneIndex, err = p.ids(c); err != nil {
				return nil, err
			}
			set.Args = p.IDArgs
			p.IDConj = append(p.IDConj, set)
		}
		p.IDArgs = all
	}
	var hl []string
	d.collectFreeText(n, false, &hl)
	if len(hl) > 0 {
		p.Highlight = strings.Join(hl, d.ftsOp(" OR "))
	}
	if d == postgresDialect {
		p.hlPhrases = d.freeTextPhrases(n, false, nil)
	}
	return p, nil
}

// ParseCompile parses and compiles a query for SQLite.
func ParseCompile(q string) (*Plan, error) { return parseCompile(q, sqliteDialect) }

// parseCompile parses and compiles a query in dialect d.
func parseCompile(q string, d dialect) (*Plan, error) {
	n, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	return compile(n, d)
}

// FromWhere returns the FROM and WHERE clauses that select the plan's
// articles as a, and the arguments they bind. joins (SQL without
// placeholders, such as "JOIN quotes q ON q.article_id = a.id") follow the
// FROM; extra conditions are ANDed in last, so a caller that writes
// placeholders in them appends their arguments after the returned ones.
// When the plan has a Match, articles_fts is joined, so bm25(articles_fts)
// and snippet(articles_fts, …) may be selected.
func (p *Plan) FromWhere(joins string, extra ...string) (string, []any) {
	var conds []string
	var args []any
	var from string
	if p.Match != "" && p.d == postgresDialect {
		from = "FROM articles a"
		conds = append(conds, tsMatch("a.fts"))
		args = append(args, p.Match)
	} else if p.Match != "" {
		from = "FROM " + ftsTable + " JOIN articles a ON a.id = " + ftsTable + ".rowid"
		conds = append(conds, ftsTable+" MATCH ?")
		args = append(args, p.Match)
	} else {
		from = "FROM articles a"
	}
	if joins != "" {
		from += " " + joins
	}
	if p.Where != "" {
		conds = append(conds, "("+p.Where+")")
		args = append(args, p.Args...)
	}
	for _, e := range extra {
		if e != "" {
			conds = append(conds, "("+e+")")
		}
	}
	if len(conds) == 0 {
		return from, args
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args
}

// notices appends to out a notice for each free-text term of n that holds
// nothing the index keeps.
func notices(n query.Node, out []string) []string {
	switch n := n.(type) {
	case *query.Term:
		if (n.Field == query.Text || n.Field == query.Title) && !query.Searchable(n.Value) {
			out = append(out, fmt.Sprintf("the term %q holds no letter or digit, so it matches nothing", n.Value))
		}
	case *query.And:
		for _, c := range n.Children {
			out = notices(c, out)
		}
	case *query.Or:
		for _, c := range n.Children {
			out = notices(c, out)
		}
	case *query.Not:
		out = notices(n.Child, out)
	}
	return out
}

// ftsField marks a term whose value is an already-compiled FTS5
// expression, used as an SQL operand (ftsNode). No query parses to it: a
// field name cannot hold a NUL.
const ftsField query.Field = "\x00fts"

// ftsNode is an already-compiled FTS5 expression as a query node.
func ftsNode(expr string) query.Node { return &query.Term{Field: ftsField, Value: expr} }

// ftsString quotes s as an FTS5 string: the only FTS5 syntax a user value
// ever becomes, so it cannot carry operators, column filters or NEAR.
// FTS5 reads its expression as a C string: a NUL would cut it, so NULs
// (never part of a token) become spaces.
func ftsString(s string) string {
	s = strings.ReplaceAll(s, "\x00", " ")
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ftsLeaf is the FTS5 expression of a term that the full-text index can
// answer on its own: free text, title: words, and speaker: words.
func (d dialect) ftsLeaf(t *query.Term) (string, bool) {
	var col string
	switch t.Field {
	case query.Text, query.Title:
		if !query.Searchable(t.Value) {
			return "", false // nothing to index: sqlTerm matches nothing
		}
		col = ftsText
		if t.Field == query.Title {
			col = ftsTitle
		}
	case query.Speaker:
		if t.Phrase {
			return "", false // a whole name: the quotes table answers
		}
		if !query.Searchable(t.Value) {
			return "", false
		}
		col = ftsSpeakers
	default:
		return "", false
	}
	if d == postgresDialect {
		return tsLeaf(t.Value, t.Prefix, ftsColumns[col]), true
	}
	e := ftsString(t.Value)
	if t.Prefix {
		e += " *"
	}
	return col + " : " + e, true
}

// ftsExpr compiles a subtree to one FTS5 expression when every leaf is an
// FTS leaf and the shape is one FTS5 can express (NOT only beside a
// positive term).
func (d dialect) ftsExpr(n query.Node) (string, bool) {
	switch n := n.(type) {
	case *query.Term:
		if n.Field == ftsField {
			return n.Value, true
		}
		return d.ftsLeaf(n)
	case *query.Or:
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			e, ok := d.ftsExpr(c)
			if !ok {
				return "", false
			}
			parts[i] = e
		}
		return "(" + strings.Join(parts, d.ftsOp(" OR ")) + ")", true
	case *query.And:
		var pos, neg []string
		for _, c := range n.Children {
			if e, ok := d.ftsExpr(c); ok {
				pos = append(pos, e)
				continue
			}
			if nt, ok := c.(*query.Not); ok {
				if e, ok := d.ftsExpr(nt.Child); ok {
					neg = append(neg, e)
					continue
				}
			}
			return "", false
		}
		if len(pos) == 0 {
			return "", false
		}
		m := "(" + strings.Join(pos, d.ftsOp(" AND ")) + ")"
		for _, e := range neg {
			m = "(" + m + d.ftsOp(" NOT ") + e + ")"
		}
		return m, true
	}
	return "", false
}

// hasFreeText reports whether a subtree holds a free-text or title term.
func hasFreeText(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return n.Field == query.Text || n.Field == query.Title
	case *query.And:
		for _, c := range n.Children {
			if hasFreeText(c) {
				return true
			}
		}
	case *query.Or:
		for _, c := range n.Children {
			if hasFreeText(c) {
				return true
			}
		}
	case *query.Not:
		return hasFreeText(n.Child)
	}
	return false
}

// collectFreeText gathers the FTS5 expressions of the free-text and title
// terms that are not negated.
func (d dialect) collectFreeText(n query.Node, negated bool, out *[]string) {
	switch n := n.(type) {
	case *query.Term:
		if !negated && (n.Field == query.Text || n.Field == query.Title) {
			if e, ok := d.ftsLeaf(n); ok {
				*out = append(*out, e)
			}
		}
	case *query.And:
		for _, c := range n.Children {
			d.collectFreeText(c, negated, out)
		}
	case *query.Or:
		for _, c := range n.Children {
			d.collectFreeText(c, negated, out)
		}
	case *query.Not:
		d.collectFreeText(n.Child, !negated, out)
	}
}

// sql compiles a subtree to an SQL condition on articles a, appending the
// values it binds to p.Args. Every condition is two-valued (never NULL), so
// NOT is the complement.
func (p *Plan) sql(n query.Node) (string, error) {
	if e, ok := p.d.ftsExpr(n); ok {
		p.Args = append(p.Args, e)
		if p.d == postgresDialect {
			return tsMatch("a.fts"), nil
		}
		return "a.id IN (SELECT rowid FROM " + ftsTable + " WHERE " + ftsTable + " MATCH ?)", nil
	}
	switch n := n.(type) {
	case *query.And:
		return p.sqlList(n.Children, " AND ")
	case *query.Or:
		return p.sqlList(n.Children, " OR ")
	case *query.Not:
		s, err := p.sql(n.Child)
		if err != nil {
			return "", err
		}
		return "NOT (" + s + ")", nil
	case *query.Range:
		return p.sqlRange(n)
	case *query.Term:
		return p.sqlTerm(n)
	}
	return "", fmt.Errorf("%w: cannot compile %T", query.ErrSyntax, n)
}

func (p *Plan) sqlList(kids []query.Node, op string) (string, error) {
	parts := make([]string, len(kids))
	for i, c := range kids {
		s, err := p.sql(c)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return "(" + strings.Join(parts, op) + ")", nil
}

func (p *Plan) sqlRange(r *query.Range) (string, error) {
	conds := []string{"a.published IS NOT NULL"}
	if r.From != "" {
		start, end, err := query.ParseDate(r.From)
		if err != nil {
			return "", err
		}
		b := start
		if !r.IncFrom {
			b = end
		}
		conds = append(conds, "a.published >= ?")
		p.Args = append(p.Args, b.Format(TimeLayout))
	}
	if r.To != "" {
		start, end, err := query.ParseDate(r.To)
		if err != nil {
			return "", err
		}
		b := end
		if !r.IncTo {
			b = start
		}
		conds = append(conds, "a.published < ?")
		p.Args = append(p.Args, b.Format(TimeLayout))
	}
	return "(" + strings.Join(conds, " AND ") + ")", nil
}

// globEscape escapes GLOB's wildcards (GLOB has no escape character; a
// bracket expression matches the character literally).
func globEscape(s string) string {
	r := strings.NewReplacer(`[`, `[[]`, `*`, `[*]`, `?`, `[?]`)
	return r.Replace(s)
}

var entityTypes = map[query.Field]string{query.Person: "PERSON", query.Org: "ORG", query.Place: "PLACE"}

func (p *Plan) sqlTerm(t *query.Term) (string, error) {
	v := t.Value
	arg := func(vals ...any) { p.Args = append(p.Args, vals...) }
	// eq is the condition col = v, or col LIKE 'v%' for a prefix.
	eq := func(col string) string {
		if t.Prefix {
			arg(likeEscape(v) + "%")
			return col + ` LIKE ? ESCAPE '\'`
		}
		arg(v)
		return col + " = ?"
	}
	switch t.Field {
	case query.Speaker:
		// A quoted name (ftsLeaf took bare words): the whole name.
		return "a.id IN (SELECT article_id FROM quotes WHERE " + eq("speaker_name") + ")", nil
	case query.Person, query.Org, query.Place:
		typ := entityTypes[t.Field]
		if t.Phrase || !query.Searchable(v) {
			s := "a.id IN (SELECT article_id FROM article_entities WHERE " + eq("name") + " AND type = ?)"
			arg(typ)
			return s, nil
		}
		// A word of the name: the full-text index narrows, the entity
		// table checks the type.
		if p.d == postgresDialect {
			arg(tsLeaf(v, t.Prefix, ftsColumns["entity_names"]), typ, "%"+likeEscape(v)+"%")
			return "(" + tsMatch("a.fts") +
				" AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.type = ?" +
				` AND e.name LIKE ? ESCAPE '\'))`, nil
		}
		e := "entity_names : " + ftsString(v)
		if t.Prefix {
			e += " *"
		}
		arg(e, typ, "%"+likeEscape(v)+"%")
		return "(a.id IN (SELECT rowid FROM " + ftsTable + " WHERE " + ftsTable + " MATCH ?)" +
			" AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.type = ?" +
			` AND e.name LIKE ? ESCAPE '\'))`, nil
	case query.Outlet:
		host := strings.TrimPrefix(strings.ToLower(v), "www.")
		if t.Prefix {
			arg(likeEscape(v)+"%", likeEscape(host)+"%")
			return `(a.outlet_id IS NOT NULL AND a.outlet_id IN (SELECT id FROM outlets WHERE name LIKE ? ESCAPE '\' OR host LIKE ? ESCAPE '\'))`, nil
		}
		arg(v, host)
		return "(a.outlet_id IS NOT NULL AND a.outlet_id IN (SELECT id FROM outlets WHERE name = ? OR host = ?))", nil
	case query.Tag:
		return "a.id IN (SELECT article_id FROM tags WHERE " + eq("tag") + ")", nil
	case query.Technique:
		return "a.id IN (SELECT article_id FROM techniques WHERE " + eq("technique") + ")", nil
	case query.Lang:
		v = strings.ToLower(v)
		return eq("a.language"), nil
	case query.Section:
		if t.Prefix && p.d == postgresDialect {
			arg(likeEscape(v) + "%")
			return `a.section ILIKE ? ESCAPE '\'`, nil
		}
		if t.Prefix {
			return eq("a.section"), nil // LIKE is case-insensitive
		}
		arg(v)
		if p.d == postgresDialect {
			return "lower(a.section) = lower(CAST(? AS text))", nil
		}
		return "a.section = ? COLLATE NOCASE", nil
	case query.URL:
		if t.Prefix && p.d == postgresDialect {
			l := likeEscape(v) + "%"
			arg(l, l)
			return `(a.url LIKE ? ESCAPE '\' OR a.canonical_url LIKE ? ESCAPE '\')`, nil
		}
		if t.Prefix {
			g := globEscape(v) + "*"
			arg(g, g)
			return "(a.url GLOB ? OR a.canonical_url GLOB ?)", nil
		}
		arg(v, v)
		return "(a.url = ? OR a.canonical_url = ?)", nil
	case query.Author:
		if t.Phrase && !t.Prefix {
			// A whole byline among the newline-separated authors.
			arg(v)
			if p.d == postgresDialect {
				return "strpos(lower(chr(10) || a.authors || chr(10)), lower(chr(10) || CAST(? AS text) || chr(10))) > 0", nil
			}
			return "instr(lower(char(10) || a.authors || char(10)), lower(char(10) || ? || char(10))) > 0", nil
		}
		arg("%" + likeEscape(v) + "%")
		if p.d == postgresDialect {
			return `a.authors ILIKE ? ESCAPE '\'`, nil
		}
		return `a.authors LIKE ? ESCAPE '\'`, nil
	case query.Text, query.Title:
		// A term with nothing to index (Parse leaves one only when it is
		// all the query holds): it matches nothing.
		if p.d == postgresDialect {
			return "FALSE", nil
		}
		return "0", nil
	}
	return "", fmt.Errorf("%w: field %q cannot be searched", query.ErrSyntax, t.Field)
}

// allIDs selects every article id (SQLite reads the narrowest index).
const allIDs = "SELECT id FROM articles"

// ids compiles a subtree to a SELECT of the ids of the articles it
// matches, appending its values to p.IDArgs; one says the SELECT reads one
// index or table (it is not a compound).
func (p *Plan) ids(n query.Node) (sel string, one bool, err error) {
	arg := func(vals ...any) { p.IDArgs = append(p.IDArgs, vals...) }
	if e, ok := p.d.ftsExpr(n); ok {
		arg(e)
		if p.d == postgresDialect {
			return "SELECT id FROM articles WHERE " + tsMatch("fts"), true, nil
		}
		return "SELECT rowid AS id FROM " + ftsTable + " WHERE " + ftsTable + " MATCH ?", true, nil
	}
	switch n := n.(type) {
	case *query.And:
		var pos, neg []string
		for _, c := range n.Children {
			if nt, ok := c.(*query.Not); ok {
				s, _, err := p.ids(nt.Child)
				if err != nil {
					return "", false, err
				}
				neg = append(neg, s)
				continue
			}
			s, _, err := p.ids(c)
			if err != nil {
				return "", false, err
			}
			pos = append(pos, s)
		}
		if len(pos) == 0 {
			pos = []string{allIDs}
		}
		// Compound operators apply left to right: (A ∩ B …) − C − D.
		sel := strings.Join(pos, " INTERSECT ")
		for _, s := range neg {
			sel += " EXCEPT " + s
		}
		if len(pos)+len(neg) == 1 {
			return sel, true, nil
		}
		return "SELECT id FROM (" + sel + ")", false, nil
	case *query.Or:
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			s, _, err := p.ids(c)
			if err != nil {
				return "", false, err
			}
			parts[i] = s
		}
		return "SELECT id FROM (" + strings.Join(parts, " UNION ") + ")", false, nil
	case *query.Not:
		s, _, err := p.ids(n.Child)
		if err != nil {
			return "", false, err
		}
		return "SELECT id FROM (" + allIDs + " EXCEPT " + s + ")", false, nil
	case *query.Term:
		v := n.Value
		// eq is the condition col = v, or col LIKE 'v%' for a prefix.
		eq := func(col string) string {
			if n.Prefix {
				arg(likeEscape(v) + "%")
				return col + ` LIKE ? ESCAPE '\'`
			}
			arg(v)
			return col + " = ?"
		}
		switch n.Field {
		case query.Speaker:
			return "SELECT article_id AS id FROM quotes WHERE " + eq("speaker_name"), true, nil
		case query.Person, query.Org, query.Place:
			if n.Phrase || !query.Searchable(v) {
				s := "SELECT article_id AS id FROM article_entities WHERE " + eq("name") + " AND type = ?"
				arg(entityTypes[n.Field])
				return s, true, nil
			}
		case query.Tag:
			return "SELECT article_id AS id FROM tags WHERE " + eq("tag"), true, nil
		case query.Technique:
			return "SELECT article_id AS id FROM techniques WHERE " + eq("technique"), true, nil
		case query.Lang:
			v = strings.ToLower(v)
			return "SELECT id FROM articles WHERE " + eq("language"), true, nil
		case query.Outlet:
			host := strings.TrimPrefix(strings.ToLower(v), "www.")
			if n.Prefix {
				arg(likeEscape(v)+"%", likeEscape(host)+"%")
				return `SELECT id FROM articles WHERE outlet_id IN (SELECT id FROM outlets WHERE name LIKE ? ESCAPE '\' OR host LIKE ? ESCAPE '\')`, true, nil
			}
			arg(v, host)
			return "SELECT id FROM articles WHERE outlet_id IN (SELECT id FROM outlets WHERE name = ? OR host = ?)", true, nil
		}
	case *query.Range:
		// The range's condition names only a.published: over articles
		// alone it reads the published index.
		save := p.Args
		p.Args = nil
		s, err := p.sqlRange(n)
		args := p.Args
		p.Args = save
		if err != nil {
			return "", false, err
		}
		arg(args...)
		return "SELECT a.id AS id FROM articles a WHERE " + s, true, nil
	}
	// Anything else: the condition on each article row.
	save := p.Args
	p.Args = nil
	s, err := p.sql(n)
	args := p.Args
	p.Args = save
	if err != nil {
		return "", false, err
	}
	arg(args...)
	return "SELECT a.id AS id FROM articles a WHERE " + s, true, nil
}
