package segment

// Abbreviation classes.
const (
	abbrevNone = iota
	// abbrevBefore abbreviations stand before a name or number and never
	// end a sentence: Mr. Smith, Dr. Jones, vs. Chelsea, No. 5.
	abbrevBefore
	// abbrevAny abbreviations may end a sentence: Inc., Jan., etc., U.S.
	abbrevAny
)

// isAbbrev reports whether w (without its dot) is a known abbreviation
// that keeps its dot.
func isAbbrev(w string) bool { return abbrevClass(w) != abbrevNone || upperTitle(w) }

// abbrevTokenClass classifies an abbreviation token without its final dot,
// including No./Nos., which the tokenizer keeps only before a number.
func abbrevTokenClass(w string) int {
	switch w {
	case "e.g", "E.g", "i.e", "I.e", "viz", "cf", "Cf":
		return abbrevBefore
	}
	if beforeNumber(w) {
		return abbrevBefore
	}
	if c := abbrevClass(w); c != abbrevNone {
		return c
	}
	if upperTitle(w) {
		return abbrevBefore
	}
	return abbrevNone
}

// upperTitle reports whether w is an upper-case title abbreviation:
// "GEN. SMITH", "DR. JONES".
func upperTitle(w string) bool {
	if len(w) < 2 || len(w) > 6 || !isUpperASCII(w) {
		return false
	}
	var buf [6]byte
	buf[0] = w[0]
	for i := 1; i < len(w); i++ {
		buf[i] = w[i] + ('a' - 'A')
	}
	return abbrevClass(string(buf[:len(w)])) == abbrevBefore
}

func isUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// beforeNumber reports whether w (without its dot) abbreviates a word
// that stands before a number: No. 5, Op. 46, p. 12, c. 1230. The
// tokenizer keeps these dots only when a number follows.
func beforeNumber(w string) bool {
	switch w {
	case "No", "no", "Nos", "nos", "Nr", "nr", "Op", "op", "Art", "art", "Sec", "sec", "Ch", "ch",
		"p", "pp", "c", "ca", "vol", "Vol", "fig", "Fig", "Ex", "ex", "Ver", "ver", "div":
		return true
	}
	return false
}

// abbrevClass classifies a word without its final dot. Case matters: "Mar"
// is March, "mar" is not an abbreviation.
func abbrevClass(w string) int {
	switch w {
	case "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs",
		"Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Gen", "Gens", "Lt", "Col", "Maj",
		"Capt", "Cmdr", "Cmdt", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Rev", "Revd", "Hon",
		"Pres", "Supt", "Det", "Insp", "Atty", "Msgr", "Fr", "Mme", "Mlle",
		"vs", "v", "cf", "pp", "vol", "Vol", "fig", "Fig", "approx", "ca":
		return abbrevBefore
	case "Jr", "Sr", "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Hwy", "Sq", "Pl",
		"Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Plc", "Assn", "Dept", "Univ", "Intl", "Natl", "Govt",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Tue", "Tues", "Thu", "Thur", "Thurs", "Fri",
		"etc", "al", "esp", "Esq", "ed", "eds", "est", "Est", "mln", "bln",
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
		"Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
		"Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo":
		return abbrevAny
	}
	return abbrevNone
}
