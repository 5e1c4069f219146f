package quote

import "strings"

// cueClass says how a reporting verb may introduce what is reported.
type cueClass uint8

const (
	// cueSpeech verbs report speech or writing and take a bare or
	// that-clause ("she said the plan was dead").
	cueSpeech cueClass = 1 << iota
	// cueThat verbs report a belief or finding and count only with an
	// explicit "that" ("he believes that …").
	cueThat
	// cueDirect verbs introduce or follow a direct quotation only
	// ("“Why?” she asked", "he joked: “…”").
	cueDirect
	// cueObject verbs take the addressee before the clause ("told
	// reporters the plan …").
	cueObject
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

// Pronouns that open a clause as its subject.
var subjectPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true,
	"there": true, "you": true,
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

// cueWords maps every inflected form of a reporting verb to its classes.
// It is built once per Extractor; the package keeps no mutable globals.
type cueWords map[string]cueClass

func newCueWords() cueWords {
	m := cueWords{}
	add := func(lemmas []string, c cueClass) {
		for _, l := range lemmas {
			if strings.Contains(l, " ") {
				// phrasal verbs are matched by their first word plus the
				// particle, see phrasalParticle.
				l = strings.Fields(l)[0]
				if c == cueSpeech {
					c = cueThat // "point" alone is not a cue
				}
			}
			for _, f := range inflect(l) {
				m[f] |= c
			}
		}
	}
	add(speechLemmas, cueSpeech)
	add(thatLemmas, cueThat)
	add(directLemmas, cueDirect)
	add(objectLemmas, cueObject)
	// "point" is speech only as "point out"; inflect added it with cueThat.
	return m
}

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

// phrasalParticle is the particle a phrasal reporting verb needs.
var phrasalParticle = map[string]string{"point": "out", "chime": "in"}

// Pronouns that can be a speaker.
var personalPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "i": true, "we": true,
}

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

// Words that make a cue not report anything: negation, infinitives,
// passives ("did not say", "declined to say", "was told").
var blockWords = map[string]bool{
	"not": true, "never": true, "n't": true, "to": true, "was": true,
	"were": true, "is": true, "are": true, "be": true, "been": true,
	"being": true, "am": true, "nor": true, "no": true,
}

// Determiners and quantifiers that open a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "some": true, "many": true,
	"several": true, "one": true, "two": true, "three": true, "other": true,
	"most": true, "these": true, "those": true, "this": true, "that": true,
	"its": true, "his": true, "her": true, "their": true, "our": true,
	"my": true, "your": true, "both": true, "all": true, "few": true,
	"another": true, "each": true, "any": true, "more": true, "numerous": true,
}

// Words that end a noun phrase when scanning backwards from a cue.
var npBoundary = map[string]bool{
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

// Sentence-initial capitalised words that are not part of a name.
var capStop = map[string]bool{
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

// Titles dropped from a person's name.
var titles = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"dr": true, "dr.": true, "prof": true, "prof.": true, "professor": true,
	"sir": true, "dame": true, "lord": true, "lady": true, "rev": true,
	"rev.": true, "sen": true, "sen.": true, "senator": true, "rep": true,
	"rep.": true, "gov": true, "gov.": true, "governor": true, "president": true,
	"premier": true, "mayor": true, "minister": true, "chairman": true,
	"chairwoman": true, "chair": true, "chief": true, "judge": true,
	"justice": true, "coach": true, "capt": true, "capt.": true,
	"captain": true, "gen": true, "gen.": true, "general": true, "sgt": true,
	"sgt.": true, "sergeant": true, "lt": true, "lt.": true, "col": true,
	"col.": true, "officer": true, "const": true, "const.": true,
	"det": true, "det.": true, "detective": true, "insp": true,
	"insp.": true, "inspector": true, "supt": true, "supt.": true,
	"superintendent": true, "constable": true, "councillor": true,
	"councilor": true, "coun": true, "coun.": true, "secretary": true,
	"ambassador": true, "pope": true, "king": true, "queen": true,
	"prince": true, "princess": true, "father": true, "sister": true,
	"brother": true, "bishop": true, "rabbi": true, "imam": true,
	"mp": true, "mpp": true, "mla": true, "ceo": true, "commissioner": true,
	"director": true, "spokesperson": true, "spokeswoman": true,
	"spokesman": true, "deputy": true, "vice": true, "prime": true,
	"foreign": true, "attorney": true, "sheriff": true, "speaker": true,
	"leader": true, "chancellor": true, "dean": true, "principal": true,
	"host": true, "anchor": true, "analyst": true, "former": true,
	"then": true, "acting": true, "interim": true, "head": true,
	"editor": true, "lawyer": true, "economist": true, "researcher": true,
	"scientist": true, "author": true, "founder": true, "owner": true,
	"manager": true, "executive": true, "agent": true, "strategist": true,
	"candidate": true, "adviser": true, "advisor": true, "counsel": true,
	"organizer": true, "organiser": true, "activist": true, "resident": true,
	"student": true, "teacher": true, "doctor": true, "nurse": true,
	"physician": true, "pastor": true, "columnist": true, "reporter": true,
	"correspondent": true, "expert": true, "historian": true,
	"trustee": true, "partner": true, "consultant": true, "member": true,
	"veteran": true, "worker": true, "farmer": true, "player": true,
	"paramedic": true, "mother": true, "wife": true, "husband": true,
	"daughter": true, "son": true, "official": true, "president-elect": true,
	"governor-general": true, "mp-elect": true, "chef": true, "singer": true,
	"actor": true, "actress": true, "athlete": true, "pitcher": true,
	"goaltender": true, "defenceman": true, "forward": true, "winger": true,
	"quarterback": true, "psychologist": true, "professor's": true,
}

// Words that mark a capitalised name as an organisation.
var orgWords = map[string]bool{
	"inc": true, "inc.": true, "corp": true, "corp.": true, "co": true,
	"co.": true, "ltd": true, "ltd.": true, "llc": true, "company": true,
	"ministry": true, "department": true, "party": true, "council": true,
	"university": true, "college": true, "police": true, "news": true,
	"press": true, "commission": true, "association": true, "bank": true,
	"government": true, "agency": true, "service": true, "services": true,
	"board": true, "court": true, "group": true, "institute": true,
	"foundation": true, "union": true, "office": true, "committee": true,
	"times": true, "post": true, "journal": true, "network": true,
	"society": true, "federation": true, "authority": true, "club": true,
	"league": true, "house": true, "senate": true, "parliament": true,
	"congress": true, "administration": true, "centre": true, "center": true,
	"hospital": true, "school": true, "church": true, "organization": true,
	"organisation": true, "coalition": true, "alliance": true, "fund": true,
	"council's": true, "tribunal": true, "bureau": true, "airlines": true,
	"motors": true, "systems": true, "technologies": true, "pentagon": true,
	"kremlin": true, "cbc": true, "cnn": true, "bbc": true, "reuters": true,
	"nato": true, "un": true, "fbi": true, "cia": true, "rcmp": true,
}

// Head nouns of speakers that are groups (anonymous unless named).
var groupNouns = map[string]bool{
	"officials": true, "sources": true, "source": true, "experts": true,
	"critics": true, "observers": true, "analysts": true, "residents": true,
	"protesters": true, "protestors": true, "students": true, "voters": true,
	"people": true, "members": true, "staff": true, "supporters": true,
	"opponents": true, "advocates": true, "economists": true,
	"scientists": true, "researchers": true, "leaders": true,
	"lawmakers": true, "politicians": true, "parents": true,
	"teachers": true, "workers": true, "employees": true, "witnesses": true,
	"neighbours": true, "neighbors": true, "doctors": true, "defenders": true,
	"investigators": true, "prosecutors": true, "lawyers": true,
	"authorities": true, "police": true, "insiders": true, "aides": true,
	"spokesperson": true, "spokeswoman": true, "spokesman": true,
	"representative": true, "official": true, "someone": true,
	"person": true, "organizers": true, "organisers": true, "fans": true,
	"diplomats": true, "activists": true, "officers": true, "others": true,
	"many": true, "some": true, "polls": true, "data": true,
}

// Head nouns of organisation speakers ("the company said").
var orgNouns = map[string]bool{
	"company": true, "city": true, "agency": true, "government": true,
	"ministry": true, "department": true, "province": true, "firm": true,
	"commission": true, "council": true, "board": true, "union": true,
	"party": true, "court": true, "university": true, "school": true,
	"hospital": true, "bank": true, "organization": true, "organisation": true,
	"group": true, "association": true, "team": true, "club": true,
	"network": true, "office": true, "committee": true, "campaign": true,
	"administration": true, "force": true, "service": true, "district": true,
	"state": true, "country": true, "federation": true, "league": true,
	"newspaper": true, "paper": true, "broadcaster": true, "station": true,
	"police": true, "military": true, "pentagon": true,
}

// Nouns that report speech when followed by "that" ("her claim that …").
var nounCues = map[string]bool{
	"comments": true, "comment": true, "claim": true, "claims": true,
	"assertion": true, "statement": true, "warning": true, "argument": true,
	"suggestion": true, "insistence": true, "remarks": true, "remark": true,
	"view": true, "belief": true, "contention": true, "admission": true,
	"allegation": true, "allegations": true, "announcement": true,
	"promise": true, "pledge": true, "prediction": true, "position": true,
}

// Prepositions that may open an adjunct between a cue and a quotation.
var prepositions = map[string]bool{
	"to": true, "in": true, "on": true, "at": true, "during": true, "after": true,
	"before": true, "of": true, "about": true, "from": true, "for": true, "by": true,
	"via": true, "over": true, "with": true, "through": true, "outside": true,
	"inside": true, "into": true, "while": true, "when": true, "as": true,
}

// Time words: never a speaker ("said Tuesday afternoon").
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "january": true,
	"february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan.": true, "feb.": true, "aug.": true,
	"sept.": true, "oct.": true, "nov.": true, "dec.": true, "today": true,
	"yesterday": true, "tonight": true, "morning": true, "afternoon": true,
	"evening": true, "night": true, "week": true, "month": true, "year": true,
	"weekend": true, "last": true, "this": true, "next": true, "earlier": true,
	"later": true, "me": true, "us": true, "him": true, "them": true,
}

// Nouns of quantity whose "of" phrase holds the real head ("a list of MPs").
var quantifiers = map[string]bool{
	"list": true, "number": true, "group": true, "majority": true, "handful": true,
	"dozens": true, "couple": true, "series": true, "some": true, "many": true,
	"most": true, "several": true, "all": true, "none": true, "one": true,
	"two": true, "three": true, "both": true, "each": true, "few": true,
	"hundreds": true, "thousands": true, "members": true, "half": true,
	"chorus": true, "coalition": true, "pair": true, "trio": true,
}

// Party nouns that, after "the", name a politician by role ("the Kentucky
// Republican").
var partyNouns = map[string]bool{
	"republican": true, "democrat": true, "liberal": true, "conservative": true,
	"tory": true, "new democrat": true, "socialist": true, "independent": true,
	"labour": true, "green": true,
}

// Abstract heads that cannot say anything ("a common belief says").
var abstractNouns = map[string]bool{
	"belief": true, "idea": true, "notion": true, "theory": true, "rumour": true,
	"rumor": true, "saying": true, "adage": true, "wisdom": true, "perception": true,
	"story": true, "legend": true, "logic": true, "thinking": true, "argument": true,
	"thought": true, "feeling": true, "sense": true, "name": true, "word": true,
}

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

// docNouns are documents through which an author speaks ("a statement
// from the ministry", "the union's report").
var docNouns = map[string]bool{
	"statement": true, "release": true, "memo": true, "letter": true, "email": true,
	"e-mail": true, "tweet": true, "post": true, "filing": true, "note": true,
	"message": true, "complaint": true, "lawsuit": true, "affidavit": true,
	"indictment": true, "motion": true, "petition": true, "submission": true,
	"report": true, "study": true, "survey": true, "findings": true, "analysis": true,
}

// authoredNouns are the communications that, written with "the" and no
// author, stand for the statement of the speaker just quoted ("…, the
// ministry said. The statement added …").
var authoredNouns = map[string]bool{
	"statement": true, "release": true, "memo": true, "letter": true, "email": true,
	"e-mail": true, "tweet": true, "post": true, "message": true, "note": true,
}
