package evaluate

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/article"
)

// ErrQuoteGold marks a malformed line of a quote gold file.
var ErrQuoteGold = errors.New("bad quote gold data")

// QuoteGoldDoc is one annotated document of a quote gold set (the common
// JSONL schema of shared/data/quotes), with offsets converted to bytes.
type QuoteGoldDoc struct {
	ID        string
	Annotator string
	Text      string
	Quotes    []GoldQuote
}

// GoldQuote is one gold quotation. Spans are byte ranges of the
// document's text.
type GoldQuote struct {
	Type     string // direct, indirect, mixed, unknown
	Contents []article.Range
	Sources  []article.Range
	Cues     []article.Range
	// SpeakerName is the resolved speaker (GGT only, "" otherwise).
	SpeakerName string
	// SourceText is the first source mention's text ("" when none).
	SourceText string
}

type goldSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type goldLine struct {
	ID        string `json:"id"`
	Annotator string `json:"annotator"`
	Text      string `json:"text"`
	Quotes    []struct {
		Type        string     `json:"type"`
		Contents    []goldSpan `json:"contents"`
		Sources     []goldSpan `json:"sources"`
		Cues        []goldSpan `json:"cues"`
		SpeakerName *string    `json:"speaker_name"`
	} `json:"quotes"`
}

// ReadQuoteGold reads a quote gold JSONL file. Offsets in the file are
// Unicode code points; they are converted to byte offsets. When a
// document has several annotators, only the lowest annotator id is kept.
func ReadQuoteGold(r io.Reader) ([]QuoteGoldDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []QuoteGoldDoc
	index := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldLine
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrQuoteGold, line, err)
		}
		off := runeOffsets(g.Text)
		conv := func(ss []goldSpan) ([]article.Range, error) {
			var out []article.Range
			for _, s := range ss {
				if s.Start < 0 || s.End < s.Start || s.End >= len(off) {
					return nil, fmt.Errorf("%w: line %d (%s): span [%d,%d) out of range", ErrQuoteGold, line, g.ID, s.Start, s.End)
				}
				out = append(out, article.Range{Start: off[s.Start], End: off[s.End]})
			}
			return out, nil
		}
		doc := QuoteGoldDoc{ID: g.ID, Annotator: g.Annotator, Text: g.Text}
		for _, q := range g.Quotes {
			gq := GoldQuote{Type: q.Type}
			var err error
			if gq.Contents, err = conv(q.Contents); err != nil {
				return nil, err
			}
			if gq.Sources, err = conv(q.Sources); err != nil {
				return nil, err
			}
			if gq.Cues, err = conv(q.Cues); err != nil {
				return nil, err
			}
			if q.SpeakerName != nil {
				gq.SpeakerName = *q.SpeakerName
			}
			if len(q.Sources) > 0 {
				gq.SourceText = q.Sources[0].Text
			}
			if len(gq.Contents) == 0 {
				continue
			}
			doc.Quotes = append(doc.Quotes, gq)
		}
		if k, ok := index[g.ID]; ok {
			if g.Annotator < docs[k].Annotator {
				docs[k] = doc
			}
			continue
		}
		index[g.ID] = len(docs)
		docs = append(docs, doc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuoteGold, err)
	}
	return docs, nil
}

// runeOffsets returns the byte offset of every code point of s, plus
// len(s) at the end.
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// QuotePRF is precision, recall and F1 with their counts.
type QuotePRF struct {
	Right, Predicted, Gold int
	P, R, F1               float64
}

func newQuotePRF(right, pred, gold int) QuotePRF {
	p := QuotePRF{Right: right, Predicted: pred, Gold: gold}
	if pred > 0 {
		p.P = float64(right) / float64(pred)
	}
	if gold > 0 {
		p.R = float64(right) / float64(gold)
	}
	if p.P+p.R > 0 {
		p.F1 = 2 * p.P * p.R / (p.P + p.R)
	}
	return p
}

// String formats the figures as "P 0.812 R 0.790 F1 0.801 (right/pred/gold)".
func (p QuotePRF) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (%d/%d/%d)", p.P, p.R, p.F1, p.Right, p.Predicted, p.Gold)
}

// QuoteScore is the who-said-what score of a set of documents.
type QuoteScore struct {
	// WhoSaidWhat needs a quote match and a right speaker name (GGT) or an
	// overlapping speaker mention (PolNeAR).
	WhoSaidWhat QuotePRF
	// Quote needs only the quote match.
	Quote QuotePRF
	// ByType breaks both down by quote kind: precision over predicted
	// pieces of that kind, recall over gold quotes of that type.
	ByType map[string]TypeScore
	// BySpeaker breaks recall down by the gold speaker's form: floating
	// (no mention in the sentence), pronoun, named, anonymous.
	BySpeaker map[string]RecallScore
	// MentionAccuracy is the share of matched quotes whose predicted
	// speaker mention overlaps a gold source span, over matched quotes
	// that have a gold source.
	MentionAccuracy Ratio
	// MentionByType is MentionAccuracy by gold quote type.
	MentionByType map[string]Ratio
	// NameAccuracy is the share of matched quotes with the right speaker
	// name (GGT only).
	NameAccuracy Ratio
	// Errors counts each gold quotation not scored right under one error
	// class (see ErrorClasses), and predicted pieces no gold took as
	// "spurious".
	Errors map[string]int
	Docs   int
}

// ErrorClasses are the classes of Errors, in the order they are
// assigned: a missed gold quotation by its type; a matched one with the
// wrong speaker by the gold speaker's form (floating, a description such
// as "the company") or by the predicted speaker (not a person: an
// organisation, place or unknown kind), else "wrong speaker".
var ErrorClasses = []string{
	"missed indirect", "missed mixed", "missed direct",
	"floating speaker", "description speaker", "non-person speaker",
	"wrong speaker", "spurious",
}

// TypeScore is a quote kind's quote and who-said-what figures.
type TypeScore struct {
	Quote, WhoSaidWhat QuotePRF
}

// RecallScore is recall over one group of gold quotes.
type RecallScore struct {
	Gold, Matched, Right int
}

// Ratio is a count over a total.
type Ratio struct{ N, Of int }

// Value is N/Of (0 when Of is 0).
func (r Ratio) Value() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.N) / float64(r.Of)
}

// QuoteCounts holds a document's raw counts; Add them and call Score.
type QuoteCounts struct {
	pred, gold, matched, right int
	predKind                   map[string]int
	goldType                   map[string][3]int // gold, matched, right
	predMatchKind              map[string][2]int // matched, right by predicted kind
	speaker                    map[string][3]int
	mention, mentionOf         int
	mentionType                map[string][2]int // by gold type: right, of
	name, nameOf               int
	errors                     map[string]int
	docs                       int
}

// NewQuoteCounts returns empty counts.
func NewQuoteCounts() *QuoteCounts {
	return &QuoteCounts{predKind: map[string]int{}, goldType: map[string][3]int{}, predMatchKind: map[string][2]int{}, speaker: map[string][3]int{}, mentionType: map[string][2]int{}, errors: map[string]int{}}
}

// piece is a predicted quotation split at a paragraph break.
type predPiece struct {
	r       article.Range
	name    string
	mention *article.Range
	kind    string
	skind   article.SpeakerKind
}

// splitPieces splits predicted contents at line breaks and trims spaces.
func splitPieces(text string, preds []article.Quote) []predPiece {
	var out []predPiece
	for _, q := range preds {
		s, e := q.Content.Start, q.Content.End
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		var m *article.Range
		if q.Speaker.Mention != nil {
			r := q.Speaker.Mention.Range()
			m = &r
		}
		for s < e {
			k := strings.IndexByte(text[s:e], '\n')
			pe := e
			if k >= 0 {
				pe = s + k
			}
			a, b := s, pe
			for a < b && unicode.IsSpace(rune(text[a])) {
				a++
			}
			for b > a && unicode.IsSpace(rune(text[b-1])) {
				b--
			}
			if a < b {
				out = append(out, predPiece{r: article.Range{Start: a, End: b}, name: q.Speaker.Name, mention: m, kind: string(q.Kind), skind: q.Speaker.Kind})
			}
			if k < 0 {
				break
			}
			s = pe + 1
		}
	}
	return out
}

// overlapChars counts the characters (code points) two range sets share.
func overlapChars(text string, a article.Range, bs []article.Range) int {
	n := 0
	for _, b := range bs {
		s, e := max(a.Start, b.Start), min(a.End, b.End)
		if s < e {
			n += utf8.RuneCountInString(text[s:e])
		}
	}
	return n
}

// speakerForm classifies a gold quotation by how its speaker is given.
func speakerForm(g GoldQuote) string {
	if len(g.Sources) == 0 {
		return "floating"
	}
	w := strings.ToLower(strings.TrimSpace(g.SourceText))
	switch w {
	case "he", "she", "they", "it", "i", "we", "his", "her", "their", "its", "him", "them":
		return "pronoun"
	}
	for _, f := range strings.Fields(g.SourceText) {
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsUpper(r) && !isDeterminer(strings.ToLower(f)) {
			return "named"
		}
	}
	return "anonymous"
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "some", "one", "many", "several", "other", "most", "these", "those", "two", "three", "this", "that":
		return true
	}
	return false
}

// AddDoc scores one document: gold quotes against predicted ones. With
// useNames the speaker condition is the resolved name (GGT); otherwise it
// is the mention overlap (PolNeAR).
func (c *QuoteCounts) AddDoc(text string, gold []GoldQuote, preds []article.Quote, useNames bool) {
	pieces := splitPieces(text, preds)
	c.docs++
	c.pred += len(pieces)
	c.gold += len(gold)
	for _, p := range pieces {
		c.predKind[p.kind]++
	}
	used := make([]bool, len(pieces))
	// greedy in gold order, each gold taking the unused piece that
	// overlaps it most (GGT's rule).
	for _, g := range gold {
		glen := 0
		for _, r := range g.Contents {
			glen += utf8.RuneCountInString(text[r.Start:r.End])
		}
		best, bo := -1, 0
		for k, p := range pieces {
			if used[k] {
				continue
			}
			if o := overlapChars(text, p.r, g.Contents); o > bo {
				best, bo = k, o
			}
		}
		typ := g.Type
		form := speakerForm(g)
		gt := c.goldType[typ]
		gt[0]++
		sf := c.speaker[form]
		sf[0]++
		if best >= 0 && glen > 0 && float64(bo)/float64(glen) > 0.3 {
			used[best] = true
			p := pieces[best]
			c.matched++
			gt[1]++
			sf[1]++
			pm := c.predMatchKind[p.kind]
			pm[0]++
			mentionOK := false
			if len(g.Sources) > 0 {
				c.mentionOf++
				if p.mention != nil {
					for _, s := range g.Sources {
						if p.mention.Overlaps(s) {
							mentionOK = true
						}
					}
				}
				mt := c.mentionType[typ]
				mt[1]++
				if mentionOK {
					c.mention++
					mt[0]++
				}
				c.mentionType[typ] = mt
			}
			var right bool
			if useNames {
				c.nameOf++
				right = SameSpeaker(p.name, g.SpeakerName)
				if right {
					c.name++
				}
			} else {
				right = mentionOK || len(g.Sources) == 0 && p.mention == nil
			}
			if right {
				c.right++
				gt[2]++
				sf[2]++
				pm[1]++
			} else {
				switch {
				case form == "floating":
					c.errors["floating speaker"]++
				case form == "anonymous" || p.skind == article.SpeakerDescription:
					c.errors["description speaker"]++
				case p.skind != article.SpeakerPerson && p.skind != article.SpeakerAnonymous:
					c.errors["non-person speaker"]++
				default:
					c.errors["wrong speaker"]++
				}
			}
			c.predMatchKind[p.kind] = pm
		} else {
			switch typ {
			case "indirect", "mixed", "direct":
				c.errors["missed "+typ]++
			default:
				c.errors["missed direct"]++
			}
		}
		c.goldType[typ] = gt
		c.speaker[form] = sf
	}
	for _, u := range used {
		if !u {
			c.errors["spurious"]++
		}
	}
}

// Score returns the totals.
func (c *QuoteCounts) Score() QuoteScore {
	s := QuoteScore{
		WhoSaidWhat:     newQuotePRF(c.right, c.pred, c.gold),
		Quote:           newQuotePRF(c.matched, c.pred, c.gold),
		ByType:          map[string]TypeScore{},
		BySpeaker:       map[string]RecallScore{},
		MentionAccuracy: Ratio{c.mention, c.mentionOf},
		MentionByType:   map[string]Ratio{},
		NameAccuracy:    Ratio{c.name, c.nameOf},
		Errors:          map[string]int{},
		Docs:            c.docs,
	}
	kinds := map[string]bool{}
	for k := range c.goldType {
		kinds[k] = true
	}
	for k := range c.predKind {
		kinds[k] = true
	}
	for k := range kinds {
		g := c.goldType[k]
		pm := c.predMatchKind[k]
		// precision: matched pieces of this predicted kind over predicted
		// pieces of this kind; recall: gold of this type matched.
		q := QuotePRF{Right: g[1], Predicted: c.predKind[k], Gold: g[0]}
		w := QuotePRF{Right: g[2], Predicted: c.predKind[k], Gold: g[0]}
		if c.predKind[k] > 0 {
			q.P = float64(pm[0]) / float64(c.predKind[k])
			w.P = float64(pm[1]) / float64(c.predKind[k])
		}
		if g[0] > 0 {
			q.R = float64(g[1]) / float64(g[0])
			w.R = float64(g[2]) / float64(g[0])
		}
		for _, x := range []*QuotePRF{&q, &w} {
			if x.P+x.R > 0 {
				x.F1 = 2 * x.P * x.R / (x.P + x.R)
			}
		}
		s.ByType[k] = TypeScore{Quote: q, WhoSaidWhat: w}
	}
	for k, v := range c.errors {
		s.Errors[k] = v
	}
	for k, v := range c.mentionType {
		s.MentionByType[k] = Ratio{v[0], v[1]}
	}
	for k, v := range c.speaker {
		s.BySpeaker[k] = RecallScore{Gold: v[0], Matched: v[1], Right: v[2]}
	}
	return s
}

// SortedQuoteKeys returns the keys of m sorted, for stable printing.
func SortedQuoteKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// honorifics dropped before comparing names.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true,
	"sir": true, "dame": true, "rev": true, "mx": true,
}

// nameWords folds case and diacritics and drops honorifics and
// punctuation: "Dr. José Núñez" → [jose nunez].
func nameWords(s string) []string {
	s = norm.NFD.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			b.WriteRune('\'')
		default:
			b.WriteRune(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		w = strings.TrimSuffix(w, "'s")
		w = strings.Trim(w, "'")
		if w == "" || honorifics[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// SameSpeaker reports whether a predicted speaker name matches a gold one:
// equal after folding case and diacritics and dropping honorifics, or one
// name's words a subset of the other's ("Lonechild" and "Darian
// Lonechild").
func SameSpeaker(pred, gold string) bool {
	p, g := nameWords(pred), nameWords(gold)
	if len(p) == 0 || len(g) == 0 {
		return false
	}
	return subset(p, g) || subset(g, p)
}

func subset(a, b []string) bool {
	for _, w := range a {
		found := false
		for _, v := range b {
			if v == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
