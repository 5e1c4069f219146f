package web

import "strings"

// DiffOp is one run of a word diff: words both texts share (Op ""), words
// only the copy has (Op "ins") or only the original has (Op "del").
type DiffOp struct {
	Op   string
	Text string
}

// maxDiffCells bounds the word diff's table (original words × copy words
// after the common head and tail are cut): beyond it the middle is shown
// as one deletion and one insertion.
const maxDiffCells = 4_000_000

// wordDiff compares two texts word by word (longest common subsequence),
// words being runs of non-space characters. Runs of the same kind are
// joined with single spaces.
func wordDiff(orig, cp string) []DiffOp {
	a, b := strings.Fields(orig), strings.Fields(cp)
	var ops []DiffOp
	add := func(op, w string) {
		if n := len(ops); n > 0 && ops[n-1].Op == op {
			ops[n-1].Text += " " + w
			return
		}
		ops = append(ops, DiffOp{Op: op, Text: w})
	}
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		add("", a[head])
		head++
	}
	ta, tb := len(a), len(b)
	for ta > head && tb > head && a[ta-1] == b[tb-1] {
		ta--
		tb--
	}
	ma, mb := a[head:ta], b[head:tb]
	if len(ma)*len(mb) > maxDiffCells {
		for _, w := range ma {
			add("del", w)
		}
		for _, w := range mb {
			add("ins", w)
		}
	} else {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		w := len(mb) + 1
		lcs := make([]int32, (len(ma)+1)*w)
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
				} else {
					lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) && j < len(mb) {
			switch {
			case ma[i] == mb[j]:
				add("", ma[i])
				i++
				j++
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				add("del", ma[i])
				i++
			default:
				add("ins", mb[j])
				j++
			}
		}
		for ; i < len(ma); i++ {
			add("del", ma[i])
		}
		for ; j < len(mb); j++ {
			add("ins", mb[j])
		}
	}
	for k := ta; k < len(a); k++ {
		add("", a[k])
	}
	return ops
}
