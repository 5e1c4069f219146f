// Package textpage cleans news pages that were scraped as plain text, one
// line per HTML block, with the site's chrome (navigation, share widgets,
// page clocks, tag lists, related headlines, footers) still in them.
//
// Clean classifies every line by generic features, in the spirit of
// jusText: its length in words, its share of stopwords, its final
// punctuation, its share of capitalised words, digits, glued link texts
// ("standardsDiscussion"), comma-list structure, short UI phrases ("share",
// "sign in", "read more") and repetition inside the page or, through an
// optional Boilerplate set, across pages of the same site. The article body
// is the densest contiguous run of prose lines (a maximum-sum segment over
// per-line scores), so short paragraphs, subheadings and quoted lines that
// sit inside the body are kept. The chrome around the body is not thrown
// away but read as metadata: the section label, the headline, the byline
// and dateline, the page clock, the tag list and the related headlines.
//
// It is not an HTML extractor (see the extraction stage for that) and it
// knows no site by name: nothing in it is a list of one site's strings.
package textpage
