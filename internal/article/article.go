package article

import (
	"time"
)

// Format says what kind of input an article was read from.
type Format string

// The input formats newsgraph reads.
const (
	FormatHTML     Format = "html"     // an HTML page, main text extracted
	FormatTextPage Format = "textpage" // a page scraped as plain text, chrome removed
	FormatPlain    Format = "plain"    // clean article text, taken as it is
)

// Article is one news article: its clean text, metadata and annotations.
// All spans index Text by byte offset.
type Article struct {
	// ID names the input the article came from (the path as given, or a
	// URL, or "-" for standard input).
	ID     string `json:"id"`
	Format Format `json:"format"`
	// Text is the clean article text, paragraphs separated by one blank line.
	Text  string `json:"text"`
	Title string `json:"title"`
	// TitleDerived is true when the page declared no headline and Title
	// was taken from the text's first sentence.
	TitleDerived bool `json:"title_derived,omitempty"`
	// Authors are the bylines found in the page metadata.
	Authors []string `json:"authors"`
	// Published is the publication date, nil when unknown. When
	// PublishedHasTime is false it is a calendar day, held as midnight UTC
	// and written to JSON as "YYYY-MM-DD"; otherwise it carries the time of
	// day and the zone the page gave, written as RFC 3339.
	Published *time.Time `json:"published"`
	// PublishedHasTime says Published has a time of day (see Published).
	// It is carried in JSON by the form of "published".
	PublishedHasTime bool `json:"-"`
	// PageTime is the time shown by the page's own clock (a site header
	// clock line), which is when the page was rendered, not when the
	// article was published. Nil when the page has no clock.
	PageTime   *time.Time `json:"page_time"`
	Section    string     `json:"section"`
	Categories []string   `json:"categories"`
	Tags       []string   `json:"tags"`
	// Related are the headlines of related articles listed on the page.
	Related     []string `json:"related"`
	URL         string   `json:"url"`
	Site        string   `json:"site"`
	Description string   `json:"description,omitempty"`
	// Language is the ISO 639-1 code of the text's language, "" when unknown.
	Language string `json:"language"`
	// Charset is the character encoding the input was decoded from
	// ("utf-8", "windows-1251" …): the declared one, or the detected one
	// when the input declared none or declared one its bytes are not
	// in (see internal/input). "" when not read from bytes.
	Charset string `json:"charset,omitempty"`

	Paragraphs []Range `json:"paragraphs"`
	Sentences  []Range `json:"sentences"`
	// Tokens are the word and punctuation tokens of Text, in order.
	Tokens []Token `json:"-"`

	Entities []Entity `json:"entities,omitempty"`
	// EntitySummary lists each distinct entity once with its mention count.
	EntitySummary []EntityCount `json:"entity_summary,omitempty"`
	// References link pronouns and role nouns to the entity they refer to.
	References []Reference `json:"references,omitempty"`
	Quotes     []Quote     `json:"quotes,omitempty"`
	// Techniques are the fragments that use a persuasion technique
	// (internal/technique), in text order.
	Techniques []Technique `json:"techniques,omitempty"`
}

// Range is a half-open byte range [Start, End) of Article.Text, used for
// structural units (paragraphs, sentences) where repeating the text would
// only double the output.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the range's length in bytes.
func (r Range) Len() int { return r.End - r.Start }

// Contains reports whether r covers the byte offset off.
func (r Range) Contains(off int) bool { return off >= r.Start && off < r.End }

// Overlaps reports whether r and o share at least one byte.
func (r Range) Overlaps(o Range) bool { return r.Start < o.End && o.Start < r.End }

// Span is a half-open byte range of Article.Text together with the text it
// covers, so that a reader of the JSON needs nothing else to see it.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// NewSpan returns the span [start, end) of text. It panics if the range is
// out of bounds, which is always a programming error.
func NewSpan(text string, start, end int) Span {
	return Span{Start: start, End: end, Text: text[start:end]}
}

// Range drops the span's text.
func (s Span) Range() Range { return Range{Start: s.Start, End: s.End} }

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	TokenWord   TokenKind = iota // letters and digits, with inner hyphens, apostrophes and dots (U.S.)
	TokenNumber                  // numbers, with inner separators (1,000.5)
	TokenPunct                   // punctuation other than quotation marks
	TokenQuote                   // a quotation mark: " “ ” ‘ ’ « » „ and ' used as one
	TokenURL                     // a URL or e-mail address
	TokenSymbol                  // anything else: emoji, currency signs
)

// Token is one token of Article.Text.
type Token struct {
	Start int       `json:"start"`
	End   int       `json:"end"`
	Kind  TokenKind `json:"kind"`
}

// EntityType is the kind of a named entity.
type EntityType string

// Entity types.
const (
	Person       EntityType = "PERSON"
	Organization EntityType = "ORG"
	Place        EntityType = "PLACE"
	Misc         EntityType = "MISC"
)

// Gender of a person, from evidence in the text or from first-name statistics.
type Gender string

// Genders. Unknown is reported, not hidden, so statistics can show it.
const (
	Female        Gender = "female"
	Male          Gender = "male"
	GenderUnknown Gender = "unknown"
)

// Entity is one mention of a named entity.
type Entity struct {
	Span
	Type EntityType `json:"type"`
	// Name is the entity's canonical name within the article: the longest
	// full form, titles and roles stripped ("Vladimir Putin" for "Putin").
	Name string `json:"name"`
	// Gender is set for persons only.
	Gender Gender `json:"gender,omitempty"`
}

// EntityCount is one distinct entity of an article with its mention count.
type EntityCount struct {
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Gender   Gender     `json:"gender,omitempty"`
	Mentions int        `json:"mentions"`
}

// Reference links a pronoun or role noun ("he", "the spokeswoman") to the
// entity it refers to, by the entity's canonical name.
type Reference struct {
	Span
	Name string     `json:"name"`
	Type EntityType `json:"type"`
}

// QuoteKind says how a quotation is reported.
type QuoteKind string

// Quote kinds.
const (
	Direct   QuoteKind = "direct"   // "…," she said
	Indirect QuoteKind = "indirect" // She added that …
	Mixed    QuoteKind = "mixed"    // He said the plan was "dead on arrival"
)

// SpeakerKind says what kind of source a speaker is.
type SpeakerKind string

// Speaker kinds.
const (
	SpeakerPerson       SpeakerKind = "person"
	SpeakerOrganization SpeakerKind = "organization"
	SpeakerAnonymous    SpeakerKind = "anonymous" // "officials speaking on condition of anonymity"
	// SpeakerGovernment is a place that speaks for its government
	// ("Russia said", "the United States warned"). A nationality is
	// never a speaker of its own: "Russians" is an anonymous group.
	SpeakerGovernment SpeakerKind = "government"
	// SpeakerDescription is a definite description ("the researcher",
	// "the company") that no name in the article resolves: reported as
	// written, and never counted as a person or an organisation.
	SpeakerDescription SpeakerKind = "description"
	SpeakerUnknown     SpeakerKind = "unknown"
)

// Speaker is who a quote is attributed to.
type Speaker struct {
	// Name is the resolved name: a person's canonical name, an
	// organisation, or the anonymous group as written.
	Name string      `json:"name"`
	Kind SpeakerKind `json:"kind"`
	// Mention is the span that names the speaker for this quote (a name,
	// pronoun, role noun or apposition); nil when the speaker comes from
	// context (a floating quote).
	Mention *Span `json:"mention"`
}

// Quote is one quotation with its speaker.
type Quote struct {
	Kind    QuoteKind `json:"kind"`
	Content Span      `json:"content"`
	Speaker Speaker   `json:"speaker"`
	// Cue is the reporting verb or phrase ("said", "according to"), nil if none.
	Cue *Span `json:"cue"`
}

// Technique is one fragment of the text that uses a persuasion technique,
// one of the 14 of the Propaganda Techniques Corpus (SemEval-2020 Task
// 11): "Loaded_Language", "Name_Calling,Labeling", "Repetition" ….
type Technique struct {
	Span
	Technique string `json:"technique"`
	// Score is the model's confidence in the technique, 0..1.
	Score float64 `json:"score"`
	// InQuote says the fragment lies inside a quotation: the technique is
	// the speaker's, not the outlet's.
	InQuote bool `json:"in_quote"`
}
