package entity

//go:generate go run gen_names.go

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/article"
)

// namesGz is the first-name table made by gen_names.go from the SSA
// baby-name counts, 1940–2024: "name<TAB>female<TAB>male" per line.
//
//go:embed names.tsv.gz
var namesGz []byte

// births are the female and male births recorded for one first name.
type births struct{ f, m uint32 }

// NameTable answers the gender usually given to a first name, from US
// Social Security Administration birth counts 1940–2024. It is read-only
// once built and safe for concurrent use.
type NameTable struct {
	counts    map[string]births
	minBirths int
	threshold float64
}

// NewNameTable parses the embedded name table. minBirths and threshold
// are Options.MinNameBirths and Options.GenderThreshold (zero for the
// defaults).
func NewNameTable(minBirths int, threshold float64) (*NameTable, error) {
	o := Options{MinNameBirths: minBirths, GenderThreshold: threshold}
	o.applyDefaults()
	zr, err := gzip.NewReader(bytes.NewReader(namesGz))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNameTable, err)
	}
	t := &NameTable{counts: make(map[string]births, 50000), minBirths: o.MinNameBirths, threshold: o.GenderThreshold}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		name, rest, ok1 := strings.Cut(line, "\t")
		fs, ms, ok2 := strings.Cut(rest, "\t")
		f, err1 := strconv.ParseUint(fs, 10, 32)
		m, err2 := strconv.ParseUint(ms, 10, 32)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%w: bad line %q", ErrNameTable, line)
		}
		t.counts[name] = births{uint32(f), uint32(m)}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNameTable, err)
	}
	return t, nil
}

// Len is the number of names in the table.
func (t *NameTable) Len() int { return len(t.counts) }

// Gender returns the gender of a first name: female when at least
// threshold of the births with that name were girls, male when at most
// 1-threshold were, unknown when the name is rarer than minBirths or
// ambiguous. Case is ignored; a hyphenated name ("Jean-Pierre") that is
// not in the table is judged by its first part.
func (t *NameTable) Gender(first string) article.Gender {
	if t == nil {
		return article.GenderUnknown
	}
	return t.genderAt(first, t.threshold)
}

func (t *NameTable) genderAt(first string, threshold float64) article.Gender {
	k := strings.ToLower(strings.TrimFunc(first, func(r rune) bool { return !unicode.IsLetter(r) }))
	b, ok := t.counts[k]
	if !ok {
		if i := strings.IndexByte(k, '-'); i > 0 {
			b, ok = t.counts[k[:i]]
		}
	}
	total := float64(b.f) + float64(b.m)
	if !ok || total < float64(t.minBirths) {
		return article.GenderUnknown
	}
	switch p := float64(b.f) / total; {
	case p >= threshold:
		return article.Female
	case p <= 1-threshold:
		return article.Male
	}
	return article.GenderUnknown
}

// strictGender is Gender at a threshold of at least strictThreshold: the
// name evidence strong enough to forbid a pronoun of the other gender.
func (t *NameTable) strictGender(first string) article.Gender {
	if t == nil {
		return article.GenderUnknown
	}
	return t.genderAt(first, max(t.threshold, strictThreshold))
}

// strictThreshold is the share of births of one sex above which a first
// name rules out pronouns of the other gender during resolution. Names
// under it but over Options.GenderThreshold (Jean 0.92, Kennedy 0.93) still
// get their table gender unless pronouns say otherwise.
const strictThreshold = 0.97

// Known reports whether the table holds name with at least the minimum
// number of births.
func (t *NameTable) Known(name string) bool {
	if t == nil {
		return false
	}
	b, ok := t.counts[strings.ToLower(name)]
	return ok && int(b.f)+int(b.m) >= t.minBirths
}

// Births returns the births recorded for a first name (case ignored), 0
// when the table does not hold it.
func (t *NameTable) Births(name string) int {
	if t == nil {
		return 0
	}
	b := t.counts[strings.ToLower(name)]
	return int(b.f) + int(b.m)
}

// firstName returns the word of a person's name the name table should
// judge: the first word that is not an initial ("J."), a particle or a
// single letter. It is "" when there is none (a surname alone).
func firstName(words []string) string {
	if len(words) < 2 {
		return ""
	}
	w := words[0]
	if strings.HasSuffix(w, ".") || len([]rune(w)) < 2 {
		return ""
	}
	return w
}
