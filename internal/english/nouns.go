package english

// Words that mark a capitalised name as an organisation.
var orgNameWords = map[string]bool{
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

// OrgNameWords returns the list orgNameWords above (read by internal/quote).
func OrgNameWords() Set { return Set{orgNameWords} }

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

// GroupNouns returns the list groupNouns above (read by internal/quote).
func GroupNouns() Set { return Set{groupNouns} }

// Head nouns of organisation speakers ("the company said").
var speakerOrgNouns = map[string]bool{
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

// SpeakerOrgNouns returns the list speakerOrgNouns above (read by internal/quote).
func SpeakerOrgNouns() Set { return Set{speakerOrgNouns} }

// Nouns that report speech when followed by "that" ("her claim that …").
var reportingNouns = map[string]bool{
	"comments": true, "comment": true, "claim": true, "claims": true,
	"assertion": true, "statement": true, "warning": true, "argument": true,
	"suggestion": true, "insistence": true, "remarks": true, "remark": true,
	"view": true, "belief": true, "contention": true, "admission": true,
	"allegation": true, "allegations": true, "announcement": true,
	"promise": true, "pledge": true, "prediction": true, "position": true,
}

// ReportingNouns returns the list reportingNouns above (read by internal/quote).
func ReportingNouns() Set { return Set{reportingNouns} }

// Nouns of quantity whose "of" phrase holds the real head ("a list of MPs").
var quantityNouns = map[string]bool{
	"list": true, "number": true, "group": true, "majority": true, "handful": true,
	"dozens": true, "couple": true, "series": true, "some": true, "many": true,
	"most": true, "several": true, "all": true, "none": true, "one": true,
	"two": true, "three": true, "both": true, "each": true, "few": true,
	"hundreds": true, "thousands": true, "members": true, "half": true,
	"chorus": true, "coalition": true, "pair": true, "trio": true,
}

// QuantityNouns returns the list quantityNouns above (read by internal/quote).
func QuantityNouns() Set { return Set{quantityNouns} }

// Party nouns that, after "the", name a politician by role ("the Kentucky
// Republican").
var partyNouns = map[string]bool{
	"republican": true, "democrat": true, "liberal": true, "conservative": true,
	"tory": true, "new democrat": true, "socialist": true, "independent": true,
	"labour": true, "green": true,
}

// PartyNouns returns the list partyNouns above (read by internal/quote).
func PartyNouns() Set { return Set{partyNouns} }

// Abstract heads that cannot say anything ("a common belief says").
var abstractNouns = map[string]bool{
	"belief": true, "idea": true, "notion": true, "theory": true, "rumour": true,
	"rumor": true, "saying": true, "adage": true, "wisdom": true, "perception": true,
	"story": true, "legend": true, "logic": true, "thinking": true, "argument": true,
	"thought": true, "feeling": true, "sense": true, "name": true, "word": true,
}

// AbstractNouns returns the list abstractNouns above (read by internal/quote).
func AbstractNouns() Set { return Set{abstractNouns} }

// documentNouns are documents through which an author speaks ("a statement
// from the ministry", "the union's report").
var documentNouns = map[string]bool{
	"statement": true, "release": true, "memo": true, "letter": true, "email": true,
	"e-mail": true, "tweet": true, "post": true, "filing": true, "note": true,
	"message": true, "complaint": true, "lawsuit": true, "affidavit": true,
	"indictment": true, "motion": true, "petition": true, "submission": true,
	"report": true, "study": true, "survey": true, "findings": true, "analysis": true,
}

// DocumentNouns returns the list documentNouns above (read by internal/quote).
func DocumentNouns() Set { return Set{documentNouns} }

// authoredNouns are the communications that, written with "the" and no
// author, stand for the statement of the speaker just quoted ("…, the
// ministry said. The statement added …").
var authoredNouns = map[string]bool{
	"statement": true, "release": true, "memo": true, "letter": true, "email": true,
	"e-mail": true, "tweet": true, "post": true, "message": true, "note": true,
}

// AuthoredNouns returns the list authoredNouns above (read by internal/quote).
func AuthoredNouns() Set { return Set{authoredNouns} }

// Nouns of the medium or occasion of a statement, which may stand in an
// adjunct between a reporting verb and its "that" ("told the radio show
// that", "said at a news conference that").
var mediaNouns = map[string]bool{
	"show": true, "program": true, "programme": true, "radio": true, "television": true,
	"tv": true, "newspaper": true, "podcast": true, "website": true, "blog": true,
	"video": true, "letter": true, "memo": true, "message": true, "meeting": true,
	"hearing": true, "appearance": true, "rally": true, "event": true, "forum": true,
	"summit": true, "session": true, "address": true, "report": true, "filing": true,
	"documents": true, "court": true, "response": true, "emailed": true, "online": true,
	"social": true, "media": true, "twitter": true, "facebook": true, "call": true,
	"call-in": true, "op-ed": true, "column": true, "editorial": true, "podium": true,
}

// MediaNouns returns the list mediaNouns above (read by internal/quote).
func MediaNouns() Set { return Set{mediaNouns} }

// Words that can be the addressee of "tell" and friends.
var addresseeWords = map[string]bool{
	"me": true, "us": true, "him": true, "her": true, "them": true,
	"reporters": true, "journalists": true, "lawmakers": true,
	"supporters": true, "listeners": true, "viewers": true, "readers": true,
	"members": true, "parliament": true, "police": true, "investigators": true,
	"the": true, "a": true, "an": true, "his": true, "their": true, "its": true,
	"audience": true, "crowd": true, "court": true, "jury": true, "media": true,
	"committee": true, "senators": true, "council": true, "staff": true,
	"employees": true, "students": true, "residents": true, "voters": true,
}

// AddresseeWords returns the list addresseeWords above (read by internal/quote).
func AddresseeWords() Set { return Set{addresseeWords} }

// addresseeNouns are people a warning or assurance is addressed to.
var addresseeNouns = map[string]bool{
	"public": true, "investors": true, "customers": true, "consumers": true, "citizens": true,
	"patients": true, "shareholders": true, "travellers": true, "travelers": true,
	"drivers": true, "users": true, "colleagues": true, "allies": true, "audiences": true,
	"clients": true, "farmers": true, "families": true, "viewers": true, "delegates": true,
}

// AddresseeNouns returns the list addresseeNouns above (read by internal/quote).
func AddresseeNouns() Set { return Set{addresseeNouns} }

// orgReferenceNouns are the nouns that, after "the", refer back to an organisation.
var orgReferenceNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "ministry": true, "department": true,
	"agency": true, "organization": true, "organisation": true, "bank": true, "party": true,
	"government": true, "administration": true, "corporation": true, "council": true,
	"committee": true, "commission": true, "court": true, "university": true,
	"newspaper": true, "network": true, "union": true, "alliance": true, "coalition": true,
	"militia": true, "movement": true, "team": true, "club": true, "business": true,
	"startup": true, "retailer": true, "carmaker": true, "airline": true, "broadcaster": true,
	"league": true, "association": true, "institute": true, "foundation": true, "charity": true,
}

// OrgReferenceNouns returns the list orgReferenceNouns above (read by internal/entity).
func OrgReferenceNouns() Set { return Set{orgReferenceNouns} }

// groupAdjectives are religious and ethnic adjectives, which end group names,
// not persons' names.
var groupAdjectives = map[string]bool{
	"muslim": true, "muslims": true, "jewish": true, "catholic": true, "catholics": true,
	"hindu": true, "sikh": true, "buddhist": true, "indigenous": true, "aboriginal": true,
	"protestant": true, "evangelical": true, "evangelicals": true, "christians": true,
}

// GroupAdjectives returns the list groupAdjectives above (read by internal/entity).
func GroupAdjectives() Set { return Set{groupAdjectives} }

// placeNameWords end names of places and buildings, never persons' names.
var placeNameWords = map[string]bool{
	"highway": true, "station": true, "street": true, "avenue": true, "boulevard": true,
	"road": true, "heights": true, "airport": true, "centre": true, "center": true,
	"arena": true, "stadium": true, "library": true, "mall": true, "county": true,
	"province": true, "district": true, "skytrain": true, "township": true, "plaza": true,
	"parkway": true, "expressway": true, "freeway": true, "motorway": true, "terminal": true,
}

// PlaceNameWords returns the list placeNameWords above (read by internal/entity).
func PlaceNameWords() Set { return Set{placeNameWords} }

// orgFirstWords begin organisation names, never person names.
var orgFirstWords = map[string]bool{
	"radio": true, "tv": true, "television": true, "bank": true, "university": true,
	"ministry": true, "department": true, "agency": true, "council": true, "party": true,
	"army": true, "club": true, "institute": true, "fund": true, "federal": true,
	"national": true, "united": true, "international": true, "royal": true, "air": true,
	"hotel": true, "hospital": true, "college": true, "school": true, "church": true,
	"museum": true, "channel": true, "house": true, "senate": true, "parliament": true,
}

// OrgFirstWords returns the list orgFirstWords above (read by internal/entity).
func OrgFirstWords() Set { return Set{orgFirstWords} }

// genericOrgNouns refer to the last organisation named even when its name
// does not contain the noun ("the company" after "Acme Widgets").
var genericOrgNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "corporation": true, "business": true,
	"startup": true, "retailer": true, "carmaker": true, "airline": true, "broadcaster": true,
	"organization": true, "organisation": true, "agency": true,
}

// GenericOrgNouns returns the list genericOrgNouns above (read by internal/entity).
func GenericOrgNouns() Set { return Set{genericOrgNouns} }
