package evaluate

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
)

// ErrCorefFormat is returned for a GUM CoNLL-U file whose entity brackets
// do not pair up.
var ErrCorefFormat = errors.New("malformed GUM entity annotation")

// CorefDoc is one GUM document rebuilt as plain text, with its entity
// mentions as byte spans of that text.
type CorefDoc struct {
	ID       string
	Genre    string // the file's genre: news, interview, bio …
	Text     string
	Mentions []CorefMention
}

// CorefMention is one GUM entity mention: a byte span of the document's
// text, its coreference chain and entity type, and whether it is a name
// (a proper noun heads it or it links to Wikipedia).
type CorefMention struct {
	Start, End int
	Chain      string
	EType      string // person, organization, place, …
	Named      bool
}

// ReadGUMCoref reads one GUM CoNLL-U document (the dep/ files of the GUM
// release): the tokens joined as the source wrote them (SpaceAfter=No
// honoured), a blank line between paragraphs ("# newpar"), and the
// Entity= brackets of the MISC column as mentions.
func ReadGUMCoref(r io.Reader) (CorefDoc, error) {
	var d CorefDoc
	var b strings.Builder
	type open struct {
		chain, etype string
		start        int
		identity     bool
		propn        bool
	}
	var stack []open
	space := false // a space is owed before the next token
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.HasPrefix(l, "# newdoc id = ") {
			d.ID = strings.TrimPrefix(l, "# newdoc id = ")
			continue
		}
		if strings.HasPrefix(l, "# meta::genre = ") {
			d.Genre = strings.TrimPrefix(l, "# meta::genre = ")
			continue
		}
		if l == "# newpar" || strings.HasPrefix(l, "# newpar ") {
			if b.Len() > 0 {
				b.WriteString("\n\n")
				space = false
			}
			continue
		}
		if l == "" || l[0] == '#' {
			continue
		}
		fs := strings.Split(l, "\t")
		if len(fs) != 10 || strings.ContainsAny(fs[0], "-.") {
			continue // multiword ranges and empty nodes
		}
		if space {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(fs[1])
		end := b.Len()
		space = true
		misc := fs[9]
		for _, kv := range strings.Split(misc, "|") {
			if kv == "SpaceAfter=No" {
				space = false
			}
			ent, ok := strings.CutPrefix(kv, "Entity=")
			if !ok {
				continue
			}
			// "(3-person-…-Name(4-place…)" "5)" "(6-…)": opens, then closes
			for len(ent) > 0 {
				switch ent[0] {
				case '(':
					k := 1
					for k < len(ent) && ent[k] != '(' && ent[k] != ')' {
						k++
					}
					fields := strings.Split(ent[1:k], "-")
					o := open{chain: fields[0], start: start, propn: fs[3] == "PROPN"}
					if len(fields) > 1 {
						o.etype = fields[1]
					}
					if len(fields) > 7 && fields[7] != "" {
						o.identity = true
					}
					stack = append(stack, o)
					ent = ent[k:]
					if len(ent) > 0 && ent[0] == ')' { // a one-token mention
						ent = ent[1:]
						o := stack[len(stack)-1]
						stack = stack[:len(stack)-1]
						d.Mentions = append(d.Mentions, CorefMention{Start: o.start, End: end, Chain: o.chain, EType: o.etype, Named: o.identity || o.propn})
					}
				case ')':
					ent = ent[1:]
				default:
					k := 0
					for k < len(ent) && ent[k] != '(' && ent[k] != ')' {
						k++
					}
					id := ent[:k]
					if k == len(ent) || ent[k] != ')' {
						return d, fmt.Errorf("%w: line %d: %q", ErrCorefFormat, line, kv)
					}
					ent = ent[k+1:]
					// close the innermost open mention of chain id
					j := len(stack) - 1
					for j >= 0 && stack[j].chain != id {
						j--
					}
					if j < 0 {
						return d, fmt.Errorf("%w: line %d: %s closes nothing", ErrCorefFormat, line, id)
					}
					o := stack[j]
					stack = append(stack[:j], stack[j+1:]...)
					d.Mentions = append(d.Mentions, CorefMention{Start: o.start, End: end, Chain: o.chain, EType: o.etype, Named: o.identity || o.propn})
				}
			}
		}
		// a proper noun anywhere in an open mention makes it a name
		if fs[3] == "PROPN" {
			for j := range stack {
				stack[j].propn = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return d, err
	}
	if len(stack) > 0 {
		return d, fmt.Errorf("%w: %d mentions left open", ErrCorefFormat, len(stack))
	}
	d.Text = b.String()
	sort.SliceStable(d.Mentions, func(i, j int) bool {
		if d.Mentions[i].Start != d.Mentions[j].Start {
			return d.Mentions[i].Start < d.Mentions[j].Start
		}
		return d.Mentions[i].End > d.Mentions[j].End
	})
	return d, nil
}

// CorefClass is the kind of a referring expression: the classes the
// coreference score is broken down by.
type CorefClass string

// The classes of referring expressions scored.
const (
	CorefPronoun     CorefClass = "he/she"
	CorefIt          CorefClass = "it"
	CorefDescription CorefClass = "description"
)

// corefClassOf returns the class of the mention text s, or "" for a text
// the scorer does not judge (a name, an indefinite phrase, "they").
func corefClassOf(s string) CorefClass {
	w := strings.ToLower(s)
	switch w {
	case "he", "him", "his", "himself", "she", "her", "hers", "herself":
		return CorefPronoun
	case "it", "its":
		return CorefIt
	}
	if strings.HasPrefix(w, "the ") {
		return CorefDescription
	}
	return ""
}

// CorefScore counts one class's references: precision over the
// references made, recall over the gold mentions.
type CorefScore struct {
	Predicted, RightPredicted int
	Gold, RightGold           int
}

// P is the share of references linked to the right entity.
func (s CorefScore) P() float64 { return Ratio{s.RightPredicted, s.Predicted}.Value() }

// R is the share of gold mentions linked to the right entity.
func (s CorefScore) R() float64 { return Ratio{s.RightGold, s.Gold}.Value() }

// F1 is the harmonic mean of P and R.
func (s CorefScore) F1() float64 {
	if p, r := s.P(), s.R(); p+r > 0 {
		return 2 * p * r / (p + r)
	}
	return 0
}

// CorefCounts accumulates the coreference score over documents.
type CorefCounts struct {
	Docs    int
	ByClass map[CorefClass]*CorefScore
}

// NewCorefCounts returns empty counts.
func NewCorefCounts() *CorefCounts { return &CorefCounts{ByClass: map[CorefClass]*CorefScore{}} }

func (c *CorefCounts) class(k CorefClass) *CorefScore {
	p := c.ByClass[k]
	if p == nil {
		p = &CorefScore{}
		c.ByClass[k] = p
	}
	return p
}

// AddDoc scores one document's references (pronouns and descriptions
// linked to an entity name) against its GUM chains and returns what it
// scored wrong.
//
// Gold: every third-person singular pronoun, and every definite
// description ("the …", not a name) of a person, organisation or place, whose chain
// has a name before it that the entity stage found (an entity of ents
// overlaps one of the chain's mentions): it should be linked to that
// entity. A reference is right when a gold mention starting where it
// starts belongs to a chain one of whose mentions overlaps an entity of
// ents with the reference's name.
func (c *CorefCounts) AddDoc(d CorefDoc, refs []article.Reference, ents []article.Entity) []CorefMiss {
	c.Docs++
	// the entity names each chain's mentions carry
	chainNames := map[string]map[string]bool{}
	for _, m := range d.Mentions {
		for _, e := range ents {
			if e.Start < m.End && m.Start < e.End {
				if chainNames[m.Chain] == nil {
					chainNames[m.Chain] = map[string]bool{}
				}
				chainNames[m.Chain][e.Name] = true
			}
		}
	}
	firstName := map[string]int{} // the first named mention of each chain
	byStart := map[int][]CorefMention{}
	for _, m := range d.Mentions {
		if _, ok := firstName[m.Chain]; !ok && m.Named {
			firstName[m.Chain] = m.Start
		}
		byStart[m.Start] = append(byStart[m.Start], m)
	}
	var misses []CorefMiss
	linked := map[int]bool{} // starts of references made
	right := map[int]bool{}  // starts of references right
	for _, r := range refs {
		k := corefClassOf(r.Text)
		if k == "" {
			continue
		}
		p := c.class(k)
		p.Predicted++
		linked[r.Start] = true
		ok := false
		for _, m := range byStart[r.Start] {
			ok = ok || chainNames[m.Chain][r.Name]
		}
		if ok {
			p.RightPredicted++
			right[r.Start] = true
		} else {
			misses = append(misses, CorefMiss{Text: r.Text, Start: r.Start, Predicted: r.Name})
		}
	}
	seen := map[int]bool{}
	for _, m := range d.Mentions {
		k := corefClassOf(d.Text[m.Start:m.End])
		if k == "" || seen[m.Start] {
			continue
		}
		if k == CorefDescription && (m.Named || m.EType != "person" && m.EType != "organization" && m.EType != "place") {
			continue
		}
		fn, ok := firstName[m.Chain]
		if !ok || fn >= m.Start || len(chainNames[m.Chain]) == 0 {
			continue
		}
		seen[m.Start] = true
		p := c.class(k)
		p.Gold++
		if right[m.Start] {
			p.RightGold++
		} else if !linked[m.Start] {
			misses = append(misses, CorefMiss{Text: d.Text[m.Start:m.End], Start: m.Start})
		}
	}
	return misses
}

// CorefMiss is a reference scored wrong or a gold mention left unlinked
// (Predicted empty).
type CorefMiss struct {
	Text      string
	Start     int
	Predicted string
}

// String formats a miss for a verbose listing.
func (m CorefMiss) String() string {
	if m.Predicted == "" {
		return "MISS " + strconv.Itoa(m.Start) + " " + m.Text
	}
	return "WRONG " + strconv.Itoa(m.Start) + " " + m.Text + " → " + m.Predicted
}
