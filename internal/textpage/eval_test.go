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

// cleanDev cleans every page once and compares it with its truth.
func cleanDev(pages []devPage) []evaluate.ShingleCounts {
	counts := make([]evaluate.ShingleCounts, len(pages))
	for i, p := range pages {
		page, _ := Clean(p.raw, Options{})
		counts[i] = evaluate.CompareShingles(p.truth, page.Text)
	}
	return counts
}

// half returns the counts of the even (tuning) or odd (checking) pages.
func half(counts []evaluate.ShingleCounts, odd bool) []evaluate.ShingleCounts {
	var out []evaluate.ShingleCounts
	for i, c := range counts {
		if (i%2 == 1) == odd {
			out = append(out, c)
		}
	}
	return out
}

func fmtScore(s evaluate.ExtractionScore) string {
	return fmt.Sprintf("F1 %.3f P %.3f R %.3f acc %.3f (%d docs)", s.F1, s.Precision, s.Recall, s.Accuracy, s.Docs)
}

// TestDevScore scores the cleaner on textpages-dev: the tuning half (even
// indexes in stem order, used to develop the rules), the check half (odd
// indexes, not looked at) and all pages, and asserts floors a little under
// the measured figures (all 0.925, tune 0.944, check 0.905).
// TEXTPAGE_REPORT=1 logs every page.
func TestDevScore(t *testing.T) {
	pages := loadDev(t)
	counts := cleanDev(pages)
	if os.Getenv("TEXTPAGE_REPORT") != "" {
		for i, c := range counts {
			pr := float64(c.TP) / float64(max(1, c.TP+c.FP))
			rc := float64(c.TP) / float64(max(1, c.TP+c.FN))
			t.Logf("%s P %.2f R %.2f tp %d fp %d fn %d", pages[i].stem[:12], pr, rc, c.TP, c.FP, c.FN)
		}
	}
	tune := evaluate.ScoreExtraction(half(counts, false))
	check := evaluate.ScoreExtraction(half(counts, true))
	all := evaluate.ScoreExtraction(counts)
	t.Logf("tune half:  %s", fmtScore(tune))
	t.Logf("check half: %s", fmtScore(check))
	t.Logf("all:        %s", fmtScore(all))
	for _, f := range []struct {
		name  string
		got   float64
		floor float64
	}{{"all", all.F1, 0.90}, {"tune", tune.F1, 0.92}, {"check", check.F1, 0.88}} {
		if f.got < f.floor {
			t.Errorf("%s F1 %.3f under the floor %.2f", f.name, f.got, f.floor)
		}
	}
}
