package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// seedBody reads the shared seed page and keeps the article body: the
// lines between "Get short URL" and the first related headline (the first
// line after a blank run of two or more lines). It skips the test when
// the page is absent. The page's text stays outside the repository.
func seedBody(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt"))
	if err != nil {
		t.Skip("seed page absent")
	}
	s := string(b)
	i := strings.Index(s, "Get short URL")
	if i < 0 {
		t.Skip("seed page has no body marker")
	}
	s = s[i+len("Get short URL"):]
	var paras []string
	blank := 0
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank++
			continue
		}
		if blank >= 2 && len(paras) > 0 {
			break // the related headlines follow a double blank line
		}
		blank = 0
		paras = append(paras, line)
	}
	return strings.Join(paras, "\n\n")
}

// TestSeed checks the speakers of the seed article after the real
// segment, ner and entity stages.
func TestSeed(t *testing.T) {
	text := seedBody(t)
	qs := Extract(analyzed(t, text), Options{})
	count := map[string]int{}
	for _, q := range qs {
		count[q.Speaker.Name]++
		t.Logf("%-8s %-32q %q", q.Kind, q.Speaker.Name, q.Content.Text)
	}
	wantMin := map[string]int{
		"Jason Ditz":                      1,
		"Mark Sleboda":                    2,
		"Peter Lavelle":                   3,
		"Maria Zakharova":                 4,
		"Vladimir Putin":                  2,
		"US Defense Department officials": 1,
	}
	for name, n := range wantMin {
		if count[name] < n {
			t.Errorf("%s: %d quotes, want at least %d", name, count[name], n)
		}
	}
	for name := range count {
		if _, ok := wantMin[name]; !ok {
			t.Errorf("unexpected speaker %q", name)
		}
	}
	for _, q := range qs {
		if q.Speaker.Name == "US Defense Department officials" && q.Speaker.Kind != article.SpeakerAnonymous {
			t.Errorf("officials kind %s, want anonymous", q.Speaker.Kind)
		}
	}
}
