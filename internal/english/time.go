package english

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

// TimeWords returns the list timeWords above (read by internal/quote).
func TimeWords() Set { return Set{timeWords} }

// dayWords open a sentence as a time adverbial ("Wednesday Acme said"),
// never as part of a name that follows.
var dayWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tonight": true,
}

// DayWords returns the list dayWords above (read by internal/entity).
func DayWords() Set { return Set{dayWords} }
