// Package textpage cleans news pages that were scraped as plain text, one
// line per HTML block, with the site's chrome (navigation, share widgets,
// page clocks, tag lists, related headlines, footers) still in them.
//
// Clean classifies every line by generic features, in the spirit of
// jusText: its length in words, its share of stopwords, its final
// punctuation, its share of capitalised words, digits, glued link texts
// ("standardsDiscussion"), comma-list structure, short UI phrases ("share",
// "sign in", "read more", and the same in a few other European languages),
// its position (prose in the last fifth of the page counts for less) and
// repetition inside the page or, through an optional Boilerplate set,
// across pages of the same site. The article body is the densest
// contiguous run of prose lines (a maximum-sum segment over per-line
// scores), so short paragraphs, subheadings and quoted lines that sit
// inside the body are kept; the standfirst between the headline and that
// run joins it. Inside that run, the teaser of a
// related-article card (after a headline printed twice), dated bylines and
// captions with a credit are dropped, and the run is cut before the first
// line of an appendix to the article (trimTail): a comment thread (names
// with time stamps, "12 comments"), an "About X" box, an author or company
// bio, or the site addressing its reader ("If you enjoyed this article…").
// Bios and promotions only count in the last fifth of the run's prose, so
// such a sentence in the middle of an article is kept. A run that
// alternates single teaser sentences with headlines (a results table with
// links around it) is set aside and the next best run is tried; when no
// run is left, the page is read again with relaxed rules (a paragraph cut
// short by a paywall counts, a lone short paragraph is enough) and, as a
// last resort, its longest sentence is taken, so that a page holding some
// article text is not returned empty. A page with no sentence at all has
// no article: ErrNoArticle.
//
// The chrome around the body is not thrown away but read as metadata: the
// headline (the best title-like line above the body, scored by length,
// repetition nearby and the byline, date or standfirst under it; names,
// time stamps, captions and interface phrases are not headlines), the
// section label just above it (not an entry of a menu), the byline and
// dateline, the page clock, the tag list and the related headlines (after
// the body, or before it under a "Related"/"More …" label).
//
// It is not an HTML extractor (see the extraction stage for that) and it
// knows no site by name: nothing in it is a list of one site's strings.
package textpage
