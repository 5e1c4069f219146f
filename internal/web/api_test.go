package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	Paths      map[string]map[string]openAPIOp `yaml:"paths"`
	Components struct {
		Parameters map[string]openAPIParam `yaml:"parameters"`
		Responses  map[string]struct {
			Content map[string]any `yaml:"content"`
		} `yaml:"responses"`
	} `yaml:"components"`
}

type openAPIOp struct {
	Parameters []openAPIParam `yaml:"parameters"`
	Security   []any          `yaml:"security"`
	Responses  map[string]struct {
		Ref     string         `yaml:"$ref"`
		Content map[string]any `yaml:"content"`
	} `yaml:"responses"`
}

type openAPIParam struct {
	Ref     string `yaml:"$ref"`
	Name    string `yaml:"name"`
	In      string `yaml:"in"`
	Example string `yaml:"x-example"`
}

func loadOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := yaml.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if len(doc.Paths) == 0 {
		t.Fatal("openapi.yaml has no paths")
	}
	return &doc
}

// contentTypes are the media types documented for a response.
func (d *openAPIDoc) contentTypes(op openAPIOp, code string) []string {
	r := op.Responses[code]
	if r.Ref != "" {
		name := strings.TrimPrefix(r.Ref, "#/components/responses/")
		r.Content = d.Components.Responses[name].Content
	}
	var out []string
	for k := range r.Content {
		out = append(out, k)
	}
	return out
}

// TestOpenAPIDocumentsEveryRoute checks that every /api route the server
// answers is in openapi.yaml and every documented path is a route.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	var documented, routed []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	s := &Server{}
	for _, r := range s.routes() {
		if strings.HasPrefix(r.pattern, "/api/") {
			routed = append(routed, r.method+" "+r.pattern)
		}
	}
	sort.Strings(documented)
	sort.Strings(routed)
	if !slices.Equal(documented, routed) {
		t.Errorf("documented API:\n%s\nrouted API:\n%s", strings.Join(documented, "\n"), strings.Join(routed, "\n"))
	}
}

// TestOpenAPIPathsAnswer calls every documented operation with its
// x-example parameters and checks the status is the documented success
// and the content type one documented for it.
func TestOpenAPIPathsAnswer(t *testing.T) {
	doc := loadOpenAPI(t)
	_, ts := newTestServer(t, Options{Token: testToken})
	type call struct {
		method, path string
		op           openAPIOp
	}
	var calls []call
	for p, ops := range doc.Paths {
		for m, op := range ops {
			calls = append(calls, call{strings.ToUpper(m), p, op})
		}
	}
	// Reads first, then writes (the delete removes an article).
	weight := map[string]int{"GET": 0, "POST": 1, "DELETE": 2}
	sort.Slice(calls, func(i, j int) bool {
		if weight[calls[i].method] != weight[calls[j].method] {
			return weight[calls[i].method] < weight[calls[j].method]
		}
		return calls[i].path < calls[j].path
	})
	for _, c := range calls {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			path := c.path
			qv := url.Values{}
			for _, p := range c.op.Parameters {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				switch {
				case p.In == "path":
					if p.Example == "" {
						t.Fatalf("path parameter %s has no x-example", p.Name)
					}
					path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(p.Example))
				case p.Example != "":
					qv.Set(p.Name, p.Example)
				}
			}
			u := ts.URL + path
			if len(qv) > 0 {
				u += "?" + qv.Encode()
			}
			var body io.Reader
			var ct string
			if c.method == "POST" {
				body, ct = uploadBody(t, "upload.html", testUpload)
			}
			req, err := http.NewRequest(c.method, u, body)
			if err != nil {
				t.Fatal(err)
			}
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			if len(c.op.Security) > 0 {
				req.Header.Set("Authorization", "Bearer "+testToken)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			code := fmt.Sprint(resp.StatusCode)
			if resp.StatusCode != 200 {
				t.Fatalf("status %s, want 200: %s", code, b)
			}
			want := doc.contentTypes(c.op, code)
			got, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			if !slices.Contains(want, got) {
				t.Errorf("content type %q, documented %v", got, want)
			}
			if got == "application/json" && !json.Valid(b) {
				t.Errorf("invalid JSON: %.200s", b)
			}
		})
	}
	// Documented error statuses: each answers with JSON as documented.
	errCases := []struct {
		method, path, auth string
		code               int
		docPath            string
	}{
		{"GET", "/api/search?q=%28ferry", "", 400, "/api/search"},
		{"GET", "/api/article/999", "", 404, "/api/article/{id}"},
		{"DELETE", "/api/article/1", "", 401, "/api/article/{id}"},
		{"DELETE", "/api/article/1", "Bearer wrong", 401, "/api/article/{id}"},
		{"GET", "/api/quotes?kind=sung", "", 400, "/api/quotes"},
		{"GET", "/api/entities?type=FISH", "", 400, "/api/entities"},
		{"GET", "/api/stats?by=century", "", 400, "/api/stats"},
		{"GET", "/api/export?format=xml", "", 400, "/api/export"},
		{"POST", "/api/ingest", "Bearer " + testToken, 400, "/api/ingest"},
	}
	for _, ec := range errCases {
		req, _ := http.NewRequest(ec.method, ts.URL+ec.path, nil)
		if ec.auth != "" {
			req.Header.Set("Authorization", ec.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != ec.code {
			t.Errorf("%s %s: status %d, want %d", ec.method, ec.path, resp.StatusCode, ec.code)
			continue
		}
		op := doc.Paths[ec.docPath][strings.ToLower(ec.method)]
		want := doc.contentTypes(op, fmt.Sprint(ec.code))
		got, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if len(want) == 0 || !slices.Contains(want, got) {
			t.Errorf("%s %s: status %d content type %q is not documented (%v)", ec.method, ec.path, ec.code, got, want)
		}
	}
}

// testUpload is an article written for the upload test.
const testUpload = `<!doctype html><html><head><title>Orchard harvest breaks record</title>
<meta property="og:site_name" content="Valley Weekly">
<meta property="article:published_time" content="2024-05-01T07:00:00Z">
</head><body><article><h1>Orchard harvest breaks record</h1>
<p>The apple orchards of the upper valley brought in their largest harvest in forty years this autumn.</p>
<p>"We ran out of crates by the second week," said grower Hanna Lindgren, who farms on the eastern slope.</p>
</article></body></html>`

func uploadBody(t testing.TB, name, content string) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	return &b, mw.FormDataContentType()
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp := get(t, u)
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func TestAPISearchFacets(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID      int64  `json:"id"`
			Snippet string `json:"snippet"`
		} `json:"hits"`
		Facets Facets `json:"facets"`
	}
	getJSON(t, ts.URL+"/api/search?q=ferry", &res)
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("ferry: total %d, %d hits, want 2", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Snippet, "**ferry**") {
			t.Errorf("hit %d snippet %q does not mark the match", h.ID, h.Snippet)
		}
	}
	has := func(list []Count, v string, n int) bool {
		return slices.ContainsFunc(list, func(c Count) bool { return c.Value == v && c.Count == n })
	}
	if !has(res.Facets.Outlet, "Eastport Ledger", 1) || !has(res.Facets.Outlet, "Island Courier", 1) {
		t.Errorf("outlet facet %+v", res.Facets.Outlet)
	}
	if !has(res.Facets.Speaker, "Tom Hale", 2) {
		t.Errorf("speaker facet %+v", res.Facets.Speaker)
	}
	if !has(res.Facets.Tag, "Transport", 2) || !has(res.Facets.Date, "2024-03", 2) || !has(res.Facets.Language, "en", 2) {
		t.Errorf("tag/date/language facets %+v %+v %+v", res.Facets.Tag, res.Facets.Date, res.Facets.Language)
	}
	// A field query narrows the facets too.
	getJSON(t, ts.URL+"/api/search?q="+url.QueryEscape(`speaker:"Anna Kowalczyk"`), &res)
	if res.Total != 1 || res.Hits[0].ID != idBridge || !has(res.Facets.Outlet, "Northshore Gazette", 1) || len(res.Facets.Outlet) != 1 {
		t.Errorf("speaker query: %+v", res)
	}
}

func TestAPIArticleSpans(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	var a struct {
		ID         int64 `json:"id"`
		ClusterID  int64 `json:"cluster_id"`
		Cluster    []ClusterMember
		Provenance Provenance `json:"provenance"`
		Record     struct {
			Text   string `json:"text"`
			Quotes []struct {
				Content struct {
					Start, End int
					Text       string
				} `json:"content"`
			} `json:"quotes"`
			Entities []struct {
				Start, End int
				Text       string
			} `json:"entities"`
		} `json:"record"`
	}
	getJSON(t, fmt.Sprintf("%s/api/article/%d", ts.URL, idCopy), &a)
	if a.ID != idCopy || len(a.Record.Quotes) == 0 || len(a.Record.Entities) == 0 {
		t.Fatalf("article %+v", a)
	}
	for _, q := range a.Record.Quotes {
		if a.Record.Text[q.Content.Start:q.Content.End] != q.Content.Text {
			t.Errorf("quote span [%d,%d) is not %q", q.Content.Start, q.Content.End, q.Content.Text)
		}
	}
	for _, e := range a.Record.Entities {
		if a.Record.Text[e.Start:e.End] != e.Text {
			t.Errorf("entity span [%d,%d) is not %q", e.Start, e.End, e.Text)
		}
	}
	if a.Provenance.SourceKind != "file" || len(a.Provenance.SHA256) != 64 {
		t.Errorf("provenance %+v", a.Provenance)
	}
	if len(a.Cluster) != 2 || !slices.ContainsFunc(a.Cluster, func(m ClusterMember) bool { return m.ID == idFerry && m.Original }) {
		t.Errorf("cluster %+v, want the ferry article as original", a.Cluster)
	}
}

func TestAPIQuotesSpeakersClusters(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	var qs struct {
		Quotes []struct {
			Speaker   string `json:"speaker"`
			ArticleID int64  `json:"article_id"`
			Outlet    string `json:"outlet"`
		} `json:"quotes"`
	}
	getJSON(t, ts.URL+"/api/quotes?speaker=Hale&outlet="+url.QueryEscape("Island Courier"), &qs)
	if len(qs.Quotes) != 2 {
		t.Fatalf("Hale in Island Courier: %+v", qs.Quotes)
	}
	for _, q := range qs.Quotes {
		if q.Speaker != "Tom Hale" || q.ArticleID != idCopy || q.Outlet != "Island Courier" {
			t.Errorf("quote %+v", q)
		}
	}
	var sp struct{ Speakers []Count }
	getJSON(t, ts.URL+"/api/speakers?prefix=Elena", &sp)
	if len(sp.Speakers) != 1 || sp.Speakers[0].Value != "Elena Brightwater" || sp.Speakers[0].Count != 3 {
		t.Errorf("speakers %+v", sp.Speakers)
	}
	var cl struct{ Clusters []Cluster }
	getJSON(t, ts.URL+"/api/clusters", &cl)
	if len(cl.Clusters) != 1 || cl.Clusters[0].OriginalID != idFerry || cl.Clusters[0].Size != 2 {
		t.Errorf("clusters %+v", cl.Clusters)
	}
	resp := get(t, ts.URL+"/api/export?q=ferry&format=jsonl")
	b, _ := io.ReadAll(resp.Body)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if resp.StatusCode != 200 || len(lines) != 2 {
		t.Errorf("export: %d, %d lines", resp.StatusCode, len(lines))
	}
}

func TestWriteEndpoints(t *testing.T) {
	t.Run("disabled without a token", func(t *testing.T) {
		_, ts := newTestServer(t, Options{})
		req, _ := http.NewRequest("DELETE", fmt.Sprintf("%s/api/article/%d", ts.URL, idBridge), nil)
		req.Header.Set("Authorization", "Bearer anything")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
	})
	_, ts := newTestServer(t, Options{Token: testToken, AllowPrivateFetch: true})
	do := func(method, path, auth string, body io.Reader, ct string) (int, string) {
		req, _ := http.NewRequest(method, ts.URL+path, body)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	bearer := "Bearer " + testToken
	if code, _ := do("DELETE", "/api/article/1", "Bearer "+testToken+"x", nil, ""); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	// Delete the original of the cluster: the copy becomes the original.
	if code, b := do("DELETE", fmt.Sprintf("/api/article/%d", idFerry), bearer, nil, ""); code != 200 {
		t.Fatalf("delete: %d %s", code, b)
	}
	if code, _ := do("GET", fmt.Sprintf("/api/article/%d", idFerry), "", nil, ""); code != 404 {
		t.Errorf("deleted article: %d, want 404", code)
	}
	var a StoredArticle
	getJSON(t, fmt.Sprintf("%s/api/article/%d", ts.URL, idCopy), &a)
	if a.ClusterOriginalID != idCopy || len(a.Cluster) != 1 {
		t.Errorf("after delete, copy's cluster: original %d, %d members", a.ClusterOriginalID, len(a.Cluster))
	}
	// Upload a file.
	body, ct := uploadBody(t, "../../orchard page.html", testUpload)
	code, b := do("POST", "/api/ingest", bearer, body, ct)
	if code != 200 || !strings.Contains(b, `"Articles":1`) {
		t.Fatalf("upload: %d %s", code, b)
	}
	var res struct{ Total int }
	getJSON(t, ts.URL+"/api/search?q=orchard&facets=0", &res)
	if res.Total != 1 {
		t.Errorf("uploaded article not found: total %d", res.Total)
	}
	// Ingest a URL served by a local page server.
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/kiln.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, strings.NewReplacer("Orchard harvest breaks record", "Pottery kiln reopens", "apple orchards", "old pottery kilns").Replace(testUpload))
	}))
	defer page.Close()
	code, b = do("POST", "/api/ingest", bearer, strings.NewReader(`{"url":"`+page.URL+`/news/kiln.html"}`), "application/json")
	if code != 200 || !strings.Contains(b, `"Articles":1`) {
		t.Fatalf("ingest URL: %d %s", code, b)
	}
	getJSON(t, ts.URL+"/api/search?q=kiln*&facets=0", &res)
	if res.Total != 1 {
		t.Errorf("fetched article not found: total %d", res.Total)
	}
	// A path on the server's disk is not a URL.
	if code, _ := do("POST", "/api/ingest", bearer, strings.NewReader(`{"url":"/etc/passwd"}`), "application/json"); code != 400 {
		t.Errorf("file path as url: %d, want 400", code)
	}
	// Body size limit.
	big := `{"url":"http://x.example/` + strings.Repeat("a", defaultMaxBody) + `"}`
	if code, _ := do("POST", "/api/ingest", bearer, strings.NewReader(big), "application/json"); code != 413 {
		t.Errorf("oversized body: %d, want 413", code)
	}
}

func TestRateLimit(t *testing.T) {
	_, ts := newTestServer(t, Options{Rate: 0.01, Burst: 3})
	var codes []int
	for range 5 {
		resp := get(t, ts.URL+"/api/openapi.yaml")
		codes = append(codes, resp.StatusCode)
	}
	if !slices.Equal(codes, []int{200, 200, 200, 429, 429}) {
		t.Errorf("statuses %v, want three 200 then 429", codes)
	}
}

func TestLimiterRefills(t *testing.T) {
	l := newLimiter(2, 1)
	now := timeZero
	if !l.allow("a", now) || l.allow("a", now) {
		t.Fatal("burst of 1 not applied")
	}
	if !l.allow("b", now) {
		t.Error("clients share a bucket")
	}
	if !l.allow("a", now.Add(500*msec)) {
		t.Error("bucket did not refill at 2/s")
	}
}

func TestPagesAndHeaders(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	cases := []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"Harbor council approves new ferry line", "Library opens on Sundays"}},
		{"/search?q=ferry", 200, []string{`<b class="hl">ferry</b>`, "facet-outlet", "Island Courier"}},
		{"/search?q=%28ferry", 400, []string{"query-error"}},
		{fmt.Sprintf("/article/%d", idFerry), 200, []string{`class="q sp`, `class="who sp`, `class="cue"`, "ent-person", `href="/person/Tom%20Hale"`, "Island Courier"}},
		{fmt.Sprintf("/article/%d", idCopy), 200, []string{`id="diff"`, "<ins>hall on Tuesday evening.</ins>", "<del>hall.</del>"}},
		{"/person/Tom%20Hale", 200, []string{"4 quotes", "We are not against ferries", "<svg", `class="bar"`}},
		{"/outlet/Eastport%20Ledger", 200, []string{"2 articles", "Elena Brightwater", `class="g-f"`, "unknown:", "<svg"}},
		{"/article/999", 404, nil},
		{"/article/abc", 404, nil},
		{"/person/Nobody%20Atall", 404, nil},
		{"/outlet/nowhere.example", 404, nil},
		{"/static/style.css", 200, []string{"mark.q"}},
	}
	for _, c := range cases {
		resp := get(t, ts.URL+c.path)
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != c.code {
			t.Errorf("%s: status %d, want %d", c.path, resp.StatusCode, c.code)
		}
		for _, w := range c.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: no %q in the page", c.path, w)
			}
		}
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", c.path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", c.path, h)
		}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			checkNoActiveMarkup(t, c.path, string(b))
		}
	}
}

// checkNoActiveMarkup parses a page as a browser would and fails on
// anything that can run or restyle: elements other than those the
// templates write, event-handler or style attributes, URLs that are not
// relative or http(s).
func checkNoActiveMarkup(t *testing.T, name, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	allowed := map[string]bool{
		"html": true, "head": true, "body": true, "meta": true, "title": true, "link": true, "header": true, "main": true,
		"footer": true, "form": true, "input": true, "button": true, "a": true, "div": true, "section": true, "aside": true,
		"article": true, "h1": true, "h2": true, "h3": true, "p": true, "b": true, "mark": true, "span": true, "ul": true,
		"ol": true, "li": true, "dl": true, "dt": true, "dd": true, "nav": true, "details": true, "summary": true,
		"code": true, "blockquote": true, "ins": true, "del": true, "svg": true, "rect": true, "line": true, "text": true,
		"label": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "meter": true, "br": true, // the technique legend and profile
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !allowed[n.Data] {
			t.Errorf("%s: unexpected element <%s>", name, n.Data)
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(k, "on"), k == "style", k == "srcdoc", k == "formaction":
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			case k == "href" || k == "src" || k == "action":
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
		}
	}
}

func TestHostileArticleEscaped(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	for _, p := range []string{fmt.Sprintf("/article/%d", idHostile), "/search?q=council", "/search?q=alert", "/person/Clara%20Ostrowski", "/search?q=" + url.QueryEscape(`"><script>alert(9)</script>`)} {
		resp := get(t, ts.URL+p)
		b, _ := io.ReadAll(resp.Body)
		page := string(b)
		checkNoActiveMarkup(t, p, page)
		if strings.HasPrefix(p, "/article/") {
			for _, lit := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/textarea&gt;&lt;svg onload=alert(3)&gt;", "&amp;lt; as text"} {
				if !strings.Contains(page, lit) {
					t.Errorf("%s: text %q not shown escaped", p, lit)
				}
			}
		}
	}
}
