package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/query"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// Corpus identity (internal/store links every name an article writes to
// one corpus entity and stores rows under the entity's name): a name
// typed in person:, org:, place: or speaker: is looked up among the
// entities' aliases and stands for the entity, so person:Trump and
// person:"Donald Trump" match the same articles when the corpus links
// "Trump" to Donald Trump. A name no entity has as an alias is matched as
// written; prefixes are matched as written.

// aliasTypes are the entity types a field's names are looked up in.
var aliasTypes = map[query.Field][]string{
	query.Person:  {"PERSON"},
	query.Org:     {"ORG"},
	query.Place:   {"PLACE"},
	query.Speaker: {"PERSON", "ORG"},
}

// resolveNames rewrites the name terms of f's query to the names of the
// corpus entities they are aliases of.
func (s *Store) resolveNames(ctx context.Context, f Filter) (Filter, error) {
	if strings.TrimSpace(f.Query) == "" {
		return f, nil
	}
	n, err := query.Parse(f.Query)
	if err != nil || n == nil {
		return f, nil // the plan reports syntax errors
	}
	changed := false
	var walk func(n query.Node) error
	walk = func(n query.Node) error {
		switch t := n.(type) {
		case *query.And:
			for _, k := range t.Children {
				if err := walk(k); err != nil {
					return err
				}
			}
		case *query.Or:
			for _, k := range t.Children {
				if err := walk(k); err != nil {
					return err
				}
			}
		case *query.Not:
			return walk(t.Child)
		case *query.Term:
			if t.Field == query.Technique && !t.Prefix {
				if l, ok := technique.Canonical(t.Value); ok && l != t.Value {
					t.Value, t.Phrase, changed = l, true, true
				}
				return nil
			}
			types, ok := aliasTypes[t.Field]
			if !ok || t.Prefix {
				return nil
			}
			name, ok, err := s.entityName(ctx, t.Value, types)
			if err != nil {
				return err
			}
			if ok {
				t.Value, t.Phrase, changed = name, true, true
			}
		}
		return nil
	}
	if err := walk(n); err != nil {
		return f, err
	}
	if changed {
		f.Query = n.String()
	}
	return f, nil
}

// entityName returns the name of the corpus entity alias names, among
// types (the one with the most mentions under that alias).
func (s *Store) entityName(ctx context.Context, alias string, types []string) (string, bool, error) {
	q := `SELECT e.name FROM entity_aliases a JOIN corpus_entities e ON e.id = a.entity_id
		WHERE a.alias = ? AND a.type IN (?` + strings.Repeat(",?", len(types)-1) + `) ORDER BY a.mentions DESC LIMIT 1`
	args := []any{alias}
	for _, t := range types {
		args = append(args, t)
	}
	var name string
	err := s.h.QueryRowContext(ctx, q, args...).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return "", false, nil // a store from before corpus identity
		}
		return "", false, fmt.Errorf("store: resolve name %q: %w", alias, err)
	}
	return name, true, nil
}
