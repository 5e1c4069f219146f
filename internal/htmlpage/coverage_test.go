package htmlpage

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMetadataCoverage extracts the 181 benchmark pages and logs the share
// of pages with each piece of metadata. The benchmark has no metadata truth,
// so the figures are coverage, not accuracy; with HTMLPAGE_META_DUMP=FILE
// the values of every page are written to FILE (outside the repository)
// for inspection by eye.
func TestMetadataCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 181 pages")
	}
	pages := loadBench(t)
	var title, date, clock, authors, site, section, tags, url int
	var dump strings.Builder
	for _, p := range pages {
		r, err := Extract(p.html, Options{})
		if err != nil {
			continue
		}
		count := func(ok bool, n *int) {
			if ok {
				*n++
			}
		}
		count(r.Title != "", &title)
		count(r.Published != nil, &date)
		count(r.Published != nil && r.PublishedHasTime, &clock)
		count(len(r.Authors) > 0, &authors)
		count(r.Site != "", &site)
		count(r.Section != "" || len(r.Categories) > 0, &section)
		count(len(r.Tags) > 0, &tags)
		count(r.URL != "", &url)
		pub := ""
		if r.Published != nil {
			pub = r.Published.Format(time.RFC3339)
		}
		fmt.Fprintf(&dump, "%s\ttitle=%q\tdate=%s\tauthors=%q\tsite=%q\tsection=%q\tcats=%q\ttags=%q\turl=%s\n",
			p.id[:8], r.Title, pub, r.Authors, r.Site, r.Section, r.Categories, r.Tags, r.URL)
	}
	n := float64(len(pages))
	t.Logf("over %d pages: title %.3f, date %.3f, date with time and zone %.3f, authors %.3f, site %.3f, section/categories %.3f, tags %.3f, url %.3f",
		len(pages), float64(title)/n, float64(date)/n, float64(clock)/n, float64(authors)/n,
		float64(site)/n, float64(section)/n, float64(tags)/n, float64(url)/n)
	if f := os.Getenv("HTMLPAGE_META_DUMP"); f != "" {
		if err := os.WriteFile(f, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if title < len(pages)*9/10 {
		t.Errorf("only %d of %d pages have a title", title, len(pages))
	}
}
