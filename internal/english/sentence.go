package english

// SentenceSpeechVerb reports whether w is a speech verb that, after a name,
// shows a sentence did not end at an abbreviation (internal/segment).
func SentenceSpeechVerb(w string) bool {
	switch w {
	case "said", "says", "asked", "asks", "told", "tells", "added", "adds", "replied", "replies",
		"wrote", "writes", "shouted", "yelled", "cried", "exclaimed", "tweeted", "posted",
		"explained", "continued", "insisted", "recalled", "declared", "answered", "wondered":
		return true
	}
	return false
}

// SentenceStarter reports whether w is a word that commonly starts a sentence
// and rarely follows an abbreviation inside one.
func SentenceStarter(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
		"Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If",
		"When", "While", "As", "After", "Before", "Since", "Although", "Though", "However",
		"Meanwhile", "Now", "Then", "Still", "Also", "Some", "Many", "Most", "Its", "His", "Her",
		"Their", "Our", "My", "Your", "What", "Why", "How", "Who", "Where", "Which", "Last",
		"Earlier", "Later", "According", "Both", "Each", "Every", "Such", "Another", "Instead",
		"Yes", "Despite", "During", "Under", "With", "Without", "From", "By", "To", "Not", "Asked",
		"Officials", "Other", "Others", "Once", "Because", "Unlike", "Over", "Until", "Even":
		return true
	}
	return false
}

// LineJoiner reports whether a line ending in w must go on to the next line.
func LineJoiner(w string) bool {
	switch w {
	case "the", "a", "an", "of", "to", "in", "and", "or", "but", "for", "with", "by", "on", "at",
		"from", "as", "that", "his", "her", "their", "its", "said", "says", "than", "into", "about":
		return true
	}
	return false
}
