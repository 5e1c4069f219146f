package ner

import (
	"slices"
	"strings"
	"testing"
)

// referenceTags decodes the way training scores sentences: every feature
// of every token extracted afresh for each stage and looked up in that
// stage's rows alone, summed in extraction order.
func referenceTags(tg *Tagger, sentences [][]string) [][]int {
	d := prepareDocument(sentences, &tg.m.res, tg.m.res.lookupGaz, nil)
	pred := make([][]int, len(d.sents))
	var dec decoder
	for s, st := range tg.m.stages {
		if s > 0 {
			d.hist = history(d, pred)
		}
		rows := map[uint64][]float32{}
		for r, h := range st.hashes {
			rows[h] = st.w[r*numTags : (r+1)*numTags]
		}
		for si := range d.sents {
			n := len(d.sents[si].toks)
			em := make([]float32, n*numTags)
			for i := 0; i < n; i++ {
				for _, f := range extract(d, si, i, nil) {
					for k, v := range rows[f] {
						em[i*numTags+k] += v
					}
				}
			}
			pred[si] = dec.viterbi(em, n, &st.trans, nil)
		}
	}
	d.repair(pred)
	return pred
}

// TestTagIDsEqualsReference checks that summing the local features by
// groups once for both stages, the one-probe row index and the word cache
// give the tags of the plain computation, on a cold and on a warm word
// cache, and on a headline in capitals (the word sums depend on it).
func TestTagIDsEqualsReference(t *testing.T) {
	tg := loadEmbedded(t)
	docs := [][]string{
		{
			"German Chancellor Angela Merkel told reporters in Berlin that the European Union would wait .",
			"Merkel , who met Emmanuel Macron in Paris last week , said the talks were useful .",
			"SOCCER - BRAZIL BEAT ARGENTINA IN SAO PAULO",
			"Brazil beat Argentina 2-1 in Sao Paulo on Sunday , Reuters reported .",
		},
		{
			"Shares of Acme Widgets Inc rose 4.5 percent in New York after Acme beat forecasts .",
			"\" We are pleased , \" said Maria Lopez of the United Nations in Geneva .",
			"Lopez said Acme would expand in Brazil .",
		},
	}
	for round := 0; round < 2; round++ {
		for _, lines := range docs {
			var sents [][]string
			for _, l := range lines {
				sents = append(sents, strings.Fields(l))
			}
			got := tg.tagIDs(sents)
			want := referenceTags(tg, sents)
			for si := range want {
				if !slices.Equal(got[si], want[si]) {
					t.Errorf("round %d, %q:\n got %v\nwant %v", round, lines[si], got[si], want[si])
				}
			}
		}
	}
}
