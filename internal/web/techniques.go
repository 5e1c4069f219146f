package web

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/technique"
)

// maxTrendTechniques is how many techniques the over-time table of an
// outlet shows: its most used ones.
const maxTrendTechniques = 5

// TechniqueTrend is the over-time table of an outlet's techniques: one
// column per technique, one row per period.
type TechniqueTrend struct {
	Columns []TrendColumn
	Rows    []TrendRow
}

// TrendColumn is one technique of the table.
type TrendColumn struct{ Name, Definition string }

// TrendRow is one period: its articles, and per column the technique's
// rate per 1,000 words and share of the period's articles.
type TrendRow struct {
	Period   string
	Articles int
	Cells    []TrendCell
}

// TrendCell is one technique in one period.
type TrendCell struct {
	Per1000, Share float64
}

// techniqueTrend lays the techniques of each period (oldest first) out
// for the columns of the techniques used most overall.
func techniqueTrend(overall []store.TechniqueCount, over []store.PeriodCount, byPeriod []store.PeriodTechniques) *TechniqueTrend {
	if len(overall) == 0 || len(byPeriod) == 0 {
		return nil
	}
	tr := &TechniqueTrend{}
	col := map[string]int{}
	for _, t := range overall[:min(len(overall), maxTrendTechniques)] {
		col[t.Technique] = len(tr.Columns)
		tr.Columns = append(tr.Columns, TrendColumn{Name: strings.ReplaceAll(t.Technique, "_", " "), Definition: technique.Definition(t.Technique)})
	}
	techs := map[string][]store.TechniqueCount{}
	for _, p := range byPeriod {
		techs[p.Period] = p.Techniques
	}
	for _, p := range over {
		row := TrendRow{Period: p.Period, Articles: p.Count, Cells: make([]TrendCell, len(tr.Columns))}
		for _, t := range techs[p.Period] {
			if k, ok := col[t.Technique]; ok {
				row.Cells[k] = TrendCell{Per1000: t.Per1000Words, Share: t.Share}
			}
		}
		tr.Rows = append(tr.Rows, row)
	}
	return tr
}
