package textpage

import "strings"

// Boilerplate is a set of lines that recur across pages of one site:
// navigation, footers, widget labels. Build it with LearnBoilerplate and
// pass it in Options.Boilerplate. A nil *Boilerplate is empty.
type Boilerplate struct {
	lines map[string]struct{}
}

// LearnBoilerplate returns the lines (trimmed, non-empty) that occur in at
// least two of the given pages and in at least a third of them. Pages
// should come from the same site; with fewer than two pages the set is
// empty. A line is counted once per page.
func LearnBoilerplate(pages []string) *Boilerplate {
	b := &Boilerplate{lines: map[string]struct{}{}}
	if len(pages) < 2 {
		return b
	}
	counts := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for s := range strings.SplitSeq(p, "\n") {
			s = strings.TrimSpace(s)
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			counts[s]++
		}
	}
	need := max(2, (len(pages)+2)/3)
	for s, n := range counts {
		if n >= need {
			b.lines[s] = struct{}{}
		}
	}
	return b
}

// Has reports whether the trimmed line s is in the set.
func (b *Boilerplate) Has(s string) bool {
	if b == nil {
		return false
	}
	_, ok := b.lines[s]
	return ok
}

// Len returns the number of lines in the set.
func (b *Boilerplate) Len() int {
	if b == nil {
		return 0
	}
	return len(b.lines)
}
