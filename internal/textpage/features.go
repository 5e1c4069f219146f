package textpage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// features are the generic, site-independent measurements of one line.
type features struct {
	words     int     // \w+ tokens
	chars     int     // runes
	stop      float64 // share of words that are stopwords
	stopKnown bool    // the line's script has a stopword list
	caps      float64 // share of words (letters first) that start upper-case
	digits    float64 // share of words that are all digits
	endPunct  bool    // ends like a sentence (. ! ? … : ; or a closing quote after one)
	quoted    bool    // starts with a quotation mark
	glued     int     // lower→Upper transitions inside a word ("standardsDiscussion")
	commas    int     // number of commas
	pipes     int     // number of | or • separators
	listItems int     // items of a comma list whose items are all short
	widget    bool    // a short line made of UI vocabulary
	uiAction  int     // UI action words ("subscribe", "newsletter", "cookie", …)
	uiCore    int     // core UI words, widget markers ("share", "print", …)
	uiOther   int     // words outside the UI vocabulary (first 30 words)
	copyright bool    // ©, "all rights reserved"
	dateish   bool    // a short line that is a date or time stamp
	media     bool    // names a photo, image or credit
	letters   int     // letter runes
}

// measure computes the features of a trimmed, non-empty line.
func measure(s string) features {
	var f features
	f.chars = utf8.RuneCountInString(s)
	var (
		nStop, nCapable, nCaps, nDigit int
		inWord                         bool
		wordStart                      int
		lowerRun                       int
		prevLower                      bool
		cjk                            int
	)
	var lowbuf [32]byte
	var ui uiCount
	var hasYear, hasMonth bool
	endWord := func(end int) {
		w := s[wordStart:end]
		f.words++
		allDigit := true
		for i := 0; i < len(w); i++ {
			if !isDigit(w[i]) {
				allDigit = w[i] >= utf8.RuneSelf && isAllDigits(w)
				break
			}
		}
		if allDigit {
			nDigit++
			if len(w) == 4 && (w[:2] == "19" || w[:2] == "20") {
				hasYear = true
			}
			return
		}
		r0, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r0) {
			nCapable++
			if unicode.IsUpper(r0) {
				nCaps++
			}
		}
		if len(w) <= len(lowbuf) {
			b := lowbuf[:0]
			for _, r := range w {
				switch {
				case r < utf8.RuneSelf:
					c := byte(r)
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b = append(b, c)
				default:
					b = utf8.AppendRune(b, unicode.ToLower(r))
				}
			}
			if len(b) <= len(lowbuf) {
				k := lexicon[string(b)] // no copy is made for the look-up
				if k&kindStop != 0 {
					nStop++
				}
				if k&kindMonth != 0 {
					hasMonth = true
				}
				if k&kindMedia != 0 {
					f.media = true
				}
				if f.words <= 30 && !hasGlue(w) {
					ui.addKind(k, string(b))
					return
				}
			}
		}
		if f.words > 30 {
			return
		}
		if hasGlue(w) {
			var buf [24]byte
			for _, part := range splitGlued(w) {
				ui.add(lowerASCII(part, &buf))
			}
			return
		}
		ui.add(strings.ToLower(w))
	}
	for i, r := range s {
		var isW, isLetter, isUpper, isLower bool
		if r < utf8.RuneSelf {
			c := byte(r)
			isUpper = 'A' <= c && c <= 'Z'
			isLower = 'a' <= c && c <= 'z'
			isLetter = isUpper || isLower
			isW = isLetter || isDigit(c) || c == '_'
		} else {
			isLetter = unicode.IsLetter(r)
			isW = isLetter || unicode.IsNumber(r)
			isUpper, isLower = unicode.IsUpper(r), unicode.IsLower(r)
		}
		if isW {
			if r >= 0xE00 && unspaced(r) {
				cjk++
			}
			if isLetter {
				f.letters++
			}
			if !inWord {
				inWord, wordStart, lowerRun = true, i, 0
			} else if isUpper && prevLower && lowerRun >= 3 {
				f.glued++
			}
			if isLower {
				lowerRun++
			} else {
				lowerRun = 0
			}
		} else if inWord {
			// Apostrophes and hyphens inside a word keep it one word for
			// capitalisation purposes but \w splits it; follow \w.
			inWord = false
			endWord(i)
		}
		switch r {
		case ',':
			f.commas++
		case '|', '•', '·':
			f.pipes++
		case '©':
			f.copyright = true
		}
		prevLower = isLower
	}
	if inWord {
		endWord(len(s))
	}
	if f.words > 0 {
		f.stop = float64(nStop) / float64(f.words)
		f.digits = float64(nDigit) / float64(f.words)
	}
	if nCapable > 0 {
		f.caps = float64(nCaps) / float64(nCapable)
	}
	f.stopKnown = cjk*2 < f.letters
	if !f.stopKnown {
		// Scripts without spaces or without a stopword list: count runes
		// as a stand-in for words and assume an ordinary prose density.
		f.words = max(f.words, f.chars/3)
		f.stop = 0.35
	}
	f.endPunct = endsSentence(s)
	r0, _ := utf8.DecodeRuneInString(s)
	f.quoted = strings.ContainsRune(`"“‘'«„`, r0)
	f.listItems = commaListItems(s)
	f.widget = f.words <= 8 && ui.core > 0 && ui.other <= 1 && ui.other*3 < ui.core+ui.other+1
	if f.words <= 30 {
		f.uiAction, f.uiCore = ui.action, ui.core
	}
	f.uiOther = ui.other
	if f.words > 30 {
		f.uiOther = f.words // only the first 30 words were looked up
	}
	if f.words <= 9 && f.digits > 0 && !strings.HasSuffix(s, ".") {
		clock := hasClockTime(s)
		f.dateish = (hasMonth || clock) && (hasYear || clock)
	}
	if f.copyright && f.words > 25 && f.stop >= 0.15 {
		// A paragraph with a photo credit at its end ("… © Jane Doe"),
		// not a copyright notice.
		f.copyright = false
	}
	if !f.copyright && (strings.Contains(s, "ights ") || strings.Contains(s, "opyright")) {
		l := strings.ToLower(s)
		// Not "copyright" alone: articles about copyright law use it.
		f.copyright = strings.Contains(l, "all rights reserved") || strings.Contains(l, "subject to copyright") ||
			(strings.Contains(l, "copyright") && f.words <= 15) || (strings.HasPrefix(l, "copyright") && f.words <= 25) ||
			copyrightYearRe.MatchString(l)
	}
	return f
}

// copyrightYearRe matches a copyright notice with its year.
var copyrightYearRe = regexp.MustCompile(`copyright\s*(?:©|\(c\))?\s*(?:19|20)\d\d`)

// unspaced reports whether r belongs to a script written without spaces
// between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) or with
// few words per line (Korean), whose lines are measured in runes.
func unspaced(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) ||
		unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// hasClockTime reports whether s holds a clock time such as "9:47".
func hasClockTime(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// endsSentence reports whether s ends like a sentence, looking through
// closing quotes and brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '”', '’', '\'', ')', ']', '»', '*':
			s = s[:len(s)-n]
			continue
		case '.', '!', '?', '…', ':', ';', '。', '！', '？',
			'।', '॥', '؟', '۔', '።', '։':
			return true
		}
		return false
	}
	return false
}

// commaListItems returns the number of items when s is a list of short
// items separated by commas (at most five words each, no sentence
// punctuation inside), and 0 otherwise.
func commaListItems(s string) int {
	if !strings.Contains(s, ",") || endsSentence(s) {
		return 0
	}
	items := 0
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return 0
		}
		if strings.ContainsAny(item, ".!?;:\"“”") && !isAbbrevItem(item) {
			return 0
		}
		if len(strings.Fields(item)) > 5 {
			return 0
		}
		items++
	}
	if items < 3 {
		return 0
	}
	return items
}

// isAbbrevItem allows dotted abbreviations such as "U.S. Department" in a
// list item.
func isAbbrevItem(item string) bool {
	if strings.ContainsAny(item, "!?;:\"“”") {
		return false
	}
	for w := range strings.FieldsSeq(item) {
		if strings.Contains(w, ".") && len(w) > 5 && !strings.HasSuffix(w, ".") {
			return false // a URL or a sentence joint
		}
	}
	return true
}

// uiWords are generic user-interface verbs and labels of page widgets.
// They are not any site's strings: every site's share bar, comment box and
// newsletter form uses some of them.
var uiWords = map[string]bool{
	"share": true, "shares": true, "shared": true, "tweet": true, "email": true, "e-mail": true,
	"print": true, "comment": true, "comments": true, "reply": true, "subscribe": true,
	"subscribed": true, "subscription": true, "sign": true, "log": true, "login": true, "logout": true,
	"register": true, "listen": true, "live": true, "watch": true, "follow": true, "like": true,
	"save": true, "saved": true, "bookmark": true, "copy": true, "copied": true, "link": true, "url": true,
	"facebook": true, "twitter": true, "whatsapp": true, "linkedin": true, "pinterest": true,
	"reddit": true, "instagram": true, "youtube": true, "telegram": true, "flipboard": true, "vk": true,
	"advertisement": true, "advertising": true, "sponsored": true, "ad": true, "ads": true,
	"read": true, "more": true, "menu": true, "search": true, "close": true, "open": true, "skip": true,
	"next": true, "previous": true, "prev": true, "back": true, "top": true, "home": true, "newsletter": true,
	"newsletters": true, "loading": true, "download": true, "app": true, "rss": true, "feed": true,
	"discussion": true, "community": true, "standards": true, "guidelines": true, "via": true,
	"get": true, "short": true, "view": true, "show": true, "hide": true, "toggle": true, "options": true,
	"continue": true, "reading": true, "story": true, "full": true, "gallery": true, "photos": true,
	"video": true, "videos": true, "play": true, "click": true, "here": true, "tap": true, "join": true,
	"now": true, "free": true, "trial": true, "cookie": true, "cookies": true, "accept": true, "ok": true,
	"privacy": true, "policy": true, "terms": true, "contact": true, "us": true, "in": true, "up": true,
	"out": true, "to": true, "on": true, "the": true, "with": true, "our": true, "your": true, "for": true,
	"this": true, "article": true, "page": true, "post": true, "posts": true, "send": true, "report": true,
	"a": true, "an": true, "of": true, "and": true, "or": true, "all": true, "see": true, "related": true,
	"recommended": true, "popular": true, "trending": true, "latest": true, "news": true, "leave": true,
	"opens": true, "new": true, "window": true, "tab": true, "text": true, "size": true, "font": true,
	"audio": true, "podcast": true, "podcasts": true, "alerts": true, "notifications": true, "account": true,
	"settings": true, "edition": true, "english": true, "print edition": true, "load": true, "error": true,
	// The same widgets in other languages (German, French, Spanish,
	// Italian, Portuguese, Dutch, Polish).
	"teilen": true, "drucken": true, "kommentar": true, "kommentare": true, "kommentieren": true,
	"antworten": true, "abonnieren": true, "anmelden": true, "abmelden": true, "einloggen": true,
	"registrieren": true, "suche": true, "suchen": true, "menü": true, "schließen": true,
	"weiterlesen": true, "herunterladen": true, "anzeige": true, "werbung": true, "datenschutz": true,
	"datenschutzerklärung": true, "impressum": true, "mehr": true, "lesen": true, "zurück": true,
	"weiter": true, "startseite": true, "artikel": true, "beitrag": true, "alle": true, "zum": true,
	"partager": true, "imprimer": true, "commentaire": true, "commentaires": true, "répondre": true,
	"abonner": true, "connexion": true, "inscription": true, "rechercher": true, "recherche": true,
	"fermer": true, "télécharger": true, "publicité": true, "confidentialité": true, "lire": true,
	"suite": true, "accueil": true, "compartir": true, "imprimir": true, "comentario": true,
	"comentarios": true, "comentários": true, "responder": true, "suscríbete": true, "suscribirse": true,
	"buscar": true, "cerrar": true, "descargar": true, "publicidad": true, "privacidad": true,
	"leer": true, "inicio": true, "condividi": true, "stampa": true, "commento": true, "commenti": true,
	"rispondi": true, "iscriviti": true, "accedi": true, "cerca": true, "chiudi": true, "scarica": true,
	"pubblicità": true, "leggi": true, "compartilhar": true, "assine": true, "fechar": true,
	"publicidade": true, "delen": true, "reageer": true, "reacties": true, "inloggen": true,
	"zoeken": true, "sluiten": true, "advertentie": true, "udostępnij": true, "komentarz": true,
	"komentarze": true, "zaloguj": true, "szukaj": true, "reklama": true, "czytaj": true, "więcej": true,
}

// uiCore are the ui words that actually mark a widget; the others (articles,
// prepositions) only fill its phrases.
var uiCore = map[string]bool{
	"share": true, "tweet": true, "email": true, "e-mail": true, "print": true, "comment": true,
	"comments": true, "reply": true, "subscribe": true, "sign": true, "log": true, "login": true,
	"logout": true, "register": true, "listen": true, "follow": true, "save": true, "bookmark": true,
	"copy": true, "copied": true, "link": true, "url": true, "facebook": true, "twitter": true,
	"whatsapp": true, "linkedin": true, "pinterest": true, "reddit": true, "instagram": true,
	"youtube": true, "telegram": true, "flipboard": true, "advertisement": true, "advertising": true,
	"sponsored": true, "read": true, "menu": true, "search": true, "close": true, "skip": true,
	"newsletter": true, "newsletters": true, "loading": true, "download": true, "rss": true,
	"discussion": true, "click": true, "tap": true, "cookie": true, "cookies": true, "accept": true,
	"privacy": true, "toggle": true, "continue": true, "watch": true, "play": true, "alerts": true,
	"notifications": true, "account": true, "settings": true, "trial": true, "load": true, "ad": true,
	"ads": true, "podcast": true, "standards": true, "guidelines": true, "recommended": true,
	"trending": true, "popular": true, "related": true, "leave": true, "join": true, "gallery": true,
	"teilen": true, "drucken": true, "kommentar": true, "kommentare": true, "kommentieren": true,
	"antworten": true, "abonnieren": true, "anmelden": true, "abmelden": true, "einloggen": true,
	"registrieren": true, "suche": true, "menü": true, "schließen": true, "weiterlesen": true,
	"herunterladen": true, "anzeige": true, "werbung": true, "datenschutz": true,
	"datenschutzerklärung": true, "impressum": true, "partager": true, "imprimer": true,
	"commentaire": true, "commentaires": true, "répondre": true, "connexion": true, "inscription": true,
	"rechercher": true, "fermer": true, "télécharger": true, "publicité": true, "confidentialité": true,
	"compartir": true, "imprimir": true, "comentario": true, "comentarios": true, "comentários": true,
	"suscríbete": true, "suscribirse": true, "cerrar": true, "descargar": true, "publicidad": true,
	"privacidad": true, "condividi": true, "commento": true, "commenti": true, "rispondi": true,
	"iscriviti": true, "accedi": true, "chiudi": true, "scarica": true, "pubblicità": true,
	"compartilhar": true, "assine": true, "publicidade": true, "delen": true, "reageer": true,
	"reacties": true, "inloggen": true, "zoeken": true, "sluiten": true, "advertentie": true,
	"udostępnij": true, "komentarz": true, "komentarze": true, "zaloguj": true, "szukaj": true,
	"reklama": true,
}

// uiAction are the core UI words that mark a widget even inside a
// sentence; names of social networks are not among them, as articles
// mention those.
var uiAction = map[string]bool{
	"subscribe": true, "newsletter": true, "newsletters": true, "cookie": true, "cookies": true,
	"sign": true, "login": true, "register": true, "comment": true, "comments": true, "share": true,
	"advertisement": true, "sponsored": true, "click": true, "download": true, "bookmark": true,
	"notifications": true, "alerts": true, "trial": true, "privacy": true, "loading": true, "ads": true,
	"abonnieren": true, "kommentare": true, "datenschutzerklärung": true, "weiterlesen": true,
	"commentaires": true, "suscríbete": true, "suscribirse": true, "comentarios": true, "comentários": true,
	"iscriviti": true, "commenti": true, "reacties": true, "komentarze": true,
}

// uiCount counts the UI words of a line: core widget words, action words,
// and words outside the UI vocabulary.
type uiCount struct {
	core, action, other int
}

func (u *uiCount) add(lw string) {
	u.addKind(lexicon[lw], lw)
}

// addKind counts a lower-cased word whose lexicon entry is k.
func (u *uiCount) addKind(k wordKind, lw string) {
	if k&kindUIAction != 0 {
		u.action++
	}
	switch {
	case k&kindUICore != 0:
		u.core++
	case k&kindUI != 0:
	case isAllDigits(lw):
	default:
		u.other++
	}
}

// wordKind is a set of word classes of the lexicon.
type wordKind uint8

const (
	kindStop     wordKind = 1 << iota // a stopword
	kindMonth                         // a month name
	kindMedia                         // a photo or credit word
	kindUI                            // a word of UI phrases
	kindUICore                        // a word that marks a widget
	kindUIAction                      // a widget word even inside a sentence
)

// lexicon merges the word lists so that a line's words are looked up
// once; read-only after it is built.
var lexicon = buildLexicon()

func buildLexicon() map[string]wordKind {
	lex := map[string]wordKind{}
	for w := range stopwords {
		lex[w] |= kindStop
	}
	for w := range monthNames {
		lex[w] |= kindMonth
	}
	for w := range mediaWords {
		lex[w] |= kindMedia
	}
	for w := range uiWords {
		lex[w] |= kindUI
	}
	for w := range uiCore {
		lex[w] |= kindUICore
	}
	for w := range uiAction {
		lex[w] |= kindUIAction
	}
	return lex
}

// lowerASCII lower-cases a short ASCII word into buf without allocating;
// other words are lower-cased by strings.ToLower.
func lowerASCII(w string, buf *[24]byte) string {
	if len(w) > len(buf) {
		return strings.ToLower(w)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return strings.ToLower(w)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(w)])
}

// lowerBytes lower-cases a word of at most 24 bytes into buf for a map
// look-up written as m[string(b)], which does not allocate; ok is false
// for longer words.
func lowerBytes(w string, buf *[24]byte) (b []byte, ok bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			l := strings.ToLower(w)
			if len(l) > len(buf) {
				return nil, false
			}
			return buf[:copy(buf[:], l)], true
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// hasGlue reports whether an ASCII-cased word has a lower→Upper
// transition after three lower-case letters.
func hasGlue(w string) bool {
	run := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			run++
		case unicode.IsUpper(r) && run >= 3:
			return true
		default:
			run = 0
		}
	}
	return false
}

// splitGlued splits a word at lower→Upper transitions after three lower
// case letters, undoing the concatenation of adjacent link texts.
func splitGlued(w string) []string {
	if !hasGlue(w) {
		return []string{w}
	}
	var parts []string
	start, lowerRun := 0, 0
	var prev rune
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(prev) && lowerRun >= 3 {
			parts = append(parts, w[start:i])
			start = i
		}
		if unicode.IsLower(r) {
			lowerRun++
		} else {
			lowerRun = 0
		}
		prev = r
	}
	return append(parts, w[start:])
}
