package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/query"
)

func titles(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}

func TestSearch(t *testing.T) {
	c := newStore(t)
	ctx := context.Background()
	tests := []struct {
		q      string
		want   []string // titles, in order when ranked is false (newest first)
		ranked bool
		sorted bool // compare as sets
	}{
		{q: `speaker:"Vladimir Putin" AND tag:Syria`, want: []string{"Ministers meet over Syria ceasefire"}},
		{q: `speaker:"vladimir putin"`, want: []string{"Ministers meet over Syria ceasefire"}},
		{q: `speaker:Zakharova`, want: []string{"Ministers meet over Syria ceasefire"}},
		{q: `tag:syria`, want: []string{"Aid groups warn of winter in Aleppo", "Ministers meet over Syria ceasefire"}},
		{q: `ceasefire`, ranked: true, sorted: true, want: []string{"A letter about the ceasefire", "Ministers meet over Syria ceasefire"}},
		{q: `ceasefire -tag:Syria`, ranked: true, want: []string{"A letter about the ceasefire"}},
		{q: `ceasefire NOT syria`, ranked: true, want: []string{"A letter about the ceasefire"}},
		{q: `"wheat harvest"`, ranked: true, want: []string{"Farmers count the cost of a dry summer"}},
		{q: `"harvest wheat"`, ranked: true},
		{q: `harv*`, ranked: true, want: []string{"Farmers count the cost of a dry summer"}},
		{q: `title:aleppo`, ranked: true, want: []string{"Aid groups warn of winter in Aleppo"}},
		{q: `place:Aleppo`, want: []string{"Aid groups warn of winter in Aleppo", "Ministers meet over Syria ceasefire"}},
		{q: `person:Aleppo`},
		{q: `person:"Ellen Marsh"`, want: []string{"Farmers count the cost of a dry summer"}},
		{q: `org:Parliament`, want: []string{"Budget vote delayed again"}},
		{q: `outlet:"north gazette"`, want: []string{"Budget vote delayed again", "Ministers meet over Syria ceasefire"}},
		{q: `outlet:www.eastpost.example`, want: []string{"Aid groups warn of winter in Aleppo"}},
		{q: `outlet:south*`, want: []string{"Farmers count the cost of a dry summer"}},
		{q: `published:[2016-07-01 TO 2016-07-31]`, want: []string{"Aid groups warn of winter in Aleppo", "Farmers count the cost of a dry summer", "Ministers meet over Syria ceasefire"}},
		{q: `published:[2016-07-28 TO *]`, want: []string{"Budget vote delayed again", "Aid groups warn of winter in Aleppo"}},
		{q: `published:{2016-07-28 TO *]`, want: []string{"Budget vote delayed again"}},
		{q: `published:2016-08`, want: []string{"Budget vote delayed again"}},
		{q: `section:world lang:en`, want: []string{"Aid groups warn of winter in Aleppo", "Ministers meet over Syria ceasefire"}},
		{q: `url:https://www.northgazette.example/politics/*`, want: []string{"Budget vote delayed again"}},
		{q: `bread OR tag:Budget`, want: []string{"Budget vote delayed again", "A letter about the ceasefire"}},
		{q: `-tag:Syria -ceasefire`, want: []string{"Budget vote delayed again", "Farmers count the cost of a dry summer"}},
		// Injection attempts are plain words.
		{q: `"x' OR 1=1 --"`, ranked: true},
		{q: `"NEAR(putin syria)"`, ranked: true},
		{q: `"ceasefire OR bread"`, ranked: true},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := c.Search(ctx, SearchOptions{Filter: Filter{Query: tt.q}})
			if err != nil {
				t.Fatal(err)
			}
			got := titles(res.Hits)
			want := tt.want
			if tt.sorted {
				slices.Sort(got)
				want = slices.Clone(want)
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("titles = %q, want %q", got, want)
			}
			if res.Ranked != tt.ranked {
				t.Errorf("Ranked = %v, want %v", res.Ranked, tt.ranked)
			}
			if res.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchSnippetsAndPaging(t *testing.T) {
	c := newStore(t)
	ctx := context.Background()
	res, err := c.Search(ctx, SearchOptions{Filter: Filter{Query: "aleppo"}, MarkOpen: "<", MarkClose: ">"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 {
		t.Fatalf("hits %q", titles(res.Hits))
	}
	// The article with Aleppo in its title ranks first.
	if res.Hits[0].Title != "Aid groups warn of winter in Aleppo" {
		t.Errorf("first hit %q", res.Hits[0].Title)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Snippet, "<Aleppo>") {
			t.Errorf("snippet %q does not mark the match", h.Snippet)
		}
		if h.Score <= 0 {
			t.Errorf("score %v", h.Score)
		}
	}
	if res.Hits[0].Score < res.Hits[1].Score {
		t.Errorf("scores not descending: %v %v", res.Hits[0].Score, res.Hits[1].Score)
	}
	h := res.Hits[0]
	if h.Outlet != "East Post" || h.OutletHost != "eastpost.example" || h.URL != "https://eastpost.example/syria-aid" ||
		h.Published == nil || h.Published.Format("2006-01-02") != "2016-07-28" || h.Language != "en" {
		t.Errorf("hit fields: %+v", h)
	}
	// Text under OR with a field is still marked.
	res, err = c.Search(ctx, SearchOptions{Filter: Filter{Query: "bread OR tag:Budget"}})
	if err != nil {
		t.Fatal(err)
	}
	var marked bool
	for _, h := range res.Hits {
		marked = marked || strings.Contains(h.Snippet, "**bread**")
	}
	if !marked {
		t.Errorf("no snippet marks bread: %+v", res.Hits)
	}
	// Paging.
	all, err := c.Search(ctx, SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != len(docs) || len(all.Hits) != len(docs) {
		t.Fatalf("empty query: total %d, %d hits", all.Total, len(all.Hits))
	}
	page, err := c.Search(ctx, SearchOptions{Limit: 2, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(titles(page.Hits), titles(all.Hits)[2:4]) {
		t.Errorf("page 2 = %q, want %q", titles(page.Hits), titles(all.Hits)[2:4])
	}
	// The undated article comes last.
	if all.Hits[len(all.Hits)-1].Published != nil {
		t.Errorf("last hit is dated: %+v", all.Hits[len(all.Hits)-1])
	}
}

func TestSearchErrors(t *testing.T) {
	c := newStore(t)
	_, err := c.Search(context.Background(), SearchOptions{Filter: Filter{Query: "(putin"}})
	if !errors.Is(err, ErrQuery) || !errors.Is(err, query.ErrSyntax) {
		t.Errorf("error %v: want ErrQuery and ErrSyntax", err)
	}
	var se *query.SyntaxError
	if !errors.As(err, &se) || se.Column() != 1 {
		t.Errorf("error %v: want a SyntaxError at column 1", err)
	}
}

func TestQuotes(t *testing.T) {
	c := newStore(t)
	ctx := context.Background()
	collect := func(o QuoteOptions) []QuoteHit {
		t.Helper()
		var out []QuoteHit
		if err := c.Quotes(ctx, o, func(q QuoteHit) error { out = append(out, q); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	got := collect(QuoteOptions{Speaker: "maria zakharova"})
	if len(got) != 1 || got[0].Text != "The corridor is open," || got[0].Speaker != "Maria Zakharova" ||
		got[0].Outlet != "North Gazette" || got[0].Gender != "female" || got[0].Published == nil {
		t.Errorf("Zakharova: %+v", got)
	}
	if q := got[0]; q.Start >= q.End {
		t.Errorf("span %d-%d", q.Start, q.End)
	}
	if got := collect(QuoteOptions{Speaker: "Zakharova"}); len(got) != 1 {
		t.Errorf("surname: %+v", got)
	}
	if got := collect(QuoteOptions{Speaker: "Maria"}); len(got) != 0 {
		t.Errorf("first name alone matched: %+v", got)
	}
	all := collect(QuoteOptions{})
	if len(all) != 6 {
		t.Errorf("all quotes: %d, want 6", len(all))
	}
	if got := collect(QuoteOptions{Outlet: "north gazette"}); len(got) != 4 {
		t.Errorf("outlet: %d quotes, want 4", len(got))
	}
	if got := collect(QuoteOptions{Filter: Filter{Query: "tag:Syria"}}); len(got) != 3 {
		t.Errorf("tag:Syria: %d quotes, want 3", len(got))
	}
	if got := collect(QuoteOptions{Filter: Filter{Query: "tag:Syria"}, Outlet: "eastpost.example"}); len(got) != 1 || got[0].Speaker != "Jo Okafor" {
		t.Errorf("tag and outlet: %+v", got)
	}
	if got := collect(QuoteOptions{Limit: 2, Offset: 1}); len(got) != 2 || got[0].Text != all[1].Text || got[1].Text != all[2].Text {
		t.Errorf("paging: %+v", got)
	}
	stop := errors.New("stop")
	n := 0
	if err := c.Quotes(ctx, QuoteOptions{}, func(QuoteHit) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("callback error: %v after %d", err, n)
	}
	if err := c.Quotes(ctx, QuoteOptions{Kind: "shouted"}, func(QuoteHit) error { return nil }); !errors.Is(err, ErrQuery) {
		t.Errorf("bad kind: %v", err)
	}
}

func TestStats(t *testing.T) {
	c := newStore(t)
	ctx := context.Background()
	st, err := c.Stats(ctx, StatsOptions{By: Month})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 5 || st.Undated != 1 {
		t.Errorf("articles %d undated %d", st.Articles, st.Undated)
	}
	wantOver := []PeriodCount{{"2016-07", 3}, {"2016-08", 1}}
	if !slices.Equal(st.Over, wantOver) {
		t.Errorf("over = %v, want %v", st.Over, wantOver)
	}
	wk, err := c.Stats(ctx, StatsOptions{By: Week})
	if err != nil {
		t.Fatal(err)
	}
	// 2016-07-04 is a Monday; 07-20 (Wed) → 07-18; 07-28 (Thu) → 07-25; 08-02 (Tue) → 08-01.
	wantWeeks := []PeriodCount{{"2016-07-04", 1}, {"2016-07-18", 1}, {"2016-07-25", 1}, {"2016-08-01", 1}}
	if !slices.Equal(wk.Over, wantWeeks) {
		t.Errorf("weeks = %v, want %v", wk.Over, wantWeeks)
	}
	// Speakers: persons and organisations only (the anonymous one is out).
	if len(st.TopSpeakers) != 5 {
		t.Errorf("top speakers: %+v", st.TopSpeakers)
	}
	if len(st.TopEntities) == 0 || st.TopEntities[0].Name != "Aleppo" || st.TopEntities[0].Articles != 2 {
		t.Errorf("top entities: %+v", st.TopEntities)
	}
	if len(st.Outlets) != 3 || st.Outlets[0].Outlet != "North Gazette" || st.Outlets[0].Articles != 2 ||
		len(st.Outlets[0].TopSpeakers) != 3 {
		t.Errorf("outlets: %+v", st.Outlets)
	}
	// Quoted people: Putin (m), Zakharova (f), Marsh (f), Brandt (m), Okafor (unknown).
	g := st.Gender.People
	if g.Female != 2 || g.Male != 2 || g.Unknown != 1 || g.Total != 5 || g.KnownFemale != 0.5 || g.UnknownShare != 0.2 {
		t.Errorf("gender of people: %+v", g)
	}
	if st.Gender.Quotes.Total != 5 {
		t.Errorf("gender of quotes: %+v", st.Gender.Quotes)
	}
	sy, err := c.Stats(ctx, StatsOptions{Filter: Filter{Query: "tag:Syria"}})
	if err != nil {
		t.Fatal(err)
	}
	if sy.Articles != 2 || sy.Gender.People.Total != 3 {
		t.Errorf("tag:Syria: %d articles, %+v", sy.Articles, sy.Gender.People)
	}
	if _, err := c.Stats(ctx, StatsOptions{By: "year"}); !errors.Is(err, ErrQuery) {
		t.Errorf("bad interval: %v", err)
	}
}

func TestExportJSONL(t *testing.T) {
	c := newStore(t)
	var buf bytes.Buffer
	n, err := c.Export(context.Background(), &buf, ExportOptions{Format: JSONL, Filter: Filter{Query: "tag:Syria"}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if n != 2 || len(lines) != 2 {
		t.Fatalf("%d records, %d lines", n, len(lines))
	}
	for _, l := range lines {
		var rec struct {
			Text       string
			Title      string
			Quotes     []json.RawMessage
			Provenance Provenance
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line is not JSON: %v\n%s", err, l)
		}
		if rec.Text == "" || rec.Title == "" || len(rec.Quotes) == 0 {
			t.Errorf("record lacks analyze fields: %s", l)
		}
		p := rec.Provenance
		if p.ArticleID == 0 || p.SourceKind != "file" || !strings.HasPrefix(p.SourceFile, "/corpus/doc") ||
			p.IngestedAt == "" || len(p.SHA256) != 64 || !p.Latest || p.Version != 1 {
			t.Errorf("provenance %+v", p)
		}
	}
}

func TestExportCSV(t *testing.T) {
	c := newStore(t)
	var buf bytes.Buffer
	n, err := c.Export(context.Background(), &buf, ExportOptions{Format: CSV})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(docs) || len(recs) != len(docs)+1 {
		t.Fatalf("%d articles, %d rows", n, len(recs))
	}
	if !slices.Equal(recs[0], CSVColumns) {
		t.Errorf("header %q", recs[0])
	}
	col := func(row []string, name string) string { return row[slices.Index(CSVColumns, name)] }
	first := recs[1]
	for name, want := range map[string]string{
		"title": "Ministers meet over Syria ceasefire", "tags": "Syria; Diplomacy", "outlet": "North Gazette",
		"outlet_host": "northgazette.example", "people": "Maria Zakharova; Vladimir Putin", "places": "Aleppo; Moscow; Syria",
		"quotes": "2", "published": "2016-07-04T09:00:00Z", "source_kind": "file", "language": "en",
	} {
		if got := col(first, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if col(first, "text") != docs[0].text {
		t.Errorf("text column differs")
	}
	if _, err := c.Export(context.Background(), &buf, ExportOptions{Format: "xml"}); !errors.Is(err, ErrQuery) {
		t.Errorf("bad format: %v", err)
	}
}

// TestExportNeedsNoSorter checks that export reads rows in the order of the
// table that drives the query, so SQLite never buffers them to sort.
func TestExportNeedsNoSorter(t *testing.T) {
	c := newStore(t)
	for _, q := range []string{"", "ceasefire", "tag:Syria", "ceasefire OR tag:Budget"} {
		var buf bytes.Buffer
		if _, err := c.Export(context.Background(), &buf, ExportOptions{Format: JSONL, Filter: Filter{Query: q}}); err != nil {
			t.Fatal(err)
		}
		sqlText, args := exportSQL(t, q)
		rows, err := c.DB.Query("EXPLAIN QUERY PLAN "+sqlText, args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(detail, "TEMP B-TREE") {
				t.Errorf("%q: export sorts: %s", q, detail)
			}
		}
		rows.Close()
	}
}

func exportSQL(t *testing.T, q string) (string, []any) {
	t.Helper()
	s, args, err := exportQuery(sqliteDialect, ExportOptions{Format: JSONL, Filter: Filter{Query: q}})
	if err != nil {
		t.Fatal(err)
	}
	return s, args
}
