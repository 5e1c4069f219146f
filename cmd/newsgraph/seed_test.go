package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
)

// seedPath is the example page analysts start from; it lives in ../shared,
// outside the repository, and is read at test time only.
var seedPath = filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt")

func analyzeSeed(t *testing.T) article.Article {
	t.Helper()
	if _, err := os.Stat(seedPath); err != nil {
		t.Skip("seed page not available:", err)
	}
	stdout, stderr, err := runCmd(t, "", "analyze", "--json", seedPath)
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSeedRecord checks the article record of the seed page: clean text,
// section, tags, related headlines and the page clock.
func TestSeedRecord(t *testing.T) {
	a := analyzeSeed(t)
	if !strings.HasPrefix(a.Text, "The Obama administration has expressed") {
		t.Errorf("text starts %q", a.Text[:min(60, len(a.Text))])
	}
	if !strings.HasSuffix(a.Text, "achieve concrete results.\"") {
		t.Errorf("text ends %q", a.Text[max(0, len(a.Text)-60):])
	}
	if n := len(strings.Split(a.Text, "\n\n")); n != 16 || len(a.Paragraphs) != 16 {
		t.Errorf("%d text paragraphs, %d paragraph spans, want 16", n, len(a.Paragraphs))
	}
	for _, chrome := range []string{"Listen Live", "Get short URL", "Comment via", "Community standards", "GMT"} {
		if strings.Contains(a.Text, chrome) {
			t.Errorf("text keeps page chrome %q", chrome)
		}
	}
	if a.Section != "Middle East" {
		t.Errorf("section %q", a.Section)
	}
	if len(a.Tags) != 17 || a.Tags[0] != "US-Russia relations" || a.Tags[16] != "Russia" {
		t.Errorf("tags %q", a.Tags)
	}
	if len(a.Related) != 3 {
		t.Errorf("related %q", a.Related)
	}
	want := time.Date(2020, 1, 23, 2, 30, 0, 0, time.FixedZone("", 3*3600))
	if a.PageTime == nil || !a.PageTime.Equal(want) {
		t.Errorf("page_time %v, want %v", a.PageTime, want)
	} else if _, off := a.PageTime.Zone(); off != 3*3600 {
		t.Errorf("page_time offset %d, want +3h", off)
	}
	if a.Published != nil {
		t.Errorf("the page clock must not be taken as the publication date: %v", a.Published)
	}
	if a.Language != "en" {
		t.Errorf("language %q", a.Language)
	}
}
