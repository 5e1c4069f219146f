package english

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

// Countries returns the list countries above (read by internal/entity).
func Countries() Map[string] { return Map[string]{countries} }

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

// OrgAliases returns the list orgAliases above (read by internal/entity).
func OrgAliases() Map[string] { return Map[string]{orgAliases} }
