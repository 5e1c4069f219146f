package store

// Full text on PostgreSQL, made to answer as SQLite's FTS5 index does.
//
// SQLite tokenizes with unicode61 (remove_diacritics 2): a token is a run
// of letters, digits and private-use characters, folded to lower case
// with diacritics removed. PostgreSQL's own parsers split differently
// (hyphenated words, URLs, e-mail addresses, numbers with dots), so the
// PostgreSQL store does not use them: tokens are made here, in Go, by the
// same rules, and written as a ready tsvector (articles.fts); the query's
// words go through the same tokenizer into a tsquery. Both sides fold
// identically, so case and diacritics are ignored as in SQLite.
//
// The four FTS5 columns are the four tsvector weights: title A, text B,
// speaker names C, entity names D. A column filter is a weight filter
// ('word':AB is {title text} : "word"); a phrase is the <-> operator over
// weighted words, a prefix ':*'. Positions run through title, speaker
// names, entity names and text in that order, one apart within a column
// and with a gap between columns, so no phrase spans two columns.
//
// Limits of tsvector that FTS5 does not have: positions stop at 16,383
// (a phrase deeper than about 16,000 words into a text cannot be found)
// and at most 256 positions are kept per word (the rest still match as
// words).
//
// Ranking is FTS5's bm25 with the same column weights, computed here from
// the matches' columns (rank.go), so both stores order ranked results the
// same way.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FTS columns, as indexes into ftsWeights and bits of a column mask.
const (
	colTitle = iota
	colText
	colSpeakers
	colEntities
	nColumns
)

// ftsColumns are the column masks of the FTS5 column filters compile
// writes.
var ftsColumns = map[string]uint8{
	ftsText:        1<<colTitle | 1<<colText,
	ftsTitle:       1 << colTitle,
	ftsSpeakers:    1 << colSpeakers,
	"entity_names": 1 << colEntities,
}

// ftsWeightLetter is each column's tsvector weight.
var ftsWeightLetter = [nColumns]byte{'A', 'B', 'C', 'D'}

// ftsPositionOrder is the order columns take positions in: the short
// ones first, so the 16,383 limit only ever cuts the text.
var ftsPositionOrder = [nColumns]int{colTitle, colSpeakers, colEntities, colText}

const (
	tsMaxPos      = 16383
	tsMaxPositons = 256
)

// ftsOp is an FTS5 boolean operator (" AND ", " OR ", " NOT ") in the
// dialect's full-text syntax.
func (d dialect) ftsOp(op string) string {
	if d == sqliteDialect {
		return op
	}
	switch op {
	case " AND ":
		return " & "
	case " OR ":
		return " | "
	}
	return " & !"
}

// tsMatch is the PostgreSQL condition that the tsvector col matches the
// tsquery bound as the next argument.
func tsMatch(col string) string { return col + " @@ CAST(? AS tsquery)" }

// token is one word of a text: its folded form and its byte span.
type token struct {
	word       string
	start, end int
}

// tokenize splits s into folded tokens as unicode61 does.
func tokenize(s string, out []token) []token {
	// The folded words go into one buffer, made a string once; each
	// token's word is a slice of it (no allocation per token).
	buf := make([]byte, 0, len(s))
	type span struct{ from, to, start, end int }
	var spans []span
	first := len(out)
	start, from := -1, 0
	flush := func(end int) {
		if start >= 0 {
			if len(buf) > from {
				spans = append(spans, span{from, len(buf), start, end})
				out = append(out, token{})
			}
			start = -1
		}
	}
	for i, r := range s {
		kind, f := foldOf(r)
		if kind == foldSeparator {
			flush(i)
			continue
		}
		if start < 0 {
			start, from = i, len(buf)
		}
		if kind == foldToken {
			buf = utf8.AppendRune(buf, f)
		}
	}
	flush(len(s))
	all := string(buf)
	for i, sp := range spans {
		out[first+i] = token{all[sp.from:sp.to], sp.start, sp.end}
	}
	return out
}

// words is the folded tokens of s, without spans.
func words(s string) []string {
	toks := tokenize(s, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.word
	}
	return out
}

// tsLexeme quotes w as a tsvector or tsquery lexeme.
func tsLexeme(w string) string {
	if strings.ContainsAny(w, `'\`) {
		w = strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w)
	}
	return "'" + w + "'"
}

// weights is the tsquery weight suffix of a column mask ("AB").
func weights(cols uint8) string {
	var b []byte
	for c := range nColumns {
		if cols&(1<<c) != 0 {
			b = append(b, ftsWeightLetter[c])
		}
	}
	return string(b)
}

// tsLeaf is the tsquery of one FTS5 string: value's words in order
// (a phrase when more than one), the last a prefix when prefix, in the
// columns of cols.
func tsLeaf(value string, prefix bool, cols uint8) string {
	ws := words(value)
	if len(ws) == 0 {
		// Not reached (compile drops terms with nothing to index);
		// a lexeme no text has keeps the query valid.
		ws = []string{"\x01"}
	}
	w := weights(cols)
	parts := make([]string, len(ws))
	for i, word := range ws {
		suffix := ":" + w
		if prefix && i == len(ws)-1 {
			suffix = ":*" + w
		}
		parts[i] = tsLexeme(word) + suffix
	}
	return "(" + strings.Join(parts, " <-> ") + ")"
}

// tsvector builds the tsvector text of an article's four FTS columns and
// returns it with the number of tokens (FTS5's row size for bm25).
func tsvector(cols [nColumns]string) (string, int) {
	type entry struct {
		pos []string
	}
	lex := map[string]*entry{}
	var order []string
	pos, total := 1, 0
	for _, c := range ftsPositionOrder {
		toks := tokenize(cols[c], nil)
		total += len(toks)
		for _, t := range toks {
			e := lex[t.word]
			if e == nil {
				e = &entry{}
				lex[t.word] = e
				order = append(order, t.word)
			}
			p := min(pos, tsMaxPos)
			ps := strconv.Itoa(p) + string(ftsWeightLetter[c])
			if len(e.pos) < tsMaxPositons && (len(e.pos) == 0 || e.pos[len(e.pos)-1] != ps) {
				e.pos = append(e.pos, ps)
			}
			pos++
		}
		pos++ // a gap: no phrase spans two columns
	}
	var b strings.Builder
	for i, w := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(w))
		b.WriteByte(':')
		b.WriteString(strings.Join(lex[w].pos, ","))
	}
	return b.String(), total
}

// indexText writes article id's tsvector from its stored columns
// (PostgreSQL only).
func (t *Tx) indexText(id int64) error {
	var cols [nColumns]string
	err := t.tx.QueryRowContext(t.ctx, `SELECT title, text, speaker_names, entity_names FROM articles WHERE id = ?`, id).
		Scan(&cols[colTitle], &cols[colText], &cols[colSpeakers], &cols[colEntities])
	if err != nil {
		return fmt.Errorf("store: index text: %w", err)
	}
	vec, n := tsvector(cols)
	if _, err := t.exec(`UPDATE articles SET fts = CAST(? AS tsvector), fts_tokens = ? WHERE id = ?`, vec, n, id); err != nil {
		return fmt.Errorf("store: index text: %w", err)
	}
	return nil
}
