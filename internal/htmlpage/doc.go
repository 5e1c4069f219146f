// Package htmlpage finds the main text and the metadata of a news page:
// the article body laid out as paragraphs, its title, authors, date, site,
// section, categories, tags, declared language, canonical URL and
// description.
//
// The extraction is go-trafilatura's (github.com/markusmobius/go-trafilatura,
// over golang.org/x/net/html); this package adds what newsgraph needs on top
// of it, by general rules only:
//
//   - the text is laid out from go-trafilatura's content tree, one paragraph
//     per block element, paragraphs separated by exactly one blank line,
//     white space collapsed, soft hyphens removed; go-trafilatura trims the
//     text around inline elements, so their edges are taken as spaces
//     (except before closing punctuation, in drop capitals and between
//     characters of scripts written without spaces);
//   - a short page that go-trafilatura returns as one run of text (its
//     whole <article>) gets that element's paragraphs back (relayoutWhole);
//   - a body cut into several containers of the same class (with ads
//     between them) is joined again (joinSplitBody);
//   - the headline, and the standfirst right after it, are taken off the
//     start of the text, since they are Result.Title and
//     Result.Description (dropHeadings).
//
// # Measured
//
// On the Scrapinghub article-extraction benchmark (181 pages, 4-gram
// shingle F1; `newsgraph eval extraction DIR`, see the README of
// ../shared/data/extraction), with the default options:
//
//	go-trafilatura bare, fallback off   F1 0.962  P 0.945  R 0.979
//	go-trafilatura bare, fallback on    F1 0.960  P 0.940  R 0.980
//	Extract, fallback off (default)     F1 0.970  P 0.956  R 0.984  accuracy 0.403
//	Extract, fallback on                F1 0.965  P 0.951  R 0.978  accuracy 0.398
//
// The fallback extractors (readability and DOM distiller) lower F1 on this
// set and halve the speed (about 145 against 76 pages per CPU-second, see
// TestExtractionCPUCost), so Options.Fallback is off by default. Extract
// costs within a few per cent of bare go-trafilatura: see BenchmarkExtract
// against BenchmarkTrafilaturaBare.
//
// Limits: Parse refuses pages nested deeper than x/net/html's 512 levels
// (ErrParse); internal/input refuses them earlier, and bounds size.
// The package does not read files, detect encodings (internal/input does)
// or find the language of the text (it reports the declared one).
package htmlpage
