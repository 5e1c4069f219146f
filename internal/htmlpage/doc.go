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
//   - a main text under 500 bytes (often a paywall offer, a cookie notice
//     or a teaser box that won go-trafilatura's choice) is checked against
//     go-trafilatura's fallback extractors, whose longer text replaces it
//     unless it is the page's comments (fallbackExtract); Options.Fallback
//     still asks them on every page;
//   - a short page that go-trafilatura returns as one run of text (its
//     whole <article>) gets that element's paragraphs back (relayoutWhole);
//   - a body cut into several containers of the same class (with ads
//     between them) is joined again (joinSplitBody);
//   - the headline, and the standfirst right after it, are taken off the
//     start of the text, since they are Result.Title and
//     Result.Description (dropHeadings); a "standfirst" of 30 words or
//     more is the article's first paragraph copied into the description,
//     and stays.
//
// # Metadata
//
// go-trafilatura's metadata is a fallback: the page's own declarations are
// read in one more walk over the tree (meta.go: <meta>, <title>, the
// canonical link, JSON-LD with arrays, @graph and @id references, <h1>,
// <time>, byline elements outside comments; broken JSON-LD is skipped) and
// chosen between by general rules (title.go, published.go, authors.go,
// metadata.go):
//
//   - Title: og:title, JSON-LD headline, twitter:title, itemprop headline,
//     meta title, the main <h1> and <title>, each stripped of the site's
//     name at its start or end ("Headline | Site", "Site: Headline") when
//     that part is og:site_name, the JSON-LD publisher, application-name
//     or the host's name; the candidate the most other sources confirm
//     wins (an <h1> "Headline" confirms "Opinion | Headline"), the page's
//     one <h1> counting three more: the headline readers see beats
//     differently worded social and search titles unless three of them
//     agree. An <h1> outside the article that names the site (a blog's
//     header) is no candidate; an <h2> that a page title carries is (the
//     blog post's title), and so is, on a page with no <h1>, the heading
//     the extracted text starts with, counted as the shown headline. A
//     page title that is the only source loses a last " | " part, or,
//     with three parts or more, gives its longest. Dashes inside a
//     headline stay.
//   - Published: a weighted vote of every signal (published.go): JSON-LD
//     datePublished and the publication <meta> keys (article:published_time,
//     parsely, sailthru, dc.date.issued …) and itemprop datePublished count
//     most; the article's own <time> (the first marked as published, the
//     first in the article: later ones date related articles) and a date
//     the article's text starts with (a date line under the headline, a
//     dateline "Karlsruhe, (12.11.2021)", read only in its unambiguous ISO
//     and dotted day-first forms) next; the date in the URL's path and
//     htmldate's search (which reads visible dates in many languages
//     through the dateparser, day first on pages in a language other than
//     English) less; generic date keys (meta date, dc.date, pubdate) and
//     JSON-LD dateCreated least. The day with most weight wins, unless
//     the URL's full date is earlier (a URL keeps the day the article
//     first appeared; later declared dates are a re-publication); a day
//     after the declared last modification counts half; dates before 1990
//     or after Options.Now are refused. htmldate's extensive text search
//     runs only when the declared dates are missing or disagree. A time of
//     day is kept with its zone (Result.PublishedHasTime); a UTC time is
//     re-expressed in the page's zone when the page also shows the same
//     instant in local time; a UTC time one day off the day htmldate finds
//     gives that day, without a time.
//   - Authors (authors.go, byline.go): JSON-LD authors and creator, each
//     <meta> author key, Yoast's "Written by" label, the first byline that
//     names someone (markup: classes naming a byline or an author in
//     several languages, rel=author, itemprop=author, links to author
//     pages: /author/, /autor/, /auteur/ …; Blogger's bylines inside
//     <noscript>), and the first byline found by its words whatever its
//     markup ("Posted by …", "Geschrieben von …", "Par …" at the start of a
//     line, outside navigation, sidebars, footers and comments), the
//     visible byline when the markup marks none. The source most confirmed
//     by the others wins (the visible byline counts twice). Names are
//     cleaned of "By", roles before and after them, datelines, e-mail
//     addresses, handles, credentials, trailing agencies and teams after a
//     dash; URL authors, account and placeholder names are refused, and a
//     <meta> author that the page title starts or ends with is the site.
//     When no source names a person: the writer who signs the article's
//     last line ("Stefan Wasmer", or a name before a date or role line) if
//     it starts with a common first name (internal/entity's first-name
//     table); then the organisation of the visible byline ("von example.at
//     Redaktion"; a byline box that names nobody is searched for the
//     author's own element) or of the JSON-LD, the site and its desks
//     included, as the page declares them; then go-trafilatura's guess, a
//     blogger's handle, any other source's organisation, and last the news
//     agency of a dateline ("Hamburg (dpa) – …"). A page that names no
//     author at all is signed by its publisher when it declares the name
//     (og:site_name, JSON-LD publisher, application-name; not the host,
//     not the title), as schema.org has unsigned pages do.
//   - Site: og:site_name, JSON-LD publisher, application-name, else the
//     host; the best-written of equal names ("usatoday" / "USA TODAY").
//   - Section and categories: article:section, JSON-LD articleSection,
//     else the JSON-LD breadcrumb; tags: article:tag, JSON-LD keywords,
//     news_keywords, meta keywords when nothing else.
//   - URL: rel=canonical, og:url, twitter:url, resolved against
//     Options.URL; only absolute http(s) URLs.
//
// On the 181 benchmark pages (no metadata truth: coverage, checked by
// eye; TestMetadataCoverage), dates carry a time of day and zone on 70%
// of pages (0% before); site-name affixes are gone from about 45 titles;
// metadata reading costs about 4% of extraction time (BenchmarkMetadata
// against BenchmarkTrafilaturaBare).
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
