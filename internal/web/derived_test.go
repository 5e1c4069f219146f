package web

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// TestDerivedTitleShown: a text page without a headline is shown by its
// first sentence, marked as derived, on the article page and in search
// results, never as "Article N".
func TestDerivedTitleShown(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "untitled.txt")
	text := "The harbour bridge reopened on Monday after three months of repairs. " +
		"Traffic was light in the morning, the city council said in a statement.\n\n" +
		"Engineers replaced the cables and repaved the deck, and the council said the work came in under budget.\n"
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, []string{page}, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, Options{Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	want := "The harbour bridge reopened on Monday after three months of repairs"
	for _, path := range []string{"/article/1", "/search?q=harbour"} {
		resp := get(t, ts.URL+path)
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		html := string(body)
		if !strings.Contains(html, want) {
			t.Errorf("%s does not show the derived title", path)
		}
		if strings.Contains(html, "Article 1<") {
			t.Errorf("%s shows \"Article 1\"", path)
		}
	}
	resp := get(t, ts.URL+"/article/1")
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `class="headline derived"`) {
		t.Error("the article page does not mark the title as derived")
	}
}

// TestArticleDayAsPublished: the article page shows the publication day
// in the page's own zone, not the UTC day (23:03 in California is the next
// day in UTC).
func TestArticleDayAsPublished(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "late.html")
	body := `<html><head><title>Late vote on the harbour bridge</title>
<meta property="article:published_time" content="2019-11-18T23:03:25-08:00"></head><body><article><h1>Late vote on the harbour bridge</h1>` +
		strings.Repeat("<p>The council voted late on Monday to reopen the harbour bridge after three months of repairs, the mayor said.</p>", 4) +
		`</article></body></html>`
	if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, []string{page}, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, Options{Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	b, err := io.ReadAll(get(t, ts.URL+"/article/1").Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "2019-11-18") || strings.Contains(string(b), "2019-11-19") {
		t.Error("the article page does not show the day the page gives (2019-11-18)")
	}
}
