package web

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/store"
)

// TestLoad measures search under load: 50 concurrent clients searching a
// large generated store over loopback for a bounded time; it reports p50,
// p95 and p99 latency, errors, and memory, and fails on any error or on
// memory that grows. It runs only with NEWSGRAPH_LOAD=1 (and never with
// -short). Knobs: NEWSGRAPH_LOAD_ARTICLES (100000), NEWSGRAPH_LOAD_SECONDS
// (60), NEWSGRAPH_LOAD_CLIENTS (50), NEWSGRAPH_LOAD_DB (a file to keep the
// generated store in and reuse), NEWSGRAPH_LOAD_PATH (/api/search, or
// /search for the page with facets), NEWSGRAPH_LOAD_WORDS=index (the
// distinct queries draw from the store's own most frequent words, for a
// store made another way, such as corpus generate + ingest; set
// NEWSGRAPH_LOAD_ARTICLES=1 so nothing is added to it), NEWSGRAPH_LOAD_FACETS (0 or 1 for
// /api/search; default 0), NEWSGRAPH_LOAD_CACHE=0 (no result cache),
// NEWSGRAPH_LOAD_QUERIES (distinct, the default: every request is a query
// not sent before, so the result cache cannot hide the cost; fixed: the
// fixed query set round robin), NEWSGRAPH_LOAD_SEED (the seed of the
// distinct queries, 1), NEWSGRAPH_LOAD_CPUPROFILE (a file to write a CPU
// profile of the load phase to), NEWSGRAPH_LOAD_INDEX=0 (rank in SQL, not
// with the store's full-text index).
//
// The store is generated directly through store.Tx.PutArticle (articles of
// made-up words with quotes, entities, tags and dates), not through the
// analysis pipeline, which would take most of an hour for 100,000 pages on
// two cores.
func TestLoad(t *testing.T) { runLoad(t) }

// BenchmarkSearchLoad is TestLoad as a benchmark, for `go test -bench`:
// one load run (with -benchtime 1x; the run's length is
// NEWSGRAPH_LOAD_SECONDS, not b.N), its requests/s and latency
// percentiles reported as the benchmark's metrics. The same knobs.
//
//	NEWSGRAPH_LOAD=1 go test -run XXX -bench SearchLoad -benchtime 1x -timeout 60m ./internal/web
func BenchmarkSearchLoad(b *testing.B) {
	var r loadResult
	for b.Loop() {
		r = runLoad(b)
	}
	b.ReportMetric(r.perSecond, "requests/s")
	b.ReportMetric(r.p50.Seconds()*1000, "p50-ms")
	b.ReportMetric(r.p95.Seconds()*1000, "p95-ms")
	b.ReportMetric(r.p99.Seconds()*1000, "p99-ms")
}

// loadResult is what a load run measured: requests answered 200 a
// second, and their latency percentiles.
type loadResult struct {
	perSecond     float64
	p50, p95, p99 time.Duration
}

func runLoad(t testing.TB) loadResult {
	if testing.Short() || os.Getenv("NEWSGRAPH_LOAD") != "1" {
		t.Skip("load test: set NEWSGRAPH_LOAD=1 (not with -short)")
	}
	n := envInt("NEWSGRAPH_LOAD_ARTICLES", 100_000)
	dur := time.Duration(envInt("NEWSGRAPH_LOAD_SECONDS", 60)) * time.Second
	clients := envInt("NEWSGRAPH_LOAD_CLIENTS", 50)
	path := os.Getenv("NEWSGRAPH_LOAD_PATH")
	if path == "" {
		path = "/api/search"
	}
	dbPath := os.Getenv("NEWSGRAPH_LOAD_DB")
	if dbPath == "" {
		dbPath = filepath.Join(t.TempDir(), "load.db")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var have int
	if err := st.DB.QueryRow(`SELECT count(*) FROM articles`).Scan(&have); err != nil {
		t.Fatal(err)
	}
	if have < n {
		start := time.Now()
		if err := generateStore(ctx, st, have, n); err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		t.Logf("generated %d articles in %v (%.0f/s)", n-have, el.Round(time.Second), float64(n-have)/el.Seconds())
	}
	if fi, err := os.Stat(dbPath); err == nil {
		t.Logf("store: %d articles, %d MiB", max(have, n), fi.Size()>>20)
	}
	opts := Options{Rate: -1} // every client is 127.0.0.1: no per-IP limit
	if os.Getenv("NEWSGRAPH_LOAD_CACHE") == "0" {
		opts.CacheTTL = -1
	}
	words := loadWords
	if os.Getenv("NEWSGRAPH_LOAD_INDEX") != "0" {
		start := time.Now()
		ti, err := st.UseTextIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("full-text index: %d articles, ready in %v", ti.Len(), time.Since(start).Round(time.Millisecond))
		if os.Getenv("NEWSGRAPH_LOAD_WORDS") == "index" {
			words = ti.Words(len(loadWords))
			t.Logf("queries of the store's own %d most frequent words", len(words))
		}
	} else {
		t.Logf("no full-text index: searches rank in SQL")
	}
	s, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	queries := loadQueries()
	facets := os.Getenv("NEWSGRAPH_LOAD_FACETS")
	if facets == "" {
		facets = "0"
	}
	targetOf := func(query string) string {
		q := url.Values{"q": {query}}
		if path == "/api/search" {
			q.Set("facets", facets)
		}
		return ts.URL + path + "?" + q.Encode()
	}
	// next is the query of a client's i-th request.
	next := func(i int) string { return queries[i%len(queries)] }
	mode := os.Getenv("NEWSGRAPH_LOAD_QUERIES")
	var gen *distinctQueries
	switch mode {
	case "", "distinct":
		mode = "distinct"
		gen = newDistinctQueries(uint64(envInt("NEWSGRAPH_LOAD_SEED", 1)), words)
		for _, q := range queries {
			gen.seen[q] = true // the warm-up's queries are never sent again
		}
		next = func(int) string { return gen.next() }
	case "fixed":
	default:
		t.Fatalf("NEWSGRAPH_LOAD_QUERIES=%q: want distinct or fixed", mode)
	}
	// Warm up: every query of the fixed set once.
	for i := range queries {
		resp, err := http.Get(targetOf(queries[i]))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("warm-up %q: %d", queries[i], resp.StatusCode)
		}
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	rssBefore := rssKiB()

	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	deadline := time.Now().Add(dur)
	var mu sync.Mutex
	var lat []time.Duration
	errs := map[string]int{}
	var peakHeap, peakRSS uint64
	stopSample := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stopSample:
				return
			case <-tick.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peakHeap = max(peakHeap, m.HeapInuse)
				peakRSS = max(peakRSS, rssKiB())
			}
		}
	})
	if prof := os.Getenv("NEWSGRAPH_LOAD_CPUPROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	loadBefore := loadAvg()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			for i := c; time.Now().Before(deadline); i += clients {
				t0 := time.Now()
				resp, err := client.Get(targetOf(next(i)))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				d := time.Since(t0)
				if err != nil {
					mu.Lock()
					errs[err.Error()]++
					mu.Unlock()
					continue
				}
				mine = append(mine, d)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	close(stopSample)
	sampler.Wait()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rssAfter := rssKiB()

	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	nerr := 0
	for _, v := range errs {
		nerr += v
	}
	t.Logf("%s, %s queries, %d clients, %v: %d requests (%.0f/s), %d answered 200 (%.0f/s), %d errors %v", path, mode, clients, dur,
		len(lat)+nerr, float64(len(lat)+nerr)/dur.Seconds(), len(lat), float64(len(lat))/dur.Seconds(), nerr, errs)
	t.Logf("load average before %s, after %s", loadBefore, loadAvg())
	t.Logf("latency of the 200s: p50 %v, p95 %v, p99 %v, max %v", pct(.50), pct(.95), pct(.99), pct(1))
	t.Logf("memory: heap in use %d MiB before, %d MiB after (peak %d MiB); RSS %d MiB before, %d MiB after (peak %d MiB)",
		before.HeapInuse>>20, after.HeapInuse>>20, peakHeap>>20, rssBefore>>10, rssAfter>>10, peakRSS>>10)
	if nerr > 0 {
		t.Errorf("%d errors", nerr)
	}
	if after.HeapInuse > 2*before.HeapInuse+64<<20 {
		t.Errorf("heap grew from %d to %d MiB", before.HeapInuse>>20, after.HeapInuse>>20)
	}
	return loadResult{perSecond: float64(len(lat)) / dur.Seconds(), p50: pct(.50), p95: pct(.95), p99: pct(.99)}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// loadAvg is the machine's load average over 1, 5 and 15 minutes (Linux),
// "?" elsewhere: the load test shares the machine, and its figures mean
// little without it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// rssKiB is the process's resident set size (Linux), 0 elsewhere.
func rssKiB() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseUint(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// Made-up material for the generated store.
var (
	loadFirst   = []string{"Ana", "Boris", "Cleo", "Dmitri", "Edda", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara"}
	loadLast    = []string{"Arvid", "Brandt", "Corvin", "Dalby", "Eskola", "Falk", "Gorski", "Holm", "Ivers", "Janek", "Kovac", "Lund", "Morav", "Norell", "Ostrem", "Petrak", "Quist", "Rask", "Solberg", "Tamm"}
	loadOutlets = []string{"North Ledger", "South Courier", "East Gazette", "West Tribune", "Harbor Post", "Valley Times", "Metro Herald", "Island Weekly", "River Daily", "Coast Observer",
		"Plains Record", "Hill Sentinel", "Lake Journal", "Forest News", "Bay Chronicle", "Mountain Voice", "Delta Press", "Canyon Star", "Prairie Mail", "Summit Report"}
	loadTags   = []string{"Politics", "Economy", "Transport", "Health", "Culture", "Sport", "Science", "Weather", "Energy", "Housing", "Education", "Crime"}
	loadPlaces = []string{"Eastport", "Northvale", "Silverton", "Redmarsh", "Lowmoor", "Kingsbay", "Ashford", "Brightwater"}
	loadVerbs  = []string{"said", "told reporters", "added", "wrote", "argued"}
)

// loadWords is a vocabulary of made-up words from syllables.
var loadWords = func() []string {
	syl := []string{"ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "di", "pa", "ri", "go", "sha", "tu", "le", "mo", "ba", "ze"}
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []string
	for len(out) < 5000 {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// loadQueries are the fixed query set of the load test: frequent and rare
// words, phrases, prefixes, fields, dates and combinations.
func loadQueries() []string {
	w := loadWords
	return []string{
		w[0], w[1], w[10], w[100], w[1000], w[4000],
		w[2] + " " + w[3], w[5] + " OR " + w[600], `"` + w[0] + " " + w[1] + `"`, w[7][:3] + "*",
		`speaker:"` + loadFirst[1] + " " + loadLast[2] + `"`, `person:"` + loadFirst[3] + " " + loadLast[4] + `"`,
		`outlet:"` + loadOutlets[3] + `"`, "tag:" + loadTags[2], "lang:en",
		"published:[2023-03-01 TO 2023-03-31]", w[20] + " AND tag:" + loadTags[4], w[30] + ` AND outlet:"` + loadOutlets[7] + `"`,
		w[40] + " NOT " + w[41], `place:"` + loadPlaces[2] + `" AND published:[2023 TO *]`,
	}
}

// generateStore adds articles from number have+1 to n.
func generateStore(ctx context.Context, st *store.Store, have, n int) error {
	const batch = 2000
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(loadWords)-1))
	for lo := have; lo < n; lo += batch {
		tx, err := st.Begin(ctx)
		if err != nil {
			return err
		}
		for i := lo; i < min(n, lo+batch); i++ {
			r := rand.New(rand.NewPCG(uint64(i), 99))
			a := genArticle(r, zipf, i)
			in := store.Input{SHA256: store.ContentHash([]byte(a.URL + a.Text)), Size: int64(len(a.Text)), SourceKind: store.SourceURL, URL: a.URL, FetchedAt: *a.Published}
			put, err := tx.PutArticle(in, a)
			if err != nil {
				tx.Rollback()
				return err
			}
			if put.ArticleID != 0 {
				if _, err := tx.NewCluster(put.ArticleID); err != nil {
					tx.Rollback()
					return err
				}
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// genArticle makes article i: five paragraphs of made-up words, three
// quotes by named people (mention and cue marked), entities, tags, a date
// in 2022–2024 and one of twenty outlets.
func genArticle(r *rand.Rand, zipf *rand.Zipf, i int) *article.Article {
	var b strings.Builder
	a := &article.Article{Format: article.FormatHTML, Language: "en"}
	words := func(k int) string {
		ws := make([]string, k)
		for j := range ws {
			ws[j] = loadWords[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	person := func() string { return loadFirst[r.IntN(len(loadFirst))] + " " + loadLast[r.IntN(len(loadLast))] }
	a.Title = words(6)
	for p := range 5 {
		if p > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		if p%2 == 1 {
			name := person()
			q := `"` + words(12+r.IntN(10)) + `,"`
			qs := b.Len()
			b.WriteString(q)
			b.WriteString(" ")
			vs := b.Len()
			verb := loadVerbs[r.IntN(len(loadVerbs))]
			b.WriteString(verb)
			b.WriteString(" ")
			ms := b.Len()
			b.WriteString(name)
			b.WriteString(". ")
			text := b.String()
			mention := article.NewSpan(text, ms, ms+len(name))
			cue := article.NewSpan(text, vs, vs+len(verb))
			a.Quotes = append(a.Quotes, article.Quote{Kind: article.Direct, Content: article.NewSpan(text, qs, qs+len(q)),
				Speaker: article.Speaker{Name: name, Kind: article.SpeakerPerson, Mention: &mention}, Cue: &cue})
			g := article.Female
			if r.IntN(3) == 0 {
				g = article.Male
			} else if r.IntN(4) == 0 {
				g = article.GenderUnknown
			}
			a.Entities = append(a.Entities, article.Entity{Span: mention, Type: article.Person, Name: name, Gender: g})
		}
		b.WriteString(words(30 + r.IntN(30)))
		b.WriteString(" in ")
		ps := b.Len()
		place := loadPlaces[r.IntN(len(loadPlaces))]
		b.WriteString(place)
		b.WriteString(".")
		a.Entities = append(a.Entities, article.Entity{Span: article.NewSpan(b.String(), ps, ps+len(place)), Type: article.Place, Name: place})
		a.Paragraphs = append(a.Paragraphs, article.Range{Start: start, End: b.Len()})
	}
	a.Text = b.String()
	// Spans were made on prefixes of the text: their Text fields hold.
	pub := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3*365))
	a.Published = &pub
	o := loadOutlets[r.IntN(len(loadOutlets))]
	a.Site = o
	host := strings.ToLower(strings.ReplaceAll(o, " ", "-")) + ".example"
	a.URL = fmt.Sprintf("https://%s/news/%d", host, i)
	a.Tags = []string{loadTags[r.IntN(len(loadTags))], loadTags[r.IntN(len(loadTags))]}
	if a.Tags[0] == a.Tags[1] {
		a.Tags = a.Tags[:1]
	}
	return a
}

// distinctQueries makes queries over the generated vocabulary that never
// repeat: single words, word pairs, phrases and OR pairs in turn, their
// words drawn with the frequencies of the generated texts (frequent words
// are asked for more), from a seeded generator, so a run is repeatable.
// It is safe for concurrent use.
type distinctQueries struct {
	mu    sync.Mutex
	r     *rand.Rand
	zipf  *rand.Zipf
	words []string // most frequent first
	seen  map[string]bool
	shape int
}

func newDistinctQueries(seed uint64, words []string) *distinctQueries {
	r := rand.New(rand.NewPCG(seed, 77))
	return &distinctQueries{r: r, words: words, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(words)-1)), seen: map[string]bool{}}
}

// word draws a word: by frequency, or uniformly when uniform is set (once
// the frequent ones of a shape are used up).
func (d *distinctQueries) word(uniform bool) string {
	if uniform {
		return d.words[d.r.IntN(len(d.words))]
	}
	return d.words[d.zipf.Uint64()]
}

func (d *distinctQueries) next() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.shape++
	for try := 0; ; try++ {
		uniform := try >= 20
		if try%1000 == 999 {
			d.shape++ // every single word was sent: a pair instead
		}
		var q string
		switch d.shape % 4 {
		case 0:
			q = d.word(uniform)
		case 1:
			q = d.word(uniform) + " " + d.word(uniform)
		case 2:
			q = `"` + d.word(uniform) + " " + d.word(uniform) + `"`
		default:
			q = d.word(uniform) + " OR " + d.word(uniform)
		}
		if !d.seen[q] {
			d.seen[q] = true
			return q
		}
	}
}
