package store

import (
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode"
)

// ErrQuery is wrapped by errors about the request rather than the store:
// a query that does not parse (the error also wraps query.ErrSyntax), an
// unknown option value. A web server maps it to 400, a command to a usage
// error.
var ErrQuery = errors.New("bad query")

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
func (f Filter) plan(d dialect) (*Plan, string, error) {
	p, err := parseCompile(f.Query, d)
	if err != nil {
		return nil, "", joinQuery(err)
	}
	var conds []string
	if !f.AllVersions {
		conds = append(conds, latestCond)
	}
	if f.Originals {
		conds = append(conds, originalsCond)
	}
	return p, strings.Join(conds, " AND "), nil
}

// superseded selects the ids of the article versions a newer version
// replaced (articles.latest = 0): exactly the rows some newer version names
// as its previous_version_id (internal/store sets latest = 0 on the row it
// links from the new one, and nothing else does). It reads only the
// articles_previous index, where testing a.latest would read each article
// row to its end (latest sits after the text and record columns, so SQLite
// follows every overflow page).
const superseded = "SELECT previous_version_id FROM articles WHERE previous_version_id IS NOT NULL"

// latestCond keeps the latest version of each URL (a.latest = 1), as an id
// test that SQLite answers from a set it builds once per statement.
const latestCond = "a.id NOT IN (" + superseded + ")"

// originalsCond keeps the original of each near-duplicate cluster and the
// articles not yet clustered, from the clusters table and the
// articles_cluster index, without reading article rows.
const originalsCond = "a.id IN (" + originals + ")"

// originals selects the ids originalsCond keeps.
const originals = "SELECT original_article_id AS id FROM clusters UNION ALL SELECT id FROM articles WHERE cluster_id IS NULL"

// Bounds of the number of newest dated articles Search looks through first
// for the newest matches of a query that is not ranked.
const (
	probeMin = 2000
	probeMax = 20000
)

// parseTime reads a stored time; nil for NULL or a malformed value.
func parseTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t, err := time.Parse(TimeLayout, s.String)
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
