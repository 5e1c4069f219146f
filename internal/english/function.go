package english

// Determiners and quantifiers that open a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "some": true, "many": true,
	"several": true, "one": true, "two": true, "three": true, "other": true,
	"most": true, "these": true, "those": true, "this": true, "that": true,
	"its": true, "his": true, "her": true, "their": true, "our": true,
	"my": true, "your": true, "both": true, "all": true, "few": true,
	"another": true, "each": true, "any": true, "more": true, "numerous": true,
}

// Determiners returns the list determiners above (read by internal/quote).
func Determiners() Set { return Set{determiners} }

// Words that end a noun phrase when scanning backwards from a cue.
var phraseBoundaries = map[string]bool{
	"and": true, "but": true, "or": true, "because": true, "while": true,
	"when": true, "as": true, "if": true, "since": true, "after": true,
	"before": true, "during": true, "in": true, "on": true, "at": true,
	"with": true, "by": true, "to": true, "from": true, "about": true,
	"than": true, "which": true, "who": true, "where": true, "whom": true,
	"so": true, "yet": true, "though": true, "although": true, "whether": true,
	"into": true, "over": true, "under": true, "against": true, "what": true,
	"how": true, "why": true, "until": true, "unless": true, "where's": true,
	"there": true, "here": true, "said": true, "says": true, "told": true,
	"is": true, "was": true, "are": true, "were": true, "not": true,
	"meanwhile": true, "however": true, "instead": true, "thus": true,
}

// PhraseBoundaries returns the list phraseBoundaries above (read by internal/quote).
func PhraseBoundaries() Set { return Set{phraseBoundaries} }

// Sentence-initial capitalised words that are not part of a name.
var nameStops = map[string]bool{
	"but": true, "and": true, "so": true, "still": true, "however": true,
	"now": true, "then": true, "meanwhile": true, "also": true, "the": true,
	"a": true, "an": true, "in": true, "on": true, "at": true, "as": true,
	"yet": true, "when": true, "while": true, "after": true, "before": true,
	"if": true, "for": true, "of": true, "and/or": true, "speaking": true,
	"according": true, "asked": true, "he": true, "she": true, "they": true,
	"it": true, "we": true, "i": true, "this": true, "that": true,
	"there": true, "instead": true, "although": true, "though": true,
	"since": true, "because": true, "earlier": true, "later": true,
	"last": true, "today": true, "yesterday": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "with": true, "by": true, "from": true,
	"his": true, "her": true, "their": true, "its": true, "our": true,
	"some": true, "many": true, "other": true, "others": true, "here": true,
	"what": true, "why": true, "how": true, "who": true, "where": true,
}

// NameStops returns the list nameStops above (read by internal/quote).
func NameStops() Set { return Set{nameStops} }

// Prepositions that may open an adjunct between a cue and a quotation.
var adjunctPrepositions = map[string]bool{
	"to": true, "in": true, "on": true, "at": true, "during": true, "after": true,
	"before": true, "of": true, "about": true, "from": true, "for": true, "by": true,
	"via": true, "over": true, "with": true, "through": true, "outside": true,
	"inside": true, "into": true, "while": true, "when": true, "as": true,
}

// AdjunctPrepositions returns the list adjunctPrepositions above (read by internal/quote).
func AdjunctPrepositions() Set { return Set{adjunctPrepositions} }

// Adjuncts that may stand between a reporting verb and its clause ("said
// on Tuesday that", "told reporters in a statement").
var clauseAdjuncts = map[string]bool{
	"on": true, "in": true, "a": true, "an": true, "the": true, "statement": true,
	"interview": true, "email": true, "e-mail": true, "release": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "last": true,
	"week": true, "month": true, "year": true, "yesterday": true,
	"today": true, "earlier": true, "recently": true, "also": true,
	"later": true, "previously": true, "repeatedly": true, "this": true,
	"night": true, "morning": true, "afternoon": true, "evening": true,
	"weekend": true, "by": true, "phone": true, "telephone": true,
	"written": true, "news": true, "conference": true, "briefing": true,
	"post": true, "tweet": true, "at": true, "during": true, "speech": true,
	"then": true, "publicly": true, "privately": true, "again": true,
	"however": true, "though": true, "too": true, "recent": true, "his": true,
	"her": true, "their": true, "its": true,
}

// ClauseAdjuncts returns the list clauseAdjuncts above (read by internal/quote).
func ClauseAdjuncts() Set { return Set{clauseAdjuncts} }

// clauseConjunctions open a clause of the writer's after an attribution.
var clauseConjunctions = map[string]bool{
	"and": true, "but": true, "while": true, "as": true, "although": true, "though": true,
	"because": true, "since": true, "after": true, "before": true, "when": true, "whereas": true,
}

// ClauseConjunctions returns the list clauseConjunctions above (read by internal/quote).
func ClauseConjunctions() Set { return Set{clauseConjunctions} }

// objectMarkers mark a following name as the object of a prepositional
// phrase, which is rarely the subject a later pronoun refers to.
var objectMarkers = map[string]bool{
	"with": true, "to": true, "by": true, "of": true, "for": true, "from": true,
	"about": true, "on": true, "at": true, "in": true, "against": true, "between": true,
	"than": true, "like": true, "toward": true, "towards": true, "into": true, "over": true,
	"under": true, "without": true, "told": true, "asked": true, "met": true, "called": true,
}

// ObjectMarkers returns the list objectMarkers above (read by internal/entity).
func ObjectMarkers() Set { return Set{objectMarkers} }

// sentenceFunctionWords begin sentences but never names.
var sentenceFunctionWords = map[string]bool{
	"the": true, "a": true, "an": true, "but": true, "and": true, "or": true, "though": true,
	"although": true, "when": true, "while": true, "if": true, "as": true, "after": true,
	"before": true, "because": true, "since": true, "so": true, "then": true, "yet": true,
	"meanwhile": true, "however": true, "also": true, "now": true, "still": true, "even": true,
	"in": true, "on": true, "at": true, "for": true, "with": true, "by": true, "from": true,
	"of": true, "to": true, "this": true, "that": true, "these": true, "those": true,
	"according": true, "dear": true, "hey": true, "hi": true, "thanks": true, "yes": true,
	"oh": true, "well": true, "said": true, "says": true, "asked": true, "told": true,
	"under": true, "until": true, "where": true, "why": true, "how": true, "what": true,
	"who": true, "whom": true, "whose": true, "says:": true, "like": true, "unlike": true,
}

// SentenceFunctionWords returns the list sentenceFunctionWords above (read by internal/entity).
func SentenceFunctionWords() Set { return Set{sentenceFunctionWords} }
