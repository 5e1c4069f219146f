package english

import "github.com/newsgraph/newsgraph/internal/article"

// Pronouns that open a clause as its subject.
var subjectPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true,
	"there": true, "you": true,
}

// SubjectPronouns returns the list subjectPronouns above (read by internal/quote).
func SubjectPronouns() Set { return Set{subjectPronouns} }

// Pronouns that can be a speaker.
var speakerPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "i": true, "we": true,
}

// SpeakerPronouns returns the list speakerPronouns above (read by internal/quote).
func SpeakerPronouns() Set { return Set{speakerPronouns} }

// pronounClasses maps subject and possessive pronouns to a person/number class.
var pronounClasses = map[string]string{
	"he": "he", "his": "he", "him": "he",
	"she": "she", "her": "she",
	"they": "they", "their": "they", "them": "they",
	"it": "it", "its": "it",
	"i": "i", "we": "we",
}

// PronounClasses returns the list pronounClasses above (read by internal/quote).
func PronounClasses() Map[string] { return Map[string]{pronounClasses} }

// pronounGenders maps third-person singular personal pronouns to the gender
// they require.
var pronounGenders = map[string]article.Gender{
	"he": article.Male, "him": article.Male, "his": article.Male, "himself": article.Male,
	"she": article.Female, "her": article.Female, "hers": article.Female, "herself": article.Female,
}

// PronounGenders returns the list pronounGenders above (read by internal/entity).
func PronounGenders() Map[article.Gender] { return Map[article.Gender]{pronounGenders} }
