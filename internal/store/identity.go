package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
)

// Corpus identity: every entity name an article writes is linked to one
// corpus entity, and the stored rows carry that entity's name.
//
// The rule for persons, applied in this order:
//  1. an analyst's correction (entities merge|split) for the name wins;
//  2. a name already linked (an alias) keeps its entity;
//  3. a name of two or more words joins the person with the same first
//     and last word ("Donald J. Trump" = "Donald Trump"); a different
//     first name is a different person ("Ivanka Trump" ≠ "Donald Trump");
//  4. a one-word name joins the one person of the corpus whose last name
//     it is, or the one with at least three times the mentions of the
//     next when several share it; otherwise it stays an entity of its own
//     ("Smith" while John and Jane Smith are equally mentioned);
//  5. a new person named in full absorbs the one-word entity of its last
//     name when no other person shares that last name.
//
// Titles are already stripped by the entity stage ("President Trump" is
// "Trump"). Organisations, places and other names join an entity of the
// same name and type, case-insensitively. Article-level resolution comes
// first: within one article "Trump" is already the "Donald Trump" the
// article names.

// ErrNoEntity is returned by Merge and Split for a name no entity has.
var ErrNoEntity = errors.New("store: no such entity")

// nameWords returns the lower-cased words of a name, dots dropped.
func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.ReplaceAll(w, ".", "")
		if w != "" {
			out = append(out, w)
		}
	}
	// a generational suffix is not the last name ("James Kennedy Jr.")
	if n := len(out); n > 2 {
		switch strings.TrimSuffix(out[n-1], ",") {
		case "jr", "sr", "ii", "iii", "iv":
			out = out[:n-1]
		}
	}
	return out
}

type entityRow struct {
	id       int64
	name     string
	mentions int
	pinned   bool
}

// entityKey identifies an article-level name.
type entityKey struct {
	typ  article.EntityType
	name string // lower case
}

// linkNames links every entity and speaker name of a to corpus entities
// and returns the corpus name for each article-level name.
func (t *Tx) linkNames(id int64, a *article.Article, summary []article.EntityCount) (map[entityKey]string, error) {
	if t.noIdentity {
		return nil, nil
	}
	type item struct {
		name     string
		typ      article.EntityType
		gender   article.Gender
		mentions int
	}
	var items []item
	seen := map[entityKey]int{}
	add := func(name string, typ article.EntityType, g article.Gender, n int) {
		if strings.TrimSpace(name) == "" {
			return
		}
		k := entityKey{typ, strings.ToLower(name)}
		if i, ok := seen[k]; ok {
			items[i].mentions += n
			return
		}
		seen[k] = len(items)
		items = append(items, item{name, typ, g, n})
	}
	for _, e := range summary {
		add(e.Name, e.Type, e.Gender, e.Mentions)
	}
	for _, q := range a.Quotes {
		switch q.Speaker.Kind {
		case article.SpeakerPerson:
			add(q.Speaker.Name, article.Person, "", 0)
		case article.SpeakerOrganization:
			add(q.Speaker.Name, article.Organization, "", 0)
		case article.SpeakerGovernment:
			add(q.Speaker.Name, article.Place, "", 0)
		}
	}
	// full names first, so a one-word name finds the person it names
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	words := func(i int) int { return len(nameWords(items[i].name)) }
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && words(order[j]) > words(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	out := map[entityKey]string{}
	for _, i := range order {
		it := items[i]
		e, err := t.link(it.name, it.typ)
		if err != nil {
			return nil, err
		}
		g := ""
		if it.typ == article.Person && it.gender != "" && it.gender != article.GenderUnknown {
			g = string(it.gender)
		}
		if _, err := t.exec(`UPDATE corpus_entities SET mentions = mentions + ?,
			gender = CASE WHEN gender IN ('', 'unknown') AND CAST(? AS text) <> '' THEN CAST(? AS text) ELSE gender END WHERE id = ?`,
			it.mentions, g, g, e.id); err != nil {
			return nil, fmt.Errorf("store: count entity: %w", err)
		}
		if _, err := t.exec(`INSERT INTO entity_aliases(alias, type, entity_id, mentions) VALUES (?,?,?,?)
			ON CONFLICT(alias, type) DO UPDATE SET mentions = entity_aliases.mentions + excluded.mentions`,
			it.name, string(it.typ), e.id, it.mentions); err != nil {
			return nil, fmt.Errorf("store: record alias: %w", err)
		}
		if _, err := t.exec(`INSERT INTO article_aliases(article_id, type, alias, name) VALUES (?,?,?,?) ON CONFLICT DO NOTHING`,
			id, string(it.typ), it.name, e.name); err != nil {
			return nil, fmt.Errorf("store: record article alias: %w", err)
		}
		out[entityKey{it.typ, strings.ToLower(it.name)}] = e.name
	}
	return out, nil
}

// link returns the corpus entity for an article-level name, creating it
// (and absorbing a one-word entity it names in full) when needed.
func (t *Tx) link(name string, typ article.EntityType) (entityRow, error) {
	var action, target string
	err := t.tx.QueryRowContext(t.ctx, `SELECT action, target FROM entity_overrides WHERE alias = ? AND type = ?`, name, string(typ)).Scan(&action, &target)
	switch {
	case err == nil && action == "merge" && !strings.EqualFold(target, name):
		return t.link(target, typ)
	case err == nil && action == "split":
		return t.entityNamed(name, typ, true)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return entityRow{}, fmt.Errorf("store: read overrides: %w", err)
	}
	if e, ok, err := t.aliasEntity(name, typ); err != nil || ok {
		return e, err
	}
	if typ != article.Person {
		return t.entityNamed(name, typ, false)
	}
	ws := nameWords(name)
	if len(ws) == 0 {
		return t.entityNamed(name, typ, false)
	}
	first, last := ws[0], ws[len(ws)-1]
	if len(ws) > 1 {
		var e entityRow
		err := t.tx.QueryRowContext(t.ctx, `SELECT id, name, mentions, pinned FROM corpus_entities
			WHERE type = 'PERSON' AND last = ? AND first = ? AND words > 1 AND pinned = 0
			ORDER BY mentions DESC, id LIMIT 1`, last, first).Scan(&e.id, &e.name, &e.mentions, &e.pinned)
		if err == nil {
			return e, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return entityRow{}, fmt.Errorf("store: find person: %w", err)
		}
		e, err = t.entityNamed(name, typ, false)
		if err != nil {
			return e, err
		}
		return e, t.absorbSurname(e, first, last)
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, name, mentions, pinned FROM corpus_entities
		WHERE type = 'PERSON' AND last = ? AND words > 1 AND pinned = 0 ORDER BY mentions DESC, id LIMIT 2`, last)
	if err != nil {
		return entityRow{}, fmt.Errorf("store: find person: %w", err)
	}
	var cands []entityRow
	for rows.Next() {
		var e entityRow
		if err := rows.Scan(&e.id, &e.name, &e.mentions, &e.pinned); err != nil {
			rows.Close()
			return entityRow{}, err
		}
		cands = append(cands, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return entityRow{}, err
	}
	if len(cands) == 1 || len(cands) == 2 && cands[0].mentions >= 3*max(cands[1].mentions, 1) {
		return cands[0], nil
	}
	return t.entityNamed(name, typ, false)
}

// aliasEntity returns the entity a name is already an alias of.
func (t *Tx) aliasEntity(name string, typ article.EntityType) (entityRow, bool, error) {
	var e entityRow
	err := t.tx.QueryRowContext(t.ctx, `SELECT e.id, e.name, e.mentions, e.pinned FROM entity_aliases a
		JOIN corpus_entities e ON e.id = a.entity_id WHERE a.alias = ? AND a.type = ?`, name, string(typ)).
		Scan(&e.id, &e.name, &e.mentions, &e.pinned)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("store: find alias: %w", err)
	}
	return e, true, nil
}

// entityNamed finds or makes the entity with exactly this name and type.
func (t *Tx) entityNamed(name string, typ article.EntityType, pinned bool) (entityRow, error) {
	ws := nameWords(name)
	first, last := "", ""
	if typ == article.Person && len(ws) > 0 {
		first, last = ws[0], ws[len(ws)-1]
	}
	p := 0
	if pinned {
		p = 1
	}
	var e entityRow
	err := t.tx.QueryRowContext(t.ctx, `INSERT INTO corpus_entities(name, type, first, last, words, pinned) VALUES (?,?,?,?,?,?)
		ON CONFLICT(name, type) DO UPDATE SET pinned = CASE WHEN excluded.pinned > corpus_entities.pinned THEN excluded.pinned ELSE corpus_entities.pinned END
		RETURNING id, name, mentions, pinned`, name, string(typ), first, last, max(len(ws), 1), p).
		Scan(&e.id, &e.name, &e.mentions, &e.pinned)
	if err != nil {
		return e, fmt.Errorf("store: make entity: %w", err)
	}
	return e, nil
}

// absorbSurname merges the one-word entity of a new person's last name
// into it, when no other person shares that last name.
func (t *Tx) absorbSurname(e entityRow, first, last string) error {
	var n int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM corpus_entities
		WHERE type = 'PERSON' AND last = ? AND words > 1 AND id <> ?`, last, e.id).Scan(&n); err != nil {
		return fmt.Errorf("store: find namesakes: %w", err)
	}
	if n > 0 {
		return nil
	}
	var one entityRow
	err := t.tx.QueryRowContext(t.ctx, `SELECT id, name, mentions, pinned FROM corpus_entities
		WHERE type = 'PERSON' AND last = ? AND words = 1 AND pinned = 0`, last).Scan(&one.id, &one.name, &one.mentions, &one.pinned)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: find surname entity: %w", err)
	}
	return t.mergeInto(one, e, article.Person)
}

// mergeInto moves entity from into entity to: its aliases, its counts and
// the stored rows that carry its name.
func (t *Tx) mergeInto(from, to entityRow, typ article.EntityType) error {
	if from.id == to.id {
		return nil
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?`, []any{to.id, from.id}},
		{`UPDATE corpus_entities SET mentions = mentions + ? WHERE id = ?`, []any{from.mentions, to.id}},
		{`DELETE FROM corpus_entities WHERE id = ?`, []any{from.id}},
	}
	for _, s := range steps {
		if _, err := t.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("store: merge entity: %w", err)
		}
	}
	return t.rename(from.name, to.name, typ, "")
}

// rename gives the stored rows written under name old (for all articles,
// or only those whose alias was onlyAlias) the name new, and refreshes
// the full-text name columns of the articles touched.
func (t *Tx) rename(old, new string, typ article.EntityType, onlyAlias string) error {
	if strings.EqualFold(old, new) && onlyAlias == "" {
		return nil
	}
	kind := speakerKindOf(typ)
	// the articles touched
	sel := `SELECT DISTINCT article_id FROM article_aliases WHERE type = ? AND name = ?`
	args := []any{string(typ), old}
	if onlyAlias != "" {
		sel += ` AND alias = ?`
		args = append(args, onlyAlias)
	}
	rows, err := t.tx.QueryContext(t.ctx, sel, args...)
	if err != nil {
		return fmt.Errorf("store: rename: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		// the article-level names that now go under new
		var aliases []string
		q := `SELECT alias FROM article_aliases WHERE article_id = ? AND type = ? AND name = ?`
		qa := []any{id, string(typ), old}
		if onlyAlias != "" {
			q += ` AND alias = ?`
			qa = append(qa, onlyAlias)
		}
		ar, err := t.tx.QueryContext(t.ctx, q, qa...)
		if err != nil {
			return fmt.Errorf("store: rename: %w", err)
		}
		for ar.Next() {
			var s string
			if err := ar.Scan(&s); err != nil {
				ar.Close()
				return err
			}
			aliases = append(aliases, s)
		}
		ar.Close()
		whole := onlyAlias == ""
		if err := t.renameArticle(id, old, new, typ, kind, whole, aliases); err != nil {
			return err
		}
	}
	return nil
}

// renameArticle renames one article's rows. With whole every row under
// old moves; otherwise only the mentions whose text is one of aliases
// (the rows the article wrote with a split-off alias).
func (t *Tx) renameArticle(id int64, old, new string, typ article.EntityType, kind string, whole bool, aliases []string) error {
	ex := func(q string, args ...any) error {
		if _, err := t.exec(q, args...); err != nil {
			return fmt.Errorf("store: rename: %w", err)
		}
		return nil
	}
	if whole {
		if err := ex(`UPDATE entities SET name = ? WHERE article_id = ? AND type = ? AND name = ?`, new, id, string(typ), old); err != nil {
			return err
		}
		if err := ex(`INSERT INTO article_entities(article_id, name, type, gender, mentions)
			SELECT article_id, ?, type, gender, mentions FROM article_entities WHERE article_id = ? AND type = ? AND name = ?
			ON CONFLICT(article_id, type, name) DO UPDATE SET mentions = article_entities.mentions + excluded.mentions`, new, id, string(typ), old); err != nil {
			return err
		}
		if !strings.EqualFold(old, new) {
			if err := ex(`DELETE FROM article_entities WHERE article_id = ? AND type = ? AND name = ?`, id, string(typ), old); err != nil {
				return err
			}
		}
	} else {
		// only the whole article_entities row when every alias moved;
		// mentions by their text otherwise
		for _, al := range aliases {
			if err := ex(`UPDATE entities SET name = ? WHERE article_id = ? AND type = ? AND name = ? AND lower(text) = lower(CAST(? AS text))`, new, id, string(typ), old, al); err != nil {
				return err
			}
		}
		var n int
		if err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM entities WHERE article_id = ? AND type = ? AND name = ?`, id, string(typ), new).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			if err := ex(`INSERT INTO article_entities(article_id, name, type, gender, mentions) VALUES (?,?,?,'',?)
				ON CONFLICT(article_id, type, name) DO UPDATE SET mentions = excluded.mentions`, id, new, string(typ), n); err != nil {
				return err
			}
			if err := ex(`UPDATE article_entities SET mentions = mentions - ? WHERE article_id = ? AND type = ? AND name = ?`, n, id, string(typ), old); err != nil {
				return err
			}
			if err := ex(`DELETE FROM article_entities WHERE article_id = ? AND type = ? AND name = ? AND mentions <= 0`, id, string(typ), old); err != nil {
				return err
			}
		}
	}
	for _, al := range aliases {
		if err := ex(`UPDATE article_aliases SET name = ? WHERE article_id = ? AND type = ? AND alias = ?`, new, id, string(typ), al); err != nil {
			return err
		}
	}
	if kind != "" {
		sid, err := t.speaker(article.Speaker{Name: new, Kind: article.SpeakerKind(kind)}, "")
		if err != nil {
			return err
		}
		q := `UPDATE quotes SET speaker_name = ?, speaker_id = ? WHERE article_id = ? AND speaker_kind = ? AND speaker_name = ?`
		if whole {
			if err := ex(q, new, sid, id, kind, old); err != nil {
				return err
			}
		} else {
			for _, al := range aliases {
				if err := ex(q+` AND lower(COALESCE(mention_text, '')) LIKE '%' || lower(CAST(? AS text)) || '%'`, new, sid, id, kind, old, al); err != nil {
					return err
				}
			}
		}
		if err := ex(`DELETE FROM speakers WHERE name = ? AND kind = ? AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = speakers.id)`, old, kind); err != nil {
			return err
		}
	}
	return t.refreshNames(id)
}

// refreshNames rewrites an article's full-text name columns from its rows
// (and, on PostgreSQL, its full-text vector, which no trigger keeps).
func (t *Tx) refreshNames(id int64) error {
	d := t.tx.d
	// SQLite lists the names in the order it reads them: entities by the
	// article_entities key (type, name), speakers in quote order.
	// PostgreSQL is told that order.
	entities := `SELECT group_concat(name, char(10)) FROM (SELECT DISTINCT name FROM article_entities WHERE article_id = ?) n`
	speakers := `SELECT group_concat(speaker_name, char(10)) FROM (SELECT DISTINCT speaker_name FROM quotes WHERE article_id = ? AND speaker_name <> '') n`
	if d == postgresDialect {
		entities = `SELECT ` + d.groupConcat("name", d.newline(), "t, name") + ` FROM (SELECT name, min(type) AS t FROM article_entities WHERE article_id = ? GROUP BY name) n`
		speakers = `SELECT ` + d.groupConcat("speaker_name", d.newline(), "first") + ` FROM (SELECT speaker_name, min(id) AS first FROM quotes WHERE article_id = ? AND speaker_name <> '' GROUP BY speaker_name) n`
	}
	_, err := t.exec(`UPDATE articles SET entity_names = COALESCE((`+entities+`), ''), speaker_names = COALESCE((`+speakers+`), '') WHERE id = ?`, id, id, id)
	if err != nil {
		return fmt.Errorf("store: refresh names: %w", err)
	}
	if d == postgresDialect {
		return t.indexText(id)
	}
	return nil
}

func speakerKindOf(typ article.EntityType) string {
	switch typ {
	case article.Person:
		return string(article.SpeakerPerson)
	case article.Organization:
		return string(article.SpeakerOrganization)
	case article.Place:
		return string(article.SpeakerGovernment)
	}
	return ""
}

// Merge links the entity named (or aliased) from to the entity named (or
// aliased) into, for good: the correction is kept and applies to every
// later article.
func (t *Tx) Merge(from, into string, typ article.EntityType) error {
	src, ok, err := t.aliasEntity(from, typ)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: %s %q", ErrNoEntity, typ, from)
	}
	dst, ok, err := t.aliasEntity(into, typ)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: %s %q", ErrNoEntity, typ, into)
	}
	if _, err := t.exec(`INSERT INTO entity_overrides(alias, type, action, target) VALUES (?,?,'merge',?)
		ON CONFLICT(alias, type) DO UPDATE SET action = 'merge', target = excluded.target`, src.name, string(typ), dst.name); err != nil {
		return fmt.Errorf("store: record merge: %w", err)
	}
	return t.mergeInto(src, dst, typ)
}

// Split makes alias an entity of its own, for good: the articles that
// wrote it move to the new entity, and later articles that write it link
// to it.
func (t *Tx) Split(alias string, typ article.EntityType) error {
	cur, ok, err := t.aliasEntity(alias, typ)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: %s %q", ErrNoEntity, typ, alias)
	}
	if _, err := t.exec(`INSERT INTO entity_overrides(alias, type, action) VALUES (?,?,'split')
		ON CONFLICT(alias, type) DO UPDATE SET action = 'split', target = ''`, alias, string(typ)); err != nil {
		return fmt.Errorf("store: record split: %w", err)
	}
	if strings.EqualFold(cur.name, alias) {
		_, err := t.exec(`UPDATE corpus_entities SET pinned = 1 WHERE id = ?`, cur.id)
		return err
	}
	e, err := t.entityNamed(alias, typ, true)
	if err != nil {
		return err
	}
	var moved int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT mentions FROM entity_aliases WHERE alias = ? AND type = ?`, alias, string(typ)).Scan(&moved); err != nil {
		return err
	}
	for _, s := range []struct {
		q    string
		args []any
	}{
		{`UPDATE entity_aliases SET entity_id = ? WHERE alias = ? AND type = ?`, []any{e.id, alias, string(typ)}},
		{`UPDATE corpus_entities SET mentions = mentions + ? WHERE id = ?`, []any{moved, e.id}},
		{`UPDATE corpus_entities SET mentions = CASE WHEN mentions > ? THEN mentions - ? ELSE 0 END WHERE id = ?`, []any{moved, moved, cur.id}},
	} {
		if _, err := t.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("store: split entity: %w", err)
		}
	}
	return t.rename(cur.name, e.name, typ, alias)
}

// Entity is a corpus entity with its aliases.
type Entity struct {
	Name     string  `json:"name"`
	Type     string  `json:"type"`
	Gender   string  `json:"gender,omitempty"`
	Mentions int     `json:"mentions"`
	Pinned   bool    `json:"pinned,omitempty"`
	Aliases  []Alias `json:"aliases"`
}

// Alias is a name an entity was written as, with its mention count.
type Alias struct {
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
}

// Entities lists the corpus entities of a type ("" for all) whose name or
// an alias starts with prefix ("" for all), most mentioned first.
func (s *Store) Entities(ctx context.Context, typ, prefix string, limit int) ([]Entity, error) {
	if limit <= 0 {
		limit = 50
	}
	q := `SELECT e.id, e.name, e.type, e.gender, e.mentions, e.pinned FROM corpus_entities e WHERE 1 = 1`
	var args []any
	if typ != "" {
		q += ` AND e.type = ?`
		args = append(args, typ)
	}
	if prefix != "" {
		p := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix) + "%"
		q += ` AND (e.name LIKE ? ESCAPE '\' OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ESCAPE '\'))`
		args = append(args, p, p)
	}
	q += ` ORDER BY e.mentions DESC, e.name LIMIT ?`
	args = append(args, limit)
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list entities: %w", err)
	}
	var out []Entity
	var ids []int64
	for rows.Next() {
		var e Entity
		var id int64
		if err := rows.Scan(&id, &e.Name, &e.Type, &e.Gender, &e.Mentions, &e.Pinned); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, id := range ids {
		ar, err := s.h.QueryContext(ctx, `SELECT alias, mentions FROM entity_aliases WHERE entity_id = ? ORDER BY mentions DESC, alias`, id)
		if err != nil {
			return nil, fmt.Errorf("store: list aliases: %w", err)
		}
		out[i].Aliases = []Alias{}
		for ar.Next() {
			var a Alias
			if err := ar.Scan(&a.Name, &a.Mentions); err != nil {
				ar.Close()
				return nil, err
			}
			out[i].Aliases = append(out[i].Aliases, a)
		}
		ar.Close()
	}
	return out, nil
}
