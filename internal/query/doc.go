// Package query is newsgraph's search language: a Lucene-like syntax, as
// analysts know it from Media Cloud and GDELT, parsed into a syntax tree
// (Parse). internal/store compiles the tree to SQL.
//
// # Syntax
//
//	putin syria                 both words (implicit AND)
//	putin AND syria             the same
//	putin OR obama              either word
//	syria NOT russia            syria without russia; -russia is the same
//	(putin OR obama) syria      parentheses group; AND binds tighter than OR
//	"white house"               a phrase: the words in this order
//	polit*                      a prefix: politics, politician, …
//	title:summit                a word in the title
//	speaker:"Vladimir Putin"    quoted by this speaker (whole name, any case)
//	speaker:Putin               a speaker with Putin in the name
//	person:, org:, place:       an entity of that type: "Whole Name", or a word of the name
//	outlet:bbc.co.uk            the outlet, by host (www. ignored) or name; outlet:bbc* by prefix
//	tag:Syria                   a tag of the page (whole tag, any case); tag:elect* by prefix
//	lang:en                     ISO 639-1 language
//	section:World               the site's section (whole label, any case)
//	url:https://x.org/news/*    the URL (exact, or a prefix with *)
//	author:"Jane Doe"           a byline (quoted: whole byline; bare: part of one)
//	published:[2016-07-01 TO 2016-07-31]   a date range, both ends included
//	published:{2016-06 TO 2016-09}          ends excluded (July and August)
//	published:[2016-07-01 TO *]             an open end
//	published:2016-07           a single day, month (2016-07) or year (2016)
//	tag:(Syria OR Iraq)         a field applies to a whole group
//
// Operators are upper case (AND, OR, NOT); lower-case and, or, not are
// words. +term is the term. Field names are case-insensitive; site: is
// outlet:, language: is lang:, date: is published:. Dates are YYYY,
// YYYY-MM, YYYY-MM-DD or RFC 3339; a date names a whole period, so
// [2016-07-01 TO 2016-07-31] runs to the end of July 31. A backslash
// escapes the next character (a\:b); in a phrase, \" is a quote. Words
// are matched as the full-text index tokenizes them: case and diacritics
// are ignored (unicode61, remove_diacritics 2). A term with no letter or
// digit (a lone -, &) is dropped; a query with nothing left matches every
// article. An unknown field name is an error, so a typo is not silently a
// search for a word.
//
// # Limits
//
// A query is at most MaxLength bytes, MaxDepth levels of parentheses and
// NOTs, and MaxTerms terms; beyond them Parse fails, as it does for any
// syntax error, with a *SyntaxError (wrapping ErrSyntax) that gives the
// position.
//
// The package neither compiles nor runs queries: internal/store does
// both, and documents how each field is matched.
package query
