package textpage

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"testing"
)

// The pages below are invented for these tests.

// articleLake is the body shared by the pages below: six paragraphs of
// ordinary news prose.
const articleLake = `The lake at the edge of the valley has risen by almost a metre since the spring, and the farmers who graze their cattle on its banks say the water has never come so close to their barns.
Hydrologists from the regional water office measured the level every week this year, and they found that the rain in May and June was twice the average of the last three decades.
The office said on Monday that it would open the old sluice gate at the southern end of the lake, which has been closed since the dam was repaired in the nineteen nineties.
"We cannot let the water rise any further before the autumn storms arrive," the head of the office told a meeting of the valley council on Monday evening.
Some farmers worry that the released water will flood the meadows downstream, where the hay is still drying in the fields after a late harvest this year.
The council will hold a second meeting next week, and it expects to decide by the end of the month whether the gate should stay open through the winter.`

// lakeLast is the last paragraph of articleLake.
const lakeLast = "whether the gate should stay open through the winter."

func lakePage(head, tail string) string {
	return head + "\n" + articleLake + "\n" + tail
}

func TestCleanAppendix(t *testing.T) {
	tests := []struct {
		name         string
		raw          string
		wantLast     string
		wantAbsent   []string
		wantContains []string
	}{
		{
			name: "comment thread with names and time stamps",
			raw: lakePage("Home\nNews\nLake level rises after wet summer", `River Walker
March 3, 2024 at 9:12 am
I live two farms down from the sluice and I have been asking the council to open it since April, so this is welcome news for all of us.
My neighbours have moved their cattle to the high pasture already, and we will all be watching the water closely over the next few weeks.
Reply
Hannah K
March 3, 2024 at 11:40 am
Does anyone know whether the footpath along the southern bank will be closed while the gate is open? We walk there every single day.
The council website does not say anything about it yet, and the office did not answer the phone when I called on Friday.
Reply`),
			wantLast:   lakeLast,
			wantAbsent: []string{"two farms down", "footpath along", "River Walker"},
		},
		{
			name: "comment thread with relative stamps and handles",
			raw: lakePage("Lake level rises after wet summer", `river_fox22
3 hours ago
The same thing happened in the valley next to ours five years ago and nobody opened anything until the meadows were already under water.
It took the farmers there two whole years to get the fields back into a state where anything would grow on them again.
meadowlark
2 hours ago
They should have cleared the channel below the gate years ago, and then this would never have become a problem for the farmers.
I have written to the council about it twice, and both times they told me that there was no money in the budget for the work.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"five years ago", "cleared the channel"},
		},
		{
			name: "comment count heading",
			raw: lakePage("Lake level rises after wet summer", `14 Comments
I think the council is right to wait for the second meeting before it takes a decision that affects so many people downstream.
The last time they rushed a decision like this the whole village paid for it, and nobody on the council had to answer for it.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"right to wait"},
		},
		{
			name: "about the author label and bio",
			raw: lakePage("Lake level rises after wet summer", `About Mara Lindqvist
Mara Lindqvist has written about farming and the weather in the valley for twelve years, and she lives on a small farm near the lake with her family.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"About Mara", "twelve years"},
		},
		{
			name:       "bio line with a role after the article",
			raw:        lakePage("Lake level rises after wet summer", `Tomas Berg is a reporter at the Valley Courier who covers the environment, farming and local government in the northern districts.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"Tomas Berg"},
		},
		{
			name: "company boilerplate of a press release",
			raw: lakePage("Valley water office opens sluice", `Northwater Systems is a leading supplier of gates, pumps and control software for dams and canals in more than forty countries.
Northwater Systems is headquartered in Lund and employs around two thousand people in its factories and service centres.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"Northwater"},
		},
		{
			name:       "promotion of the site after the article",
			raw:        lakePage("Lake level rises after wet summer", `If you enjoyed this article, you can get our weekly letter from the valley with the best stories of the week in your inbox every Friday.`),
			wantLast:   lakeLast,
			wantAbsent: []string{"enjoyed this article"},
		},
		{
			name: "a closing sentence about a company is the article's",
			raw: lakePage("Lake level rises after wet summer", `Northwater Systems is the company that built the sluice gate, and it has offered to send two engineers to inspect the mechanism before it is opened.
Privacy Policy`),
			wantLast:     "inspect the mechanism before it is opened.",
			wantContains: []string{"Northwater Systems is the company that built the sluice gate, and it has offered to send two engineers to inspect the mechanism before it is opened."},
		},
		{
			name:         "a reader address in the middle of the article is kept",
			raw:          "Lake level rises after wet summer\n" + strings.Replace(articleLake, "Some farmers worry", "If you farm in the valley, you can sign up for the office's flood warnings by text message, the council said on Monday.\nSome farmers worry", 1),
			wantLast:     lakeLast,
			wantContains: []string{"If you farm in the valley, you can sign up for the office's flood warnings by text message, the council said on Monday."},
		},
		{
			name:     "an article about copyright keeps its paragraphs",
			raw:      lakePage("Lake level rises after wet summer", `The photographs of the flooded meadows are subject to a copyright dispute between two local photographers, the council said, and it has asked them to settle it before the exhibition.`),
			wantLast: "settle it before the exhibition.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(page.Text, "The lake at the edge of the valley") {
				t.Errorf("Text starts %.60q", page.Text)
			}
			if !strings.HasSuffix(page.Text, tt.wantLast) {
				t.Errorf("Text ends %q, want %q", page.Text[max(0, len(page.Text)-60):], tt.wantLast)
			}
			for _, s := range tt.wantAbsent {
				if strings.Contains(page.Text, s) {
					t.Errorf("Text keeps %q", s)
				}
			}
			paras := strings.Split(page.Text, "\n\n")
			for _, s := range tt.wantContains {
				if !slices.Contains(paras, s) {
					t.Errorf("paragraph %q missing", s)
				}
			}
		})
	}
}

func TestCleanInBodyChrome(t *testing.T) {
	paras := strings.Split(articleLake, "\n")
	tests := []struct {
		name         string
		raw          string
		wantAbsent   []string
		wantContains []string
	}{
		{
			name: "teaser of a related-article card inside the body",
			raw: strings.Join(paras[:3], "\n") + `
Environment
Storm barrier plans stall again
Environment
Storm barrier plans stall again
The plans for a storm barrier at the river mouth have been delayed for a third time after the contractor withdrew from the project.
` + strings.Join(paras[3:], "\n"),
			wantAbsent:   []string{"Storm barrier", "contractor withdrew"},
			wantContains: []string{paras[3], paras[5]},
		},
		{
			name:         "a subheading printed once keeps its paragraph",
			raw:          strings.Join(paras[:3], "\n") + "\nWhat the farmers fear\n" + strings.Join(paras[3:], "\n"),
			wantContains: []string{"What the farmers fear", paras[3]},
		},
		{
			name:         "dated byline inside the body",
			raw:          paras[0] + "\nBy Anna Holm, Per Dahl on Monday, March 4, 2024 at 10:15 a.m.\n" + strings.Join(paras[1:], "\n"),
			wantAbsent:   []string{"Anna Holm"},
			wantContains: []string{paras[1]},
		},
		{
			name:         "a sentence that opens with By and a year is prose",
			raw:          strings.Join(paras[:2], "\n") + "\nBy 2030, the office hopes to have replaced every gate in the valley with one that can be opened from its control room in town.\n" + strings.Join(paras[2:], "\n"),
			wantContains: []string{"By 2030, the office hopes to have replaced every gate in the valley with one that can be opened from its control room in town."},
		},
		{
			name: "caption with a credit after a slash or in brackets",
			raw: strings.Join(paras[:2], "\n") + `
Cattle graze beside the flooded meadow on the northern bank of the lake on Sunday. Lena Ek / VALLEYPRESS
The old sluice gate at the southern end of the lake, seen from the footbridge on Saturday morning. (AP)
` + strings.Join(paras[2:], "\n"),
			wantAbsent:   []string{"Cattle graze", "footbridge"},
			wantContains: []string{paras[2]},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(page.Text, "\n\n")
			for _, s := range tt.wantAbsent {
				if strings.Contains(page.Text, s) {
					t.Errorf("Text keeps %q", s)
				}
			}
			for _, s := range tt.wantContains {
				if !slices.Contains(got, s) {
					t.Errorf("paragraph %q missing from\n%s", s, page.Text)
				}
			}
		})
	}
}

func TestCleanTeaserList(t *testing.T) {
	raw := `Home
Results
League Table
Fixtures
Harbour Rovers 2–1 Valley Town
» Match report: Rovers edge past Valley Town
Read how the home side came back from a goal down in the second half to take all three points on Saturday.
» Interview: the coach on the new season
The coach talks about the young players in the squad and what he expects from the first months of the season.
» Gallery: the best pictures of the weekend
Terms of Use`
	page, err := Clean(raw, Options{})
	if !errors.Is(err, ErrNoArticle) {
		t.Fatalf("err = %v, want ErrNoArticle; text %q", err, page.Text)
	}
	if page.Text != "" {
		t.Errorf("Text = %q", page.Text)
	}
	// A page whose article is a single paragraph still has one.
	single := "Home\nNews\nCouncil to meet again next week\nThe valley council will meet again next week to decide whether the sluice gate at the southern end of the lake should stay open through the winter, the chairman said on Monday.\nPrivacy Policy"
	if page, err := Clean(single, Options{}); err != nil || !strings.HasPrefix(page.Text, "The valley council will meet") {
		t.Errorf("single paragraph: err %v, text %q", err, page.Text)
	}
}

func TestCleanTitleSectionRelated(t *testing.T) {
	const menu = "Home\nNews\nPolitics\nBusiness\nClimate\nCulture\n"
	tests := []struct {
		name        string
		raw         string
		wantTitle   string
		wantSection string
		wantRelated []string
		wantFirst   string // the text's start when not articleLake's
	}{
		{
			name: "headline over byline, stamp and name lines are not titles",
			raw: menu + `Search
Climate
Valley council votes to open the old sluice gate
By Mara Lindqvist
Updated 2 hours ago
Mara Lindqvist
` + articleLake + "\n" + menu,
			wantTitle:   "Valley council votes to open the old sluice gate",
			wantSection: "Climate",
		},
		{
			name: "headline after a share bar, far above the body",
			raw: menu + `Menu
Environment
Farmers brace for floods as the lake keeps rising
The water office says the old gate is the only way to lower the lake before the storms.
Photo: Lena Ek
By Tomas Berg
March 4, 2024
Share on Facebook
Share on Twitter
Share on LinkedIn
Email
Print
Copy link
Show more sharing options
Close extra sharing options
` + articleLake,
			wantTitle:   "Farmers brace for floods as the lake keeps rising",
			wantSection: "Environment",
			wantFirst:   "The water office says", // the standfirst under the headline
		},
		{
			name: "the last entry of a menu printed twice is not the section",
			raw: menu + "Sign in\n" + menu + `Storm season guide for valley farmers starts today
By Tomas Berg
` + articleLake,
			wantTitle:   "Storm season guide for valley farmers starts today",
			wantSection: "",
		},
		{
			name: "related headlines under a label before the body",
			raw: `Related stories
Storm barrier plans stall again after contractor quits
Valley farmers form a cooperative to buy hay
Menu
Lake level rises after a wet summer in the valley
By Tomas Berg
` + articleLake,
			wantTitle:   "Lake level rises after a wet summer in the valley",
			wantRelated: []string{"Storm barrier plans stall again after contractor quits", "Valley farmers form a cooperative to buy hay"},
		},
		{
			name: "headline-like lines without a related label are not related",
			raw: `Storm barrier plans stall again after contractor quits
Valley farmers form a cooperative to buy hay
Menu
Lake level rises after a wet summer in the valley
By Tomas Berg
` + articleLake,
			wantTitle: "Lake level rises after a wet summer in the valley",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			first := cmp.Or(tt.wantFirst, "The lake at the edge")
			if !strings.HasPrefix(page.Text, first) || !strings.HasSuffix(page.Text, lakeLast) {
				t.Errorf("Text = %.80q … %q", page.Text, page.Text[max(0, len(page.Text)-40):])
			}
			if page.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", page.Title, tt.wantTitle)
			}
			if page.Section != tt.wantSection {
				t.Errorf("Section = %q, want %q", page.Section, tt.wantSection)
			}
			if !slices.Equal(page.Related, tt.wantRelated) {
				t.Errorf("Related = %q, want %q", page.Related, tt.wantRelated)
			}
		})
	}
}

func TestAppendixMarkers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		bio  bool
		cap  bool
		stmp bool
	}{
		{in: "Jane Doe is a senior correspondent for the Example Post based in Lisbon.", bio: true},
		{in: "Acme Corp is headquartered in Oslo and employs 300 people.", bio: true},
		{in: "Jane Doe is the mayor who opened the new bridge on Monday.", bio: false},
		{in: "The town is a quiet place where the author grew up.", bio: false},
		{in: "A boat on the river at dawn on Sunday. Jo Lee / AGENCY", cap: true},
		{in: "Crowds gather outside the court building in the rain. (Reuters/Jo Lee)", cap: true},
		{in: "The court said it would publish its ruling on Friday.", cap: false},
		{in: "5 minutes ago", stmp: true},
		{in: "March 3, 2024 at 9:12 am", stmp: true},
		{in: "Five things to know", stmp: false},
	} {
		l := line{text: tt.in, f: measure(tt.in)}
		if got := isBio(tt.in); got != tt.bio {
			t.Errorf("isBio(%q) = %v", tt.in, got)
		}
		if got := isCaption(tt.in, l.f); got != tt.cap {
			t.Errorf("isCaption(%q) = %v", tt.in, got)
		}
		if got := isStamp(&l); got != tt.stmp {
			t.Errorf("isStamp(%q) = %v", tt.in, got)
		}
	}
}

// TestCleanShortArticleWithCode: two paragraphs parted by a code sample
// (no headline between them) are an article, not a teaser list.
func TestCleanShortArticleWithCode(t *testing.T) {
	raw := `Four Years Remaining
Preparing the consequences
Interning of small integers
Posted by Konrad 21.10.2019
I cannot help sharing this lovely example, which illustrates the way the interpreter interns small integers, the lower level use of the id function as well as the power of its foreign function module in a few lines.
import ctypes; deref(id(29), ctypes.c_int)[4] = 100
> 29 100 > 29*100 10000
Note that depending on the version of the interpreter the value of the integer may be stored at either offset four or six.
Tags: Computer science, Fun, Hacks
No Comments
Leave a comment`
	page, err := Clean(raw, Options{})
	if err != nil {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"I cannot help sharing", "Note that depending"} {
		if !strings.Contains(page.Text, want) {
			t.Errorf("text lacks %q: %q", want, page.Text)
		}
	}
	if strings.Contains(page.Text, "Leave a comment") {
		t.Errorf("text keeps chrome: %q", page.Text)
	}
}

func TestServerErrorIsChrome(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Warning: Use of undefined constant comments - assumed 'comments' in /var/www/wp-content/themes/x/single.php on line 42", true},
		{"Deprecated: Function set_magic_quotes_runtime() is deprecated in /www/htdocs/wp-settings.php on line 18", true},
		{"Warning: the bridge will be closed on line 4 of the tram network from Monday.", false},
		{"Notice: the library opens later on Sundays.", false},
	} {
		if got := isServerError(tt.s); got != tt.want {
			t.Errorf("isServerError(%q) = %v", tt.s, got)
		}
	}
}

// TestCleanDoubledCards: teaser cards dumped as their link text and their
// headline, the same words twice, outscore a short article by length
// alone; they are chrome.
func TestCleanDoubledCards(t *testing.T) {
	raw := `Home
News
Ferry crews vote to strike over summer rotas
The union said on Monday that ferry crews on the island routes had voted to strike for two days next month, after talks over summer rotas broke down.
"We have asked for fair rest between crossings and nothing more," a union spokesman said after the result was announced.
The operator said it would publish a reduced timetable and urged passengers to check before they travel.
Most Popular
This new garden hose is the summer tool you did not know you needed This new garden hose is the summer tool you did not know you needed
The best picnic blankets on sale this week for every size of family The best picnic blankets on sale this week for every size of family
Why the old lighthouse keeper never wanted to leave the rock behind Why the old lighthouse keeper never wanted to leave the rock behind
Twelve beach towels that dry quickly and pack away small and light Twelve beach towels that dry quickly and pack away small and light
Four camping stoves tested in wind and rain on the northern coast Four camping stoves tested in wind and rain on the northern coast
Terms of Use`
	page, err := Clean(raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(page.Text, "The union said on Monday") || strings.Contains(page.Text, "garden hose") {
		t.Errorf("Text = %q", page.Text)
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Ferries return to the quay Ferries return to the quay", true},
		{"New York New York", false},
		{"Ferries return to the quay and the quay", false},
		{"", false},
	} {
		if got := doubled(tt.in); got != tt.want {
			t.Errorf("doubled(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
