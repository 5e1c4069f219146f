package english

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
)

// Titles dropped from a person's name.
var nameTitles = map[string]bool{
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

// NameTitles returns the list nameTitles above (read by internal/quote).
func NameTitles() Set { return Set{nameTitles} }

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

// Honorifics returns the list honorifics above (read by internal/entity).
func Honorifics() Map[article.Gender] { return Map[article.Gender]{honorifics} }

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

// RoleWords returns the list roleWords above (read by internal/entity).
func RoleWords() Map[article.Gender] { return Map[article.Gender]{roleWords} }

// titleGlue are role words that only join other role words ("Secretary of
// State"); a title never starts or ends with them.
var titleGlue = map[string]bool{"and": true, "of": true, "the": true, "for": true}

// TitleGlue returns the list titleGlue above (read by internal/entity).
func TitleGlue() Set { return Set{titleGlue} }

// leaderRoles are the roles "the leader" and "the head of state" can stand for.
var leaderRoles = map[string]bool{
	"president": true, "premier": true, "prime": true, "chancellor": true, "king": true,
	"queen": true, "emir": true, "leader": true, "ayatollah": true, "sheikh": true,
	"emperor": true, "head": true,
}

// LeaderRoles returns the list leaderRoles above (read by internal/entity).
func LeaderRoles() Set { return Set{leaderRoles} }

// personTitles are words GUM includes in person mentions and CoNLL-2003
// leaves outside the name ("President", "Dr.").
var personTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`President Vice Mr Mrs Ms Miss Dr Prof Professor Senator Sen Governor Gov
		Judge Justice General Gen Captain Capt Sir Dame Lord Lady King Queen Prince Princess Pope Saint St
		Rev Reverend Minister Prime Chairman Chancellor Chief Secretary Mayor Rep Representative Officer
		Detective Sergeant Sgt Lt Lieutenant Colonel Col Major Admiral Archbishop Bishop Cardinal Father
		Brother Sister Uncle Aunt Emperor Empress Duke Duchess Count Countess Baron Sheikh Ayatollah Coach
		Commissioner Ambassador Councillor Councilman Congressman Congresswoman Pastor Rabbi Imam Chef`) {
		m[w] = true
	}
	return m
}()

// PersonTitles returns the list personTitles above (read by internal/ner).
func PersonTitles() Set { return Set{personTitles} }

// nameSuffixes end persons' names.
var nameSuffixes = map[string]bool{
	"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true, "VII": true, "VIII": true,
	"Jr": true, "Jr.": true, "Sr": true, "Sr.": true,
}

// NameSuffixes returns the list nameSuffixes above (read by internal/entity).
func NameSuffixes() Set { return Set{nameSuffixes} }

// strongRoles are titles that never end a person's name ("Yellowhead MP").
var strongRoles = map[string]bool{
	"mp": true, "mep": true, "minister": true, "president": true, "senator": true, "mayor": true,
	"premier": true, "chancellor": true, "secretary": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "ceo": true, "governor": true, "mla": true,
	"councillor": true, "councilor": true, "ambassador": true, "chairman": true, "chairwoman": true,
}

// StrongRoles returns the list strongRoles above (read by internal/entity).
func StrongRoles() Set { return Set{strongRoles} }

// regalTitles stay part of a name of one word ("Queen Elizabeth", "Pope
// Francis", "Lady Gaga").
var regalTitles = map[string]bool{
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"lady": true, "lord": true, "dame": true, "sir": true, "sheikh": true, "emir": true, "sultan": true,
	"emperor": true, "empress": true, "duke": true, "duchess": true,
}

// RegalTitles returns the list regalTitles above (read by internal/entity).
func RegalTitles() Set { return Set{regalTitles} }

// roleHeads are the role nouns that can stand for a person after "the"
// ("the spokeswoman", "the Russian leader").
var roleHeads = map[string]bool{
	"president": true, "president-elect": true, "leader": true, "minister": true, "premier": true,
	"chancellor": true, "secretary": true, "secretary-general": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "senator": true, "governor": true, "mayor": true,
	"general": true, "ambassador": true, "envoy": true, "commander": true, "chairman": true,
	"chairwoman": true, "chairperson": true, "ceo": true, "director": true, "analyst": true,
	"host": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"judge": true, "prosecutor": true, "lawyer": true, "attorney": true, "actor": true,
	"actress": true, "singer": true, "coach": true, "economist": true, "activist": true,
	"journalist": true, "diplomat": true, "lawmaker": true, "congressman": true,
	"congresswoman": true, "founder": true, "candidate": true, "professor": true,
	"commissioner": true, "emir": true, "sheikh": true, "ayatollah": true, "author": true,
	"writer": true, "manager": true, "businessman": true, "businesswoman": true,
	"researcher": true, "scientist": true, "editor": true, "columnist": true, "adviser": true,
	"advisor": true, "nominee": true, "mp": true, "emperor": true, "duke": true, "duchess": true,
	"sultan": true, "chef": true, "detective": true, "inspector": true, "sheriff": true,
	"officer": true, "councillor": true, "councilor": true, "quarterback": true, "pitcher": true,
	"comedian": true, "filmmaker": true, "producer": true, "rapper": true, "musician": true,
	"novelist": true, "poet": true, "photographer": true, "historian": true, "designer": true,
}

// RoleHeads returns the list roleHeads above (read by internal/entity).
func RoleHeads() Set { return Set{roleHeads} }

// roleModifiers are words that may stand between "the" and a role noun
// without changing whom it refers to.
var roleModifiers = map[string]bool{
	"former": true, "veteran": true, "top": true, "senior": true, "new": true, "then": true,
	"outgoing": true, "incoming": true, "longtime": true, "embattled": true, "current": true,
	"foreign": true, "prime": true, "defense": true, "defence": true, "vice": true,
	"deputy": true, "acting": true, "interior": true, "finance": true, "state": true,
	"chief": true, "executive": true, "security": true, "press": true, "political": true,
	"military": true, "party": true, "opposition": true, "rebel": true, "supreme": true,
	"assistant": true, "elderly": true, "young": true, "late": true, "ex": true,
}

// RoleModifiers returns the list roleModifiers above (read by internal/entity).
func RoleModifiers() Set { return Set{roleModifiers} }
