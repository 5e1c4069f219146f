package textpage

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks that Clean never panics, returns valid UTF-8, and that
// every paragraph of Text is a trimmed line of the input (without its
// soft hyphens).
func FuzzClean(f *testing.F) {
	for _, s := range []string{pageHarbour, pageBakery, pageNoArticle, "", "\n\n\n", "02:30 GMT +323 January 2020\nx",
		lakePage("Related stories\nStorm barrier plans stall again after contractor quits\nValley farmers form a cooperative to buy hay\nMenu", "12 comments\nRiver Walker\nMarch 3, 2024 at 9:12 am\nAbout Mara Lindqvist\nMara Lindqvist is a reporter.\n3 hours ago"),
		"By\nJane Doe\nThe report was published on Monday and it was read by many people across the region today.\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		page, err := Clean(raw, Options{KeepLines: true})
		if err != nil && page.Text != "" {
			t.Fatalf("error %v with text %q", err, page.Text)
		}
		for _, s := range append([]string{page.Text, page.Title, page.Section}, append(page.Tags, page.Related...)...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		if page.Text == "" {
			return
		}
		valid := raw
		if !utf8.ValidString(raw) {
			valid = strings.ToValidUTF8(raw, "\uFFFD")
		}
		valid = strings.ReplaceAll(valid, "\u00ad", "")
		lines := map[string]bool{}
		for l := range strings.SplitSeq(valid, "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		for p := range strings.SplitSeq(page.Text, "\n\n") {
			if p == "" || !lines[p] {
				t.Fatalf("paragraph %q is not an input line", p)
			}
		}
	})
}
