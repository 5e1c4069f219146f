package ner

// The tagger sums a token's local features (those of extractLocal) in
// groups whose sums a word can keep (wordInfo): what the word gives
// itself (selfFeatures: the word, its shapes, affixes, clusters and
// resource bands, with the sentence's capitals flag and whether the word
// opens the sentence), what a word gives the tokens one and two places
// before and after it (neighbourFeatures), and the rest, which read two
// words or the document (pairFeatures). Together they are extractLocal's
// features in another order (TestGroupsAreLocalFeatures): training sums
// them in extractLocal's order, so a token's scores here may differ from
// that order's in the last bits of a float, no more.

// neighbourOffsets are where a neighbour may stand relative to a token,
// in the order of the slots of wordInfo.nb.
var neighbourOffsets = [4]int{-2, -1, 1, 2}

// selfFeatures appends the features that depend only on the word, its
// sentence's capitals flag and whether it is the sentence's initial word.
func selfFeatures(t *token, allCaps, initial bool, out []uint64) []uint64 {
	out = wordFeatures(t, allCaps, out)
	caps := capsByte(allCaps)
	init := initByte(initial)
	capb := capByte(t.cap)
	out = append(out, uint64(hstart(fInitCap).b(init).b(capb).b(caps)))
	if b := t.fn; b > 0 && t.cap {
		out = append(out, uint64(hstart(fFirstName).b(b)))
	}
	if t.hasCl {
		c := t.cl
		for g, id := range c {
			out = append(out, uint64(hstart(fCluster).b(byte(g)).b(byte(id)).b(byte(id>>8))))
		}
		out = append(out, uint64(hstart(fClusterShape).b(byte(c[1])).b(byte(c[1]>>8)).b(init).b(caps)))
	} else {
		out = append(out, uint64(hstart(fNoCluster).str(t.short).b(init)))
	}
	if t.hasCR {
		out = append(out, uint64(hstart(fCapRatio).b(t.cr).b(init).b(capb)))
	}
	return out
}

// neighbourFeatures appends the features that the token n gives a token
// when n stands k places from it (k is one of neighbourOffsets: -1 is the
// token before); beyond the sentence n is a boundaryToken.
func neighbourFeatures(n *token, k int, out []uint64) []uint64 {
	switch k {
	case -1:
		out = append(out,
			uint64(hstart(fWordM1).str(n.w)),
			uint64(hstart(fLowerM1).str(n.lower)),
			uint64(hstart(fShortM1).str(n.short)))
		if n.hasCl {
			out = append(out, uint64(hstart(fClusterM1).b(byte(n.cl[1])).b(byte(n.cl[1]>>8))))
		}
	case 1:
		out = append(out,
			uint64(hstart(fWordP1).str(n.w)),
			uint64(hstart(fLowerP1).str(n.lower)),
			uint64(hstart(fShortP1).str(n.short)))
		if n.hasCl {
			out = append(out, uint64(hstart(fClusterP1).b(byte(n.cl[1])).b(byte(n.cl[1]>>8))))
		}
	case -2:
		out = append(out,
			uint64(hstart(fLowerM2).str(n.lower)),
			uint64(hstart(fShortM2).str(n.short)))
	case 2:
		out = append(out,
			uint64(hstart(fLowerP2).str(n.lower)),
			uint64(hstart(fShortP2).str(n.short)))
	}
	return out
}

// boundaryToken returns the stand-in for the words before (before) or
// after a sentence, as extractLocal names them.
func boundaryToken(before bool, r *resources) token {
	w := "</s>"
	if before {
		w = "<s>"
	}
	t := token{w: w, lower: w, short: w}
	if r != nil {
		t.cl, t.hasCl = r.clusters[w]
	}
	return t
}

// pairFeatures appends the local features of token i of sentence si that
// neither selfFeatures nor neighbourFeatures give. The document must have
// resources.
func pairFeatures(d *document, si, i int, out []uint64) []uint64 {
	s := &d.sents[si]
	toks := s.toks
	t := &toks[i]
	lower := func(k int) string {
		switch {
		case k < 0:
			return "<s>"
		case k >= len(toks):
			return "</s>"
		}
		return toks[k].lower
	}
	short := func(k int) string {
		switch {
		case k < 0:
			return "<s>"
		case k >= len(toks):
			return "</s>"
		}
		return toks[k].short
	}
	caps := capsByte(s.allCaps)
	init := initByte(t.initial)
	capb := capByte(t.cap)
	out = append(out,
		uint64(hstart(fBigramL).str(lower(i-1)).b(0).str(t.lower)),
		uint64(hstart(fBigramR).str(t.lower).b(0).str(lower(i+1))),
		uint64(hstart(fShape3).str(short(i-1)).b(0).str(t.short).b(0).str(short(i+1)).b(caps)),
		uint64(hstart(fWordShortM1).str(lower(i-1)).b(0).str(t.short)))
	if i > 0 && toks[i-1].cap {
		if b := toks[i-1].fn; b > 0 {
			out = append(out, uint64(hstart(fFirstNameM1).b(b).b(capb)))
		}
	}
	if s.gaz != nil {
		for _, g := range s.gaz[i] {
			out = append(out, uint64(hstart(fGaz).b(g.typ).b(g.pos)))
		}
	}
	if t.letter {
		dc := d.docCase[t.lower]
		out = append(out, uint64(hstart(fDocCase).b(dc).b(init).b(capb).b(caps)))
		if t.cap {
			out = append(out, uint64(hstart(fDocSeq).b(d.docSeq[t.w]).b(init)))
		}
	}
	return out
}
