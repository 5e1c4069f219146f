package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/english"
)

// The word tables (honorifics, role nouns, country names and their
// demonyms) are in internal/english. Keys are lower case; a trailing dot is
// removed before lookup ("Dr." and "Dr" are one key).

// demonymOnly are the countries keys that are adjectives or plurals, not
// names of the place: they normalise modifiers ("the Russian leader") but a
// mention written this way is not a place.
func demonymOnly(key string) bool {
	name, ok := english.Countries().Lookup(key)
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

// key lower-cases w and drops dots, so "U.S." and "US", "Dr." and "Dr" are
// one key.
func key(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '.') {
		w = strings.ReplaceAll(w, ".", "")
	}
	return strings.ReplaceAll(w, "’", "'")
}
