package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
)

// The word tables below are general knowledge about English news writing:
// honorifics, role nouns, country names and their demonyms. Keys are lower
// case; a trailing dot is removed before lookup ("Dr." and "Dr" are one key).

// honorifics are courtesy titles. The gender they imply is in-text evidence
// for the person they precede.
var honorifics = map[string]article.Gender{
	"mr": article.Male, "messrs": article.Male, "sir": article.Male, "lord": article.Male,
	"mrs": article.Female, "ms": article.Female, "miss": article.Female, "madam": article.Female,
	"madame": article.Female, "dame": article.Female, "lady": article.Female, "mme": article.Female,
	"dr": article.GenderUnknown, "prof": article.GenderUnknown, "professor": article.GenderUnknown,
	"rev": article.GenderUnknown, "reverend": article.GenderUnknown,
	"hon": article.GenderUnknown, "st": article.GenderUnknown,
}

// roleWords are titles and role nouns that can precede a name ("Secretary of
// State John Kerry", "spokeswoman Maria Zakharova") or stand in an apposition
// ("Jane Roe, the company's chairwoman"). They are never part of a person's
// name. The value is the gender the word implies, if any.
var roleWords = map[string]article.Gender{
	"president": "", "president-elect": "", "vice": "", "prime": "", "minister": "", "premier": "",
	"secretary": "", "secretary-general": "", "state": "", "foreign": "", "defense": "", "defence": "",
	"interior": "", "finance": "", "justice": "", "health": "", "chancellor": "", "senator": "",
	"sen": "", "rep": "", "representative": "", "congressman": article.Male,
	"congresswoman": article.Female, "gov": "", "governor": "", "mayor": "", "general": "",
	"gen": "", "lt": "", "lieutenant": "", "col": "", "colonel": "", "maj": "", "major": "",
	"capt": "", "captain": "", "sgt": "", "sergeant": "", "admiral": "", "adm": "", "commander": "",
	"king": article.Male, "queen": article.Female, "prince": article.Male,
	"princess": article.Female, "emperor": article.Male, "empress": article.Female,
	"pope": article.Male, "sheikh": article.Male, "ayatollah": article.Male, "emir": article.Male,
	"judge": "", "chief": "", "executive": "", "ceo": "", "cfo": "", "chairman": article.Male,
	"chairwoman": article.Female, "chairperson": "", "chair": "", "spokesman": article.Male,
	"spokeswoman": article.Female, "spokesperson": "", "director": "", "ambassador": "",
	"envoy": "", "analyst": "", "host": "", "commissioner": "", "deputy": "", "acting": "",
	"former": "", "ex": "", "late": "", "leader": "", "head": "", "official": "",
	"lawmaker": "", "legislator": "", "diplomat": "", "adviser": "", "advisor": "",
	"economist": "", "activist": "", "journalist": "", "reporter": "", "correspondent": "",
	"editor": "", "columnist": "", "writer": "", "author": "", "actor": "",
	"actress": article.Female, "singer": "", "coach": "", "manager": "", "founder": "",
	"co-founder": "", "owner": "", "attorney": "", "lawyer": "", "prosecutor": "",
	"candidate": "", "nominee": "", "rabbi": article.Male, "imam": article.Male,
	"archbishop": article.Male, "bishop": article.Male, "cardinal": article.Male,
	"businessman": article.Male, "businesswoman": article.Female, "researcher": "",
	"scientist": "", "expert": "", "professor": "", "dr": "", "mr": "", "mrs": "", "ms": "",
	"miss": "", "sir": "", "dame": "", "lord": "", "lady": "", "prof": "", "rev": "",
	"hon": "", "mp": "", "mep": "", "senior": "", "top": "", "veteran": "", "assistant": "",
	"undersecretary": "", "under": "", "general-secretary": "", "staff": "", "army": "",
	"security": "", "national": "", "intelligence": "", "affairs": "", "press": "",
	"communications": "", "campaign": "", "party": "", "opposition": "", "rebel": "",
	"militant": "", "father": article.Male, "mother": article.Female, "wife": article.Female,
	"husband": article.Male, "son": article.Male, "daughter": article.Female,
	"brother": article.Male, "sister": article.Female, "widow": article.Female,
	"widower": article.Male, "grandmother": article.Female, "grandfather": article.Male,
	"uncle": article.Male, "aunt": article.Female, "boyfriend": article.Male,
	"girlfriend": article.Female, "duke": article.Male, "duchess": article.Female,
	"countess": article.Female, "count": "", "baron": article.Male, "baroness": article.Female,
	"sultan": article.Male, "ruler": "", "mvp": "", "famer": "", "hall-of-famer": "",
	"champion": "", "rookie": "", "quarterback": "", "pitcher": "", "goaltender": "",
	"goalie": "", "striker": "", "defenceman": "", "defenseman": "", "winger": "",
	"skipper": "", "chef": "", "chocolatier": "", "designer": "", "producer": "",
	"filmmaker": "", "comedian": "", "rapper": "", "musician": "", "novelist": "", "poet": "",
	"photographer": "", "historian": "", "constable": "", "detective": "", "inspector": "",
	"superintendent": "", "sheriff": "", "officer": "", "councillor": "", "councilor": "",
	"trustee": "", "alderman": "", "ombudsman": "", "premier-elect": "",
	"and": "", "of": "", "the": "", "for": "",
}

// titleGlue are role words that only join other role words ("Secretary of
// State"); a title never starts or ends with them.
var titleGlue = map[string]bool{"and": true, "of": true, "the": true, "for": true}

// leaderRoles are the roles "the leader" and "the head of state" can stand for.
var leaderRoles = map[string]bool{
	"president": true, "premier": true, "prime": true, "chancellor": true, "king": true,
	"queen": true, "emir": true, "leader": true, "ayatollah": true, "sheikh": true,
	"emperor": true, "head": true,
}

// orgNouns are the nouns that, after "the", refer back to an organisation.
var orgNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "ministry": true, "department": true,
	"agency": true, "organization": true, "organisation": true, "bank": true, "party": true,
	"government": true, "administration": true, "corporation": true, "council": true,
	"committee": true, "commission": true, "court": true, "university": true,
	"newspaper": true, "network": true, "union": true, "alliance": true, "coalition": true,
	"militia": true, "movement": true, "team": true, "club": true, "business": true,
	"startup": true, "retailer": true, "carmaker": true, "airline": true, "broadcaster": true,
	"league": true, "association": true, "institute": true, "foundation": true, "charity": true,
}

// pronounGender maps third-person singular personal pronouns to the gender
// they require.
var pronounGender = map[string]article.Gender{
	"he": article.Male, "him": article.Male, "his": article.Male, "himself": article.Male,
	"she": article.Female, "her": article.Female, "hers": article.Female, "herself": article.Female,
}

// prepositions mark a following name as the object of a prepositional
// phrase, which is rarely the subject a later pronoun refers to.
var prepositions = map[string]bool{
	"with": true, "to": true, "by": true, "of": true, "for": true, "from": true,
	"about": true, "on": true, "at": true, "in": true, "against": true, "between": true,
	"than": true, "like": true, "toward": true, "towards": true, "into": true, "over": true,
	"under": true, "without": true, "told": true, "asked": true, "met": true, "called": true,
}

// dayNames open a sentence as a time adverbial ("Wednesday Acme said"),
// never as part of a name that follows.
var dayNames = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tonight": true,
}

// objectVerbs are transitive verbs whose following name is their object
// ("thanked Mayor Jane Doe"), which, like a prepositional object, is
// rarely what a later pronoun refers to. Forms are listed in full.
var objectVerbs = map[string]bool{
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

// countries maps lower-case country names, abbreviations and their
// adjective forms to one canonical country name. Abbreviations are keyed
// without dots ("u.s." is looked up as "us").
var countries = map[string]string{
	"us": "United States", "usa": "United States", "united states": "United States",
	"united states of america": "United States", "america": "United States",
	"american": "United States", "americans": "United States", "the us": "United States",
	"the united states": "United States",
	"uk":                "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
	"united kingdom": "United Kingdom", "the uk": "United Kingdom", "british": "United Kingdom",
	"the united kingdom": "United Kingdom",
	"russia":             "Russia", "russian federation": "Russia", "the russian federation": "Russia",
	"russian": "Russia", "russians": "Russia",
	"ussr": "Soviet Union", "soviet union": "Soviet Union", "the soviet union": "Soviet Union",
	"soviet": "Soviet Union",
	"china":  "China", "prc": "China", "people's republic of china": "China", "chinese": "China",
	"uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
	"emirati": "United Arab Emirates",
	"dprk":    "North Korea", "north korea": "North Korea", "north korean": "North Korea",
	"south korea": "South Korea", "south korean": "South Korea", "rok": "South Korea",
	"holland": "Netherlands", "netherlands": "Netherlands", "the netherlands": "Netherlands",
	"dutch": "Netherlands",
	"syria": "Syria", "syrian": "Syria", "syrian arab republic": "Syria",
	"iran": "Iran", "iranian": "Iran", "islamic republic of iran": "Iran",
	"iraq": "Iraq", "iraqi": "Iraq", "israel": "Israel", "israeli": "Israel",
	"ukraine": "Ukraine", "ukrainian": "Ukraine", "turkey": "Turkey", "turkish": "Turkey",
	"turkiye": "Turkey", "türkiye": "Turkey",
	"france": "France", "french": "France", "germany": "Germany", "german": "Germany",
	"italy": "Italy", "italian": "Italy", "spain": "Spain", "spanish": "Spain",
	"japan": "Japan", "japanese": "Japan", "india": "India", "indian": "India",
	"pakistan": "Pakistan", "pakistani": "Pakistan", "afghanistan": "Afghanistan",
	"afghan": "Afghanistan", "saudi arabia": "Saudi Arabia", "saudi": "Saudi Arabia",
	"ksa": "Saudi Arabia", "egypt": "Egypt", "egyptian": "Egypt", "canada": "Canada",
	"canadian": "Canada", "mexico": "Mexico", "mexican": "Mexico", "brazil": "Brazil",
	"brazilian": "Brazil", "australia": "Australia", "australian": "Australia",
	"poland": "Poland", "polish": "Poland", "greece": "Greece", "greek": "Greece",
	"lebanon": "Lebanon", "lebanese": "Lebanon", "jordan": "Jordan", "jordanian": "Jordan",
	"qatar": "Qatar", "qatari": "Qatar", "yemen": "Yemen", "yemeni": "Yemen",
	"libya": "Libya", "libyan": "Libya", "palestine": "Palestine", "palestinian": "Palestine",
	"belarus": "Belarus", "belarusian": "Belarus", "georgia": "Georgia", "georgian": "Georgia",
	"kazakhstan": "Kazakhstan", "venezuela": "Venezuela", "venezuelan": "Venezuela",
	"cuba": "Cuba", "cuban": "Cuba", "ireland": "Ireland", "irish": "Ireland",
	"scotland": "Scotland", "scottish": "Scotland", "england": "England", "english": "England",
	"sweden": "Sweden", "swedish": "Sweden", "norway": "Norway", "norwegian": "Norway",
	"finland": "Finland", "finnish": "Finland", "denmark": "Denmark", "danish": "Denmark",
	"switzerland": "Switzerland", "swiss": "Switzerland", "austria": "Austria",
	"austrian": "Austria", "belgium": "Belgium", "belgian": "Belgium", "nigeria": "Nigeria",
	"nigerian": "Nigeria", "south africa": "South Africa", "south african": "South Africa",
	"kenya": "Kenya", "kenyan": "Kenya", "ethiopia": "Ethiopia", "ethiopian": "Ethiopia",
	"vietnam": "Vietnam", "vietnamese": "Vietnam", "indonesia": "Indonesia",
	"indonesian": "Indonesia", "philippines": "Philippines", "filipino": "Philippines",
	"taiwan": "Taiwan", "taiwanese": "Taiwan", "serbia": "Serbia", "serbian": "Serbia",
	"hungary": "Hungary", "hungarian": "Hungary", "romania": "Romania", "romanian": "Romania",
	"czech republic": "Czech Republic", "czechia": "Czech Republic", "czech": "Czech Republic",
	"portugal": "Portugal", "portuguese": "Portugal", "argentina": "Argentina",
	"argentine": "Argentina", "argentinian": "Argentina", "chile": "Chile", "chilean": "Chile",
	"colombia": "Colombia", "colombian": "Colombia", "armenia": "Armenia", "armenian": "Armenia",
	"azerbaijan": "Azerbaijan", "azerbaijani": "Azerbaijan",
}

// demonymOnly are the countries keys that are adjectives or plurals, not
// names of the place: they normalise modifiers ("the Russian leader") but a
// mention written this way is not a place.
func demonymOnly(key string) bool {
	name, ok := countries[key]
	if !ok {
		return false
	}
	if strings.EqualFold(name, key) || strings.EqualFold("the "+name, key) {
		return false
	}
	switch key {
	case "us", "usa", "uk", "america", "britain", "great britain", "ussr", "prc", "uae",
		"dprk", "rok", "ksa", "holland", "czechia", "turkiye", "türkiye", "soviet union",
		"russian federation", "syrian arab republic", "islamic republic of iran",
		"people's republic of china", "united states of america":
		return false
	}
	return true
}

// orgAliases are widely used short forms of international organisations.
var orgAliases = map[string]string{
	"un": "United Nations", "united nations": "United Nations", "the un": "United Nations",
	"eu": "European Union", "european union": "European Union",
	"nato": "NATO", "north atlantic treaty organization": "NATO",
	"who": "World Health Organization", "world health organization": "World Health Organization",
	"imf": "International Monetary Fund", "international monetary fund": "International Monetary Fund",
	"cia": "CIA", "central intelligence agency": "CIA",
	"fbi": "FBI", "federal bureau of investigation": "FBI",
}

// key lower-cases w and drops dots, so "U.S." and "US", "Dr." and "Dr" are
// one key.
func key(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '.') {
		w = strings.ReplaceAll(w, ".", "")
	}
	return strings.ReplaceAll(w, "’", "'")
}
