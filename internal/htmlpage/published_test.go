package htmlpage

import (
	"strings"
	"testing"
)

func TestURLDate(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://edition.example.com/2021/03/08/uk/story/index.html", "2021-03-08"},
		{"http://blog.example/2019/10/21/interning-of-small-integers/", "2019-10-21"},
		{"https://news.example/politics/2020-02-29-leap-day", "2020-02-29"},
		{"https://news.example/a/20220121/story", "2022-01-21"},
		{"https://news.example/2021/02/30/no-such-day", ""},
		{"https://news.example/2021/03/only-a-month", ""},
		{"https://news.example/article?date=2021/03/08/", ""},
		{"https://2021.example/12/01/", ""},
	}
	for _, tt := range tests {
		got, ok := urlDate(tt.url)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.url, s, tt.want)
		}
	}
}

func TestPublishedDayFirst(t *testing.T) {
	page := metaPage("", `<h1>Teams nominiert</h1><p class="meta"><span>Deutscher Tennis Bund</span> 4.&thinsp;2.&thinsp;2022</p>`, "")
	for _, tt := range []struct{ lang, want string }{{"de", "2022-02-04"}, {"fr", "2022-02-04"}} {
		doc, err := Parse(page)
		if err != nil {
			t.Fatal(err)
		}
		pm := readMeta(doc)
		got, _ := choosePublishedDate(doc, pm, pm.ldArticles(), nil, nil, tt.lang, testNow)
		if got == nil || got.Format("2006-01-02") != tt.want {
			t.Errorf("lang %s: got %v, want %s", tt.lang, got, tt.want)
		}
	}
}

// TestPublishedArticleTime: the article's own <time> votes, not those of
// the related articles listed after it, and it outweighs a guess from
// the text.
func TestPublishedArticleTime(t *testing.T) {
	related := ""
	for _, d := range []string{"2022-01-18", "2022-01-18", "2022-01-18"} {
		related += `<li><a href="/x">Other story</a> <time class="published" datetime="` + d + `">` + d + `</time></li>`
	}
	page := metaPage("", `<h1>Ferry timetable changes</h1><p><time class="published" datetime="2022-01-21">21.01.2022</time></p>`,
		`<section class="more"><ul>`+related+`</ul></section><p>Stand: 26.01.2022</p>`)
	doc, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	pm := readMeta(doc)
	got, _ := choosePublishedDate(doc, pm, pm.ldArticles(), nil, nil, "de", testNow)
	if got == nil || got.Format("2006-01-02") != "2022-01-21" {
		t.Errorf("got %v, want 2022-01-21", got)
	}
}

func TestTextStartDate(t *testing.T) {
	long := "Traditionell gedenken die Gemeinden am Ewigkeitssonntag ihrer Verstorbenen, in diesem Jahr auch online."
	tests := []struct {
		paras []string
		want  string
	}{
		{[]string{"2021-10-16 | Botschaft", long}, "2021-10-16"},
		{[]string{"Kindersitze im Test", "23.10.2018", long}, "2018-10-23"},
		{[]string{"Karlsruhe, (12.11.2021). " + long}, "2021-11-12"},
		{[]string{long + " Am 12.11.2021 beginnt es."}, ""},
		{[]string{"Headline", long, "2021-10-16"}, ""},
		{[]string{"Match on 10/11/2021"}, ""}, // month or day first? not read
		{[]string{"31.02.2021"}, ""},
		{[]string{"2030-01-01"}, ""}, // after now
	}
	for _, tt := range tests {
		got, ok := textStartDate(tt.paras, testNow)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("textStartDate(%q) = %q, want %q", tt.paras, s, tt.want)
		}
	}
	page := strings.Replace(metaPage(`<meta name="isodatetime" content="2019-06-19T17:49:39+02:00">`, "", ""), "<article>", "<article><h1>Kindersitze im Test: Vier Modelle fallen durch</h1><p>23.10.2018</p>", 1)
	if r := extractMeta(t, page, ""); r.Published == nil || r.Published.Format("2006-01-02") != "2018-10-23" {
		t.Errorf("Published = %v, want the date line under the headline", r.Published)
	}
}
