package quote

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// TestGeneralRules covers attribution patterns of news prose, one case per
// rule, on texts written for the test.
func TestGeneralRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
		// none lists substrings no quotation may contain.
		none []string
	}{
		{
			name: "backward clause opening with a gerund subject",
			text: "Lowering the speed limit on the bypass could save a dozen lives a year, said Orla Brennagh.",
			want: []want{{"Lowering the speed limit", article.Indirect, "Orla Brennagh"}},
		},
		{
			name: "backward clause opening with an adverbial",
			text: "In the northern districts, most clinics will close by noon, according to the regional health board.",
			want: []want{{"most clinics will close", article.Indirect, ""}},
		},
		{
			name: "gerund subject after said",
			text: "Ferris Oduya said rising insurance costs have squeezed small farms.",
			want: []want{{"rising insurance costs have", article.Indirect, "Ferris Oduya"}},
		},
		{
			name: "short adverbial before the reported clause",
			text: "The nurses' union says in rural areas ambulances are often late.",
			want: []want{{"ambulances are often late", article.Indirect, "The nurses' union"}},
		},
		{
			name: "gerund object is not reported speech",
			text: "Pell Harrow admitted taking the money from the till.",
			none: []string{"taking the money"},
		},
		{
			name: "subject with a prepositional phrase",
			text: "Ines Calloway with the Harbour Transit Authority says the ferries will run late.",
			want: []want{{"the ferries will run late", article.Indirect, "Ines Calloway"}},
		},
		{
			name: "anonymous sources familiar with something",
			text: "The club was close to a deal, and sources familiar with the talks have said it hoped to sign the striker in May.",
			want: []want{{"it hoped to sign the striker", article.Indirect, "sources familiar with the talks"}},
		},
		{
			name: "role then name in apposition",
			text: "But the head of logistics for Brightwater, Amos Kettering, says the warehouse is full.",
			want: []want{{"the warehouse is full", article.Indirect, "Amos Kettering"}},
		},
		{
			name: "relative that after an object is not a complementiser",
			text: "Wilma Osei said the new rule covers small shops that sell tobacco near schools.",
			want: []want{{"the new rule covers small shops", article.Indirect, "Wilma Osei"}},
		},
		{
			name: "that after a long adjunct",
			text: "Hector Lindqvist told the Valley Herald and Courier newspaper on Friday that he would not run again.",
			want: []want{{"he would not run again", article.Indirect, "Hector Lindqvist"}},
		},
		{
			name: "ambiguous report after a plural subject",
			text: "The tenants report they have had no heat since October.",
			want: []want{{"they have had no heat", article.Indirect, ""}},
		},
		{
			name: "report as a noun is not a cue",
			text: "The annual reports show steady growth in the east.",
			none: []string{"steady growth"},
		},
		{
			name: "according to as a parenthetical",
			text: "Shift workers, according to the survey, are twice as likely to skip meals.",
			want: []want{{"twice as likely to skip meals", article.Indirect, "the survey"}},
		},
		{
			name: "a coordinated clause with its own attribution is a quotation of its own",
			text: "According to the ministry, the wait list has shrunk by half, but Ottilie Varga says her patients have seen no change.",
			want: []want{
				{"the wait list has shrunk", article.Indirect, "the ministry"},
				{"her patients have seen no change", article.Indirect, "Ottilie Varga"},
			},
			none: []string{"Varga says that"},
		},
		{
			name: "short quotation closing the sentence after a cue",
			text: "Outside the hall, the crowd chanted “Resign now!”",
			want: []want{{"Resign now!", article.Direct, ""}},
		},
		{
			name: "participle naming verb after a comma",
			text: "Rosalind Achebe left the meeting early, calling the plan a “slow-motion disaster.”",
			want: []want{{"slow-motion disaster", article.Mixed, "Rosalind Achebe"}},
		},
		{
			name: "parenthetical attribution followed by the writer's clause",
			text: "The plant will close in March, sources said, and as many as 300 jobs could go.",
			want: []want{{"The plant will close in March", article.Indirect, "sources"}},
			none: []string{"300 jobs"},
		},
		{
			name: "abbreviation dot before a quotation",
			text: "The museum stands in Washington, D.C. “We get visitors from everywhere,” Tilda Marsh says.",
			want: []want{{"We get visitors from everywhere", article.Direct, "Tilda Marsh"}},
		},
		{
			name: "anonymous officials with a participle phrase",
			text: "Officials speaking on condition of anonymity said the talks had stalled.",
			want: []want{{"the talks had stalled", article.Indirect, "Officials speaking on condition of anonymity"}},
		},
		{
			name: "quoted as saying",
			text: "Lionel Cravitz was quoted as saying the merger would save money.",
			want: []want{{"the merger would save money", article.Indirect, "Lionel Cravitz"}},
		},
		{
			name: "a quotation alone as a subheading is not speech",
			text: "The clinic closed in May.\n\n'Nobody told us anything'\n\nPatients learned of it from a sign on the door.",
			none: []string{"Nobody told us"},
		},
		{
			name: "inverted attribution with an apposition",
			text: "The harvest was the worst in a decade, said Anika Roos, director of the Growers Council.",
			want: []want{{"The harvest was the worst", article.Indirect, "Anika Roos"}},
		},
		{
			name: "irregular past tense makes a clause",
			text: "The audit said emissions rose by four per cent last year.",
			want: []want{{"emissions rose by four per cent", article.Indirect, ""}},
		},
		{
			name: "doubled apostrophes as quotation marks",
			text: "''These movements worry me,'' said Karl Amsel, a historian.",
			want: []want{{"These movements worry me", article.Direct, "Karl Amsel"}},
		},
		{
			name: "warn with a clause and no addressee",
			text: "Inga Sorvik warned the old bridge could fail within a year.",
			want: []want{{"the old bridge could fail", article.Indirect, "Inga Sorvik"}},
		},
		{
			name: "warn with an addressee",
			text: "Inga Sorvik warned investors the old bridge could fail within a year.",
			want: []want{{"the old bridge could fail", article.Indirect, "Inga Sorvik"}},
			none: []string{"investors the old"},
		},
		{
			name: "a statement from an organisation speaks for it",
			text: "The pier will reopen in June, according to a statement from the Harbour Board.",
			want: []want{{"The pier will reopen in June", article.Indirect, "Harbour Board"}},
		},
		{
			name: "a report by an organisation speaks for it",
			text: "A report by the Halvard Institute said wages fell sharply last year.",
			want: []want{{"wages fell sharply", article.Indirect, "Halvard Institute"}},
		},
		{
			name: "the statement right after its author's quotation",
			text: "The dockers' union said its members would strike on Monday. The statement added that talks with the port had failed.",
			want: []want{{"talks with the port had failed", article.Indirect, "The dockers' union"}},
		},
		{
			name: "inverted attribution with a verb outside the lexicon",
			text: "“This is the best night of my life!” beamed Odalys Ferrer of Tucson.",
			want: []want{{"best night of my life", article.Direct, "Odalys Ferrer"}},
		},
		{
			name: "participle introducing a direct quotation",
			text: "Pell Ransome posted the news on Sunday, writing “We are thrilled to be back on the road.”",
			want: []want{{"thrilled to be back", article.Direct, "Pell Ransome"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(t, tc.text)
			checkQuotes(t, tc.text, qs, tc.want, tc.none)
		})
	}
}

func TestSentenceInitialGroupNounIsAnonymous(t *testing.T) {
	qs := extract(t, "Sources said the deal could close next week.")
	if len(qs) != 1 {
		t.Fatalf("got %+v", qs)
	}
	if qs[0].Speaker.Kind != article.SpeakerAnonymous {
		t.Errorf("speaker %+v, want anonymous", qs[0].Speaker)
	}
}

// TestPossessiveOfficeIsNotThePerson: a reference on "his" does not make
// "his office" the man.
func TestPossessiveOfficeIsNotThePerson(t *testing.T) {
	text := "Bertrand Ollier oversees the agency. In a statement, his office said the payments followed the contracts."
	a := &article.Article{Text: text}
	i := strings.Index(text, "his office")
	a.References = []article.Reference{{Span: article.NewSpan(text, i, i+3), Name: "Bertrand Ollier", Type: article.Person}}
	qs := Extract(a, Options{})
	q := find(qs, "the payments followed")
	if q == nil {
		t.Fatalf("no quote: %+v", qs)
	}
	if q.Speaker.Name != "his office" {
		t.Errorf("speaker %+v, want his office", q.Speaker)
	}
}

// TestSpeakerIsTheEntityReference: the quote stage names the person the
// entity stage linked a pronoun to, and a pronoun left unlinked names no
// one (continuity across quotations is the ranker's, with
// Options.Speakers). Which person "she" is, internal/entity decides
// (its TestPhotoCreditIsNoAntecedent).
func TestSpeakerIsTheEntityReference(t *testing.T) {
	text := "“We are full every night,” Nadine Vollmer says.\n\nThe shelter opened in 2015. Corinne Abt runs it now.\n\n“We need more space,” she added."
	a := &article.Article{Text: text}
	for _, n := range []string{"Nadine Vollmer", "Corinne Abt"} {
		k := strings.Index(text, n)
		a.Entities = append(a.Entities, article.Entity{Span: article.NewSpan(text, k, k+len(n)), Type: article.Person, Name: n, Gender: article.Female})
	}
	k := strings.Index(text, "she added")
	a.References = []article.Reference{{Span: article.NewSpan(text, k, k+3), Name: "Corinne Abt", Type: article.Person}}
	if q := find(Extract(a, Options{}), "We need more space"); q == nil || q.Speaker.Name != "Corinne Abt" {
		t.Errorf("got %+v, want Corinne Abt", q)
	}
	a.References = nil
	q := find(Extract(a, Options{}), "We need more space")
	if q == nil || q.Speaker.Name != "" || q.Speaker.Kind != article.SpeakerUnknown || q.Speaker.Mention == nil || q.Speaker.Mention.Text != "she" {
		t.Errorf("got %+v, want the mention she with no name", q)
	}
}
