package english

import (
	"strings"
	"sync"
)

// Cue says how a reporting verb may introduce what is reported.
type Cue uint8

const (
	// CueSpeech verbs report speech or writing and take a bare or
	// that-clause ("she said the plan was dead").
	CueSpeech Cue = 1 << iota
	// CueThat verbs report a belief or finding and count only with an
	// explicit "that" ("he believes that …").
	CueThat
	// CueDirect verbs introduce or follow a direct quotation only
	// ("“Why?” she asked", "he joked: “…”").
	CueDirect
	// CueObject verbs take the addressee before the clause ("told
	// reporters the plan …").
	CueObject
)

// Lemmas of reporting verbs. The list was drawn up from general English
// usage and checked against the cue verbs annotated in PolNeAR's training
// split; it holds no article wording.
var speechLemmas = []string{
	"say", "add", "state", "claim", "insist", "argue", "explain", "note",
	"acknowledge", "admit", "deny", "suggest", "write", "tweet", "report",
	"announce", "confirm", "reveal", "declare", "assert", "maintain",
	"contend", "predict", "respond", "reply", "answer", "stress",
	"emphasize", "emphasise", "observe", "remark", "comment", "complain",
	"concede", "allege", "testify", "boast", "reiterate", "point out",
	"speculate", "disclose", "affirm", "vow", "pledge", "promise", "quip",
	"joke", "retort", "muse", "tell", "warn", "assure", "inform", "remind",
	"caution", "lament", "recall", "agree", "conclude", "estimate",
}

// Verbs of belief and expectation: cues only with an explicit "that".
// Verbs of evidence ("the data show that", "a proposal indicates that")
// are left out: what a document shows is not something someone said.
var thatLemmas = []string{
	"believe", "think", "feel", "fear", "hope", "expect", "know",
	"reckon", "understand", "realize", "realise", "worry", "suspect",
	"assume", "mention", "counter", "concur", "charge", "hint", "post",
	"email", "e-mail", "text", "advise", "guarantee", "forecast", "fret",
	"grumble", "clarify", "recount", "relate", "doubt",
}

var directLemmas = []string{
	"ask", "wonder", "continue", "echo", "shout", "chant", "exclaim",
	"laugh", "sigh", "begin", "describe", "call", "yell", "scream",
	"whisper", "murmur", "mutter", "plead", "beg", "demand", "query",
	"question", "offer", "summarize", "summarise", "put", "chime",
	"interject", "cry", "urge", "gush", "rave", "quip", "joke", "add",
	"write", "tweet", "post", "recall", "cheer", "snap", "declare",
	"mention", "remark", "comment", "observe", "counter",
}

var objectLemmas = []string{
	"tell", "assure", "inform", "remind", "warn", "advise", "brief",
	"promise", "convince", "caution", "urge",
}

// irregular forms of the lemmas above: lemma → past, past participle.
var irregular = map[string][2]string{
	"say":        {"said", "said"},
	"tell":       {"told", "told"},
	"write":      {"wrote", "written"},
	"think":      {"thought", "thought"},
	"feel":       {"felt", "felt"},
	"find":       {"found", "found"},
	"know":       {"knew", "known"},
	"understand": {"understood", "understood"},
	"show":       {"showed", "shown"},
	"begin":      {"began", "begun"},
	"put":        {"put", "put"},
	"cry":        {"cried", "cried"},
}

// ReportingVerbs returns every inflected form of a reporting verb (the
// lemmas above, with their -s, -ed and -ing forms) mapped to its classes.
// It is built once, on first use.
func ReportingVerbs() Map[Cue] { return reportingVerbs() }

var reportingVerbs = sync.OnceValue(func() Map[Cue] {
	m := map[string]Cue{}
	add := func(lemmas []string, c Cue) {
		for _, l := range lemmas {
			if strings.Contains(l, " ") {
				// phrasal verbs are matched by their first word plus the
				// particle, see phrasalParticle.
				l = strings.Fields(l)[0]
				if c == CueSpeech {
					// "point" alone is not a cue. This also makes every
					// speech lemma listed after "point out" (speculate …
					// tell, warn … estimate) CueThat only: the rules were
					// tuned with it, so it is kept as it was.
					c = CueThat
				}
			}
			for _, f := range inflect(l) {
				m[f] |= c
			}
		}
	}
	add(speechLemmas, CueSpeech)
	add(thatLemmas, CueThat)
	add(directLemmas, CueDirect)
	add(objectLemmas, CueObject)
	// "point" is speech only as "point out"; inflect added it with CueThat.
	return Map[Cue]{m}
})

// inflect returns the lemma and its -s, -ed and -ing forms.
func inflect(l string) []string {
	out := []string{l}
	n := len(l)
	switch {
	case strings.HasSuffix(l, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(l[n-2])):
		out = append(out, l[:n-1]+"ies", l[:n-1]+"ied", l+"ing")
	case strings.HasSuffix(l, "e"):
		out = append(out, l+"s", l+"d", l[:n-1]+"ing")
	case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "sh") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "x"):
		out = append(out, l+"es", l+"ed", l+"ing")
	case doublesFinal(l):
		c := l[n-1:]
		out = append(out, l+"s", l+c+"ed", l+c+"ing")
	default:
		out = append(out, l+"s", l+"ed", l+"ing")
	}
	if irr, ok := irregular[l]; ok {
		out = append(out[:2], irr[0], irr[1], out[len(out)-1])
	}
	return out
}

// doublesFinal reports whether a verb doubles its last consonant before
// -ed (admit → admitted). It covers the short stressed endings of the
// lexicon's verbs.
func doublesFinal(l string) bool {
	switch l {
	case "admit", "quip", "chat", "plan", "snap", "beg", "chant":
		return l != "chant"
	}
	return false
}

// phrasalParticles is the particle a phrasal reporting verb needs.
var phrasalParticles = map[string]string{"point": "out", "chime": "in"}

// PhrasalParticles returns the list phrasalParticles above (read by internal/quote).
func PhrasalParticles() Map[string] { return Map[string]{phrasalParticles} }

// Words that may stand between the speaker and the cue: auxiliaries and
// adverbs ("has also said", "later told").
var auxWords = map[string]bool{
	"has": true, "have": true, "had": true, "also": true, "later": true,
	"then": true, "previously": true, "repeatedly": true, "recently": true,
	"once": true, "further": true, "again": true, "publicly": true,
	"earlier": true, "would": true, "will": true, "could": true,
	"might": true, "may": true, "can": true, "must": true, "should": true,
	"often": true, "frequently": true, "first": true, "simply": true,
	"just": true, "only": true, "already": true, "still": true,
	"subsequently": true, "reportedly": true, "allegedly": true,
	"bluntly": true, "flatly": true, "quickly": true, "privately": true,
	"openly": true, "clearly": true, "specifically": true, "herself": true,
	"himself": true, "themselves": true, "itself": true, "even": true,
	"did": true, "does": true, "do": true, "last": true, "ultimately": true,
	"finally": true, "separately": true, "similarly": true, "now": true,
	"consistently": true, "long": true, "always": true, "has-also": true,
}

// AuxWords returns the list auxWords above (read by internal/quote).
func AuxWords() Set { return Set{auxWords} }

// Words that make a cue not report anything: negation, infinitives,
// passives ("did not say", "declined to say", "was told").
var cueBlockers = map[string]bool{
	"not": true, "never": true, "n't": true, "to": true, "was": true,
	"were": true, "is": true, "are": true, "be": true, "been": true,
	"being": true, "am": true, "nor": true, "no": true,
}

// CueBlockers returns the list cueBlockers above (read by internal/quote).
func CueBlockers() Set { return Set{cueBlockers} }

// irregularPast lists irregular simple-past verb forms that are not also
// common nouns: a finite verb, and so a clause, where they stand after a
// subject ("emissions rose").
var irregularPast = map[string]bool{
	"rose": true, "fell": true, "grew": true, "went": true, "came": true, "took": true,
	"made": true, "gave": true, "got": true, "saw": true, "won": true, "began": true,
	"became": true, "kept": true, "held": true, "paid": true, "sold": true, "spent": true,
	"brought": true, "bought": true, "built": true, "ran": true, "met": true, "knew": true,
	"thought": true, "found": true, "stood": true, "understood": true, "meant": true,
	"sent": true, "drew": true, "broke": true, "chose": true, "drove": true, "fought": true,
	"flew": true, "forgot": true, "hid": true, "rode": true, "shook": true, "sank": true,
	"sat": true, "slept": true, "spoke": true, "stole": true, "struck": true, "threw": true,
	"wore": true, "wrote": true, "lost": true, "led": true, "did": true, "told": true,
	"taught": true, "caught": true, "sought": true, "fled": true, "froze": true, "swore": true,
}

// IrregularPast returns the list irregularPast above (read by internal/quote).
func IrregularPast() Set { return Set{irregularPast} }

// nounLikeCues lists present-tense forms that are more often nouns ("the
// report", "her remarks"): they count as cues only with an explicit "that"
// or right after a pronoun or name.
var nounLikeCues = map[string]bool{
	"state": true, "states": true, "report": true, "reports": true, "claim": true,
	"claims": true, "remark": true, "remarks": true, "comment": true, "comments": true,
	"estimate": true, "estimates": true, "answer": true, "answers": true, "reply": true,
	"replies": true, "promise": true, "promises": true, "tweet": true, "tweets": true,
	"post": true, "posts": true, "pledge": true, "pledges": true, "charge": true,
	"charges": true, "note": true, "notes": true, "vow": true, "vows": true,
	"warning": true, "signal": true, "signals": true, "text": true, "texts": true,
	"email": true, "emails": true, "comment's": true, "add": true, "stress": true,
	"agree": true, "concern": true, "joke": true, "jokes": true, "quip": true,
	"muse": true, "answer's": true, "complaint": true, "response": true,
	"respond": true, "counter": true, "counters": true, "hint": true, "hints": true,
	"forecast": true, "forecasts": true, "allows": true, "allow": true,
	"show": true, "shows": true, "find": true, "finds": true, "rule": true, "rules": true,
}

// NounLikeCues returns the list nounLikeCues above (read by internal/quote).
func NounLikeCues() Set { return Set{nounLikeCues} }

// Verbs that often take a noun-phrase object: without "that" their
// reported clause must clearly be a clause.
var nounObjectVerbs = map[string]bool{
	"write": true, "tweet": true, "post": true, "report": true, "announce": true,
	"confirm": true, "reveal": true, "deny": true, "add": true, "acknowledge": true,
	"admit": true, "predict": true, "estimate": true, "answer": true, "comment": true,
	"disclose": true, "suggest": true, "recall": true, "stress": true, "note": true,
	"promise": true, "pledge": true, "vow": true, "mention": true, "explain": true,
	"emphasize": true, "emphasise": true, "reiterate": true, "maintain": true,
	"concede": true, "respond": true, "reply": true, "lament": true, "testify": true,
}

// NounObjectVerbs returns the list nounObjectVerbs above (read by internal/quote).
func NounObjectVerbs() Set { return Set{nounObjectVerbs} }

// transitiveVerbs are transitive verbs whose following name is their object
// ("thanked Mayor Jane Doe"), which, like a prepositional object, is
// rarely what a later pronoun refers to. Forms are listed in full.
var transitiveVerbs = map[string]bool{
	"tell": true, "tells": true, "telling": true, "ask": true, "asks": true, "asking": true,
	"thank": true, "thanks": true, "thanked": true, "thanking": true, "urge": true, "urges": true,
	"urged": true, "urging": true, "meet": true, "meets": true, "meeting": true, "interview": true,
	"interviewed": true, "interviewing": true, "accuse": true, "accuses": true, "accused": true,
	"accusing": true, "blame": true, "blames": true, "blamed": true, "blaming": true,
	"praise": true, "praises": true, "praised": true, "praising": true, "criticize": true,
	"criticizes": true, "criticized": true, "criticise": true, "criticises": true,
	"criticised": true, "criticizing": true, "criticising": true, "invite": true,
	"invites": true, "invited": true, "inviting": true, "replace": true, "replaces": true,
	"replaced": true, "replacing": true, "defeat": true, "defeats": true, "defeated": true,
	"beat": true, "beats": true, "appoint": true, "appoints": true, "appointed": true,
	"hire": true, "hires": true, "hired": true, "fire": true, "fires": true, "fired": true,
	"sue": true, "sues": true, "sued": true, "suing": true, "endorse": true, "endorses": true,
	"endorsed": true, "endorsing": true, "succeed": true, "succeeds": true, "succeeded": true,
	"elect": true, "elected": true, "nominate": true, "nominated": true, "nominating": true,
	"congratulate": true, "congratulated": true, "attack": true, "attacked": true,
	"attacking": true, "visit": true, "visited": true, "visiting": true, "call": true,
	"phone": true, "phoned": true, "email": true, "emailed": true, "contact": true,
	"contacted": true, "join": true, "joined": true, "joining": true, "support": true,
	"supported": true, "supporting": true, "oppose": true, "opposed": true, "opposing": true,
}

// TransitiveVerbs returns the list transitiveVerbs above (read by internal/entity).
func TransitiveVerbs() Set { return Set{transitiveVerbs} }

// nameSpeechVerbs are the reporting verbs that show a name is a speaker.
var nameSpeechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "wrote": true, "writes": true,
	"asked": true, "explained": true, "argued": true, "insisted": true, "stated": true,
	"claimed": true, "noted": true, "replied": true, "tweeted": true, "announced": true,
	"adds": true, "tells": true, "believes": true, "thinks": true, "warned": true,
}

// NameSpeechVerbs returns the list nameSpeechVerbs above (read by internal/entity).
func NameSpeechVerbs() Set { return Set{nameSpeechVerbs} }

// NamingVerb reports whether w is a form of a verb that names rather than
// reports ("called it “a disgrace”"): its quotation is a mixed quote.
func NamingVerb(w string) bool {
	switch w {
	case "call", "calls", "called", "calling", "describe", "describes", "described",
		"describing", "dub", "dubs", "dubbed", "label", "labels", "labelled", "labeled", "brand",
		"brands", "branded", "term", "termed", "terms":
		return true
	}
	return false
}

// SayOrTell reports whether w is a form of "say" or "tell".
func SayOrTell(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "telling":
		return true
	}
	return false
}
