package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/store"
)

// entitiesOptions are the flags of "newsgraph entities".
type entitiesOptions struct {
	DB    string
	Type  string
	JSON  bool
	Limit int
}

// cmdEntities lists the corpus entities and lets an analyst correct a
// link: merge one entity into another, or split an alias off into an
// entity of its own. Corrections are kept in the store and apply to every
// later ingest.
func cmdEntities(ctx context.Context, e env, args []string) error {
	var o entitiesOptions
	fs := flag.NewFlagSet("entities", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.DB, "db", "", "the corpus database: a file, or a postgres:// URL (required)")
	fs.StringVar(&o.Type, "type", "", "entity type: PERSON, ORG, PLACE or MISC (merge and split default to PERSON)")
	fs.BoolVar(&o.JSON, "json", false, "list: one JSON object per entity")
	fs.IntVar(&o.Limit, "limit", 50, "list: how many entities")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: newsgraph entities --db FILE list [--type T] [--json] [PREFIX]\n"+
			"       newsgraph entities --db FILE merge [--type T] NAME INTO-NAME\n"+
			"       newsgraph entities --db FILE split [--type T] ALIAS")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: entities needs list, merge or split", errUsage)
	}
	// flags may also follow the action
	verb := rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return flagError(err)
	}
	rest = fs.Args()
	if o.DB == "" {
		fs.Usage()
		return fmt.Errorf("%w: entities needs --db FILE", errUsage)
	}
	o.Type = strings.ToUpper(o.Type)
	switch o.Type {
	case "", "PERSON", "ORG", "PLACE", "MISC":
	default:
		return fmt.Errorf("%w: --type %q (want PERSON, ORG, PLACE or MISC)", errUsage, o.Type)
	}
	switch verb {
	case "list":
		if len(rest) > 1 {
			return fmt.Errorf("%w: entities list takes at most one prefix", errUsage)
		}
		return runEntitiesList(ctx, e, o, strings.Join(rest, ""))
	case "merge":
		if len(rest) != 2 {
			return fmt.Errorf("%w: entities merge needs NAME and INTO-NAME", errUsage)
		}
		return runEntitiesFix(ctx, e, o, func(tx *store.Tx, typ article.EntityType) error { return tx.Merge(rest[0], rest[1], typ) },
			fmt.Sprintf("merged %q into %q", rest[0], rest[1]))
	case "split":
		if len(rest) != 1 {
			return fmt.Errorf("%w: entities split needs one ALIAS", errUsage)
		}
		return runEntitiesFix(ctx, e, o, func(tx *store.Tx, typ article.EntityType) error { return tx.Split(rest[0], typ) },
			fmt.Sprintf("split %q off as an entity of its own", rest[0]))
	}
	fs.Usage()
	return fmt.Errorf("%w: entities %q (want list, merge or split)", errUsage, verb)
}

func runEntitiesList(ctx context.Context, e env, o entitiesOptions, prefix string) error {
	st, err := openExisting(ctx, o.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ents, err := st.Entities(ctx, o.Type, prefix, o.Limit)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if o.JSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, en := range ents {
			if err := enc.Encode(en); err != nil {
				return err
			}
		}
		return nil
	}
	for _, en := range ents {
		var as []string
		for _, a := range en.Aliases {
			as = append(as, fmt.Sprintf("%s ×%d", a.Name, a.Mentions))
		}
		g := ""
		if en.Gender != "" {
			g = " " + en.Gender
		}
		fmt.Fprintf(w, "%-6s %6d  %s%s  [%s]\n", en.Type, en.Mentions, en.Name, g, strings.Join(as, "; "))
	}
	return nil
}

func runEntitiesFix(ctx context.Context, e env, o entitiesOptions, fix func(*store.Tx, article.EntityType) error, done string) error {
	typ := article.EntityType(o.Type)
	if typ == "" {
		typ = article.Person
	}
	st, err := openExisting(ctx, o.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	tx, err := st.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fix(tx, typ); err != nil {
		tx.Rollback()
		if errors.Is(err, store.ErrNoEntity) {
			return fmt.Errorf("%w: %v (see newsgraph entities list)", errUsage, err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, done)
	return nil
}
