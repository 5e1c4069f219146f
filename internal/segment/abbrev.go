package segment

import "github.com/newsgraph/newsgraph/internal/english"

// Abbreviation classes.
const (
	abbrevNone   = english.AbbrevNone
	abbrevBefore = english.AbbrevBefore
	abbrevAny    = english.AbbrevAny
)

// isAbbrev reports whether w (without its dot) is a known abbreviation
// that keeps its dot.
func isAbbrev(w string) bool { return english.AbbrevClass(w) != abbrevNone || upperTitle(w) }

// abbrevTokenClass classifies an abbreviation token without its final dot,
// including No./Nos., which the tokenizer keeps only before a number.
func abbrevTokenClass(w string) english.AbbrevKind {
	switch w {
	case "e.g", "E.g", "i.e", "I.e", "viz", "cf", "Cf":
		return abbrevBefore
	}
	if english.BeforeNumber(w) {
		return abbrevBefore
	}
	if c := english.AbbrevClass(w); c != abbrevNone {
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
	return english.AbbrevClass(string(buf[:len(w)])) == abbrevBefore
}

func isUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}
