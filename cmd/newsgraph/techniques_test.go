package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// A PTC-style article written for the test: title, blank line, one
// sentence per line, with non-ASCII characters so that code point and
// byte offsets differ.
const testPTCArticle = "Café owners denounce “shameful” tax\n\nThe café owners of Saint-Étienne called the new tax a shameful, disgraceful betrayal of honest workers.\nThe corrupt elites in Paris do not care, they said.\nThe tax takes effect in June.\n"

func writePTCDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "article999.txt", []byte(testPTCArticle))
	return dir
}

// cpIndex is the code point offset of the first occurrence of s.
func cpIndex(t *testing.T, text, s string) (int, int) {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the article", s)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(s)
}

func TestTechniquesSI(t *testing.T) {
	dir := writePTCDir(t)
	out, errs, err := runCmd(t, "", "techniques", "--si", dir)
	if err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	runes := []rune(testPTCArticle)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if out == "" || len(lines) == 0 {
		t.Fatal("no spans found")
	}
	found := false
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 3 || f[0] != "999" {
			t.Fatalf("bad line %q", l)
		}
		s, _ := strconv.Atoi(f[1])
		e, _ := strconv.Atoi(f[2])
		if s < 0 || e <= s || e > len(runes) {
			t.Fatalf("span %d-%d out of bounds", s, e)
		}
		if strings.Contains(string(runes[s:e]), "disgraceful") {
			found = true
		}
	}
	if !found {
		t.Errorf("no span over 'disgraceful' (code point offsets): %s", out)
	}
}

func TestTechniquesTCAndEval(t *testing.T) {
	dir := writePTCDir(t)
	s1, e1 := cpIndex(t, testPTCArticle, "shameful, disgraceful betrayal")
	s2, e2 := cpIndex(t, testPTCArticle, "corrupt elites")
	tmpl := "999\t?\t" + strconv.Itoa(s1) + "\t" + strconv.Itoa(e1) + "\n999\t?\t" + strconv.Itoa(s2) + "\t" + strconv.Itoa(e2) + "\n"
	tpath := writeFile(t, t.TempDir(), "template.txt", []byte(tmpl))
	out, errs, err := runCmd(t, "", "techniques", "--tc", tpath, dir)
	if err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out)
	}
	want := []string{"Loaded_Language", "Name_Calling,Labeling"}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[0] != "999" || f[2] != strings.Split(strings.Split(tmpl, "\n")[i], "\t")[2] {
			t.Fatalf("bad line %q", l)
		}
		if f[1] != want[i] {
			t.Errorf("span %d: %s, want %s", i, f[1], want[i])
		}
	}
	// Scoring the output against itself as gold gives TC 1 and SI 1.
	gold := writeFile(t, t.TempDir(), "gold.labels", []byte(out))
	pred := writeFile(t, t.TempDir(), "pred.labels", []byte(out))
	res, errs, err := runCmd(t, "", "eval", "techniques", "--gold", gold, "--tc", pred, "--si", pred)
	if err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	if !strings.Contains(res, "TC micro-F1 1.000") || !strings.Contains(res, "F1 1.000") {
		t.Errorf("eval output:\n%s", res)
	}
	// The model on the article against this gold: both tasks scored.
	res, errs, err = runCmd(t, "", "eval", "techniques", "--gold", gold, "--articles", dir)
	if err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	if !strings.Contains(res, "SI ") || !strings.Contains(res, "TC micro-F1 1.000") {
		t.Errorf("eval --articles output:\n%s", res)
	}
}

func TestTechniquesUsageErrors(t *testing.T) {
	dir := writePTCDir(t)
	tests := []struct {
		name string
		args []string
	}{
		{"no mode", []string{"techniques", dir}},
		{"both modes", []string{"techniques", "--si", "--tc", "x", dir}},
		{"no dir", []string{"techniques", "--si"}},
		{"eval no gold", []string{"eval", "techniques", "--articles", dir}},
		{"eval nothing to score", []string{"eval", "techniques", "--gold", "x"}},
		{"train bad biases", []string{"train", "techniques", "--biases", "a,b"}},
		{"train args", []string{"train", "techniques", "extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := runCmd(t, "", tt.args...); exitCode(err) != exitUsage {
				t.Errorf("%v: exit %d (%v), want %d", tt.args, exitCode(err), err, exitUsage)
			}
		})
	}
	if _, _, err := runCmd(t, "", "techniques", "--si", t.TempDir()); err == nil || exitCode(err) == exitUsage {
		t.Errorf("empty folder: %v", err)
	}
}

// analyze lists the techniques as byte spans of text, marks the quoted
// ones, and leaves them out with --no-techniques.
func TestAnalyzeTechniques(t *testing.T) {
	text := "The café owners called the new tax a shameful, disgraceful betrayal of honest workers.\n\n\"These corrupt elites are traitors,\" said Anne Morel, who runs a bakery."
	path := writeFile(t, t.TempDir(), "a.txt", []byte(text))
	out, errs, err := runCmd(t, "", "analyze", "--json", "--plain", path)
	if err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	var rec struct {
		Text       string
		Techniques []struct {
			Start, End int
			Text       string
			Technique  string
			Score      float64
			InQuote    bool `json:"in_quote"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	var loaded, quoted bool
	for _, x := range rec.Techniques {
		if x.Start < 0 || x.End > len(rec.Text) || rec.Text[x.Start:x.End] != x.Text {
			t.Fatalf("bad span %+v", x)
		}
		if strings.Contains(x.Text, "disgraceful") && !x.InQuote {
			loaded = true
		}
		if x.Start > strings.Index(rec.Text, "\"") && x.End <= strings.LastIndex(rec.Text, "\"") && x.InQuote {
			quoted = true
		}
	}
	if !loaded || !quoted {
		t.Errorf("want an unquoted span over 'disgraceful' and a quoted one in the quotation: %+v", rec.Techniques)
	}
	out, _, err = runCmd(t, "", "analyze", "--json", "--plain", "--no-techniques", path)
	if err != nil || strings.Contains(out, `"techniques"`) {
		t.Errorf("--no-techniques: %v, %s", err, out)
	}
	report, _, err := runCmd(t, "", "analyze", "--plain", path)
	if err != nil || !strings.Contains(report, "persuasion techniques") {
		t.Errorf("report without techniques: %v\n%s", err, report)
	}
}
