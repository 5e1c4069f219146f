package main

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsgraph/newsgraph/internal/article"
)

// TestAnalyzeWrongCharset: a windows-1251 page that declares UTF-8 is
// decoded from windows-1251, found to be Russian, and says so in its
// record (it was a title of U+FFFD and 0 words).
func TestAnalyzeWrongCharset(t *testing.T) {
	const title = "Министр финансов заявил о снижении налогов"
	para := "Министр финансов заявил в понедельник, что правительство снизит налоги для малого бизнеса в следующем году. " +
		"По его словам, это поможет сохранить рабочие места и поддержать предпринимателей в регионах."
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body><article><h1>` + title + `</h1><p>` +
		strings.Repeat(para+" ", 3) + `</p><p>` + strings.Repeat(para+" ", 2) + `</p></article></body></html>`
	raw, err := charmap.Windows1251.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "ru.html", []byte(raw))
	out, errOut, err := runCmd(t, "", "analyze", "--json", path)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a.Charset != "windows-1251" || a.Language != "ru" || !strings.Contains(a.Title, "Министр") || strings.ContainsRune(a.Text, '\uFFFD') {
		t.Errorf("charset %q, language %q, title %q; want windows-1251, ru and the Russian title", a.Charset, a.Language, a.Title)
	}
}
