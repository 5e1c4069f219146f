package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	lingua "github.com/pemistahl/lingua-go"
)

// SampleBytes is how much of a text Detect looks at, at most.
const SampleBytes = 200

// minLetters is the fewest letters a text needs for a verdict.
const minLetters = 20

// newsLanguages are the languages the detector chooses among: the languages
// most news outlets publish in.
var newsLanguages = []lingua.Language{
	lingua.English, lingua.German, lingua.French, lingua.Spanish, lingua.Italian,
	lingua.Portuguese, lingua.Dutch, lingua.Russian, lingua.Ukrainian, lingua.Polish,
	lingua.Arabic, lingua.Chinese, lingua.Japanese, lingua.Korean, lingua.Turkish,
	lingua.Persian, lingua.Hebrew, lingua.Hindi, lingua.Urdu, lingua.Swedish, lingua.Danish,
	lingua.Bokmal, lingua.Finnish, lingua.Czech, lingua.Slovak, lingua.Romanian,
	lingua.Hungarian, lingua.Greek, lingua.Indonesian, lingua.Malay, lingua.Vietnamese,
	lingua.Serbian, lingua.Croatian, lingua.Bulgarian, lingua.Catalan, lingua.Thai,
	lingua.Bengali, lingua.Tagalog, lingua.Swahili,
}

// Detector detects languages. It is safe for concurrent use.
type Detector struct {
	d lingua.LanguageDetector
}

// NewDetector loads the language models (about 100 ms).
func NewDetector() *Detector {
	d := lingua.NewLanguageDetectorBuilder().
		FromLanguages(newsLanguages...).
		WithLowAccuracyMode().
		WithPreloadedLanguageModels().
		Build()
	return &Detector{d: d}
}

// Detect returns the ISO 639-1 code of text's language, or "" when the text
// is too short or no language is likely enough.
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
	lang, ok := d.d.DetectLanguageOf(sample)
	if !ok {
		return ""
	}
	return strings.ToLower(lang.IsoCode639_1().String())
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
