package english

// abbreviations that keep their final dot.
var dottedAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true,
	"sr": true, "gov": true, "sen": true, "rep": true, "prof": true,
	"gen": true, "lt": true, "col": true, "sgt": true, "capt": true,
	"rev": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"no": true, "ont": true, "que": true, "vs": true, "etc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true,
	"sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"const": true, "det": true, "supt": true, "insp": true, "coun": true,
	"mt": true, "ft": true, "ave": true, "approx": true, "dept": true,
	"govt": true, "atty": true, "cpl": true, "maj": true, "adm": true,
	"sask": true, "alta": true, "man": true, "calif": true, "fla": true,
	"mass": true, "wash": true, "ariz": true, "mich": true, "pa": true,
}

// DottedAbbreviations returns the list dottedAbbreviations above (read by internal/quote).
func DottedAbbreviations() Set { return Set{dottedAbbreviations} }

// AbbrevKind classifies an abbreviation.
type AbbrevKind int

// Abbreviation classes.
const (
	AbbrevNone AbbrevKind = iota
	// AbbrevBefore abbreviations stand before a name or number and never
	// end a sentence: Mr. Smith, Dr. Jones, vs. Chelsea, No. 5.
	AbbrevBefore
	// AbbrevAny abbreviations may end a sentence: Inc., Jan., etc., U.S.
	AbbrevAny
)

// AbbrevClass classifies a word without its final dot. Case matters: "Mar"
// is March, "mar" is not an abbreviation.
func AbbrevClass(w string) AbbrevKind {
	switch w {
	case "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs",
		"Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Gen", "Gens", "Lt", "Col", "Maj",
		"Capt", "Cmdr", "Cmdt", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Rev", "Revd", "Hon",
		"Pres", "Supt", "Det", "Insp", "Atty", "Msgr", "Fr", "Mme", "Mlle",
		"vs", "v", "cf", "pp", "vol", "Vol", "fig", "Fig", "approx", "ca":
		return AbbrevBefore
	case "Jr", "Sr", "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Hwy", "Sq", "Pl",
		"Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Plc", "Assn", "Dept", "Univ", "Intl", "Natl", "Govt",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Tue", "Tues", "Thu", "Thur", "Thurs", "Fri",
		"etc", "al", "esp", "Esq", "ed", "eds", "est", "Est", "mln", "bln",
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
		"Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
		"Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo":
		return AbbrevAny
	}
	return AbbrevNone
}

// BeforeNumber reports whether w (without its dot) abbreviates a word
// that stands before a number: No. 5, Op. 46, p. 12, c. 1230. The
// tokenizer keeps these dots only when a number follows.
func BeforeNumber(w string) bool {
	switch w {
	case "No", "no", "Nos", "nos", "Nr", "nr", "Op", "op", "Art", "art", "Sec", "sec", "Ch", "ch",
		"p", "pp", "c", "ca", "vol", "Vol", "fig", "Fig", "Ex", "ex", "Ver", "ver", "div":
		return true
	}
	return false
}
