package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/english"
)

var datelineDate = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)

// isDateline reports whether a sentence is a Reuters dateline
// ("BRUSSELS 1996-08-22"): a place in capitals and an ISO date.
func isDateline(ws []string) bool {
	if len(ws) < 2 || len(ws) > 8 || !datelineDate.MatchString(ws[len(ws)-1]) {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if hasLetter(w) && !isAllCaps(w) {
			return false
		}
	}
	return true
}

// GuessDocumentStarts marks which sentences begin a new document in a
// CoNLL-2003 file whose -DOCSTART- lines were removed: a Reuters story is
// a headline, sometimes a byline, then a dateline ("BRUSSELS
// 1996-08-22"). The first sentence always starts a document.
func GuessDocumentStarts(sents [][]string) []bool {
	starts := make([]bool, len(sents))
	if len(sents) > 0 {
		starts[0] = true
	}
	last := 0
	for i, s := range sents {
		if !isDateline(s) {
			continue
		}
		st := i - 1
		if st-1 > last && len(sents[st]) <= 4 && !prepareSentence(sents[st]).allCaps && !isDateline(sents[st-1]) {
			st-- // byline between headline and dateline
		}
		if st > last {
			starts[st] = true
			last = st
		}
	}
	return starts
}

// iobColumn returns the index of the first column, after the token column,
// whose values are all O or B-/I- tags of PER, ORG, LOC or MISC, or -1.
func iobColumn(f *CoNLLFile, tokenCol int) int {
	ncol := -1
	for _, s := range f.Sentences {
		for _, fs := range s.Fields {
			if ncol < 0 || len(fs) < ncol {
				ncol = len(fs)
			}
		}
	}
	for c := 0; c < ncol; c++ {
		if c == tokenCol {
			continue
		}
		ok := true
		for _, s := range f.Sentences {
			for _, fs := range s.Fields {
				if !isEntityTag(fs[c]) {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if ok {
			return c
		}
	}
	return -1
}

func isEntityTag(t string) bool {
	if t == "O" {
		return true
	}
	if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
		return false
	}
	switch t[2:] {
	case "PER", "ORG", "LOC", "MISC":
		return true
	}
	return false
}

// GoldColumn returns the column of f that holds gold entity tags: the first
// column after the token column whose values are all IOB tags of PER, ORG,
// LOC or MISC. It returns -1 when there is none.
func GoldColumn(f *CoNLLFile, tokenCol int) int { return iobColumn(f, tokenCol) }

// TokenColumn guesses the token column of f: 1 when the first column
// numbers the tokens (CoNLL-U, UNER), else 0.
func TokenColumn(f *CoNLLFile) int {
	numbered := len(f.Sentences) > 0
	for _, s := range f.Sentences {
		if len(s.Fields) == 0 || len(s.Fields[0]) < 2 || s.Fields[0][0] != "1" {
			numbered = false
			break
		}
	}
	if numbered {
		return 1
	}
	return 0
}

// Documents groups the sentences of f into documents, at -DOCSTART- lines
// and "# newdoc" comments, or, when f has none, at guessed Reuters
// story starts (GuessDocumentStarts). It returns the index of each
// document's first sentence.
func Documents(f *CoNLLFile, words [][]string) []int {
	var starts []int
	for i, s := range f.Sentences {
		if s.DocStart || i == 0 {
			starts = append(starts, i)
		}
	}
	if len(starts) > 1 {
		return starts
	}
	starts = starts[:0]
	for i, b := range GuessDocumentStarts(words) {
		if b {
			starts = append(starts, i)
		}
	}
	return starts
}

// ReadCoNLLTraining reads a CoNLL-2003-style file with gold tags into
// training documents.
func ReadCoNLLTraining(r io.Reader) ([]TrainDoc, error) {
	f, err := ReadCoNLL(r)
	if err != nil {
		return nil, err
	}
	tc := TokenColumn(f)
	gc := GoldColumn(f, tc)
	if gc < 0 {
		return nil, fmt.Errorf("%w: no entity tag column", ErrNoTrainingData)
	}
	words := make([][]string, len(f.Sentences))
	for i, s := range f.Sentences {
		words[i] = s.Column(tc)
	}
	starts := Documents(f, words)
	var docs []TrainDoc
	for k, st := range starts {
		end := len(f.Sentences)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		var d TrainDoc
		for i := st; i < end; i++ {
			d.Sents = append(d.Sents, words[i])
			tags := f.Sentences[i].Column(gc)
			al := make([]uint16, len(tags))
			for j, t := range tags {
				id, _ := tagIndex(t)
				al[j] = 1 << id
			}
			d.Allowed = append(d.Allowed, al)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ReadFirstNames reads the SSA name counts (ssa-us-names-*.tsv: name,
// female and male births 1880–, then 1940–) and keeps names given to at
// least minBirths children since 1940, banded by frequency.
func ReadFirstNames(r io.Reader, minBirths int) (map[string]uint8, error) {
	out := map[string]uint8{}
	sc := bufio.NewScanner(r)
	first := true
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if first {
			first = false
			if len(fs) > 0 && fs[0] == "name" {
				continue
			}
		}
		if len(fs) < 5 {
			continue
		}
		f, _ := strconv.Atoi(fs[3])
		m, _ := strconv.Atoi(fs[4])
		n := f + m
		if n < minBirths {
			continue
		}
		b := uint8(1)
		switch {
		case n >= 200000:
			b = 3
		case n >= 20000:
			b = 2
		}
		out[strings.ToLower(fs[0])] = b
	}
	return out, sc.Err()
}

// gumToken is one token line of a GUM CoNLL-U file.
type gumToken struct {
	form, upos, xpos, misc string
}

// ReadGUMDir reads the GUM CoNLL-U files of dir (GUM_*.conllu, in name
// order) as training documents with flat PER/ORG/LOC entities, following
// the data README: a person, organization or place mention that has a
// Wikipedia identity or proper-noun tokens; its name is the run of
// proper nouns from the first proper noun of the mention. Capitalised
// proper nouns and adjectives outside those names may be MISC or O (GUM
// does not annotate MISC), other tokens are O. It also returns the linked
// Wikipedia identities as gazetteer entries of those documents.
func ReadGUMDir(dir string, firstDoc int) ([]TrainDoc, []GazEntry, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(files)
	var docs []TrainDoc
	var gaz []GazEntry
	for _, fn := range files {
		f, err := os.Open(fn)
		if err != nil {
			return nil, nil, err
		}
		d, g, err := readGUM(f, firstDoc+len(docs))
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", fn, err)
		}
		docs = append(docs, d)
		gaz = append(gaz, g...)
	}
	return docs, gaz, nil
}

func readGUM(r io.Reader, docIndex int) (TrainDoc, []GazEntry, error) {
	var doc TrainDoc
	var gaz []GazEntry
	var sent []gumToken
	type mention struct {
		start, end int
		typ        int
		identity   string
	}
	flush := func() {
		if len(sent) == 0 {
			return
		}
		// Parse the entity brackets.
		open := map[string][]mention{} // id → stack
		var ms []mention
		for i, t := range sent {
			ent := ""
			for _, kv := range strings.Split(t.misc, "|") {
				if strings.HasPrefix(kv, "Entity=") {
					ent = kv[len("Entity="):]
				}
			}
			for j := 0; j < len(ent); {
				switch {
				case ent[j] == '(':
					k := j + 1
					for k < len(ent) && ent[k] != '(' && ent[k] != ')' {
						k++
					}
					fields := strings.Split(ent[j+1:k], "-")
					m := mention{start: i, end: -1, typ: -1}
					if len(fields) >= 2 {
						switch fields[1] {
						case "person":
							m.typ = 0
						case "organization":
							m.typ = 1
						case "place":
							m.typ = 2
						}
					}
					if len(fields) >= 8 {
						m.identity = strings.Join(fields[7:], "-")
					}
					if k < len(ent) && ent[k] == ')' {
						m.end = i + 1
						ms = append(ms, m)
						k++
					} else {
						open[fields[0]] = append(open[fields[0]], m)
					}
					j = k
				case ent[j] >= '0' && ent[j] <= '9':
					k := j
					for k < len(ent) && ent[k] != ')' && ent[k] != '(' {
						k++
					}
					id := ent[j:k]
					if st := open[id]; len(st) > 0 {
						m := st[len(st)-1]
						open[id] = st[:len(st)-1]
						m.end = i + 1
						ms = append(ms, m)
					}
					if k < len(ent) && ent[k] == ')' {
						k++
					}
					j = k
				default:
					j++
				}
			}
		}
		proper := func(t gumToken) bool {
			return t.upos == "PROPN" || t.xpos == "NNP" || t.xpos == "NNPS"
		}
		// Longest mentions first, so that "University of Portsmouth"
		// wins over the "Portsmouth" inside it.
		slices.SortStableFunc(ms, func(a, b mention) int { return (b.end - b.start) - (a.end - a.start) })
		tags := make([]int, len(sent))
		taken := make([]bool, len(sent))
		for _, m := range ms {
			if m.typ < 0 {
				continue
			}
			s := -1
			for i := m.start; i < m.end; i++ {
				if proper(sent[i]) && isCapitalized(sent[i].form) {
					s = i
					break
				}
			}
			if s < 0 {
				continue
			}
			e := s + 1
			for e < m.end {
				switch {
				case proper(sent[e]):
					e++
					continue
				case e+1 < m.end && proper(sent[e+1]) && (sent[e].form == "of" || sent[e].form == "-" || sent[e].form == "&" || sent[e].form == "de" || sent[e].form == "the"):
					e += 2
					continue
				}
				break
			}
			if m.typ == 0 {
				// CoNLL leaves titles out of person names.
				for s+1 < e && english.PersonTitles().Has(strings.TrimSuffix(sent[s].form, ".")) {
					s++
				}
			}
			clash := false
			for i := s; i < e; i++ {
				clash = clash || taken[i]
			}
			if clash {
				continue
			}
			for i := s; i < e; i++ {
				taken[i] = true
				tags[i] = tagBPER + 2*m.typ
				if i > s {
					tags[i]++
				}
			}
			if m.identity != "" {
				id := m.identity
				if p := strings.Index(id, "_("); p > 0 {
					id = id[:p]
				}
				gaz = append(gaz, GazEntry{Phrase: strings.ReplaceAll(id, "_", " "), Type: m.typ, Doc: docIndex})
			}
		}
		words := make([]string, len(sent))
		al := make([]uint16, len(sent))
		for i, t := range sent {
			words[i] = t.form
			switch {
			case taken[i]:
				al[i] = 1 << tags[i]
			case isCapitalized(t.form) && (proper(t) || t.upos == "ADJ"):
				al[i] = 1<<tagO | 1<<tagBMISC | 1<<tagIMISC
			default:
				al[i] = 1 << tagO
			}
		}
		doc.Sents = append(doc.Sents, words)
		doc.Allowed = append(doc.Allowed, al)
		sent = sent[:0]
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLineBytes)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 10 || strings.ContainsAny(fs[0], "-.") {
			continue
		}
		sent = append(sent, gumToken{form: fs[1], upos: fs[3], xpos: fs[4], misc: fs[9]})
	}
	flush()
	return doc, gaz, sc.Err()
}
