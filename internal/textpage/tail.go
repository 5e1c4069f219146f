package textpage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The densest run of prose often does not stop where the article does:
// a bio of the author, the "About …" paragraph of a press release, the
// site's appeal to subscribe and the reader comments are prose too, and
// they follow the article with little chrome in between. trimTail finds
// the first line of such an appendix inside the run and ends the body
// before it. Each marker is structural or built from generic words, and
// the promotional and bio markers only count in the tail of the run (the
// last part of its prose), so a sentence in the middle of an article that
// happens to look like one is kept.

// tailShare is the share of the run's prose mass that may follow a
// promotion or bio line for it to count as the appendix; chainShare is
// the same for a chain of two bio lines, a stronger sign.
const (
	tailShare  = 0.2
	chainShare = 0.4
)

// minHeadMass is the prose mass that must precede a cut: an appendix
// follows an article.
const minHeadMass = 4.0

// trimTail returns the new end of the body run [start, end]: the last
// kept line before the first appendix marker, or end when there is none.
func trimTail(lines []line, start, end int) int {
	total := 0.0
	for i := start; i <= end; i++ {
		if lines[i].class != ClassBlank && lines[i].score > 0 {
			total += lines[i].score
		}
	}
	head, prose := 0.0, 0
	for k := start; k <= end; k++ {
		l := &lines[k]
		if l.class == ClassBlank {
			continue
		}
		if head >= minHeadMass && prose >= 2 {
			after := total - head
			if isAppendixStart(lines, k, end, after <= tailShare*total, after <= chainShare*total) {
				j := k - 1
				for j > start && (lines[j].class == ClassBlank || lines[j].drop) {
					j--
				}
				return j
			}
		}
		if l.score > 0 {
			head += l.score
			prose++
		}
	}
	return end
}

// isAppendixStart reports whether line k opens an appendix of the
// article. tail and farTail say whether k lies in the tail of the run
// (within tailShare or chainShare of its end).
func isAppendixStart(lines []line, k, end int, tail, farTail bool) bool {
	l := &lines[k]
	if isDigit(l.text[0]) && commentCountRe.MatchString(l.text) {
		return true // "12 comments", "3 thoughts on “…”"
	}
	if isCommentHeader(lines, k) && countCommentHeaders(lines, k, end+80) >= 2 {
		return true
	}
	if isAboutLabel(lines, k) {
		return true
	}
	if !farTail || l.f.quoted {
		return false
	}
	if opensBioChain(lines, k) {
		return true
	}
	return isRelatedBlock(lines, k) || tail && (isPromo(l) || isBio(l.text))
}

// opensBioChain reports whether line k opens like a bio ("Acme is a …")
// and the next line is a bio of the same subject ("Acme is headquartered
// in …"), as the "About" paragraphs of press releases are.
func opensBioChain(lines []line, k int) bool {
	l := &lines[k]
	if !bioRe.MatchString(l.text) {
		return false
	}
	first, _, _ := strings.Cut(l.text, " ")
	for i := k + 1; i < len(lines); i++ {
		next := &lines[i]
		if next.class == ClassBlank {
			continue
		}
		f, _, _ := strings.Cut(next.text, " ")
		return f == first && isBio(next.text)
	}
	return false
}

// commentCountRe matches the heading of a comment thread.
var commentCountRe = regexp.MustCompile(`(?i)^\d+\s+(comments?|thoughts?|responses?|replies|reactions?|comentários|comentarios|commentaires|kommentare)\b`)

// stampRe matches a relative time stamp as comments carry.
var stampRe = regexp.MustCompile(`(?i)^\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|y)\s+ago$`)

// isStamp reports whether a line is the time stamp of a post: a date with
// a clock time or a relative time.
func isStamp(l *line) bool {
	return l.f.dateish || (l.f.words <= 4 && stampRe.MatchString(l.text))
}

// isCommentHeader reports whether line k is the header of a comment: a
// short name (1–4 capitalised words, or a lower-case handle without
// spaces) with a time stamp within the next two non-blank lines, followed
// by prose.
func isCommentHeader(lines []line, k int) bool {
	l := &lines[k]
	if l.f.endPunct || l.f.words > 4 || l.f.widget || isStamp(l) || !(looksLikeName(l.text) || isHandle(l.text)) {
		return false
	}
	seen, stamped := 0, false
	for i := k + 1; i < len(lines) && seen < 5; i++ {
		li := &lines[i]
		if li.class == ClassBlank {
			continue
		}
		seen++
		switch {
		case !stamped && seen <= 2 && isStamp(li):
			stamped = true
		case stamped && li.score > 0:
			return true
		case stamped && li.f.widget:
		case stamped:
			return false
		}
	}
	return false
}

// isHandle reports whether s is a user name written as one token
// ("river_fox22", "@river").
func isHandle(s string) bool {
	if len(s) < 3 || len(s) > 30 || strings.ContainsAny(s, " \t") {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '@' && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

// countCommentHeaders counts the comment headers in lines[from:to].
func countCommentHeaders(lines []line, from, to int) int {
	n := 0
	for i := from; i < len(lines) && i <= to && n < 2; i++ {
		if lines[i].class != ClassBlank && isCommentHeader(lines, i) {
			n++
		}
	}
	return n
}

// aboutRe matches the label of a bio or company box: "About Jane Doe",
// "About the author", and the same in a few other languages.
var aboutRe = regexp.MustCompile(`^(?:About|ABOUT|Sobre|SOBRE|Über|ÜBER|Acerca de|À propos de|A propos de|Об|О|Informazioni su)\s+(?:(?:the|o|a|der|die|l'|el|la|le)\s+)?(.+)$`)

// aboutWords are the first words of aboutRe's labels, lower-cased.
var aboutWords = map[string]bool{
	"about": true, "sobre": true, "über": true, "acerca": true, "à": true, "a": true, "об": true, "о": true, "informazioni": true,
}

// authorWords name the author in an "About the author" label.
var authorWords = map[string]bool{
	"author": true, "authors": true, "writer": true, "autor": true, "autora": true, "auteur": true,
	"autore": true, "автор": true, "contributor": true,
}

// isAboutLabel reports whether line k is an "About X" label followed by a
// paragraph about X: the label names the author, or the paragraph repeats
// a word of the name.
func isAboutLabel(lines []line, k int) bool {
	l := &lines[k]
	if l.f.words > 6 || l.f.endPunct || !firstWordIn(l.text, aboutWords) {
		return false
	}
	m := aboutRe.FindStringSubmatch(l.text)
	if m == nil {
		return false
	}
	name := strings.TrimSpace(m[1])
	if authorWords[strings.ToLower(name)] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(r) {
		return false
	}
	for i := k + 1; i < len(lines); i++ {
		next := &lines[i]
		if next.class == ClassBlank {
			continue
		}
		if next.score <= 0 {
			return false
		}
		for _, w := range strings.Fields(name) {
			if len(w) >= 3 && strings.Contains(next.text, w) {
				return true
			}
		}
		return false
	}
	return false
}

// secondPerson are words that address the reader or speak for the site.
var secondPerson = map[string]bool{
	"you": true, "your": true, "you're": true, "you’re": true, "you'll": true, "you’ll": true,
	"du": true, "dir": true, "dich": true, "dein": true, "deine": true, "deinen": true, "deinem": true,
	"deiner": true, "euch": true, "euer": true, "eure": true, "ihnen": true, "vous": true, "votre": true,
	"vos": true, "usted": true, "ustedes": true, "voi": true, "vostro": true, "vostra": true,
	"você": true, "vocês": true, "jij": true, "jouw": true, "uw": true,
}

// politeYou are the German polite forms of "you", capitalised inside a
// sentence (at its start "Sie" is also "she" or "they").
var politeYou = map[string]bool{"Sie": true, "Ihr": true, "Ihre": true, "Ihren": true, "Ihrem": true, "Ihrer": true}

// selfRefRe matches a reference of a text to the page it is on.
var selfRefRe = regexp.MustCompile(`(?i)\b(?:(?:this|the) (?:article|story|post|piece|page)|(?:diese[nmr]?|den) (?:Artikel|Beitrag)|cet article|(?:este|el) artículo|(?:questo|l') articolo|(?:este|o) artigo)\b`)

// isPromo reports whether a line is the site speaking to its reader: it
// addresses the reader and either names a widget action (subscribe,
// newsletter, sign up, download) or refers to "this article".
func isPromo(l *line) bool {
	if l.f.words > 60 {
		return false
	}
	addressed, sentenceStart := false, true
	var buf [24]byte
	for raw := range strings.FieldsSeq(l.text) {
		w := strings.Trim(raw, `.,;:!?"“”()`)
		if b, ok := lowerBytes(w, &buf); ok && secondPerson[string(b)] || !sentenceStart && politeYou[w] {
			addressed = true
			break
		}
		sentenceStart = strings.ContainsAny(raw[len(raw)-1:], ".!?:")
	}
	if !addressed {
		return false
	}
	return l.f.uiAction > 0 || selfRefRe.MatchString(l.text) || startsImperative(l.text)
}

// bioRe matches the opening of a bio: a name of one to five capitalised
// words (an optional role before it), then "is a", "is an", "is the" or
// the same with "was", in a few languages; or a first-person "I am"
// before a name.
var bioRe = regexp.MustCompile(`^(?:(?:\p{Lu}[\p{L}'’.\-]*\s+){1,6}(?:is|was|has been|covers|writes|ist|war|est|était|es|era|è|é|foi)\s+(?:an?|the|also|currently|ein|eine|seit|un|une|uno|una|um|uma|een)?\s*|(?:I am|I'm|Ich bin|Je suis|Soy|Sono|Sou|Ik ben)\s+\p{Lu})`)

// bioWords are the roles and facts of author and company bios.
var bioWords = map[string]bool{
	"reporter": true, "writer": true, "editor": true, "correspondent": true, "columnist": true,
	"contributor": true, "journalist": true, "author": true, "blogger": true, "freelance": true,
	"educator": true, "founder": true, "headquartered": true, "employs": true, "subsidiaries": true,
	"newsletter": true, "podcast": true,
	// The same roles in other languages.
	"redakteur": true, "redakteurin": true, "autor": true, "autorin": true, "journalistin": true,
	"gründer": true, "gründerin": true, "geschäftsführer": true, "geschäftsführerin": true,
	"experte": true, "expertin": true, "chefredakteur": true, "journaliste": true, "rédacteur": true,
	"rédactrice": true, "auteur": true, "autrice": true, "fondateur": true, "fondatrice": true,
	"periodista": true, "redactor": true, "redactora": true, "autora": true, "fundador": true,
	"fundadora": true, "giornalista": true, "redattore": true, "redattrice": true, "autore": true,
	"fondatore": true, "jornalista": true, "redator": true, "oprichter": true, "hoofdredacteur": true,
}

// isBio reports whether s opens like a bio and names a role or company
// fact within its first words.
func isBio(s string) bool {
	m := bioRe.FindStringIndex(s)
	if m == nil {
		return false
	}
	n := 0
	var buf [24]byte
	for w := range strings.FieldsSeq(s) {
		if n++; n > 30 {
			break
		}
		w = strings.Trim(w, `.,;:!?"“”()`)
		if k := strings.LastIndexByte(w, '-'); k >= 0 {
			w = w[k+1:] // "ERP-Experte"
		}
		if b, ok := lowerBytes(w, &buf); ok && bioWords[string(b)] {
			return true
		}
	}
	return false
}

// isRelatedBlock reports whether line k is the label of a list of
// related articles ("Read also", "Weitere Artikel") with two headlines
// right under it, after which the article does not go on: a box of links
// set inside the article is followed by a paragraph.
func isRelatedBlock(lines []line, k int) bool {
	l := &lines[k]
	if l.f.words > 7 || !firstWordIn(l.text, relatedLabelWords) || !relatedLabelRe.MatchString(l.text) {
		return false
	}
	n := 0
	for i := k + 1; i < len(lines) && n < 12; i++ {
		next := &lines[i]
		if next.class == ClassBlank || next.f.widget {
			continue
		}
		if n >= 2 && next.score > 0 {
			return next.score < 1.5 // a paragraph: the article goes on
		}
		if n < 2 && (next.f.words < 3 || next.f.words > 20 || next.f.words > 8 && next.f.endPunct && !strings.HasSuffix(next.text, "?")) {
			return false
		}
		n++
	}
	return n >= 2
}
