package htmlpage

import (
	"golang.org/x/net/html"
	"reflect"
	"strings"
	"testing"
	"time"
)

// metaBody is an article body written for these tests, long enough for
// go-trafilatura to take it as the main text.
const metaBody = `<p>The town council voted on Tuesday to keep the old library open for
another ten years, after a long campaign by readers and local schools.</p>
<p>The building needs a new roof and new heating, which the council will pay
for from its reserves over the next three years, the mayor said.</p>
<p>Volunteers will run a café on the ground floor, and the upper rooms will be
let to clubs and societies in the evenings to raise money for books.</p>`

// metaPage builds a page from head elements, elements before the body
// text inside <article>, and elements after the article.
func metaPage(head, header, after string) string {
	return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head +
		"</head><body><nav><a href=\"/\">Home</a></nav><article>" + header + metaBody +
		"</article>" + after + "</body></html>"
}

// testNow is the clock of these tests.
var testNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func extractMeta(t *testing.T, page, url string) Result {
	t.Helper()
	r, err := Extract(page, Options{URL: url, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTitleBlogHeader: a blog theme gives the site's name the <h1>
// (outside the article) and the post's title an <h2>.
func TestTitleBlogHeader(t *testing.T) {
	for _, tt := range []struct{ name, title, h1, want string }{
		{"site name in h1", "Harbour Notes » Blog Archive » Tides of the old quay", "Harbour Notes", "Tides of the old quay"},
		// No heading carries this title: the post's heading, which the
		// text starts with, is the one readers see.
		{"host name in h1", "Tides of the old quay at low water", "harbour-notes.example", "Tides of the old quay"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!DOCTYPE html><html><head><title>` + tt.title + `</title><meta property="og:site_name" content="Harbour Notes"></head><body>
<header><h1>` + tt.h1 + `</h1></header><div class="post"><h2><a href="/tides">Tides of the old quay</a></h2>` + metaBody + `</div></body></html>`
			r := extractMeta(t, page, "")
			if r.Title != tt.want {
				t.Errorf("Title = %q, want %q", r.Title, tt.want)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, head, header, url, want string
	}{
		{"og:title with site suffix", `<title>Library stays open | Town Crier</title>
<meta property="og:title" content="Library stays open | Town Crier"><meta property="og:site_name" content="Town Crier">`,
			"", "", "Library stays open"},
		{"title with host name suffix", `<title>Library stays open - TownCrier.com</title>`, "", "https://www.towncrier.com/a/1", "Library stays open"},
		{"site prefix with colon", `<title>Town Crier: Library stays open for ten more years</title><meta property="og:site_name" content="Town Crier">`,
			"", "", "Library stays open for ten more years"},
		{"site prefix with bar", `<title>Town Crier | Library stays open</title><meta name="application-name" content="Town Crier">`,
			"", "", "Library stays open"},
		{"legitimate dash kept", `<title>Library review - shelves full, roof leaking - Town Crier</title><meta property="og:site_name" content="Town Crier">`,
			"", "", "Library review - shelves full, roof leaking"},
		{"dash kept when no site is known", `<title>Before and after - the library in pictures</title>`, "", "", "Before and after - the library in pictures"},
		{"h1 confirms a part of og:title", `<title>Opinion | Why the library matters - Town Crier</title>
<meta property="og:title" content="Opinion | Why the library matters">`, `<h1>Why the library matters</h1>`, "", "Why the library matters"},
		{"JSON-LD headline agrees with h1", `<title>Council news</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Library saved by council vote"}</script>`,
			`<h1>Library saved by council vote</h1>`, "", "Library saved by council vote"},
		{"kicker dropped from the h1", `<meta property="og:title" content="Bridge reopens after repairs">`,
			`<h1><span class="article-kicker">Infrastructure</span> <span>Bridge reopens after repairs</span></h1>`, "", "Bridge reopens after repairs"},
		{"h1 typography kept over a flattened og:title", `<meta property="og:title" content="Council says &quot;no&quot; - again"><title>Council says "no" - again</title>`,
			`<h1>Council says „no“ – again</h1>`, "", "Council says „no“ – again"},
		{"entities in the JSON-LD headline", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Tunnel &#8211; closed for a year"}</script>`,
			"", "", "Tunnel – closed for a year"},
		{"page title alone loses its last bar part", `<title>Alles Neue mach der Mai | Bibliothek und mehr</title>`, "", "", "Alles Neue mach der Mai"},
		{"a later h1 the page title carries", `<title>site.example: Reden / Rede des Präsidenten beim Konvent der Länder</title>`,
			`<h1>Navigation und Service</h1><h1>Rede des Präsidenten beim Konvent der Länder</h1>`, "", "Rede des Präsidenten beim Konvent der Länder"},
		{"separator left at the start", `<meta property="og:title" content=": Airline traffic takes off after the pandemic">`, "", "", "Airline traffic takes off after the pandemic"},
		{"star separator", `<meta property="og:title" content="Handball coach named ambassador ⋆ Club Blog"><meta property="og:site_name" content="Club Blog">`, "", "", "Handball coach named ambassador"},
		{"shown h1 over differently worded social titles", `<meta property="og:title" content="Ferry fares to rise in spring">
<meta name="twitter:title" content="Ferry fares to rise in spring"><title>Ferry fares to rise in spring | Town Crier</title>`,
			`<h1>Island ferry operator raises prices for the first time in a decade</h1>`, "", "Island ferry operator raises prices for the first time in a decade"},
		{"three agreeing sources over the h1", `<meta property="og:title" content="Ferry fares to rise in spring">
<meta name="twitter:title" content="Ferry fares to rise in spring"><meta name="title" content="Ferry fares to rise in spring"><title>Ferry fares to rise in spring | Town Crier</title>`,
			`<h1>Island ferry operator raises prices</h1>`, "", "Ferry fares to rise in spring"},
		{"a one-word h1 is not the headline", `<meta property="og:title" content="Ferry fares to rise in spring"><title>Ferry fares to rise in spring</title>`,
			`<h1>Harbourside</h1>`, "", "Ferry fares to rise in spring"},
		{"no h1: the heading the text starts with", `<title>Harbour Wiki - HarbourPage/Ferries</title>`,
			`<h2>Ferry timetable changes for the winter</h2>`, "", "Ferry timetable changes for the winter"},
		{"a lone page title of many parts: the longest", `<title>Harbour Club Kiel - Ferry timetable changes for the winter - Club News - News</title>`,
			"", "", "Ferry timetable changes for the winter"},
		{"h1 over a shorter og:title", `<meta property="og:title" content="Library saved">
<title>Library saved by a late council vote - Town Crier</title><meta property="og:site_name" content="Town Crier">`,
			`<h1>Library saved by a late council vote</h1>`, "", "Library saved by a late council vote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractMeta(t, metaPage(tt.head, tt.header, ""), tt.url)
			if r.Title != tt.want {
				t.Errorf("Title = %q, want %q", r.Title, tt.want)
			}
		})
	}
}

func TestPublished(t *testing.T) {
	tests := []struct {
		name, head, header string
		want               string // RFC 3339, "" for none
		clock              bool
		url                string
	}{
		{"JSON-LD with zone kept", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-04-05T09:30:00+02:00","dateModified":"2023-04-07T10:00:00+02:00"}</script>`,
			"", "2023-04-05T09:30:00+02:00", true, ""},
		{"JSON-LD @graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Crier"},{"@type":["Article"],"datePublished":"2023-04-05T09:30:00Z"}]}</script>`,
			"", "2023-04-05T09:30:00Z", true, ""},
		{"JSON-LD top-level array", `<script type="application/ld+json">[{"@type":"Organization","name":"Crier"},{"@type":"BlogPosting","datePublished":"2022-12-31T23:00:00-05:00"}]</script>`,
			"", "2022-12-31T23:00:00-05:00", true, ""},
		{"broken JSON-LD skipped", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-01-01T00:00:00Z",</script>
<meta property="article:published_time" content="2023-02-03T04:05:06+01:00">`, "", "2023-02-03T04:05:06+01:00", true, ""},
		{"raw newline in JSON-LD string", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Two\nlines\",\"datePublished\":\"2023-02-03\"}</script>",
			"", "2023-02-03T00:00:00Z", false, ""},
		{"modified date not taken as published", `<meta property="article:modified_time" content="2023-05-06T07:08:09Z">
<meta property="article:published_time" content="2023-05-01T07:08:09Z">`, "", "2023-05-01T07:08:09Z", true, ""},
		{"future date rejected", `<meta property="article:published_time" content="2999-01-01T00:00:00Z">
<meta name="parsely-pub-date" content="2023-03-03T10:00:00Z">`, "", "2023-03-03T10:00:00Z", true, ""},
		{"date before 1990 rejected", `<meta property="article:published_time" content="1970-01-01T00:00:00Z">
<meta name="sailthru.date" content="2023-03-03 10:00:00 -0500">`, "", "2023-03-03T10:00:00-05:00", true, ""},
		{"dc.date day only", `<meta name="dc.date" content="2020-02-29">`, "", "2020-02-29T00:00:00Z", false, ""},
		{"itemprop datePublished", `<meta itemprop="datePublished" content="2019-07-08T06:05:04+09:00">`, "", "2019-07-08T06:05:04+09:00", true, ""},
		{"time element in the article header", "", `<header><time datetime="2018-10-11T12:13:14-07:00">Oct 11</time></header>`, "2018-10-11T12:13:14-07:00", true, ""},
		{"UTC time shown in local time", `<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">`,
			`<p class="meta"><time datetime="2019-11-19T07:03:25+00:00">November 18, 2019 11:03 PM</time></p>`, "2019-11-18T23:03:25-08:00", true, ""},
		{"local time beside UTC", `<meta property="article:published_time" content="2019-11-19T04:58:46Z"><meta name="sailthru.date" content="2019-11-18 20:58:46">`,
			"", "2019-11-18T20:58:46-08:00", true, ""},
		{"no date", "", "", "", false, ""},
		{"agreement outvotes the first source", `<script type="application/ld+json">{"@type":"Article","datePublished":"2022-01-04T07:29:00Z"}</script>
<meta property="article:published_time" content="2022-01-06T08:29:34+01:00"><meta name="date" content="2022-01-06">`, "", "2022-01-06T08:29:34+01:00", true, ""},
		{"scheduled post modified before publication", `<meta property="article:published_time" content="2022-12-25T11:00:02+01:00">
<meta property="article:modified_time" content="2022-12-07T09:10:52+01:00">`, "", "2022-12-25T11:00:02+01:00", true, ""},
		{"a day after the last change loses a tie", `<meta property="article:published_time" content="2021-05-09"><meta name="parsely-pub-date" content="2021-05-02">
<meta property="article:modified_time" content="2021-05-03T10:00:00+02:00">`, "", "2021-05-02T00:00:00Z", false, ""},
		{"URL date confirms", `<meta name="dc.date" content="2020-03-01"><meta name="pubdate" content="2020-03-02">`, "",
			"2020-03-02T00:00:00Z", false, "https://blog.example/2020/03/02/a-post/"},
		{"URL date alone", "", "", "2019-10-21T00:00:00Z", false, "http://blog.example/2019/10/21/interning/"},
		{"an earlier URL date outranks a re-publication", `<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2019-06-17T18:28:00+02:00"}</script>
<meta itemprop="datePublished" content="2019-06-17T18:28:00+0200">`, "", "2017-07-12T00:00:00Z", false, "https://blog.example/home/2017/7/12/a-post"},
		{"a later URL date does not", `<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2019-06-17T18:28:00+02:00"}</script>
<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">`, "",
			"2019-06-17T18:28:00+02:00", true, "https://blog.example/home/2019/7/12/a-post"},
		{"the URL's day keeps a declared time of that day", `<meta property="article:published_time" content="2017-07-12T08:00:00+02:00"><meta name="parsely-pub-date" content="2019-06-17">
<meta name="sailthru.date" content="2019-06-17">`, "", "2017-07-12T08:00:00+02:00", true, "https://blog.example/2017/07/12/a-post"},
		{"visible date line in German", "", `<p class="meta">Veröffentlicht am 16. Oktober 2021</p>`, "2021-10-16T00:00:00Z", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(metaPage(tt.head, tt.header, ""))
			if err != nil {
				t.Fatal(err)
			}
			pm := readMeta(doc)
			got, clock := choosePublishedDate(doc, pm, pm.ldArticles(), []string{tt.url}, nil, "", testNow)
			if tt.want == "" {
				if got != nil {
					t.Errorf("got %v, want no date", got)
				}
				return
			}
			if got == nil || got.Format(time.RFC3339) != tt.want || clock != tt.clock {
				t.Errorf("got %v (clock %v), want %s (clock %v)", got, clock, tt.want, tt.clock)
			}
		})
	}
}

func TestPublishedThroughExtract(t *testing.T) {
	r := extractMeta(t, metaPage(`<meta property="article:published_time" content="2023-04-05T09:30:00+02:00">`, "", ""), "")
	if r.Published == nil || !r.PublishedHasTime || r.Published.Format(time.RFC3339) != "2023-04-05T09:30:00+02:00" {
		t.Errorf("Published = %v, has time %v", r.Published, r.PublishedHasTime)
	}
	r = extractMeta(t, metaPage(`<meta property="article:published_time" content="2999-04-05T09:30:00+02:00">`, "", ""), "")
	if r.Published != nil && r.Published.After(testNow) {
		t.Errorf("future date kept: %v", r.Published)
	}
}

func TestAuthors(t *testing.T) {
	tests := []struct {
		name, head, header, after string
		want                      []string
	}{
		{"JSON-LD person list", `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ada Stone"},{"@type":"Person","name":"Ben Reed"}]}</script>`,
			"", "", []string{"Ada Stone", "Ben Reed"}},
		{"JSON-LD @id reference", `<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"#p1"}},{"@type":"Person","@id":"#p1","name":"Cora Lind"}]}</script>`,
			"", "", []string{"Cora Lind"}},
		{"meta author", `<meta name="author" content="Dan Frost">`, "", "", []string{"Dan Frost"}},
		{"URL author rejected, byline used", `<meta property="article:author" content="https://www.facebook.com/some.profile">`,
			`<p class="byline">By Eva Hart</p>`, "", []string{"Eva Hart"}},
		{"by, and, roles and e-mail cleaned", `<meta name="author" content="By Finn Moss, Staff Writer and Gail Park (gail@example.com)">`,
			"", "", []string{"Finn Moss", "Gail Park"}},
		{"agency after the name", `<meta name="author" content="HUGO BELL and IRIS WEST Associated Press">`, "", "", []string{"HUGO BELL", "IRIS WEST"}},
		{"credentials and dateline", `<meta name="author" content="Jane Cole, MD, Monday November 18">`, "", "", []string{"Jane Cole"}},
		{"duplicates", `<meta name="author" content="Kim Lowe; Kim Lowe">`, "", "", []string{"Kim Lowe"}},
		{"organisation only when nobody is named", `<meta name="author" content="Reuters">`, "", "", []string{"Reuters"}},
		{"person over organisation", `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Organization","name":"Wire Service"},{"@type":"Person","name":"Leo Marsh"}]}</script>`,
			"", "", []string{"Leo Marsh"}},
		{"the site's desk when nobody is named", `<meta name="author" content="Town Crier Staff"><meta property="og:site_name" content="Town Crier">`, "", "", []string{"Town Crier Staff"}},
		{"a person over the site's desk", `<meta name="author" content="Town Crier Staff"><meta property="og:site_name" content="Town Crier">`,
			`<p class="byline">By Ines Vale</p>`, "", []string{"Ines Vale"}},
		{"the visible byline's organisation first", `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Harbour Media Group"}}</script>`,
			`<div class="article-author">Tuesday 4 May 2021 von <a rel="author" href="/about">harbour.example Redaktion</a></div>`, "", []string{"harbour.example Redaktion"}},
		{"visible byline confirmed over CMS author", `<meta name="author" content="Web Uploader"><meta name="sailthru.author" content="Mia North">`,
			`<span class="byline">By Mia North</span>`, "", []string{"Mia North"}},
		{"comment authors ignored", "", "", `<div class="comments"><span class="comment-author">Ned Quill</span></div>`, nil},
		{"byline with desk, agency and stamp", "", `<div class="byline-box"><span>Olga Pratt</span> <span>Associated Press</span> Published 11:34 PM</div>`, "",
			[]string{"Olga Pratt"}},
		{"role after a desk word", "", `<div class="author-details">Paul Quinn News reporter</div>`, "", []string{"Paul Quinn"}},
		{"lower-case phrase is not a name", `<meta name="author" content="the defence ministry">`, "", "", nil},
		{"user names rejected", `<meta name="author" content="admin_2">`, "", "", nil},
		{"a first name that is a month", `<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Jan Kupitz"}}</script>`, "", "", []string{"Jan Kupitz"}},
		{"month beside a day still ends the name", `<meta name="author" content="Rosa Kern Jan 12, 2021">`, "", "", []string{"Rosa Kern"}},
		{"German byline with Von and a stamp", "", `<p class="author">Von Sara Thal | Veröffentlicht am 3. März 2022</p>`, "", []string{"Sara Thal"}},
		{"French byline with Par", "", `<span class="byline">Par Théo Marchand, publié le 4 mars</span>`, "", []string{"Théo Marchand"}},
		{"labelled author among other labels", "", `<div class="meta-author">Datum: 19.11.2021 Autor: Uwe Brandt Quelle: Agentur</div>`, "", []string{"Uwe Brandt"}},
		{"a bare By element skipped for the name after it", "", `<span class="byline">By</span> <a class="author" href="/x">Vera Lang</a>`, "", []string{"Vera Lang"}},
		{"link to an author page", "", `<address>By <a href="https://blog.example/author/wlang/">Walt Lang</a></address>`, "", []string{"Walt Lang"}},
		{"Yoast written-by label", `<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Xenia Roth">`, "", "", []string{"Xenia Roth"}},
		{"copyright sign and a doubled name", "", `<span class="author">© Yara Falk Yara Falk</span>`, "", []string{"Yara Falk"}},
		{"a JSON-LD Person written in lower case", `<script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Person","name":"Mobasir hassan"}}</script>`, "", "", []string{"Mobasir hassan"}},
		{"a lower-case meta author is still no name", `<meta name="author" content="Mobasir hassan">`, "", "", nil},
		// go-trafilatura's own guess, capitalised, comes first here; see
		// TestAuthorHandle for the byline alone.
		{"a blogger's handle in the visible byline", "", `<h4 class="vcard author">von <span class="fn">nachtschreiber</span></h4>`, "", []string{"Nachtschreiber"}},
		{"a role before the name", `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Von Harbour-Online-Experte Rolf Amsel"}}</script>`,
			"", "", []string{"Rolf Amsel"}},
		{"a guest writer", `<meta name="author" content="Gastautorin Sina Brück">`, "", "", []string{"Sina Brück"}},
		{"a host name is an organisation", `<meta name="author" content="HarbourDeals.example">`, `<p class="byline">By Uma Finch</p>`, "", []string{"Uma Finch"}},
		{"a dotted user name is no host name", "", `<p class="author">Von Isa.Tamm am Samstag, 19. Oktober 2019</p>`, "", []string{"Isa.Tamm"}},
		{"a byline class in Spanish", "", `<div class="node-autor_name">Marta Ibáñez</div>`, "", []string{"Marta Ibáñez"}},
		{"a related-articles class is no byline", "", `<div class="autorelated">Related Stories</div>`, "", nil},
		{"a byline kept in noscript, a team after a dash", "", `<noscript><span class="byline-author">Posted by Ada Quinn, Bo Reyes and Cy Lund - Harbour Safety team</span><p>The wall.</p></noscript>`, "",
			[]string{"Ada Quinn", "Bo Reyes", "Cy Lund"}},
		{"JSON-LD creator when there is no author", `<script type="application/ld+json">{"@type":"NewsArticle","creator":["Vera Holm"]}</script>`, "", "", []string{"Vera Holm"}},
		{"a meta author that the page title starts with is the site", `<title>Harbour Club Kiel - Ferry timetable changes</title><meta name="author" content="Harbour Club">`,
			`<span class="itemPoster">Geschrieben von <a href="/userinfo?uid=6">Wanda Ilg</a></span>`, "", []string{"Wanda Ilg"}},
		{"the fuller byline on a tie", `<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Ada Stone"}}</script><meta name="author" content="Ada Stone,Ben Reed">`,
			`<p class="byline">Ada Stone, Ben Reed</p>`, "", []string{"Ada Stone", "Ben Reed"}},
		{"an unconfirmed extra name loses the tie", `<script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Ada Stone"}}</script><meta name="author" content="Ada Stone, Ben Reed">`,
			"", "", []string{"Ada Stone"}},
		{"the declared site when nobody is named", `<meta property="og:site_name" content="Harbour Works">`, "", "", []string{"Harbour Works"}},
		{"the JSON-LD publisher when nobody is named", `<script type="application/ld+json">{"@type":"Article","publisher":{"@type":"Organization","name":"Harbour Works"}}</script>`, "", "", []string{"Harbour Works"}},
		{"a person before the declared site", `<meta property="og:site_name" content="Harbour Works">`, `<p class="byline">By Ada Stone</p>`, "", []string{"Ada Stone"}},
		{"a site name that is the title names no one", `<meta property="og:title" content="Ferry timetable changes"><meta property="og:site_name" content="Ferry timetable changes">`, "", "", nil},
		{"all-articles link text dropped", "", `<div class="author-name">Zoe Brandt Alle Artikel</div>`, "", []string{"Zoe Brandt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractMeta(t, metaPage(tt.head, tt.header, tt.after), "")
			if !reflect.DeepEqual(r.Authors, tt.want) {
				t.Errorf("Authors = %q, want %q", r.Authors, tt.want)
			}
		})
	}
}

func TestSiteSectionTagsURL(t *testing.T) {
	head := `<meta property="og:site_name" content="towncrier">
<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Town Crier"},
"articleSection":"Local","keywords":["library","council"]}</script>
<meta name="news_keywords" content="books, council">
<link rel="canonical" href="/news/library-saved">`
	r := extractMeta(t, metaPage(head, "", ""), "https://towncrier.example/news/library-saved?utm=x")
	if r.Site != "Town Crier" {
		t.Errorf("Site = %q", r.Site)
	}
	if r.Section != "Local" {
		t.Errorf("Section = %q", r.Section)
	}
	if want := []string{"library", "council", "books"}; !reflect.DeepEqual(r.Tags, want) {
		t.Errorf("Tags = %q, want %q", r.Tags, want)
	}
	if r.URL != "https://towncrier.example/news/library-saved" {
		t.Errorf("URL = %q", r.URL)
	}

	// No declared name: the host; a javascript: canonical is refused.
	r = extractMeta(t, metaPage(`<link rel="canonical" href="javascript:alert(1)"><meta property="article:section" content="Culture">`, "", ""), "https://www.crier.example/a")
	if r.Site != "crier.example" || r.URL != "https://www.crier.example/a" || r.Section != "Culture" {
		t.Errorf("Site %q, URL %q, Section %q", r.Site, r.URL, r.Section)
	}

	// A JSON-LD breadcrumb gives the section when nothing else does.
	bc := `<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[
{"@type":"ListItem","position":1,"name":"Home"},{"@type":"ListItem","position":2,"name":"Arts"},
{"@type":"ListItem","position":3,"name":"Books"},{"@type":"ListItem","position":4,"name":"Library saved"}]}</script><title>Library saved</title>`
	r = extractMeta(t, metaPage(bc, "", ""), "")
	if r.Section != "Books" || !reflect.DeepEqual(r.Categories, []string{"Books", "Arts"}) {
		t.Errorf("Section %q, Categories %q", r.Section, r.Categories)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		clock bool
		ok    bool
	}{
		{"2023-04-05T09:30:00+02:00", "2023-04-05T09:30:00+02:00", true, true},
		{"2023-04-05T09:30:00.123Z", "2023-04-05T09:30:00Z", true, true},
		{"2023-04-05T09:30:00+0530", "2023-04-05T09:30:00+05:30", true, true},
		{"2023-04-05 09:30:00", "2023-04-05T00:00:00Z", false, true},
		{"2023-04-05", "2023-04-05T00:00:00Z", false, true},
		{"Wed, 05 Apr 2023 09:30:00 GMT", "2023-04-05T09:30:00Z", true, true},
		{"Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19T03:05:46Z", true, true},
		{"2023-04-05T09:30:00 junk", "2023-04-05T00:00:00Z", false, true},
		{"2999-01-01", "", false, false},
		{"1989-12-31", "", false, false},
		{"yesterday", "", false, false},
		{"", "", false, false},
	}
	for _, tt := range tests {
		got, clock, ok := parseDate(tt.in, testNow)
		if ok != tt.ok || ok && (got.Format(time.RFC3339) != tt.want || clock != tt.clock) {
			t.Errorf("parseDate(%q) = %v, %v, %v; want %s, %v, %v", tt.in, got.Format(time.RFC3339), clock, ok, tt.want, tt.clock, tt.ok)
		}
	}
}

func TestStripSite(t *testing.T) {
	site := newSiteNames("www.dailyexample.co.uk", "The Daily Example")
	tests := map[string]string{
		"Headline here | The Daily Example":     "Headline here",
		"Headline here - Daily Example":         "Headline here",
		"The Daily Example: Headline over here": "Headline over here",
		"DailyExample.co.uk - Headline here":    "Headline here",
		"Left - right - The Daily Example":      "Left - right",
		"Headline - with a dash":                "Headline - with a dash",
		"The Daily Example":                     "The Daily Example",
	}
	for in, want := range tests {
		if got := stripSite(in, site); got != want {
			t.Errorf("stripSite(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONLDRobust(t *testing.T) {
	for _, src := range []string{
		`{`, `[1,2,"x"]`, `null`, `{"@graph":{"@graph":{"@type":"Article"}}}`, `<!-- {"@type":"Article"} -->`,
		strings.Repeat("[", 10000), `{"@type":"Article","author":{"@id":"#missing"}}`, `{"@type":5,"datePublished":7}`,
	} {
		var pm pageMeta
		pm.metas = map[string][]string{}
		pm.addJSONLD(src)
		_ = pm.ldArticles()
		chooseAuthors(&pm, pm.ldArticles(), newSiteNames(""), nil, nil)
		votes := publishedVotes(&pm, pm.ldArticles(), nil, testNow)
		voteDay(votes, latestModified(&pm, pm.ldArticles(), testNow))
	}
}

// BenchmarkMetadata is the cost of this package's metadata reading on the
// benchmark pages (parsing not included), to set against BenchmarkExtract.
func BenchmarkMetadata(b *testing.B) {
	pages := loadBench(b)
	docs := make([]*htmlNode, 0, len(pages))
	for _, p := range pages {
		doc, err := Parse(p.html)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var r Result
		r.fillMeta(docs[i%len(docs)], "", "", "", nil, nil, nil, "https://example.com/a", testNow)
	}
}

type htmlNode = html.Node

func TestAuthorHandle(t *testing.T) {
	doc, err := Parse(metaPage("", `<h4 class="vcard author">von <span class="fn">nachtschreiber</span></h4>`, ""))
	if err != nil {
		t.Fatal(err)
	}
	pm := readMeta(doc)
	got := chooseAuthors(pm, pm.ldArticles(), newSiteNames("nachtschreiber.blog.example"), nil, nil)
	if !reflect.DeepEqual(got, []string{"nachtschreiber"}) {
		t.Errorf("authors %q, want the handle", got)
	}
	pm = readMeta(mustParse(t, metaPage("", `<h4 class="vcard author">von <span class="fn">Admin_2</span></h4>`, "")))
	if got := chooseAuthors(pm, pm.ldArticles(), newSiteNames(""), nil, nil); len(got) != 0 {
		t.Errorf("authors %q, want none", got)
	}
}

func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPublisherAuthor(t *testing.T) {
	tests := []struct {
		name, site, title string
		declared          []string
		want              []string
	}{
		{"declared og:site_name", "Harbour Works", "Ferries return", []string{"", "Harbour Works", ""}, []string{"Harbour Works"}},
		{"declared as a handle", "Harbour Works", "Ferries return", []string{"@harbour works"}, []string{"Harbour Works"}},
		{"the host's name is not declared", "harbour.example", "Ferries return", []string{"", ""}, nil},
		{"the title is no site", "Ferries return", "Ferries return", []string{"Ferries return"}, nil},
		{"an account name", "Admin", "Ferries return", []string{"Admin"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := publisherAuthor(tt.site, tt.title, tt.declared); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("publisherAuthor = %q, want %q", got, tt.want)
			}
		})
	}
}
