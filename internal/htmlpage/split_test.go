package htmlpage

import (
	"strings"
	"testing"
)

// splitPage builds a page whose body is cut in two containers with an
// advertisement between them; extra is put after the second part.
func splitPage(secondAttrs, extra string) string {
	return `<html><head><title>Split story</title></head><body>
<nav><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>
<article><h1>Split story</h1>
<div class="grid"><div class="story-body">
<p>The first part of the story tells how the bridge over the river was planned, argued about and finally built by the town.</p>
<p>Engineers from three towns worked on it for a decade, and the plans were redrawn many times before the first stone was laid.</p>
<p>Many in the town doubted it would ever be finished, and a local paper ran a weekly column counting the days of delay.</p>
</div><div class="rail"><span>Advertisement</span></div></div>
<div class="grid"><div class="story-body"` + secondAttrs + `>
<p>The second part of the story follows the opening day, when the whole town walked across the bridge in a long procession.</p>
<p>Children threw flowers into the water below, and the mayor gave a speech that nobody could hear over the brass band.</p>
</div></div>` + extra + `
</article></body></html>`
}

func TestJoinSplitBody(t *testing.T) {
	tests := []struct {
		name       string
		page       string
		wantSecond bool
	}{
		{"parts joined", splitPage("", ""), true},
		{"hidden part skipped", splitPage(` style="display: none"`, ""), false},
		{"aria-hidden part skipped", splitPage(` aria-hidden="true"`, ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			// What go-trafilatura returns for such pages: the first part.
			first := []string{
				"The first part of the story tells how the bridge over the river was planned, argued about and finally built by the town.",
				"Engineers from three towns worked on it for a decade, and the plans were redrawn many times before the first stone was laid.",
				"Many in the town doubted it would ever be finished, and a local paper ran a weekly column counting the days of delay.",
			}
			r := Result{Text: strings.Join(joinSplitBody(doc, first), "\n\n")}
			if !strings.Contains(r.Text, "The first part of the story") {
				t.Fatalf("first part missing: %q", r.Text)
			}
			got := strings.Contains(r.Text, "The second part of the story")
			if got != tt.wantSecond {
				t.Errorf("second part present = %v, want %v:\n%s", got, tt.wantSecond, r.Text)
			}
			if got && strings.Index(r.Text, "The second part") < strings.Index(r.Text, "The first part") {
				t.Errorf("parts out of order:\n%s", r.Text)
			}
			if strings.Contains(r.Text, "Advertisement") {
				t.Errorf("advertisement label in text")
			}
			if strings.Count(r.Text, "Engineers from three towns") != 1 {
				t.Errorf("a paragraph is repeated:\n%s", r.Text)
			}
		})
	}
}

func TestJoinSplitBodyStopsAtNextArticle(t *testing.T) {
	first := `<div class="story-body"><p>` + strings.Repeat("A long first paragraph about the harbour and its boats. ", 4) + `</p></div>`
	next := `<h1>Another story</h1><div class="story-body"><p>` + strings.Repeat("A different article about trains and timetables. ", 6) + `</p></div>`
	doc, err := Parse("<html><body><div><div>" + first + next + "</div></div></body></html>")
	if err != nil {
		t.Fatal(err)
	}
	paras := []string{strings.TrimSpace(strings.Repeat("A long first paragraph about the harbour and its boats. ", 4))}
	if got := joinSplitBody(doc, paras); len(got) != 1 {
		t.Errorf("joined across a headline: %q", got)
	}
}
