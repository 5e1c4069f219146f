package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

// Interval is the width of the buckets of a count over time.
type Interval string

// Intervals. Weeks start on Monday and are named by that Monday's date.
const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
)

// StatsOptions configures Stats. The zero value counts every latest
// article by day and lists the top 10 of each list.
type StatsOptions struct {
	Filter
	// By is the bucket width of the count over time ("": Day).
	By Interval
	// Top is the length of each top list (0: 10; at most 1000).
	Top int
	// Outlets is how many outlets (the largest) get their own top lists
	// (0: 10).
	Outlets int
}

func (o *StatsOptions) applyDefaults() error {
	switch o.By {
	case "":
		o.By = Day
	case Day, Week, Month:
	default:
		return fmt.Errorf("%w: interval %q (want day, week or month)", ErrQuery, o.By)
	}
	if o.Top <= 0 {
		o.Top = 10
	}
	o.Top = min(o.Top, 1000)
	if o.Outlets <= 0 {
		o.Outlets = 10
	}
	o.Outlets = min(o.Outlets, 1000)
	return nil
}

// Stats are counts over the articles a query matches.
type Stats struct {
	Query    string   `json:"query"`
	By       Interval `json:"by"`
	Articles int      `json:"articles"`
	// Undated is the number of matching articles without a publication
	// date; they are not in Over.
	Undated int `json:"undated"`
	// Over counts articles per period, oldest first; periods without
	// articles are left out.
	Over []PeriodCount `json:"over_time"`
	// TopSpeakers are the most quoted speakers (persons and
	// organisations) by number of quotes.
	TopSpeakers []NameCount `json:"top_speakers"`
	// TopEntities are the entities in the most articles.
	TopEntities []NameCount `json:"top_entities"`
	// Outlets are the largest outlets with their own top lists.
	Outlets []OutletStats `json:"outlets"`
	// Gender is the gender share of the quoted people.
	Gender GenderShare `json:"gender"`
	// Techniques are the persuasion techniques used, most frequent first.
	Techniques []TechniqueCount `json:"techniques"`
	// TechniquesOver are the techniques per period (dated articles only),
	// oldest period first, most frequent technique first within one.
	TechniquesOver []PeriodTechniques `json:"techniques_over_time"`
}

// PeriodTechniques are the technique counts of one period's articles.
type PeriodTechniques struct {
	Period     string           `json:"period"`
	Techniques []TechniqueCount `json:"techniques"`
}

// TechniqueCount is how much the articles use one persuasion technique:
// fragments found, articles with at least one, the share of the articles
// counted, and fragments per 1,000 words of their text.
type TechniqueCount struct {
	Technique    string  `json:"technique"`
	Count        int     `json:"count"`
	Articles     int     `json:"articles"`
	Share        float64 `json:"share"`
	Per1000Words float64 `json:"per_1000_words"`
}

// PeriodCount is the number of articles in one period: a day
// (2016-07-31), a week (by its Monday, 2016-07-25) or a month (2016-07).
type PeriodCount struct {
	Period string `json:"period"`
	Count  int    `json:"count"`
}

// NameCount is a speaker or entity with a count: quotes for speakers,
// articles for entities. Articles is the number of articles either way.
type NameCount struct {
	Name     string `json:"name"`
	Type     string `json:"type"` // person/organization for speakers; PERSON, ORG, PLACE, MISC for entities
	Count    int    `json:"count"`
	Articles int    `json:"articles"`
}

// OutletStats are one outlet's article count and top lists.
type OutletStats struct {
	Outlet      string      `json:"outlet"`
	Host        string      `json:"host"`
	Articles    int         `json:"articles"`
	TopSpeakers []NameCount `json:"top_speakers"`
	TopEntities []NameCount `json:"top_entities"`
	// Techniques is the outlet's technique profile (compare it with
	// Stats.Techniques, the corpus's).
	Techniques []TechniqueCount `json:"techniques"`
}

// GenderShare counts quoted people (speakers of kind person) and their
// quotes by gender. Unknown is shown, not hidden: people whose gender no
// article tells.
type GenderShare struct {
	People GenderCount `json:"people"`
	Quotes GenderCount `json:"quotes"`
}

// GenderCount is a count split by gender, with shares of the total.
type GenderCount struct {
	Female       int     `json:"female"`
	Male         int     `json:"male"`
	Unknown      int     `json:"unknown"`
	FemaleShare  float64 `json:"female_share"`
	MaleShare    float64 `json:"male_share"`
	UnknownShare float64 `json:"unknown_share"`
	Total        int     `json:"total"`
	KnownFemale  float64 `json:"female_share_of_known"` // female / (female + male)
}

func (g *GenderCount) add(gender string, n int) {
	switch gender {
	case "female":
		g.Female += n
	case "male":
		g.Male += n
	default:
		g.Unknown += n
	}
}

func (g *GenderCount) finish() {
	g.Total = g.Female + g.Male + g.Unknown
	if g.Total > 0 {
		t := float64(g.Total)
		g.FemaleShare, g.MaleShare, g.UnknownShare = float64(g.Female)/t, float64(g.Male)/t, float64(g.Unknown)/t
	}
	if k := g.Female + g.Male; k > 0 {
		g.KnownFemale = float64(g.Female) / float64(k)
	}
}

// period is the SQL expression of an article's bucket.
func (d dialect) period(by Interval) string {
	switch by {
	case Month:
		return "substr(a.published, 1, 7)"
	case Week:
		// The Monday on or before the date.
		if d == postgresDialect {
			return "to_char(date_trunc('week', CAST(substr(a.published, 1, 10) AS date)), 'YYYY-MM-DD')"
		}
		return "date(a.published, 'weekday 0', '-6 days')"
	}
	return "substr(a.published, 1, 10)"
}

// Stats counts the articles a query matches over time and by outlet, the
// top speakers and entities, and the gender share of quoted people.
func (s *Store) Stats(ctx context.Context, opts StatsOptions) (*Stats, error) {
	if err := opts.applyDefaults(); err != nil {
		return nil, err
	}
	var err error
	if opts.Filter, err = s.resolveNames(ctx, opts.Filter); err != nil {
		return nil, err
	}
	p, extra, err := opts.Filter.plan(s.d)
	if err != nil {
		return nil, err
	}
	st := &Stats{Query: opts.Query, By: opts.By, Over: []PeriodCount{}}
	fail := func(what string, err error) (*Stats, error) {
		return nil, fmt.Errorf("store: stats %q: %s: %w", opts.Query, what, err)
	}

	// Over time.
	if st.Over, st.Articles, st.Undated, err = s.overTime(ctx, p, extra, opts.By); err != nil {
		return fail("over time", err)
	}

	// Top speakers and entities, overall.
	speakersFrom, sargs := p.FromWhere("JOIN quotes q ON q.article_id = a.id", extra, "q.speaker_name <> '' AND q.speaker_kind IN ('person', 'organization')")
	if st.TopSpeakers, err = s.nameCounts(ctx,
		"SELECT q.speaker_name, q.speaker_kind, count(*) AS n, count(DISTINCT a.id) "+speakersFrom+
			" GROUP BY q.speaker_name, q.speaker_kind ORDER BY n DESC, q.speaker_name LIMIT ?", append(sargs, opts.Top)); err != nil {
		return fail("top speakers", err)
	}
	entFrom, eargs := p.FromWhere("JOIN article_entities e ON e.article_id = a.id", extra)
	if st.TopEntities, err = s.nameCounts(ctx,
		"SELECT e.name, e.type, count(*) AS n, count(*) "+entFrom+
			" GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT ?", append(eargs, opts.Top)); err != nil {
		return fail("top entities", err)
	}

	// The largest outlets, and their top lists.
	outFrom, oargs := p.FromWhere("JOIN outlets o ON o.id = a.outlet_id", extra)
	rows, err := s.h.QueryContext(ctx, "SELECT o.id, "+outletName+", o.host, count(*) AS n "+outFrom+
		" GROUP BY o.id ORDER BY n DESC, o.id LIMIT ?", append(oargs, opts.Outlets)...)
	if err != nil {
		return fail("outlets", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var o OutletStats
		if err := rows.Scan(&id, &o.Outlet, &o.Host, &o.Articles); err != nil {
			rows.Close()
			return fail("outlets", err)
		}
		ids = append(ids, id)
		st.Outlets = append(st.Outlets, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail("outlets", err)
	}
	for i, id := range ids {
		sf, sa := p.FromWhere("JOIN quotes q ON q.article_id = a.id", extra, "q.speaker_name <> '' AND q.speaker_kind IN ('person', 'organization')", "a.outlet_id = ?")
		if st.Outlets[i].TopSpeakers, err = s.nameCounts(ctx,
			"SELECT q.speaker_name, q.speaker_kind, count(*) AS n, count(DISTINCT a.id) "+sf+
				" GROUP BY q.speaker_name, q.speaker_kind ORDER BY n DESC, q.speaker_name LIMIT ?", append(sa, id, opts.Top)); err != nil {
			return fail("outlet top speakers", err)
		}
		ef, ea := p.FromWhere("JOIN article_entities e ON e.article_id = a.id", extra, "a.outlet_id = ?")
		if st.Outlets[i].TopEntities, err = s.nameCounts(ctx,
			"SELECT e.name, e.type, count(*) AS n, count(*) "+ef+
				" GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT ?", append(ea, id, opts.Top)); err != nil {
			return fail("outlet top entities", err)
		}
	}
	if st.Outlets == nil {
		st.Outlets = []OutletStats{}
	}

	// Persuasion techniques, overall and per outlet.
	if st.Techniques, err = s.techniqueCounts(ctx, p, extra, st.Articles); err != nil {
		return fail("techniques", err)
	}
	for i, id := range ids {
		if st.Outlets[i].Techniques, err = s.techniqueCounts(ctx, p, extra, st.Outlets[i].Articles, "a.outlet_id = ?", id); err != nil {
			return fail("outlet techniques", err)
		}
	}
	if st.TechniquesOver, err = s.techniquesOver(ctx, p, extra, opts.By, st.Over); err != nil {
		return fail("techniques over time", err)
	}

	// Gender of quoted people: each person once (by name), with the
	// number of their quotes.
	gf, ga := p.FromWhere("JOIN quotes q ON q.article_id = a.id LEFT JOIN speakers s ON s.id = q.speaker_id", extra, "q.speaker_kind = 'person' AND q.speaker_name <> ''")
	rows, err = s.h.QueryContext(ctx, "SELECT g, count(*), sum(n) FROM (SELECT COALESCE(max(CASE WHEN s.gender IN ('female', 'male') THEN s.gender END), 'unknown') AS g, count(*) AS n "+gf+
		" GROUP BY q.speaker_name) sp GROUP BY g", ga...)
	if err != nil {
		return fail("gender", err)
	}
	for rows.Next() {
		var g string
		var people, quotes int
		if err := rows.Scan(&g, &people, &quotes); err != nil {
			rows.Close()
			return fail("gender", err)
		}
		st.Gender.People.add(g, people)
		st.Gender.Quotes.add(g, quotes)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail("gender", err)
	}
	st.Gender.People.finish()
	st.Gender.Quotes.finish()
	return st, nil
}

func (s *Store) nameCounts(ctx context.Context, q string, args []any) ([]NameCount, error) {
	rows, err := s.h.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []NameCount{}
	for rows.Next() {
		var nc NameCount
		if err := rows.Scan(&nc.Name, &nc.Type, &nc.Count, &nc.Articles); err != nil {
			return nil, err
		}
		out = append(out, nc)
	}
	return out, rows.Err()
}

// techniqueCounts counts the techniques of the articles the plan matches
// (with cond and its argument, when given), of which there are articles.
// Words are counted as runs between spaces.
func (s *Store) techniqueCounts(ctx context.Context, p *Plan, extra string, articles int, cond ...any) ([]TechniqueCount, error) {
	var conds []string
	var cargs []any
	if len(cond) == 2 {
		conds = append(conds, cond[0].(string))
		cargs = append(cargs, cond[1])
	}
	wf, wa := p.FromWhere("", append([]string{extra}, conds...)...)
	var words sql.NullInt64
	if err := s.h.QueryRowContext(ctx, "SELECT sum(length(a.text) - length(replace(a.text, ' ', '')) + 1) "+wf, append(wa, cargs...)...).Scan(&words); err != nil {
		return nil, err
	}
	tf, ta := p.FromWhere("JOIN techniques t ON t.article_id = a.id", append([]string{extra}, conds...)...)
	rows, err := s.h.QueryContext(ctx, "SELECT t.technique, count(*) AS n, count(DISTINCT a.id) "+tf+
		" GROUP BY t.technique ORDER BY n DESC, t.technique", append(ta, cargs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TechniqueCount{}
	for rows.Next() {
		var tc TechniqueCount
		if err := rows.Scan(&tc.Technique, &tc.Count, &tc.Articles); err != nil {
			return nil, err
		}
		if articles > 0 {
			tc.Share = math.Round(float64(tc.Articles)/float64(articles)*1000) / 1000
		}
		if words.Int64 > 0 {
			tc.Per1000Words = math.Round(float64(tc.Count)*1000/float64(words.Int64)*100) / 100
		}
		out = append(out, tc)
	}
	return out, rows.Err()
}

// Techniques is the technique profile of the articles f matches (all
// articles for an empty query): the technique counts of Stats alone,
// without its other lists.
func (s *Store) Techniques(ctx context.Context, f Filter) ([]TechniqueCount, error) {
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return nil, err
	}
	p, extra, err := f.plan(s.d)
	if err != nil {
		return nil, err
	}
	from, args := p.FromWhere("", extra)
	var n int
	if err := s.h.QueryRowContext(ctx, "SELECT count(*) "+from, args...).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: techniques %q: %w", f.Query, err)
	}
	out, err := s.techniqueCounts(ctx, p, extra, n)
	if err != nil {
		return nil, fmt.Errorf("store: techniques %q: %w", f.Query, err)
	}
	return out, nil
}

// overTime counts the articles p matches per period (dated ones, oldest
// first), and all of them and the undated ones.
func (s *Store) overTime(ctx context.Context, p *Plan, extra string, by Interval) (over []PeriodCount, articles, undated int, err error) {
	from, args := p.FromWhere("", extra)
	rows, err := s.h.QueryContext(ctx, "SELECT "+s.d.period(by)+" AS period, count(*) "+from+" GROUP BY period ORDER BY period", args...)
	if err != nil {
		return nil, 0, 0, err
	}
	defer rows.Close()
	over = []PeriodCount{}
	for rows.Next() {
		var pc PeriodCount
		var per *string
		if err := rows.Scan(&per, &pc.Count); err != nil {
			return nil, 0, 0, err
		}
		articles += pc.Count
		if per == nil {
			undated += pc.Count
			continue
		}
		pc.Period = *per
		over = append(over, pc)
	}
	return over, articles, undated, rows.Err()
}

// TechniqueTrend is the techniques of the articles f matches per period
// (Day, Week or Month; dated articles only), with each period's article
// count: Stats's Over and TechniquesOver alone, without its other lists.
func (s *Store) TechniqueTrend(ctx context.Context, f Filter, by Interval) ([]PeriodCount, []PeriodTechniques, error) {
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	p, extra, err := f.plan(s.d)
	if err != nil {
		return nil, nil, err
	}
	over, _, _, err := s.overTime(ctx, p, extra, by)
	if err != nil {
		return nil, nil, fmt.Errorf("store: technique trend %q: %w", f.Query, err)
	}
	byPeriod, err := s.techniquesOver(ctx, p, extra, by, over)
	if err != nil {
		return nil, nil, fmt.Errorf("store: technique trend %q: %w", f.Query, err)
	}
	return over, byPeriod, nil
}

// techniquesOver counts the techniques per period of the dated articles;
// over gives each period's article count.
func (s *Store) techniquesOver(ctx context.Context, p *Plan, extra string, by Interval, over []PeriodCount) ([]PeriodTechniques, error) {
	per := s.d.period(by)
	articles := map[string]int{}
	for _, pc := range over {
		articles[pc.Period] = pc.Count
	}
	wf, wa := p.FromWhere("", extra, "a.published IS NOT NULL")
	rows, err := s.h.QueryContext(ctx, "SELECT "+per+" AS period, sum(length(a.text) - length(replace(a.text, ' ', '')) + 1) "+wf+" GROUP BY period", wa...)
	if err != nil {
		return nil, err
	}
	words := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return nil, err
		}
		words[k] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tf, ta := p.FromWhere("JOIN techniques t ON t.article_id = a.id", extra, "a.published IS NOT NULL")
	rows, err = s.h.QueryContext(ctx, "SELECT "+per+" AS period, t.technique, count(*) AS n, count(DISTINCT a.id) "+tf+
		" GROUP BY period, t.technique ORDER BY period, n DESC, t.technique", ta...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PeriodTechniques{}
	for rows.Next() {
		var k string
		var tc TechniqueCount
		if err := rows.Scan(&k, &tc.Technique, &tc.Count, &tc.Articles); err != nil {
			return nil, err
		}
		if n := articles[k]; n > 0 {
			tc.Share = math.Round(float64(tc.Articles)/float64(n)*1000) / 1000
		}
		if w := words[k]; w > 0 {
			tc.Per1000Words = math.Round(float64(tc.Count)*1000/float64(w)*100) / 100
		}
		if len(out) == 0 || out[len(out)-1].Period != k {
			out = append(out, PeriodTechniques{Period: k})
		}
		out[len(out)-1].Techniques = append(out[len(out)-1].Techniques, tc)
	}
	return out, rows.Err()
}
