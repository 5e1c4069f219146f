// Package segment finds the structure of an article's clean text:
// paragraphs, tokens and sentences, all as byte-offset spans into the text.
//
// It is for English news prose. It is not a linguistic parser: it does no
// part-of-speech tagging, and its decisions are made from local context with
// small fixed word lists, so it runs in one pass without allocating per
// character.
package segment
