package entity

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// ggtDoc is the part of a Gender Gap Tracker dev article this test reads
// (see shared/data/quotes/README.md). Offsets are code points.
type ggtDoc struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Quotes []struct {
		Sources []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"sources"`
		SpeakerName string `json:"speaker_name"`
	} `json:"quotes"`
	People  []string `json:"people"`
	Female  []string `json:"sources_female"`
	Male    []string `json:"sources_male"`
	Unknown []string `json:"sources_unknown"`
}

func readGGT(tb testing.TB) []ggtDoc {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "quotes", "ggt-dev.jsonl"))
	if err != nil {
		tb.Skip("GGT dev set absent:", err)
	}
	defer f.Close()
	var docs []ggtDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d ggtDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// byteOffsets maps code-point offsets of s to byte offsets.
func byteOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// TestGGTPersons measures, on the GGT dev articles with the real
// segmenter and tagger: how many of the gold quoted people are found as a
// person with exactly the gold name; how often the gender of those found
// matches the gold gender; and how often a he/she speaker mention is
// resolved to the gold speaker.
func TestGGTPersons(t *testing.T) {
	docs := readGGT(t)
	tg := loadTagger(t)
	r := testResolver(t)
	var role, roleLinked, roleRight int
	var people, found, gendered, genderRight, genderUnknown, pron, pronLinked, pronRight int
	for _, d := range docs {
		a := newArticle(d.Text)
		if err := r.Resolve(a, tg); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, a)
		// Names compare case-insensitively: the gold keeps bylines in
		// capitals ("JOHN SMITH"), the resolver writes "John Smith".
		persons := map[string]article.Gender{}
		for _, e := range a.EntitySummary {
			if e.Type == article.Person {
				persons[strings.ToLower(e.Name)] = e.Gender
			}
		}
		for _, p := range d.People {
			p = strings.ToLower(strings.TrimSpace(p))
			people++
			if _, ok := persons[p]; ok {
				found++
			} else if testing.Verbose() {
				t.Logf("%s: missing person %q", d.ID, p)
			}
		}
		for _, gs := range []struct {
			names []string
			g     article.Gender
		}{{d.Female, article.Female}, {d.Male, article.Male}} {
			for _, n := range gs.names {
				g, ok := persons[strings.ToLower(strings.TrimSpace(n))]
				if !ok {
					continue
				}
				gendered++
				switch g {
				case gs.g:
					genderRight++
				case article.GenderUnknown:
					genderUnknown++
				default:
					if testing.Verbose() {
						t.Logf("%s: %s is %s, gold %s", d.ID, n, g, gs.g)
					}
				}
			}
		}
		off := byteOffsets(d.Text)
		refs := map[int]article.Reference{}
		for _, ref := range a.References {
			refs[ref.Start] = ref
		}
		for _, q := range d.Quotes {
			if len(q.Sources) != 1 {
				continue
			}
			s := q.Sources[0]
			if l := strings.ToLower(s.Text); strings.HasPrefix(l, "the ") {
				role++
				if ref, ok := refs[off[s.Start]]; ok {
					roleLinked++
					if ref.Name == q.SpeakerName {
						roleRight++
					}
					if testing.Verbose() {
						t.Logf("%s: role %q → %q, gold %q", d.ID, s.Text, ref.Name, q.SpeakerName)
					}
				} else if testing.Verbose() {
					t.Logf("%s: role %q unresolved, gold %q", d.ID, s.Text, q.SpeakerName)
				}
				continue
			}
			if l := strings.ToLower(s.Text); l != "he" && l != "she" {
				continue
			}
			pron++
			ref, ok := refs[off[s.Start]]
			if !ok {
				if testing.Verbose() {
					t.Logf("%s: %q@%d unresolved, gold %q   ctx %q", d.ID, s.Text, off[s.Start], q.SpeakerName,
						strings.ReplaceAll(d.Text[max(0, off[s.Start]-150):off[s.End]], "\n", " "))
				}
				continue
			}
			pronLinked++
			if ref.Name == q.SpeakerName {
				pronRight++
			} else if testing.Verbose() {
				t.Logf("%s: %q@%d → %q, gold %q   ctx %q", d.ID, s.Text, off[s.Start], ref.Name, q.SpeakerName,
					strings.ReplaceAll(d.Text[max(0, off[s.Start]-150):off[s.End]], "\n", " "))
			}
		}
	}
	t.Logf("people found with the gold name: %d/%d = %.3f", found, people, float64(found)/float64(people))
	t.Logf("gender of found quoted people: right %d, unknown %d, wrong %d of %d (accuracy %.3f, of decided %.3f)",
		genderRight, genderUnknown, gendered-genderRight-genderUnknown, gendered,
		float64(genderRight)/float64(gendered), float64(genderRight)/float64(gendered-genderUnknown))
	t.Logf("he/she speaker mentions: %d, resolved %d, to the gold speaker %d (precision %.3f, recall %.3f)",
		pron, pronLinked, pronRight, float64(pronRight)/float64(pronLinked), float64(pronRight)/float64(pron))
	t.Logf("\"the …\" speaker mentions: %d, resolved %d, to the gold speaker %d", role, roleLinked, roleRight)
	// Floors a little under the measured figures, so regressions fail.
	if float64(found) < 0.80*float64(people) {
		t.Errorf("person recall %d/%d below 0.80", found, people)
	}
	if float64(genderRight) < 0.90*float64(gendered) {
		t.Errorf("gender accuracy %d/%d below 0.90", genderRight, gendered)
	}
	if float64(pronRight) < 0.75*float64(pron) {
		t.Errorf("pronoun speaker recall %d/%d below 0.75", pronRight, pron)
	}
}
