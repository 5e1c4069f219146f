package textpage

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// The pages below are invented for these tests.

const pageHarbour = `09:15 GMT +215 March 2024
Watch Live
Sign In
Home
World
Business
Science
    Coastal Towns
    Share on Facebook
    Copy link

By Maria Tellen and Joe Brandt
March 14, 2024

The town council voted on Tuesday to rebuild the old harbour wall, which has been crumbling since the storms of last winter.

Engineers told the meeting that the work would take at least two years and that the fishing fleet would have to moor elsewhere in the meantime.

"We have waited long enough for this decision," the harbour master said after the vote.

Costs rose.

The council will publish the tender documents next month, and it expects the first contracts to be signed before the summer.

Advertisement
Read more
Fishermen Fear a Long Winter Without a Harbour
New Ferry Route to Open in the Spring
Council Elections Set for May
harbour wall, Coastal Towns, Fishing, Town Council, Storm Damage
Community guidelinesDiscussion
Comment via FacebookComment via Email
© 2024 Example Media. All rights reserved.`

const pageBakery = `Skip to content
Menu
Search
Subscribe
Log in
Food & Drink
Recipes
Restaurants
Food & Drink
Recipes
Restaurants
Local baker wins national bread prize
A small bakery on the edge of town has taken the top award for its sourdough.
By Ana Ruiz
Published 10:04 AM EST Nov 19, 2019
A small bakery on the edge of town has won the national bread prize, beating more than two hundred entries from across the country.
The owner, who opened the shop only three years ago, said she had baked through the night before the final round of judging.
Judges praised the crust and the open crumb of the loaf, and they said it was the most consistent entry they had tasted this year.
What the judges said
“It is simple bread, made with patience and very good flour,” one of the judges said in a statement.
The bakery plans to hire two more bakers in the spring to keep up with the new orders.
Share this article
Tweet
Email
Related Tags:
Baking
Small Business
Awards
More from Food & Drink
Ten Cafés Worth the Detour This Winter
How to Keep a Sourdough Starter Alive
Privacy Policy
Terms of Use`

const pageNoArticle = `Home
News
Sport
Weather
Sign in
Subscribe
Contact us
Privacy Policy`

func TestClean(t *testing.T) {
	tests := []struct {
		name         string
		raw          string
		wantFirst    string
		wantLast     string
		wantParas    int
		wantAbsent   []string
		wantTitle    string
		wantSection  string
		wantTags     []string
		wantRelated  []string
		wantAuthors  []string
		wantClock    *time.Time
		wantPubDay   string // YYYY-MM-DD or ""
		wantErr      error
		wantContains []string
	}{
		{
			name:         "glued clock, section, byline, tags, related, comment widgets",
			raw:          pageHarbour,
			wantFirst:    "The town council voted on Tuesday",
			wantLast:     "before the summer.",
			wantParas:    5,
			wantAbsent:   []string{"Advertisement", "Read more", "Share", "Discussion", "GMT", "Fishermen Fear", "©"},
			wantSection:  "Coastal Towns",
			wantTags:     []string{"harbour wall", "Coastal Towns", "Fishing", "Town Council", "Storm Damage"},
			wantRelated:  []string{"Fishermen Fear a Long Winter Without a Harbour", "New Ferry Route to Open in the Spring", "Council Elections Set for May"},
			wantAuthors:  []string{"Maria Tellen", "Joe Brandt"},
			wantClock:    ptr(time.Date(2024, 3, 15, 9, 15, 0, 0, time.FixedZone("", 2*3600))),
			wantPubDay:   "2024-03-14",
			wantContains: []string{"\"We have waited long enough for this decision,\" the harbour master said after the vote.", "Costs rose."},
		},
		{
			name:        "navigation, title, subheading, tag label, share widget",
			raw:         pageBakery,
			wantFirst:   "A small bakery on the edge of town has taken the top award", // the standfirst
			wantLast:    "keep up with the new orders.",
			wantParas:   7,
			wantAbsent:  []string{"Share this article", "Tweet", "Related Tags", "Ten Cafés", "Privacy"},
			wantTitle:   "Local baker wins national bread prize",
			wantTags:    []string{"Baking", "Small Business", "Awards"},
			wantRelated: []string{"Ten Cafés Worth the Detour This Winter", "How to Keep a Sourdough Starter Alive"},
			wantAuthors: []string{"Ana Ruiz"},
			wantPubDay:  "2019-11-19",
			wantContains: []string{
				"What the judges said",
				"“It is simple bread, made with patience and very good flour,” one of the judges said in a statement.",
			},
		},
		{
			name:    "no article",
			raw:     pageNoArticle,
			wantErr: ErrNoArticle,
		},
		{
			name:    "empty",
			raw:     "",
			wantErr: ErrNoArticle,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				if page.Text != "" {
					t.Errorf("Text = %q, want empty", page.Text)
				}
				return
			}
			paras := strings.Split(page.Text, "\n\n")
			if len(paras) != tt.wantParas {
				t.Errorf("got %d paragraphs, want %d:\n%s", len(paras), tt.wantParas, page.Text)
			}
			if !strings.HasPrefix(page.Text, tt.wantFirst) {
				t.Errorf("Text starts %.50q, want %q", page.Text, tt.wantFirst)
			}
			if !strings.HasSuffix(page.Text, tt.wantLast) {
				t.Errorf("Text ends %q, want %q", page.Text[max(0, len(page.Text)-40):], tt.wantLast)
			}
			for _, s := range tt.wantAbsent {
				if strings.Contains(page.Text, s) {
					t.Errorf("Text keeps chrome %q", s)
				}
			}
			for _, s := range tt.wantContains {
				if !slices.Contains(paras, s) {
					t.Errorf("paragraph %q missing", s)
				}
			}
			if tt.wantTitle != "" && page.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", page.Title, tt.wantTitle)
			}
			if tt.wantSection != "" && page.Section != tt.wantSection {
				t.Errorf("Section = %q, want %q", page.Section, tt.wantSection)
			}
			if !slices.Equal(page.Tags, tt.wantTags) {
				t.Errorf("Tags = %q, want %q", page.Tags, tt.wantTags)
			}
			if !slices.Equal(page.Related, tt.wantRelated) {
				t.Errorf("Related = %q, want %q", page.Related, tt.wantRelated)
			}
			if !slices.Equal(page.Authors, tt.wantAuthors) {
				t.Errorf("Authors = %q, want %q", page.Authors, tt.wantAuthors)
			}
			switch {
			case tt.wantClock == nil && page.PageTime != nil:
				t.Errorf("PageTime = %v, want none", page.PageTime)
			case tt.wantClock != nil && (page.PageTime == nil || !page.PageTime.Equal(*tt.wantClock)):
				t.Errorf("PageTime = %v, want %v", page.PageTime, tt.wantClock)
			}
			switch {
			case tt.wantPubDay == "" && page.Published != nil:
				t.Errorf("Published = %v, want none", page.Published)
			case tt.wantPubDay != "" && (page.Published == nil || page.Published.Format("2006-01-02") != tt.wantPubDay):
				t.Errorf("Published = %v, want day %s", page.Published, tt.wantPubDay)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestParseClockLine(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		wantOK bool
	}{
		{"02:30 GMT +323 January 2020", time.Date(2020, 1, 23, 2, 30, 0, 0, time.FixedZone("", 3*3600)), true},
		{"18:05 GMT +1 4 May 2021", time.Date(2021, 5, 4, 18, 5, 0, 0, time.FixedZone("", 3600)), true},
		{"07:45 UTC -512 June 2019", time.Date(2019, 6, 12, 7, 45, 0, 0, time.FixedZone("", -5*3600)), true},
		{"11:00 GMT +5301 August 2022", time.Date(2022, 8, 1, 11, 0, 0, 0, time.FixedZone("", 5*3600+1800)), true},
		{"23:59 GMT +03:00 31 December 2021", time.Date(2021, 12, 31, 23, 59, 0, 0, time.FixedZone("", 3*3600)), true},
		{"02:30 GMT +3", time.Time{}, false},            // no date
		{"25:10 GMT +3 1 May 2020", time.Time{}, false}, // no such hour
		{"02:30 GMT +99 May 2020", time.Date(2020, 5, 9, 2, 30, 0, 0, time.FixedZone("", 9*3600)), true},
		{"02:30 GMT +9945 May 2020", time.Time{}, false}, // no valid split
		{"Breaking news from the harbour", time.Time{}, false},
	}
	p := Options{}
	p.applyDefaults()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseClockLine(tt.in, newDateParser(p))
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (got %v)", ok, tt.wantOK, got)
			}
			if ok && !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if ok {
				_, off := got.Zone()
				_, wantOff := tt.want.Zone()
				if off != wantOff {
					t.Errorf("offset %d, want %d", off, wantOff)
				}
			}
		})
	}
}

func TestLineFeatures(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(f features) bool
	}{
		{"glued link texts", "Community standardsDiscussion", func(f features) bool { return f.glued == 1 }},
		{"brand name is one glue", "Watch it on YouTube", func(f features) bool { return f.glued == 0 }},
		{"share widget", "Share on Facebook", func(f features) bool { return f.widget }},
		{"sign in widget", "Sign in", func(f features) bool { return f.widget }},
		{"prose is no widget", "Officials said they would share the report with the public next week.", func(f features) bool { return !f.widget }},
		{"comma list", "Elections, Budget, Town Council (TC), U.S. Senate, Weather", func(f features) bool { return f.listItems == 5 }},
		{"sentence is no list", "He came, he saw, and he left before the speeches began.", func(f features) bool { return f.listItems == 0 }},
		{"prose stopwords", "The council said that it would not be able to pay for the work this year.", func(f features) bool { return f.stop > 0.4 && f.endPunct }},
		{"quoted", "“We will see,” she said.", func(f features) bool { return f.quoted && f.endPunct }},
		{"date stamp", "November 19, 2019 at 9:47 am", func(f features) bool { return f.dateish }},
		{"copyright", "© 2024 Example Media", func(f features) bool { return f.copyright }},
		{"long copyright notice", "© 2024 Example Media. All rights reserved. No part of this site may be copied without the written permission of the publisher.", func(f features) bool { return f.copyright }},
		{"paragraph with a photo credit", "The new ferry left the harbour on Monday morning with more than two hundred passengers on board, and it reached the island a little after noon, as planned. © Jane Doe", func(f features) bool { return !f.copyright && f.words > 25 }},
		{"danda ends a sentence", "परिषद ने बजट को मंजूरी दी।", func(f features) bool { return f.endPunct }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f := measure(tt.in); !tt.check(f) {
				t.Errorf("features of %q: %+v", tt.in, f)
			}
		})
	}
}

func TestLearnBoilerplate(t *testing.T) {
	pages := []string{
		"Home\nWorld\nFirst story text that is only here.\nAbout us",
		"Home\nWorld\nSecond story text that is only here.\nAbout us",
		"Home\nSport\nThird story text that is only here.\nAbout us",
	}
	b := LearnBoilerplate(pages)
	for _, s := range []string{"Home", "World", "About us"} {
		if !b.Has(s) {
			t.Errorf("%q not learned", s)
		}
	}
	for _, s := range []string{"Sport", "First story text that is only here."} {
		if b.Has(s) {
			t.Errorf("%q learned", s)
		}
	}
	var nilB *Boilerplate
	if nilB.Has("Home") || nilB.Len() != 0 {
		t.Error("nil Boilerplate is not empty")
	}
	// A learned line is chrome even when it reads like prose.
	notice := "Our newsroom follows the standards of the press council, and we correct our mistakes quickly."
	page := pageBakery + "\n" + notice
	b = LearnBoilerplate([]string{"x\n" + notice, "y\n" + notice})
	got, err := Clean(page, Options{Boilerplate: b})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, notice) {
		t.Error("boilerplate line kept")
	}
}

func TestCleanTooLarge(t *testing.T) {
	_, err := Clean(strings.Repeat("x", 100), Options{MaxBytes: 10})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestCleanKeepLines(t *testing.T) {
	page, err := Clean(pageHarbour, Options{KeepLines: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Lines) != strings.Count(pageHarbour, "\n")+1 {
		t.Fatalf("got %d lines", len(page.Lines))
	}
	counts := map[Class]int{}
	for _, l := range page.Lines {
		counts[l.Class]++
	}
	for c, want := range map[Class]int{ClassBody: 5, ClassClock: 1, ClassTags: 1, ClassRelated: 3, ClassSection: 1, ClassByline: 1, ClassDateline: 1} {
		if counts[c] != want {
			t.Errorf("%v lines: %d, want %d", c, counts[c], want)
		}
	}
}

func TestDateFallback(t *testing.T) {
	raw := "Главная\n19 ноября 2019\nThe committee met on Tuesday and it agreed that the new rules would come into force next year.\nIt will publish a full report on the changes before the end of the month, the chairman said.\n"
	page, err := Clean(raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Published != nil {
		t.Errorf("fast reader read %v", page.Published)
	}
	page, err = Clean(raw, Options{DateFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.Published == nil || page.Published.Format("2006-01-02") != "2019-11-19" {
		t.Errorf("Published = %v, want 2019-11-19", page.Published)
	}
}

func TestFastDates(t *testing.T) {
	dp := newDateParser(Options{Location: time.UTC})
	for in, want := range map[string]string{
		"Nov. 19, 2019 8:03 am ET":           "2019-11-19 08:03 -05:00",
		"Published 7:07 PM EST Nov 19, 2019": "2019-11-19 19:07 -05:00",
		"19 November 2019, 09:01 AM":         "2019-11-19 09:01 +00:00",
		"19 de novembro de 2019":             "2019-11-19 00:00 +00:00",
		"2019-11-20T10:43:00+03:00":          "2019-11-20 10:43 +03:00",
		"11/18/19 11:04 PM EST":              "2019-11-18 23:04 -05:00",
	} {
		got, ok := dp.parse(in)
		if !ok || got.Format("2006-01-02 15:04 -07:00") != want {
			t.Errorf("%q: got %v %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"Copyright 2019 Example", "31 February 2020", "1 day ago"} {
		if got, ok := dp.parse(in); ok {
			t.Errorf("%q read as %v", in, got)
		}
	}
}
