// Package entity turns named-entity tags into an article's entities: one
// canonical name per person, organisation and place, a gender for each
// person, a per-article summary, and the pronouns and role nouns ("she",
// "the spokeswoman", "the company") linked to the entity they refer to.
//
// It is not a tagger: the tags come from a Tagger (internal/ner's
// statistical tagger in newsgraph), declared here as the one method this
// package needs. It needs the article's tokens and sentences already set
// (internal/segment) and writes Article.Entities, Article.EntitySummary and
// Article.References. It does not find quotes or speakers; the quote stage
// uses the references made here.
//
// # Use
//
//	r, err := entity.NewResolver(entity.Options{}) // once: parses the name table
//	err = r.Resolve(a, tagger)                       // per article
//
// A Resolver is read-only after NewResolver and safe for concurrent use on
// different articles. ResolveTags takes tags computed elsewhere.
//
// # Rules
//
// Everything is deterministic and rule-based, so every output can be
// explained from the text.
//
// Mentions. IOB2 tags (B-/I- PER, ORG, LOC, MISC; GPE and the like are
// accepted) are decoded per sentence into token spans. Then:
//   - punctuation and possessives are trimmed ("Putin's" → "Putin", also
//     when the tokenizer kept "'s" attached); a sentence-initial function
//     word the tagger took in goes ("Though Justice Dunphy");
//   - a title inside a person span is cut off up to its last role word or
//     honorific before a capitalised word ("Russian President Vladimir
//     Putin", "Toronto Mayor John Tory", "Mr. Smith" → the name); a royal
//     or religious title stays when one word would be left ("Queen
//     Elizabeth"); kinship words count as titles only in lower case;
//   - a person span that is only a title ("Secretary") is dropped; one
//     starting with an organisation word ("Radio Sputnik") becomes an
//     organisation; one followed by a capitalised role word and another
//     person ("Green Leader Andrew Weaver") is an affiliation and dropped;
//   - "[Barack] Obama" is one name, whether the tagger split it or left
//     the bracketed part out; a capitalised known first name tagged apart
//     right before a person ("Jake" + "Thomas Patterson") joins it; a
//     demonym right before an organisation joins it ("Russian" + "Foreign
//     Ministry");
//   - an upper-case word in brackets after an organisation ("Free Syrian
//     Army (FSA)") is its alias, and a mention even if untagged;
//   - untagged capitalised words right after a lower-case organisation
//     noun ("media buying company GroupM") are an organisation;
//   - a span tagged as another type that opens with a capitalised title
//     and goes on with a known first name and no organisation, place or
//     country word is a person ("Councillor Ines Abernathy");
//   - a leading day name goes ("Wednesday Acme Corp") and is never taken
//     as a first name; a lone word tagged as a person that is the first
//     word of an organisation named in full and of no person's name is
//     that organisation ("Suncor" beside "Suncor Energy");
//   - mentions written the same way get the type most of them were tagged
//     with; a lone word that is the surname of a person named in full is a
//     person; a "person" named like a country is the place.
//
// Titles. For each person the words of the title before the name ("US
// Secretary of State", "Russian Foreign Ministry spokeswoman") and of an
// apposition after it (", the company's chairwoman,") are kept as roles,
// countries normalised ("Russian" → russia). They give gender evidence and
// let role nouns find the person.
//
// Canonical names. Person names are compared case-insensitively, without
// dots and without an Arabic article prefix ("Assad" = "al-Assad"). Taken
// longest first, a name joins the cluster of a longer name that ends with
// it ("Putin", "von der Leyen") or shares its first and last word ("John
// Q. Smith", "J. Smith"); a single word that is no surname joins the one
// full name whose first name it is ("Maria"). A name fitting several
// clusters ("Hart" with George and Laura Hart) goes, mention by mention, to
// the one last named in full before it ("her husband Michael" does not
// make a later "Greenspan" Michael after "Dorie Greenspan"). The cluster's
// name is its longest form.
// Untagged capitalised occurrences of a surname owned by one person are
// added as mentions (at a sentence start only before a speech verb or a
// possessive). A lone word tagged as a person that the article never
// introduces as one (no full name, no title or honorific, not a known first
// name, never before a speech verb or possessive) becomes Misc ("Daesh").
//
// Places and organisations: country names, abbreviations and "America"
// are one place ("US", "U.S.", "USA", "United States" → "United States";
// "UK", "Britain" → "United Kingdom"), a small table of common
// international organisations is aliased ("UN", "EU", "NATO"), a leading
// "the" goes, and a one-word organisation joins the one longer
// organisation it is the first word or initials of ("Suncor" → "Suncor
// Energy", "IUOE").
//
// Gender of a person, first evidence wins:
//  1. in the text: honorifics (Mr, Mrs, Ms, Sir, Lady …) and gendered role
//     nouns (spokeswoman, chairman, actress, mother …) in titles and
//     appositions, if they agree;
//  2. the pronouns resolved to the person: he/him/his against
//     she/her/hers, one side at least twice the other;
//  3. the first name in the embedded table of US Social Security birth
//     counts 1940–2024: female when ≥ Options.GenderThreshold (0.9) of the
//     births were girls, male when ≤ 0.1, unknown under
//     Options.MinNameBirths (50) births or in between. A first word that
//     is an initial ("J. K. Rowling") gives nothing;
//  4. otherwise unknown, which is reported.
//
// References. These are the article's coreference: internal/quote reads
// them and has none of its own. The text is walked once, in order, keeping the person
// mentions seen so far, each marked "subject" when it is not inside
// quotation marks, not after a preposition or object-taking verb ("with
// Kerry", "told Smith", "thanked Mayor Jane Doe", "tell Toronto Mayor
// Jane Doe": capitalised words before the title count as part of it) and
// not a possessive.
// Persons named inside parentheses (photo credits, asides) are not kept.
//   - he/him/his/himself and she/her/hers/herself link to a person whose
//     gender is unknown or matches: (0) a "he" or "she" that speaks
//     ("she added", "…," he said) outside quotation marks links to the
//     person who spoke last (the subject of the latest speech verb,
//     "Smith, the firm's chief, said" included, within 8 narrative
//     sentences) unless another person who fits was named as a subject
//     since: the speaker stays until the text brings in a new one; (1) cataphora: a pronoun in a clause
//     before a sentence's first comma, with no person before it, links to
//     the first person after the comma if that one is a subject ("Speaking
//     on his visit, Putin said"); (2) else the nearest person before it in
//     the sentence, preferring a subject; (3) else, back one sentence at a
//     time up to Options.MaxReferenceSentences (3) narrative sentences
//     (sentences wholly inside quotation marks are not counted), the first
//     subject of that sentence, else its last person; (4) for a subject
//     "he" or "she" still unlinked, the latest person named outside
//     quotation marks as the subject of a clause (opening a sentence or
//     after a comma, colon or dash, titles between) within 20,000 bytes:
//     the person the article comes back to after a digression; (5) if
//     the article has named no person before it at all, a sentence-opening
//     subject within Options.MaxReferenceSentences sentences that the
//     tagger took for an organisation but is shaped like a person's name
//     (two to four capitalised words, no organisation or place word)
//     becomes that person. A pronoun outside quotation marks never links
//     to a person named only inside them. The first pronoun linked to a
//     person of unknown gender fixes that gender for the later pronouns.
//   - "the [modifiers] role" ("the spokeswoman", "the Russian leader", "the
//     president") links to the most recently mentioned person whose title
//     or apposition used that role ("leader" covers presidents, prime
//     ministers, chancellors, kings …), whose gender fits the noun, and
//     whose country is not another than a country the noun names;
//     matching countries are preferred. It is not a reference when a name
//     follows ("the spokeswoman Maria Zakharova").
//   - "the [modifiers] 26-year-old [nouns]" and a capitalised party noun
//     ("the Kentucky Republican", "the Democrat") link to a person whose
//     title used the party, else to the latest person, named or referred
//     to, who was the subject of a clause within
//     Options.MaxReferenceSentences narrative sentences. The reference
//     runs over the nouns after the head ("the 26-year-old right wing").
//   - "it" as the subject of a speech verb ("it said", "it also said")
//     links to the latest organisation named as a subject outside
//     quotation marks within Options.MaxRoleSentences sentences.
//   - "the ministry", "the commission", also after modifiers that are no
//     role words ("the state news agency"), link to the latest organisation
//     whose name contains the noun; "the company", "the firm", "the group",
//     "the agency" … to the latest organisation within
//     Options.MaxRoleSentences (3) sentences.
//
// # Data
//
// names.tsv.gz is derived from shared/data/ner/gender-names/
// ssa-us-names-1880-2024.tsv (public domain): the 1940–2024 female and male
// birth counts of the 48,994 names with at least 50 births. Regenerate it
// with `go generate ./internal/entity/` (gen_names.go) when the source
// changes. The word tables (honorifics, roles, countries and demonyms) are
// general knowledge and live in internal/english.
//
// # Limits
//
// The rules are English-only and news-shaped. Non-US first names are often
// unknown or misjudged by the US name table. Apposition and title
// harvesting read at most about a dozen tokens; role nouns refer only to
// persons whose role the article stated; plural pronouns, "it" other than
// a speaker's, and first person are not resolved.
package entity
