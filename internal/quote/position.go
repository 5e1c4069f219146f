package quote

// Where a candidate speaker stands: its gender, whether it opens a clause
// or follows a preposition, and whether two names share a word. The
// ranker's features read these; the antecedents themselves are
// internal/entity's references.

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/english"
)

// genderOf returns the gender the entity stage gave a person's name.
func (d *speakerResolver) genderOf(name string) article.Gender {
	for _, c := range d.a.EntitySummary {
		if c.Name == name {
			return c.Gender
		}
	}
	return article.GenderUnknown
}

// subjectPosition reports whether the mention at byte off opens a sentence
// or a clause after a comma: where a new subject, and so the referent of
// a following pronoun, stands.
func (d *speakerResolver) subjectPosition(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	if i == 0 {
		return true
	}
	if d.paraStart(off) {
		return true
	}
	j := i - 1
	// titles and role words before the name: "Mayor Jane Doe", "analyst Jane Doe"
	for j >= 0 && i-j <= 5 && d.toks[j].kind == tWord && (d.toks[j].cap || english.NameTitles().Has(d.toks[j].lower) || english.GroupNouns().Has(d.toks[j].lower)) {
		j--
	}
	if j < 0 {
		return true
	}
	t := d.toks[j]
	if t.kind == tPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == ',' || t.r == ';' || t.r == ':' || t.r == '—') {
		return true
	}
	if d.paraStart(d.toks[j+1].s) {
		return true
	}
	return t.kind == tQuote
}

// afterPreposition reports whether the word before byte off makes the
// name an object ("told Smith", "with Smith").
func (d *speakerResolver) afterPreposition(off int) bool {
	i := d.tokAt(0, len(d.toks), off)
	if i == 0 {
		return false
	}
	switch d.toks[i-1].lower {
	case "to", "with", "by", "from", "for", "told", "of", "against", "and", "about", "at":
		return true
	}
	return false
}

// sameName reports whether two names share a word (a surname).
func sameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	for w := range strings.FieldsSeq(b) {
		for v := range strings.FieldsSeq(a) {
			if strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}
