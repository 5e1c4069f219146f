package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

// benchArticles is the size of the synthetic benchmark corpus.
const benchArticles = 10000

var (
	benchOnce  sync.Once
	benchPath  string
	benchDir   string
	benchErr   error
	benchWords = strings.Fields(`government minister election council budget market energy
		climate summit ceasefire talks border trade health school court police report economy
		water harvest drought storm protest union strike bank inflation vote parliament army
		aid convoy refugee winter fuel price bread wheat rail airport hospital doctor nurse
		teacher student farmer factory worker company profit loss deal treaty sanction embassy`)
	benchPeople = []struct{ name, gender string }{
		{"Anna Keller", "female"}, {"Boris Volkov", "male"}, {"Chen Wei", "unknown"}, {"Dara Singh", "female"},
		{"Emil Novak", "male"}, {"Fatima Haddad", "female"}, {"Goran Petrov", "male"}, {"Hana Sato", "female"},
	}
	benchPlaces = []string{"Aleppo", "Geneva", "Kyiv", "Nairobi", "Lima", "Oslo"}
	benchTags   = []string{"Syria", "Economy", "Climate", "Elections", "Health", "Energy"}
	benchHosts  = []string{"north.example", "south.example", "east.example", "west.example", "central.example"}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchStore builds (once per process) a store of synthetic articles:
// random sentences over a small vocabulary, people quoted, places, tags,
// five outlets, dates over two years.
//
// With NEWSGRAPH_BENCH_DB set to the path of an existing store (such as the
// 100,000-article corpus that `newsgraph corpus generate` and `newsgraph
// ingest` make), the benchmarks run on that store instead.
func benchStore(b *testing.B) *Store {
	if path := os.Getenv("NEWSGRAPH_BENCH_DB"); path != "" {
		st, err := OpenOptions(context.Background(), path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsgraph-corpus-bench")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = dir
		benchPath = filepath.Join(dir, "bench.db")
		benchErr = fillBench(benchPath, benchArticles)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	st, err := OpenOptions(context.Background(), benchPath, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// fillBench writes n synthetic articles to a new store at path.
func fillBench(path string, n int) error {
	ctx := context.Background()
	st, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	var tx *Tx
	for i := range n {
		if i%1000 == 0 {
			if tx != nil {
				if err := tx.Commit(); err != nil {
					return err
				}
			}
			if tx, err = st.Begin(ctx); err != nil {
				return err
			}
		}
		a := benchArticle(r, i, start)
		url := a.URL
		in := Input{SHA256: ContentHash([]byte(url + a.Text)), Size: int64(len(a.Text)), SourceKind: SourceURL, URL: url}
		if _, err := tx.PutArticle(in, a); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func benchArticle(r *rand.Rand, i int, start time.Time) *article.Article {
	var b strings.Builder
	a := &article.Article{Format: article.FormatPlain, Language: "en", Authors: []string{}, Categories: []string{}, Related: []string{}}
	sentence := func() {
		n := 8 + r.IntN(12)
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchWords[r.IntN(len(benchWords))])
		}
		b.WriteString(". ")
	}
	for p := range 4 + r.IntN(4) {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for range 3 {
			sentence()
		}
		if r.IntN(2) == 0 {
			who := benchPeople[r.IntN(len(benchPeople))]
			qs := b.Len() + 1
			b.WriteString(`"`)
			sentence()
			qe := b.Len() - 1
			b.WriteString(`" said `)
			ns := b.Len()
			b.WriteString(who.name)
			b.WriteString(". ")
			a.Text = b.String()
			a.Quotes = append(a.Quotes, article.Quote{Kind: article.Direct, Content: article.NewSpan(a.Text, qs, qe),
				Speaker: article.Speaker{Name: who.name, Kind: article.SpeakerPerson}})
			a.Entities = append(a.Entities, article.Entity{Span: article.NewSpan(a.Text, ns, ns+len(who.name)),
				Type: article.Person, Name: who.name, Gender: article.Gender(who.gender)})
		}
		if r.IntN(3) == 0 {
			pl := benchPlaces[r.IntN(len(benchPlaces))]
			b.WriteString("In ")
			ps := b.Len()
			b.WriteString(pl)
			b.WriteString(" the talks went on. ")
			a.Text = b.String()
			a.Entities = append(a.Entities, article.Entity{Span: article.NewSpan(a.Text, ps, ps+len(pl)), Type: article.Place, Name: pl})
		}
	}
	a.Text = strings.TrimSpace(b.String())
	a.Title = strings.Join([]string{benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))]}, " ")
	host := benchHosts[i%len(benchHosts)]
	a.URL = fmt.Sprintf("https://%s/news/%d", host, i)
	a.ID = a.URL
	a.Site = strings.ToUpper(host[:1]) + strings.TrimSuffix(host[1:], ".example") + " News"
	a.Tags = []string{benchTags[r.IntN(len(benchTags))]}
	pub := start.Add(time.Duration(r.IntN(2*365*24)) * time.Hour)
	a.Published = &pub
	return a
}

// benchQueries is the fixed query set of the search benchmark.
var benchQueries = []string{
	`ceasefire`,
	`ceasefire talks`,
	`"border trade"`,
	`polit* OR elect*`,
	`inflation -bank`,
	`speaker:"Anna Keller"`,
	`speaker:Volkov AND tag:Syria`,
	`person:Keller place:Aleppo`,
	`tag:Climate published:[2016-07-01 TO 2016-07-31]`,
	`outlet:north.example drought`,
	`(water OR fuel) AND place:Geneva AND published:2017`,
	`title:summit lang:en`,
}

// BenchmarkSearch runs the fixed query set over benchArticles synthetic
// articles and reports the p50 and p95 latency of one search (first page of
// 20 hits, with snippets): exact with the total count, exact without it,
// with the web server's limits (count capped and ranking among the newest
// matches at 10,000), and those limits with facets (the web page).
func BenchmarkSearch(b *testing.B) {
	variants := []struct {
		name string
		opts SearchOptions
	}{
		{"with-total", SearchOptions{}},
		{"no-total", SearchOptions{NoTotal: true}},
		{"limits-10k", SearchOptions{CountLimit: 10_000, RankLimit: 10_000}},
		{"limits-10k-facets", SearchOptions{CountLimit: 10_000, RankLimit: 10_000, Facets: true}},
	}
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			c := benchStore(b)
			ctx := context.Background()
			queries := benchQueries
			if os.Getenv("NEWSGRAPH_BENCH_DB") != "" {
				queries = storeQueries(b, c)
			}
			var lat []time.Duration
			b.ResetTimer()
			for b.Loop() {
				for _, q := range queries {
					t0 := time.Now()
					opts := v.opts
					opts.Query = q
					if _, err := c.Search(ctx, opts); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(t0))
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// peakWriter discards what it is given and samples the live heap (after a
// collection) every 64 writes of the export's 64 KiB buffer.
type peakWriter struct {
	n, calls int64
	peak     uint64
}

func (w *peakWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	w.calls++
	if w.calls%64 == 1 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		w.peak = max(w.peak, m.HeapAlloc)
	}
	return len(p), nil
}

// BenchmarkExport streams every synthetic article and reports the peak heap
// in use while it does, which must not depend on the number of articles.
func BenchmarkExport(b *testing.B) {
	for _, f := range []Format{JSONL, CSV} {
		for _, q := range []string{"", "ceasefire", "published:2016-03"} {
			b.Run(string(f)+"/"+map[string]string{"": "all", "ceasefire": "query", "published:2016-03": "month"}[q], func(b *testing.B) {
				c := benchStore(b)
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base) // live heap before the export
				w := &peakWriter{}
				n := 0
				for b.Loop() {
					var err error
					if n, err = c.Export(context.Background(), w, ExportOptions{Format: f, Filter: Filter{Query: q}}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n), "articles")
				b.ReportMetric(float64(w.peak)/(1<<20), "peak-live-heap-MiB")
				b.ReportMetric(float64(base.HeapAlloc)/(1<<20), "base-live-heap-MiB")
			})
		}
	}
}

// storeQueries makes a fixed query set of the same shapes as benchQueries
// for a store whose vocabulary is not known in advance: its words, people,
// outlets and dates are read from the store, deterministically.
func storeQueries(b *testing.B, c *Store) []string {
	b.Helper()
	ctx := context.Background()
	one := func(q string) string {
		var v string
		if err := c.DB.QueryRowContext(ctx, q).Scan(&v); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
		return v
	}
	var words []string
	rows, err := c.DB.QueryContext(ctx, `SELECT title FROM articles WHERE id % 997 = 1 ORDER BY id LIMIT 40`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			b.Fatal(err)
		}
		for _, w := range strings.Fields(strings.ToLower(t)) {
			if w = strings.Trim(w, `.,:;"'!?()`); len(w) > 3 && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	rows.Close()
	if len(words) < 6 {
		b.Skip("store has too few title words for a query set")
	}
	speaker := one(`SELECT speaker_name FROM quotes GROUP BY speaker_name ORDER BY count(*) DESC, speaker_name LIMIT 1`)
	person := one(`SELECT name FROM article_entities WHERE type = 'PERSON' GROUP BY name ORDER BY count(*) DESC, name LIMIT 1`)
	host := one(`SELECT host FROM outlets WHERE host IS NOT NULL AND host != '' ORDER BY id LIMIT 1`)
	month := one(`SELECT substr(min(published), 1, 7) FROM articles WHERE published IS NOT NULL`)
	return []string{
		words[0],
		words[1] + " " + words[2],
		`"` + words[3] + `"`,
		words[4][:3] + "* OR " + words[5][:3] + "*",
		words[0] + " -" + words[1],
		`speaker:"` + speaker + `"`,
		`person:"` + person + `" AND ` + words[2],
		`outlet:` + host + ` ` + words[3],
		`published:` + month,
		`(` + words[4] + ` OR ` + words[5] + `) AND published:[` + month + `-01 TO ` + month + `-28]`,
		`title:` + words[1],
		`lang:en ` + words[0],
	}
}
