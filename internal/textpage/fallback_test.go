package textpage

import (
	"strings"
	"testing"
)

// The pages below are invented for these tests.

// twiceArticle is an article that a page prints twice.
const twiceArticle = `Harbour master retires after forty years
The harbour master has guided more than ten thousand ships into the old port since he took the job as a young man.
He will hand over to his deputy at the end of the month, and the town plans a small party on the quay to thank him.
The deputy has worked in the harbour office for twelve years and knows every captain who comes to the port.
`

func TestCleanFallbacks(t *testing.T) {
	tests := []struct {
		name       string
		raw        string
		wantFirst  string
		wantLast   string
		wantAbsent []string
		// wantContains are lines the text must hold.
		wantContains []string
	}{
		{
			name: "paywall: a paragraph cut short is the article",
			raw: `Startseite
Lokales
Sport
Abonnieren
Neue Brücke über den Fluss wird im Sommer eröffnet
Von Anna Berger
Mi, 4. Mai 2022 um 10:15 Uhr
Die Stadt hat den Bau der neuen Brücke früher als geplant abgeschlossen, die Eröffnung soll im Juni gefeiert werden, sagte der Bürgermeister am Dienstag vor dem Gemeinderat und den Gästen aus den Nachbarorten ...
Bereits Abonnent? Anmelden
Jetzt weiterlesen
Weitere Artikel
Kreisliga
Der Aufsteiger gewinnt das Derby
Die Mannschaft aus dem Tal gewann am Sonntag mit zwei Toren Vorsprung gegen den Nachbarn und bleibt damit weiter an der Spitze der Tabelle.
Wetter
Sturm im Schwarzwald
Am Wochenende zieht ein kräftiges Tief über das Land, der Wetterdienst warnt vor umstürzenden Bäumen in den höheren Lagen des Waldes.
Impressum`,
			wantFirst: "Die Stadt hat den Bau der neuen Brücke",
			wantLast:  "aus den Nachbarorten ...",
		},
		{
			name: "widgets and a promotion in German are chrome",
			raw: `Menü
Suche
Gartenvereine pflanzen hundert Obstbäume am Stadtrand
Die Vereine aus drei Stadtteilen haben am Samstag gemeinsam hundert junge Obstbäume auf der Wiese am Stadtrand gepflanzt.
Artikel teilen
Drucken
Kommentare
Die Bäume stammen aus einer Baumschule in der Region, die alten Sorten wurden von den Mitgliedern der Vereine ausgewählt.
In drei Jahren sollen die ersten Äpfel und Birnen geerntet werden, die Ernte wird an die Schulen im Viertel verteilt.
Für die Arbeit brauchten die Helfer fast den ganzen Tag, weil der Boden nach dem trockenen Frühjahr sehr hart war und jedes Loch von Hand gegraben wurde.
Der Bezirk bezahlt die Pflege der Bäume in den ersten fünf Jahren, danach übernehmen die Vereine die Arbeit auf der Wiese.
Gefällt dir unser Magazin? Dann abonniere unseren Newsletter und verpasse keinen Artikel mehr aus deinem Viertel.
Datenschutz
Impressum`,
			wantFirst:  "Die Vereine aus drei Stadtteilen",
			wantLast:   "danach übernehmen die Vereine die Arbeit auf der Wiese.",
			wantAbsent: []string{"Artikel teilen", "Drucken", "Kommentare", "Gefällt dir"},
		},
		{
			name: "a related box inside the article is passed over, one after it ends the body",
			raw: `Home
Science
Old lighthouse lamp goes back on display after repairs
The old lamp of the harbour lighthouse is back in the town museum after two years of repairs in a workshop on the coast.
The glass had cracked in a storm, and the brass frame had to be taken apart piece by piece before it could be cleaned.
Related
Storm damages the pier for the second time this winter
Museum opens a new room for ship models
The workshop used old drawings from the archive of the harbour office to make new parts where the old ones were lost.
Visitors can see the lamp from Tuesday, and the museum will show a short film about the repairs every afternoon.
Read also
Ferry timetable changes in the spring
New bridge opens to cyclists next month
Did you like the story?
Tell the editors what you think of it and which old building of the town should be repaired next.
They read every letter and print the best of them in the weekend edition of the paper.
Privacy Policy`,
			wantFirst:  "The old lamp of the harbour lighthouse",
			wantLast:   "a short film about the repairs every afternoon.",
			wantAbsent: []string{"Did you like", "Ferry timetable", "Tell the editors"},
		},
		{
			name: "prose at the foot of the page counts for less than the article",
			raw: `Home
News
Sport
Culture
Weather
Jobs
Events
Shop
Archive
Contact
Choir from the valley wins the national contest
The youth choir of the valley school won the national contest on Saturday, ahead of twenty choirs from the larger towns in the south of the country.
The singers had practised twice a week since the autumn, and their teacher said that the prize money would pay for a trip to a festival abroad.
Most read
Ferry timetable changes in the spring
New bridge opens to cyclists next month
Museum opens a new room for ship models
Storm damages the pier for the second time
Market moves to the harbour for the summer
School buses run late after the snow
Council agrees the budget for next year
Fishermen ask for a longer season
About us
The Valley Courier has been the newspaper of the valley since the year the railway arrived, and it is written by a small team of reporters who live in the towns they write about.
We are owned by a foundation of readers, and we publish every weekday on paper and every day of the year on this site, with news from the council, the schools and the clubs of the valley.
Terms`,
			wantFirst:  "The youth choir of the valley school",
			wantLast:   "a trip to a festival abroad.",
			wantAbsent: []string{"Valley Courier", "foundation of readers"},
		},
		{
			name: "last resort: the only sentence is a short teaser cut by a paywall",
			raw: `Home
Region
Subscribe
Sign in
Harbour master retires after forty years
The harbour master has guided more than ten thousand ships into the old port since…
Subscribe to read the whole article
Privacy Policy`,
			wantFirst: "The harbour master has guided",
			wantLast:  "since…",
		},
		{
			name: "short questions and labels under the article are chrome",
			raw: `Home
News
Harbour master retires after forty years
The harbour master has guided more than ten thousand ships into the old port since he took the job as a young man.
He will hand over to his deputy at the end of the month, and the town plans a small party on the quay to thank him.
Was the story useful?
Want more news from the coast?
Privacy Policy`,
			wantFirst:  "The harbour master has guided",
			wantLast:   "on the quay to thank him.",
			wantAbsent: []string{"useful?", "coast?"},
		},
		{
			name:      "an article printed twice (two layouts) is kept once",
			raw:       "Home\nNews\n" + twiceArticle + "Share\nTweet\nMenu\nSearch\n" + twiceArticle + "Privacy Policy",
			wantFirst: "The harbour master has guided",
			wantLast:  "who comes to the port.",
		},
		{
			name: "a standfirst cut with an ellipsis above a picture joins the body",
			raw: "Home\nNews\nHarbour master retires after forty years\nBy Ana Ruiz, 4 May 2022\n" +
				"He guided more than ten thousand ships into the old port, and now the town wants to thank him with a party on the quay before he...\n" +
				"1/3\n© Jane Doe\n" + twiceArticle[strings.Index(twiceArticle, "\n")+1:] + "Privacy Policy",
			wantFirst: "He guided more than ten thousand ships",
			wantLast:  "who comes to the port.",
		},
		{
			name: "the reader addressed with the polite German Sie",
			raw: `Menü
Hafenfest zieht mehr Besucher an als je zuvor
Das Hafenfest hat am Wochenende mehr als zwanzigtausend Besucher an den Kai gelockt, so viele wie noch nie seit seiner Gründung.
Die Veranstalter hatten in diesem Jahr zum ersten Mal eine zweite Bühne am alten Lagerhaus aufgebaut, auf der lokale Bands spielten.
Am Sonntag fuhren die Boote der Fischer in einer langen Reihe durch den Hafen, begleitet von der Musik der Feuerwehrkapelle.
Die Stadt will das Fest im nächsten Jahr um einen Tag verlängern, sagte die Bürgermeisterin am Montag vor dem Stadtrat.
Für die Anwohner soll es dann eine eigene Zufahrt geben, damit die Straßen am Hafen nicht wieder stundenlang gesperrt sind.
Melden Sie sich jetzt für unseren Newsletter an und verpassen Sie keine Nachricht mehr aus der Stadt und dem Hafen.
Impressum`,
			wantFirst:  "Das Hafenfest hat am Wochenende",
			wantLast:   "nicht wieder stundenlang gesperrt sind.",
			wantAbsent: []string{"Melden Sie sich"},
		},
		{
			name: "verse quoted over several lines inside the article is text",
			raw: `Home
Music
Harbour band answers its critics with a new song
The harbour band has answered the critics of its last album with a new song that it played for the first time on Friday night.
The song
“We sing of ships and of the tide
Of nets that tear and boats that ride
We sing because the town is wide”
The critics had called the album old-fashioned, but the band said it would keep writing songs about the sea and the town.
The new album will come out in the spring, with ten songs that were recorded in a boat shed on the quay.
Privacy Policy`,
			wantFirst:    "The harbour band has answered",
			wantLast:     "in a boat shed on the quay.",
			wantContains: []string{"Of nets that tear and boats that ride"},
			wantAbsent:   []string{"The song\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			for _, s := range tt.wantContains {
				if !strings.Contains(page.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, page.Text)
				}
			}
			if !strings.HasPrefix(page.Text, tt.wantFirst) {
				t.Errorf("Text starts %.60q, want %q", page.Text, tt.wantFirst)
			}
			if strings.Count(page.Text, tt.wantFirst) != 1 {
				t.Errorf("Text holds %q %d times", tt.wantFirst, strings.Count(page.Text, tt.wantFirst))
			}
			if !strings.HasSuffix(page.Text, tt.wantLast) {
				t.Errorf("Text ends %q, want %q", page.Text[max(0, len(page.Text)-60):], tt.wantLast)
			}
			for _, s := range tt.wantAbsent {
				if strings.Contains(page.Text, s) {
					t.Errorf("Text keeps %q:\n%s", s, page.Text)
				}
			}
		})
	}
}

// TestCleanScripts checks that prose in scripts with their own sentence
// marks (Devanagari's danda) or without spaces between words (Thai) is
// read as prose.
func TestCleanScripts(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{
			name: "Hindi, sentences ending in a danda",
			raw: `होम
समाचार
खेल
नगर परिषद ने नए पुल को मंजूरी दी
शहर की नगर परिषद ने सोमवार को नदी पर नए पुल के निर्माण के लिए बजट को मंजूरी दे दी।
परिषद के अध्यक्ष ने कहा कि पुल का काम अगले साल की गर्मियों तक पूरा हो जाएगा और इससे यात्रा का समय कम होगा।
गोपनीयता नीति`,
			want: "शहर की नगर परिषद ने सोमवार को",
		},
		{
			name: "Thai, no spaces between words",
			raw: `หน้าแรก
ข่าว
กีฬา
สภาเมืองอนุมัติสะพานใหม่
สภาเมืองอนุมัติงบประมาณสำหรับการสร้างสะพานใหม่ข้ามแม่น้ำเมื่อวันจันทร์ที่ผ่านมา ประธานสภากล่าวว่างานจะเสร็จภายในฤดูร้อนปีหน้า
ชาวบ้านในหมู่บ้านริมแม่น้ำกล่าวว่าสะพานใหม่จะช่วยให้เด็กๆ เดินทางไปโรงเรียนได้เร็วขึ้นและปลอดภัยกว่าเดิมมาก
นโยบายความเป็นส่วนตัว`,
			want: "สภาเมืองอนุมัติงบประมาณ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if !strings.HasPrefix(page.Text, tt.want) {
				t.Errorf("Text = %q, want it to start with %q", page.Text, tt.want)
			}
			if strings.Count(page.Text, "\n\n") != 1 {
				t.Errorf("Text = %q, want two paragraphs", page.Text)
			}
		})
	}
}

func TestGalleryCounters(t *testing.T) {
	for _, s := range []string{"1 of 6", "3/12", "2 von 17", "4 sur 9", "5 z 8"} {
		if !isCaption(s, measure(s)) {
			t.Errorf("%q is not read as a gallery counter", s)
		}
	}
	for _, s := range []string{"10 of the 12 ships came back.", "2024"} {
		if isCaption(s, measure(s)) {
			t.Errorf("%q is read as a gallery counter", s)
		}
	}
}

func TestCleanSoftHyphens(t *testing.T) {
	raw := "Home\nNews\nThe har\u00adbour mas\u00adter has guided more than ten thousand ships into the old port since he took the job as a young man.\nHe will hand over to his deputy at the end of the month, and the town plans a small party on the quay to thank him.\nPrivacy Policy"
	page, err := Clean(raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.Text, "\u00ad") || !strings.HasPrefix(page.Text, "The harbour master has guided") {
		t.Errorf("Text = %q", page.Text)
	}
}
