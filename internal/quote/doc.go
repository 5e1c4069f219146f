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
// internal/entity owns (canonical person names, organisations, pronouns,
// role, age and party descriptions, "it said"): the quote stage runs no
// coreference of its own. A pronoun or description the entity stage left
// unlinked is reported as written, a pronoun with no name and kind
// unknown, a description with kind description. On an article without
// entities a named speaker is the name as written. Tokens, sentences and
// paragraphs come from internal/segment (segment.Segment runs when the
// article has none). Anonymous groups ("officials speaking on condition of
// anonymity") are kept as written with kind anonymous. A quotation with no
// speaker mention in its sentence takes the previous quotation's speaker,
// or the person introduced in the preceding paragraph: that is the
// continuity of quotations, not coreference. A possessive inside a mention
// ("his office") does not make the mention that person.
//
// # Speaker ranking
//
// With Options.Speakers (LoadSpeakerModel: the embedded model) the rules'
// speaker is one candidate among others: the previous quotation's
// speaker, and the entity mentions, third-person pronouns and
// descriptions ("the ministry", "a spokeswoman for X") in the quotation's
// sentences and the two before it (an earlier sentence only when it ends
// with a colon or has a reporting verb; nothing inside quotation marks or
// parentheses). Each is resolved to a name as the rules resolve a mention,
// so a description still links to the entity it refers to, and is
// reported as written, kind description, only when none is found. A
// linear model over hashed features (rank_features.go: distances in
// words, sentences and paragraphs, cue distance and side, subject
// position, entity type, pronoun gender, previous and alternating
// speaker, paragraph openings, description head class, the rules' choice)
// scores them; a rule mention is replaced only by a candidate scoring
// more by the model's margin. "newsgraph train speakers" trains it as an
// averaged ranking perceptron (rank_train.go) from PolNeAR's source
// mentions and, optionally, GGT's resolved names. analyze and "eval
// quotes" use it by default.
//
// # Steps
//
// Extract runs small steps in order over one article (see
// Extractor.Extract): per paragraph, the quotation marks (marks.go), direct
// quotations (directFinder, direct.go), indirect and mixed quotations
// (indirectFinder, indirect.go, reading clauses with clauseReader,
// clause.go) and leftover quoted phrases (embeddedFinder); per article,
// candidates from another source (Options.Candidates, a CandidateSource)
// and then speakers (speakerResolver, resolve.go, the ranker in rank.go). The
// finders share a mentionFinder (mention.go) for speaker mentions; text.go
// holds the article's tokens and lookups. The word lists are in
// internal/english.
//
// It is for English news prose. It is not a parser: it has no syntax
// beyond local patterns, and it does not judge whether what is reported is
// true.
package quote
