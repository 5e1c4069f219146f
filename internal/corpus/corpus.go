package corpus

import (
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/query"
)

// ErrQuery is wrapped by errors about the request rather than the store:
// a query that does not parse (the error also wraps query.ErrSyntax), an
// unknown option value. A web server maps it to 400, a command to a usage
// error.
var ErrQuery = errors.New("bad query")

// Corpus answers read queries on a store opened with internal/store. It is
// safe for concurrent use (it holds only the database handle).
type Corpus struct {
	db *sql.DB
}

// New returns a Corpus reading db, a database opened by store.Open.
func New(db *sql.DB) *Corpus { return &Corpus{db: db} }

// Filter says which articles a request covers. The zero value is every
// latest article version.
type Filter struct {
	// Query is a query in the search syntax (package query); "" matches
	// every article.
	Query string
	// AllVersions includes superseded versions of changed pages; by
	// default only the latest version of each URL counts.
	AllVersions bool
	// Originals keeps only the original of each near-duplicate cluster
	// (and articles not yet clustered), so syndicated copies count once.
	Originals bool
}

// plan parses and compiles the filter's query and returns the extra
// article conditions the filter adds (SQL without values).
func (f Filter) plan() (*query.Plan, string, error) {
	p, err := query.ParseCompile(f.Query)
	if err != nil {
		return nil, "", joinQuery(err)
	}
	var conds []string
	if !f.AllVersions {
		conds = append(conds, "a.latest = 1")
	}
	if f.Originals {
		conds = append(conds, "(a.cluster_id IS NULL OR a.id = (SELECT c.original_article_id FROM clusters c WHERE c.id = a.cluster_id))")
	}
	return p, strings.Join(conds, " AND "), nil
}

// timeLayout is the store's time shape (internal/store/schema.sql).
const timeLayout = "2006-01-02T15:04:05Z"

// parseTime reads a stored time; nil for NULL or a malformed value.
func parseTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		t, err = time.Parse(time.RFC3339, s.String)
		if err != nil {
			return nil
		}
	}
	return &t
}

// outletName is how an outlet is shown: its name, else its host.
const outletName = "COALESCE(NULLIF(o.name, ''), o.host, '')"

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
