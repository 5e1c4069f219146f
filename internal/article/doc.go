// Package article holds the types every newsgraph stage shares: the article
// record, its byte-offset spans, paragraphs, sentences, tokens, entities and
// quotes.
//
// Every annotation is a span of byte offsets into Article.Text, end-exclusive,
// so that any fact newsgraph reports can be traced back to the characters it
// came from. The package has no behaviour beyond small helpers on these types
// and depends on nothing else in newsgraph; every other package depends on it.
//
// It is not the place for extraction, tagging or storage logic.
package article
