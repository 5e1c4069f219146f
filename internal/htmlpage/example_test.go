package htmlpage_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/htmlpage"
)

func ExampleExtract() {
	page := `<html lang="en"><head><title>Lighthouse restored</title>
<meta property="og:site_name" content="Coast Weekly"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Lighthouse restored</h1>
<p>The lighthouse on the north cape shines again after a year of work by volunteers from the village.</p>
<p>Its lamp, made in 1902, was cleaned and repaired by hand, and the tower was painted white and red.</p>
</article></body></html>`
	r, err := htmlpage.Extract(page, htmlpage.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title, "|", r.Site, "|", r.Language)
	fmt.Println(r.Text)
	// Output:
	// Lighthouse restored | Coast Weekly | en
	// The lighthouse on the north cape shines again after a year of work by volunteers from the village.
	//
	// Its lamp, made in 1902, was cleaned and repaired by hand, and the tower was painted white and red.
}
