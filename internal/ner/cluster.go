package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
)

// ClusterOptions configure LearnClusters. The zero value works.
type ClusterOptions struct {
	MinCount int // words seen fewer times get no cluster; default 3
	MaxVocab int // most frequent words clustered; default 40000
	Contexts int // context words (most frequent); default 2000
	K        int // fine clusters; default 512 (medium K/4, coarse K/16)
	Iters    int // k-means iterations; default 12
	Seed     uint64
	Log      io.Writer
}

func (o *ClusterOptions) applyDefaults() {
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.MaxVocab <= 0 {
		o.MaxVocab = 40000
	}
	if o.Contexts <= 0 {
		o.Contexts = 2000
	}
	if o.K <= 0 {
		o.K = 512
	}
	if o.Iters <= 0 {
		o.Iters = 12
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// ReadUnlabelledTexts reads the local news article texts under dataDir
// (PolNeAR training and development articles, the Gender Gap Tracker
// development articles, the PTC training articles, the Scrapinghub
// ground-truth bodies and the main-text snippets of trafilatura-dev) and tokenises them roughly the Penn
// Treebank way, one token slice per line of text. Missing sources are
// skipped.
func ReadUnlabelledTexts(dataDir string) ([][]string, error) {
	var out [][]string
	addText := func(s string) {
		for _, line := range strings.Split(s, "\n") {
			if ws := roughTokenize(line); len(ws) > 0 {
				out = append(out, ws)
			}
		}
	}
	// JSON Lines files with a "text" field, gzipped or not.
	for _, name := range []string{
		filepath.Join("quotes", "polnear", "polnear_train.jsonl.gz"),
		filepath.Join("quotes", "polnear", "polnear_dev.jsonl"),
		filepath.Join("quotes", "ggt-dev.jsonl"),
	} {
		if err := readJSONLTexts(filepath.Join(dataDir, name), addText); err != nil {
			return nil, err
		}
	}
	files, _ := filepath.Glob(filepath.Join(dataDir, "propaganda", "ptc", "train-articles", "*.txt"))
	slices.Sort(files)
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			return nil, err
		}
		addText(string(b))
	}
	if b, err := os.ReadFile(filepath.Join(dataDir, "extraction", "scrapinghub", "ground-truth.json")); err == nil {
		var gt map[string]struct {
			ArticleBody string `json:"articleBody"`
		}
		if err := json.Unmarshal(b, &gt); err != nil {
			return nil, fmt.Errorf("scrapinghub ground truth: %w", err)
		}
		keys := make([]string, 0, len(gt))
		for k := range gt {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			addText(gt[k].ArticleBody)
		}
	}
	// trafilatura-dev: the snippets of main text ("with") of each page.
	if b, err := os.ReadFile(filepath.Join(dataDir, "extraction", "trafilatura-dev", "evaldata.json")); err == nil {
		var ev map[string]struct {
			With []string `json:"with"`
		}
		if err := json.Unmarshal(b, &ev); err != nil {
			return nil, fmt.Errorf("trafilatura-dev evaldata: %w", err)
		}
		keys := make([]string, 0, len(ev))
		for k := range ev {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			for _, t := range ev[k].With {
				// Half the pages are not in English; their words would
				// give English ones ("der", "die", "a") foreign classes.
				if looksEnglish(t) {
					addText(t)
				}
			}
		}
	}
	return out, nil
}

// englishWords are frequent English function words that are rare as
// words of other languages written in Latin script.
var englishWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "is": true, "that": true, "with": true, "for": true, "was": true, "it": true, "this": true, "are": true, "on": true}

// looksEnglish reports whether at least one word in eight of s is an
// English function word: enough to tell English snippets from German,
// French or Spanish ones.
func looksEnglish(s string) bool {
	n, en := 0, 0
	for _, w := range strings.Fields(s) {
		n++
		if englishWords[strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))] {
			en++
		}
	}
	return n > 0 && en*8 >= n
}

// readJSONLTexts calls add with the "text" field of each line of a JSON
// Lines file (gzip-compressed when its name ends in .gz). A missing file
// is skipped.
func readJSONLTexts(path string, add func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			add(rec.Text)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// roughTokenize splits a line into Penn-Treebank-like tokens: punctuation
// is split off words, clitics ('s, n't, 're …) are separate tokens.
func roughTokenize(line string) []string {
	var out []string
	for _, f := range strings.Fields(normalizeWord(line)) {
		var tail []string
		for len(f) > 0 && strings.ContainsRune("\"'([{", rune(f[0])) {
			out = append(out, f[:1])
			f = f[1:]
		}
		for len(f) > 0 {
			c := f[len(f)-1]
			if !strings.ContainsRune("\"')]},;:!?.", rune(c)) {
				break
			}
			if c == '.' && (strings.Count(f, ".") > 1 || len(f) == 2 && unicode.IsUpper(rune(f[0]))) {
				break // U.S. J.
			}
			tail = append(tail, f[len(f)-1:])
			f = f[:len(f)-1]
		}
		lf := strings.ToLower(f)
		for _, cl := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
			if strings.HasSuffix(lf, cl) && len(f) > len(cl) {
				out = append(out, f[:len(f)-len(cl)])
				f = f[len(f)-len(cl):]
				break
			}
		}
		if f != "" {
			out = append(out, f)
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

// LearnClusters groups words by the words around them: each word of the
// vocabulary is a vector of positive PMI with its left and right
// neighbours (the most frequent words, rarer ones reduced to their
// shape), and spherical k-means clusters the vectors into K fine clusters,
// whose centroids are clustered again into K/4 and K/16 coarser ones. This
// is a cheaper stand-in for Brown clusters. It also returns, per lower-case
// word, a band 0..4 of how often it is capitalised when not the first word
// of a line or sentence.
func LearnClusters(texts [][]string, o ClusterOptions) (map[string][3]uint16, map[string]uint8) {
	o.applyDefaults()
	start := time.Now()
	counts := map[string]int{}
	capN, nonInit := map[string]int{}, map[string]int{}
	for _, ws := range texts {
		initial := true
		for _, w := range ws {
			counts[w]++
			if !hasLetter(w) {
				if w == "." || w == "?" || w == "!" {
					initial = true
				}
				continue
			}
			if !initial {
				l := strings.ToLower(w)
				nonInit[l]++
				if isCapitalized(w) {
					capN[l]++
				}
			}
			initial = false
		}
	}
	capRatio := map[string]uint8{}
	for l, n := range nonInit {
		if n < 3 {
			continue
		}
		r := float64(capN[l]) / float64(n)
		var b uint8
		switch {
		case r < 0.05:
			b = 0
		case r < 0.4:
			b = 1
		case r < 0.7:
			b = 2
		case r < 0.95:
			b = 3
		default:
			b = 4
		}
		capRatio[l] = b
	}
	type wc struct {
		w string
		n int
	}
	var vocab []wc
	for w, n := range counts {
		if n >= o.MinCount {
			vocab = append(vocab, wc{w, n})
		}
	}
	slices.SortFunc(vocab, func(a, b wc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.w, b.w)
	})
	if len(vocab) > o.MaxVocab {
		vocab = vocab[:o.MaxVocab]
	}
	if len(vocab) < o.K*2 {
		return map[string][3]uint16{}, capRatio
	}
	ctxID := map[string]int{}
	for i := 0; i < o.Contexts && i < len(vocab); i++ {
		ctxID[vocab[i].w] = i
	}
	nctx := o.Contexts + 8
	ctxOf := func(w string) int {
		if id, ok := ctxID[w]; ok {
			return id
		}
		_, short := wordShape(w)
		switch {
		case short == "Xx":
			return o.Contexts
		case short == "x":
			return o.Contexts + 1
		case short == "X":
			return o.Contexts + 2
		case strings.HasPrefix(short, "d"):
			return o.Contexts + 3
		case strings.HasPrefix(short, "X"):
			return o.Contexts + 4
		}
		return o.Contexts + 5
	}
	D := 2 * nctx
	vid := map[string]int{}
	for i, v := range vocab {
		vid[v.w] = i
	}
	co := make([]map[int32]float32, len(vocab))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	ctxTotals := make([]float64, D)
	var total float64
	for _, ws := range texts {
		for i, w := range ws {
			id, ok := vid[w]
			if !ok {
				continue
			}
			l := nctx - 2 // <s>
			if i > 0 {
				l = ctxOf(ws[i-1])
			}
			r := nctx - 1 // </s>
			if i+1 < len(ws) {
				r = ctxOf(ws[i+1])
			}
			co[id][int32(l)]++
			co[id][int32(nctx+r)]++
			ctxTotals[l]++
			ctxTotals[nctx+r]++
			total += 2
		}
	}
	// PPMI vectors, L2-normalised, as sorted sparse lists.
	type sv struct {
		idx []int32
		val []float32
	}
	vecs := make([]sv, len(vocab))
	for i, m := range co {
		var wt float64
		for _, c := range m {
			wt += float64(c)
		}
		var v sv
		for d := range m {
			v.idx = append(v.idx, d)
		}
		slices.Sort(v.idx)
		var norm float64
		for _, d := range v.idx {
			pmi := math.Log(float64(m[d]) * total / (wt * math.Pow(ctxTotals[d], 0.75) * math.Pow(total, 0.25)))
			if pmi < 0 {
				pmi = 0
			}
			v.val = append(v.val, float32(pmi))
			norm += pmi * pmi
		}
		if norm > 0 {
			n := float32(1 / math.Sqrt(norm))
			for k := range v.val {
				v.val[k] *= n
			}
		}
		vecs[i] = v
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x636c75))
	// Spherical k-means with centroids stored dimension-major (D × K).
	kmeans := func(n, K int, dot func(i int, C []float32, sims []float32), addTo func(i int, C []float32, k int), dim int) []int {
		C := make([]float32, dim*K)
		perm := rng.Perm(n)
		for k := 0; k < K; k++ {
			addTo(perm[k], C, k)
		}
		assign := make([]int, n)
		sims := make([]float32, K)
		for it := 0; it < o.Iters; it++ {
			changed := 0
			for i := 0; i < n; i++ {
				for k := range sims {
					sims[k] = 0
				}
				dot(i, C, sims)
				best := 0
				for k := 1; k < K; k++ {
					if sims[k] > sims[best] {
						best = k
					}
				}
				if assign[i] != best || it == 0 {
					changed++
				}
				assign[i] = best
			}
			for k := range C {
				C[k] = 0
			}
			for i := 0; i < n; i++ {
				addTo(i, C, assign[i])
			}
			// normalise columns
			for k := 0; k < K; k++ {
				var s float64
				for d := 0; d < dim; d++ {
					s += float64(C[d*K+k]) * float64(C[d*K+k])
				}
				if s > 0 {
					inv := float32(1 / math.Sqrt(s))
					for d := 0; d < dim; d++ {
						C[d*K+k] *= inv
					}
				}
			}
			fmt.Fprintf(o.Log, "ner: clusters K=%d iteration %d: %d changed (%v)\n", K, it+1, changed, time.Since(start).Round(time.Millisecond))
			if changed == 0 {
				break
			}
		}
		return assign
	}
	K := o.K
	fine := kmeans(len(vecs), K, func(i int, C []float32, sims []float32) {
		v := vecs[i]
		for j, d := range v.idx {
			x := v.val[j]
			row := C[int(d)*K : int(d)*K+K]
			for k, c := range row {
				sims[k] += x * c
			}
		}
	}, func(i int, C []float32, k int) {
		v := vecs[i]
		for j, d := range v.idx {
			C[int(d)*K+k] += v.val[j]
		}
	}, D)
	// Centroids of the fine clusters, as dense vectors, clustered again.
	cent := make([][]float32, K)
	for k := range cent {
		cent[k] = make([]float32, D)
	}
	for i, k := range fine {
		v := vecs[i]
		for j, d := range v.idx {
			cent[k][d] += v.val[j]
		}
	}
	for _, c := range cent {
		var s float64
		for _, x := range c {
			s += float64(x) * float64(x)
		}
		if s > 0 {
			inv := float32(1 / math.Sqrt(s))
			for d := range c {
				c[d] *= inv
			}
		}
	}
	coarser := func(K2 int) []int {
		return kmeans(K, K2, func(i int, C []float32, sims []float32) {
			for d, x := range cent[i] {
				if x == 0 {
					continue
				}
				row := C[d*K2 : d*K2+K2]
				for k, c := range row {
					sims[k] += x * c
				}
			}
		}, func(i int, C []float32, k int) {
			for d, x := range cent[i] {
				C[d*K2+k] += x
			}
		}, D)
	}
	medium := coarser(K / 4)
	coarse := coarser(K / 16)
	out := make(map[string][3]uint16, len(vocab))
	for i, v := range vocab {
		f := fine[i]
		out[v.w] = [3]uint16{uint16(coarse[f]), uint16(medium[f]), uint16(f)}
	}
	// A lower-case form never seen on its own ("tampa") takes the cluster
	// of its most frequent cased form ("Tampa"), so that names written in
	// lower case still get their learnt word class.
	for _, v := range vocab {
		if l := strings.ToLower(v.w); l != v.w {
			if _, ok := out[l]; !ok {
				out[l] = out[v.w]
			}
		}
	}
	fmt.Fprintf(o.Log, "ner: %d words in %d clusters from %d lines (%v)\n", len(out), K, len(texts), time.Since(start).Round(time.Millisecond))
	return out, capRatio
}

// LearnSurnames returns the lower-case words that unlabelled text writes,
// capitalised, right after a common first name ("Angela Merkel") at least
// twice, and there in at least a fifth of their capitalised occurrences
// that are not sentence-initial. First names themselves are left out.
func LearnSurnames(texts [][]string, firstNames map[string]uint8) map[string]bool {
	after, capped := map[string]int{}, map[string]int{}
	for _, ws := range texts {
		for i, w := range ws {
			if i == 0 || !isCapitalized(w) || !hasLetter(w) || isAllCaps(w) {
				continue
			}
			l := strings.ToLower(w)
			capped[l]++
			p := ws[i-1]
			if isCapitalized(p) && !isAllCaps(p) && firstNames[strings.ToLower(p)] >= 2 && (i+1 == len(ws) || !isCapitalized(ws[i+1])) {
				after[l]++
			}
		}
	}
	out := map[string]bool{}
	for l, n := range after {
		if n >= 2 && n*5 >= capped[l] && firstNames[l] == 0 {
			out[l] = true
		}
	}
	return out
}
