// Package quote finds who said what in a news article: direct, indirect
// and mixed quotations, each with its reporting cue, the mention that
// names the speaker and the speaker resolved to a name.
//
// It is rule based. Direct quotations come from quotation marks (straight,
// curly, guillemets, German low-high marks) told from apostrophes and inch
// marks by flanking; it follows the news conventions of quotations that run
// over several paragraphs (each opening with a mark, only the last closed)
// and of quotations broken by an attribution ("X," he said, "Y."). Short
// quoted phrases with no speech cue (scare quotes, titles) are left out;
// quoted phrases inside a reported clause make a mixed quotation. Indirect
// quotations come from reporting verbs in any tense with their subject,
// "according to X", colon introductions and nouns such as "X's claim
// that …".
//
// Reported clauses may open with a gerund or a short adverbial after
// "say" or "tell", and any sentence opening counts when the attribution
// follows the clause ("In June, the plan was dropped, she said."). A
// reported clause stops before a coordinated clause with its own
// attribution ("…, but Smith says …"). Subjects may carry a
// prepositional or participial phrase ("Jane Doe with the health
// authority", "officials speaking on condition of anonymity"); a name
// between commas after a role ("The head of X, Jane Doe, said") is the
// subject; a document speaks for its author ("a statement from the
// ministry", "the union's report").
//
// Speakers are resolved with the article's entities and references, which
// internal/entity owns (canonical person names, organisations, pronouns and
// role nouns): the quote stage runs no coreference of its own. On an
// article without entities a named speaker is the name as written and a
// pronoun is the previous speaker. Tokens, sentences and paragraphs come
// from internal/segment (segment.Segment runs when the article has none).
// Anonymous groups ("officials speaking on condition of anonymity") are
// kept as written with kind anonymous. A quotation with no speaker mention
// in its sentence takes the previous quotation's speaker, or the person
// introduced in the preceding paragraph. A speaking "he" or "she" stays the
// previous speaker unless another person of that gender has since been
// named as a subject (a name in a photo credit, after a preposition or as
// an object does not count), whatever the entity stage linked the pronoun
// to. A possessive inside a mention ("his office") does not make the
// mention that person.
//
// # Steps
//
// Extract runs small steps in order over one article (see
// Extractor.Extract): per paragraph, the quotation marks (marks.go), direct
// quotations (directFinder, direct.go), indirect and mixed quotations
// (indirectFinder, indirect.go, reading clauses with clauseReader,
// clause.go) and leftover quoted phrases (embeddedFinder); per article,
// candidates from another source (Options.Candidates, a CandidateSource)
// and then speakers (speakerResolver, resolve.go and antecedent.go). The
// finders share a mentionFinder (mention.go) for speaker mentions; text.go
// holds the article's tokens and lookups. The word lists are in
// internal/english.
//
// It is for English news prose. It is not a parser: it has no syntax
// beyond local patterns, and it does not judge whether what is reported is
// true.
package quote
