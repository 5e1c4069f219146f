package fulltext

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// benchCorpus is a corpus of made-up articles like the load test's
// (internal/web TestLoad): words from a vocabulary of 5,000 drawn with
// Zipf frequencies, 5 paragraphs of 30–60 words, names. Its size is
// NEWSGRAPH_BENCH_DOCS (20,000).
type benchCorpus struct {
	docs  []Doc
	words []string
	x     *Index
	db    *sql.DB
}

var benchOnce struct {
	sync.Once
	c *benchCorpus
}

func loadBench(b *testing.B) *benchCorpus {
	benchOnce.Do(func() {
		n := 20000
		if v, err := strconv.Atoi(os.Getenv("NEWSGRAPH_BENCH_DOCS")); err == nil && v > 0 {
			n = v
		}
		r := rand.New(rand.NewPCG(1, 2))
		syl := []string{"ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "di", "pa", "ri", "go", "sha", "tu", "le", "mo", "ba", "ze"}
		seen := map[string]bool{}
		c := &benchCorpus{}
		for len(c.words) < 5000 {
			var s strings.Builder
			for range 2 + r.IntN(2) {
				s.WriteString(syl[r.IntN(len(syl))])
			}
			if w := s.String(); !seen[w] {
				seen[w] = true
				c.words = append(c.words, w)
			}
		}
		zipf := rand.NewZipf(r, 1.1, 2, uint64(len(c.words)-1))
		words := func(k int) string {
			ws := make([]string, k)
			for i := range ws {
				ws[i] = c.words[zipf.Uint64()]
			}
			return strings.Join(ws, " ")
		}
		for i := range n {
			var text []string
			for range 5 {
				text = append(text, words(30+r.IntN(30)))
			}
			c.docs = append(c.docs, Doc{ID: int64(i + 1), Cols: [numCols]string{words(6), strings.Join(text, "\n\n"), "Ana Brandt\nLars Holm", "Ana Brandt\nEastport"}})
		}
		c.x = New()
		c.x.Put(c.docs...)
		benchOnce.c = c
	})
	return benchOnce.c
}

// fts5 is the corpus in an FTS5 table, made on first use (and closed when
// b ends).
func (c *benchCorpus) fts5(b *testing.B) *sql.DB {
	if c.db == nil {
		c.db = fts5Store(b, c.docs)
	}
	return c.db
}

// BenchmarkSearch compares the index with FTS5 on the same articles, for
// the query shapes of the load test: top 20 by bm25 and the exact total,
// as internal/corpus asks for them (FTS5: one ranked statement and one
// count).
func BenchmarkSearch(b *testing.B) {
	c := loadBench(b)
	tt := func(s string) *Phrase { return &Phrase{Text: s, Cols: TitleText} }
	w := c.words
	cases := []struct {
		name string
		q    Node
	}{
		{"frequent-word", tt(w[1])},
		{"rare-word", tt(w[3000])},
		{"pair", &And{Must: []Node{tt(w[5]), tt(w[40])}}},
		{"phrase", tt(w[1] + " " + w[2])},
		{"or", &Or{Any: []Node{tt(w[10]), tt(w[300])}}},
		{"prefix", &Phrase{Text: w[7][:3], Prefix: true, Cols: TitleText}},
	}
	defer func() { c.db = nil }()
	for _, tc := range cases {
		b.Run(tc.name+"/index", func(b *testing.B) {
			for b.Loop() {
				if _, err := c.x.Search(tc.q, Options{K: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/fts5", func(sb *testing.B) {
			db := c.fts5(b) // on the parent: it outlives each sub-benchmark
			b := sb
			e := fts5Expr(tc.q)
			for b.Loop() {
				rows, err := db.Query(`SELECT rowid, -bm25(articles_fts, 3.0, 1.0, 0.5, 0.5) FROM articles_fts WHERE articles_fts MATCH ?
					ORDER BY bm25(articles_fts, 3.0, 1.0, 0.5, 0.5), rowid DESC LIMIT 20`, e)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
				var n int
				if err := db.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`, e).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPut measures adding articles to the index.
func BenchmarkPut(b *testing.B) {
	c := loadBench(b)
	b.ResetTimer()
	for b.Loop() {
		x := New()
		x.Put(c.docs[:2000]...)
	}
}

// BenchmarkSearchShapes measures Search on the index of a real store, read
// from its snapshot (NEWSGRAPH_BENCH_SNAPSHOT, for example the load test's
// store's FILE-fulltext), with distinct queries of each shape of the load
// test drawn with Zipf frequencies from the index's own words (most
// frequent first), top 20 and the total to 10,000 as the web server asks
// (NEWSGRAPH_BENCH_COUNT_LIMIT: another limit, 0 for exact totals).
func BenchmarkSearchShapes(b *testing.B) {
	path := os.Getenv("NEWSGRAPH_BENCH_SNAPSHOT")
	if path == "" {
		b.Skip("set NEWSGRAPH_BENCH_SNAPSHOT to a store's full-text snapshot")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	x, _, err := ReadSnapshot(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	ws := x.Words(8000)
	tt := func(s string) *Phrase { return &Phrase{Text: s, Cols: TitleText} }
	shapes := []struct {
		name string
		q    func(a, b string) Node
	}{
		{"word", func(a, _ string) Node { return tt(a) }},
		{"pair", func(a, b string) Node { return &And{Must: []Node{tt(a), tt(b)}} }},
		{"phrase", func(a, b string) Node { return tt(a + " " + b) }},
		{"or", func(a, b string) Node { return &Or{Any: []Node{tt(a), tt(b)}} }},
	}
	limit := 10_000 // the web server's count limit
	if v, err := strconv.Atoi(os.Getenv("NEWSGRAPH_BENCH_COUNT_LIMIT")); err == nil {
		limit = v
	}
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			z := rand.NewZipf(r, 1.1, 2, uint64(len(ws)-1))
			seen := map[[2]int]bool{}
			// next draws a pair not drawn before: by frequency, uniformly
			// after 20 tries, as the load test's distinct queries.
			next := func() (string, string) {
				for try := 0; ; try++ {
					var k [2]int
					if try < 20 {
						k = [2]int{int(z.Uint64()), int(z.Uint64())}
					} else {
						k = [2]int{r.IntN(len(ws)), r.IntN(len(ws))}
					}
					if sh.name == "word" {
						k[1] = 0
					}
					if !seen[k] {
						seen[k] = true
						return ws[k[0]], ws[k[1]]
					}
				}
			}
			total := 0
			for b.Loop() {
				res, err := x.Search(sh.q(next()), Options{K: 20, CountLimit: limit})
				if err != nil {
					b.Fatal(err)
				}
				total += res.Total
			}
			b.ReportMetric(float64(total)/float64(b.N), "matches/op")
		})
	}
}
