package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// SampleBytes is how much of a text Detect looks at, at most. 400 bytes
// rather than 200: trigram profiles tell Russian from Bulgarian and
// Ukrainian only with a hundred letters or more, and a Cyrillic letter is
// two bytes.
const SampleBytes = 400

// minLetters is the fewest letters a text needs for a verdict.
const minLetters = 20

// NewsLanguages are the ISO 639-1 codes of the languages the detector
// chooses among: the languages most news outlets publish in that the
// trigram profiles cover. Slovak, Catalan, Malay and Swahili have no
// profile; their texts are reported as their closest neighbour (Czech,
// Spanish, Indonesian) or as "".
var NewsLanguages = []string{
	"en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl",
	"ar", "zh", "ja", "ko", "tr", "fa", "he", "hi", "ur", "sv", "da",
	"nb", "fi", "cs", "ro", "hu", "el", "id", "vi", "sr", "hr", "bg",
	"th", "bn", "tl",
}

// Detector detects languages. It is safe for concurrent use: it holds only
// the set of languages, which is never written after NewDetector.
type Detector struct {
	opts whatlanggo.Options
}

// NewDetector returns a detector over NewsLanguages.
func NewDetector() *Detector {
	want := make(map[string]bool, len(NewsLanguages))
	for _, c := range NewsLanguages {
		want[c] = true
	}
	allow := make(map[whatlanggo.Lang]bool, len(NewsLanguages))
	for l := range whatlanggo.Langs {
		if want[l.Iso6391()] {
			allow[l] = true
		}
	}
	return &Detector{opts: whatlanggo.Options{Whitelist: allow}}
}

// Detect returns the ISO 639-1 code of text's language, or "" when the text
// is too short or no language is likely.
func (d *Detector) Detect(text string) string {
	sample := Sample(text, SampleBytes)
	letters := 0
	for _, r := range sample {
		if unicode.IsLetter(r) {
			letters++
			if letters >= minLetters {
				break
			}
		}
	}
	if letters < minLetters {
		return ""
	}
	info := whatlanggo.DetectWithOptions(sample, d.opts)
	if info.Lang < 0 {
		return ""
	}
	return info.Lang.Iso6391()
}

// Sample returns at most max bytes of the start of text, cut at a space so
// no word (or UTF-8 sequence) is split.
func Sample(text string, max int) string {
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexAny(text[:max], " \n\t")
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut]
}
