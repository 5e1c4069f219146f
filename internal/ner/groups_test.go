package ner

import (
	"slices"
	"strings"
	"testing"
)

// TestGroupsAreLocalFeatures checks that the tagger's feature groups give,
// for every token, the features extractLocal gives, no more and no fewer,
// at sentence edges too.
func TestGroupsAreLocalFeatures(t *testing.T) {
	r := &resources{
		firstNames: map[string]uint8{"angela": 2, "maria": 1},
		clusters:   map[string][3]uint16{"Merkel": {1, 2, 3}, "said": {4, 5, 6}, "<s>": {7, 8, 9}},
		capRatio:   map[string]uint8{"berlin": 4, "the": 0},
		gaz:        map[string]uint8{"Angela Merkel": 1, "Berlin": 4},
		gazMaxLen:  2,
	}
	lines := []string{
		"Angela Merkel said in Berlin that the talks were useful .",
		"GERMANY - MERKEL WINS",
		"\" We are pleased , \" said Maria Lopez .",
		"Merkel",
	}
	var sents [][]string
	for _, l := range lines {
		sents = append(sents, strings.Fields(l))
	}
	d := prepareDocument(sents, r, r.lookupGaz, nil)
	bound := [2]token{boundaryToken(true, r), boundaryToken(false, r)}
	for si, s := range d.sents {
		for i := range s.toks {
			want := extractLocal(d, si, i, nil)
			got := selfFeatures(&s.toks[i], s.allCaps, s.toks[i].initial, nil)
			for _, k := range neighbourOffsets {
				n := &bound[0]
				switch j := i + k; {
				case j >= len(s.toks):
					n = &bound[1]
				case j >= 0:
					n = &s.toks[j]
				}
				got = neighbourFeatures(n, k, got)
			}
			got = pairFeatures(d, si, i, got)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%q token %d: %d grouped features, %d local ones", lines[si], i, len(got), len(want))
			}
		}
	}
}
