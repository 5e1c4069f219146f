package textpage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSeedPage checks the acceptance properties on the project's seed page,
// read at run time (its text is third-party and not in the repository).
func TestSeedPage(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt"))
	if err != nil {
		t.Skipf("seed page absent: %v", err)
	}
	page, err := Clean(string(raw), Options{})
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if !strings.HasPrefix(page.Text, "The Obama administration has expressed") {
		t.Errorf("Text starts with %.60q", page.Text)
	}
	if !strings.HasSuffix(page.Text, "achieve concrete results.\"") {
		t.Errorf("Text ends with %q", page.Text[max(0, len(page.Text)-60):])
	}
	paras := strings.Split(page.Text, "\n\n")
	if len(paras) != 16 {
		t.Errorf("got %d paragraphs, want 16", len(paras))
	}
	for i, p := range paras {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
			t.Errorf("paragraph %d is not a trimmed single line: %q", i, p)
		}
		if !strings.Contains(string(raw), p) {
			t.Errorf("paragraph %d is not an input line", i)
		}
	}
	for _, chrome := range []string{"GMT", "Get short URL", "Listen Live", "Comment via", "Discussion"} {
		if strings.Contains(page.Text, chrome) {
			t.Errorf("Text keeps chrome %q", chrome)
		}
	}
	if page.Section != "Middle East" {
		t.Errorf("Section = %q", page.Section)
	}
	if len(page.Tags) != 17 {
		t.Errorf("got %d tags, want 17: %q", len(page.Tags), page.Tags)
	} else {
		if page.Tags[0] != "US-Russia relations" || page.Tags[16] != "Russia" {
			t.Errorf("tags from %q to %q", page.Tags[0], page.Tags[16])
		}
		if page.Tags[4] != "Free Syrian Army (FSA)" {
			t.Errorf("tag 5 = %q", page.Tags[4])
		}
	}
	if len(page.Related) != 3 {
		t.Errorf("got %d related headlines, want 3: %q", len(page.Related), page.Related)
	}
	want := time.Date(2020, 1, 23, 2, 30, 0, 0, time.FixedZone("", 3*3600))
	if page.PageTime == nil || !page.PageTime.Equal(want) {
		t.Errorf("PageTime = %v, want %v", page.PageTime, want)
	} else if _, off := page.PageTime.Zone(); off != 3*3600 {
		t.Errorf("PageTime offset = %d s, want +3h", off)
	}
	if page.Published != nil && page.PageTime != nil && page.Published.Equal(*page.PageTime) {
		t.Errorf("the page clock was taken as the publication date")
	}
}
