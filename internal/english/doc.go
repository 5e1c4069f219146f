// Package english holds the English word lists newsgraph's language
// stages share: reporting verbs and their inflections, titles, honorifics
// and role nouns, pronouns, abbreviations, function words, time words,
// organisation and document nouns, and country names with their demonyms.
// internal/segment, internal/ner, internal/entity and internal/quote read
// them from here and keep no word table of their own (a rule may still
// test a few words inline, as "according to" or "n't" are tested).
//
// The lists are data, built once and read-only: each is reached through a
// function returning a Set or a Map (lookups only, nothing to modify), or
// is a function over a switch (abbreviations, sentence starters). Keys are
// lower case unless a list's comment says otherwise (the segmenter's
// abbreviation lists are case-sensitive: "Mar" is March, "mar" is not).
//
// Lists with the same concept but different contents in different stages
// (the quote stage's adjunct prepositions and the entity stage's object
// markers, its speaker organisation nouns and the entity stage's
// organisation reference nouns) are kept apart under names that say what
// each is for: merging them would change what the stages find.
//
// The lists are general knowledge of English news writing; none is drawn
// from one article. The package is not a lexicon with parts of speech or
// a lemmatiser: ReportingVerbs inflects its own lemmas only.
package english
