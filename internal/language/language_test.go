package language

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDetect(t *testing.T) {
	d := NewDetector()
	tests := []struct {
		name, text, want string
	}{
		{"english", "The city council voted on Tuesday to expand the bus network, officials said, after months of debate about the cost.", "en"},
		{"german", "Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern, nachdem monatelang über die Kosten gestritten wurde.", "de"},
		{"french", "Le conseil municipal a voté mardi l'extension du réseau de bus, après des mois de débat sur son coût.", "fr"},
		{"spanish", "El ayuntamiento votó el martes a favor de ampliar la red de autobuses, tras meses de debate sobre el coste.", "es"},
		{"italian", "Il consiglio comunale ha votato martedì l'ampliamento della rete degli autobus, dopo mesi di discussione sui costi.", "it"},
		{"polish", "Rada miasta przegłosowała we wtorek rozbudowę sieci autobusowej po miesiącach sporów o koszty.", "pl"},
		{"russian", "Городской совет во вторник проголосовал за расширение автобусной сети после многомесячных споров о стоимости.", "ru"},
		{"too short", "Yes.", ""},
		{"no letters", "12:30 — 45 / 17 %%% 2020", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSample(t *testing.T) {
	text := strings.Repeat("word ", 1000)
	s := Sample(text, 103)
	if len(s) > 103 || !strings.HasSuffix(s, "word") {
		t.Errorf("Sample cut badly: len %d, tail %q", len(s), s[len(s)-5:])
	}
	long := strings.Repeat("é", 100)
	s = Sample(long, 51)
	if !utf8.ValidString(s) || len(s) > 51 {
		t.Errorf("Sample split a rune: %q", s)
	}
	if Sample("short", 10) != "short" {
		t.Error("short text must come back whole")
	}
}

func BenchmarkDetect(b *testing.B) {
	d := NewDetector()
	text := strings.Repeat("The council voted on Tuesday to expand the bus network after months of debate. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.Detect(text)
	}
}

func TestNewsLanguagesHaveProfiles(t *testing.T) {
	d := NewDetector()
	if got, want := len(d.opts.Whitelist), len(NewsLanguages); got != want {
		t.Errorf("%d of %d news languages have a profile", got, want)
	}
}
