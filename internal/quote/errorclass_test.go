package quote

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
)

// One short text written for the test per error class that
// `newsgraph eval quotes` reports, run through the real pipeline stages
// and the learned attribution model as analyze runs them.
func TestErrorClasses(t *testing.T) {
	am, err := attribution.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		wants []want
		kind  map[string]article.SpeakerKind // content → speaker kind
		none  []string
	}{
		{
			name: "description speaker",
			text: "Harbourline Ferries said on Monday it would cut two crossings. The company said the cuts would save money.",
			wants: []want{
				{content: "it would cut two crossings", kind: article.Indirect, speaker: "Harbourline Ferries"},
				{content: "the cuts would save money", kind: article.Indirect, speaker: "Harbourline Ferries"},
			},
		},
		{
			name: "a description no name resolves keeps its kind",
			text: "\"Cheap fares bring riders back,\" the researcher said. The company said the study was flawed.",
			wants: []want{
				{content: "Cheap fares bring riders back,", kind: article.Direct, speaker: "the researcher"},
				{content: "the study was flawed", kind: article.Indirect, speaker: "The company"},
			},
			kind: map[string]article.SpeakerKind{
				"Cheap fares bring riders back": article.SpeakerDescription,
				"the study was flawed":          article.SpeakerDescription,
			},
		},
		{
			name:  "place speaking for its government",
			text:  "Russia said the sanctions were illegal and would be challenged.",
			wants: []want{{content: "the sanctions were illegal", kind: article.Indirect, speaker: "Russia"}},
			kind:  map[string]article.SpeakerKind{"the sanctions were illegal": article.SpeakerGovernment},
		},
		{
			name:  "a place named beside the speaker is not the speaker",
			text:  "In Winnipeg, Mayor Dana Kowal said the old rink would close in March.",
			wants: []want{{content: "the old rink would close", kind: article.Indirect, speaker: "Dana Kowal"}},
			kind:  map[string]article.SpeakerKind{"the old rink would close": article.SpeakerPerson},
		},
		{
			name:  "indirect quote",
			text:  "Jane Okonjo, the city treasurer, argued that the budget was too small to cover repairs.",
			wants: []want{{content: "the budget was too small", kind: article.Indirect, speaker: "Jane Okonjo"}},
		},
		{
			name: "floating quote takes the speaker who is talking",
			text: "\"We need more buses,\" said Ann Lindqvist, who chairs the transit board. \"Riders wait far too long.\"\n\n" +
				"\"The budget is fixed,\" said Robert Hartley, the finance director.\n\n\"There is no more money this year.\"",
			wants: []want{
				{content: "Riders wait far too long.", kind: article.Direct, speaker: "Ann Lindqvist"},
				{content: "The budget is fixed,", kind: article.Direct, speaker: "Robert Hartley"},
				{content: "There is no more money this year.", kind: article.Direct, speaker: "Robert Hartley"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(analyzed(t, tt.text), Options{Attributor: am})
			checkQuotes(t, tt.text, qs, tt.wants, tt.none)
			checkSpeakerKinds(t, qs, tt.kind)
		})
	}
}

// checkSpeakerKinds checks the speaker kind of the quotations whose
// content is a key of kinds.
func checkSpeakerKinds(t *testing.T, qs []article.Quote, kinds map[string]article.SpeakerKind) {
	t.Helper()
	for c, k := range kinds {
		if q := find(qs, c); q != nil && q.Speaker.Kind != k {
			t.Errorf("%q: speaker kind %s, want %s", c, q.Speaker.Kind, k)
		}
	}
}
