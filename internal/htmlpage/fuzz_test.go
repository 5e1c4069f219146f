package htmlpage

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	f.Add(testPage)
	f.Add("<p>one<p>two<br>three")
	f.Add("<html><head><title>T</title></head><body><h1>T</h1><p>x\u00ady</p></body></html>")
	f.Add("<table><tr><td>a<td>b</table><script>x</script>")
	f.Add(`<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02T03:04:05+01:00","author":{"@id":"#a"}},{"@id":"#a","@type":"Person","name":"A B"}]}</script></head><body><article><h1>H</h1><p class="byline">By C D and E F</p><p>Some text of the story here.</p></article></body></html>`)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 64<<10 {
			return
		}
		start := time.Now()
		r, err := Extract(src, Options{})
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Extract took %v on %d bytes", d, len(src))
		}
		if err != nil {
			if !errors.Is(err, ErrNoContent) && !errors.Is(err, ErrParse) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, a := range r.Authors {
			if a == "" || strings.TrimSpace(a) != a || !utf8.ValidString(a) {
				t.Fatalf("bad author %q", a)
			}
		}
		if r.Published != nil && (r.Published.Year() < minYear || r.Published.After(time.Now().Add(48*time.Hour))) {
			t.Fatalf("date out of range: %v", r.Published)
		}
		if !utf8.ValidString(r.Text) || !utf8.ValidString(r.Title) {
			t.Fatalf("invalid UTF-8 output")
		}
		if r.Text == "" || strings.TrimSpace(r.Text) != r.Text || strings.Contains(r.Text, "\n\n\n") || strings.Contains(r.Text, "\u00ad") {
			t.Fatalf("badly laid out text %q", r.Text)
		}
	})
}
