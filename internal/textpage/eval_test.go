package textpage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/evaluate"
)

var dataDir = filepath.Join("..", "..", "..", "shared", "data", "extraction")

type devPage struct {
	stem, raw, truth string
}

// loadDev reads the textpages-dev pages and their ground truth, sorted by
// file stem; it skips the test when the data is absent.
func loadDev(tb testing.TB) []devPage {
	tb.Helper()
	gt, err := os.ReadFile(filepath.Join(dataDir, "scrapinghub", "ground-truth.json"))
	if err != nil {
		tb.Skipf("no ground truth: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		tb.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dataDir, "textpages-dev", "*.txt"))
	if len(files) == 0 {
		tb.Skip("no textpages-dev pages")
	}
	sort.Strings(files)
	var pages []devPage
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		stem := strings.TrimSuffix(filepath.Base(f), ".txt")
		t, ok := truth[stem]
		if !ok {
			continue
		}
		pages = append(pages, devPage{stem: stem, raw: string(raw), truth: t.ArticleBody})
	}
	return pages
}

// scoreDev cleans the pages whose index i satisfies keep(i) and scores them.
func scoreDev(pages []devPage, keep func(i int) bool, report func(p devPage, c evaluate.ShingleCounts)) evaluate.ExtractionScore {
	var counts []evaluate.ShingleCounts
	for i, p := range pages {
		if !keep(i) {
			continue
		}
		page, _ := Clean(p.raw, Options{})
		c := evaluate.CompareShingles(p.truth, page.Text)
		if report != nil {
			report(p, c)
		}
		counts = append(counts, c)
	}
	return evaluate.ScoreExtraction(counts)
}

func fmtScore(s evaluate.ExtractionScore) string {
	return fmt.Sprintf("F1 %.3f P %.3f R %.3f acc %.3f (%d docs)", s.F1, s.Precision, s.Recall, s.Accuracy, s.Docs)
}

// TestDevScore scores the cleaner on textpages-dev: the tuning half (even
// indexes), the check half (odd indexes) and all pages, and asserts a
// floor a little under the measured figures.
func TestDevScore(t *testing.T) {
	pages := loadDev(t)
	verbose := os.Getenv("TEXTPAGE_REPORT") != ""
	report := func(p devPage, c evaluate.ShingleCounts) {
		if !verbose {
			return
		}
		pr := float64(c.TP) / float64(max(1, c.TP+c.FP))
		rc := float64(c.TP) / float64(max(1, c.TP+c.FN))
		t.Logf("%s P %.2f R %.2f tp %d fp %d fn %d", p.stem[:12], pr, rc, c.TP, c.FP, c.FN)
	}
	tune := scoreDev(pages, func(i int) bool { return i%2 == 0 }, nil)
	check := scoreDev(pages, func(i int) bool { return i%2 == 1 }, nil)
	all := scoreDev(pages, func(int) bool { return true }, report)
	t.Logf("tune half:  %s", fmtScore(tune))
	t.Logf("check half: %s", fmtScore(check))
	t.Logf("all:        %s", fmtScore(all))
	const floor = 0.80
	if all.F1 < floor {
		t.Errorf("F1 %.3f under the floor %.2f", all.F1, floor)
	}
}
