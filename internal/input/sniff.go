package input

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/wlynxg/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// binaryMagic are the leading bytes of common binary formats that can reach
// a news reader by mistake.
var binaryMagic = [][]byte{
	[]byte("%PDF-"),
	[]byte("\x89PNG\r\n\x1a\n"),
	[]byte("GIF87a"), []byte("GIF89a"),
	{0xff, 0xd8, 0xff},                 // JPEG
	[]byte("PK\x03\x04"),               // ZIP, DOCX, EPUB, JAR
	[]byte("PK\x05\x06"),               // empty ZIP
	[]byte("\x7fELF"),                  // ELF executable
	[]byte("MZ"),                       // DOS/Windows executable
	{0x1f, 0x8b},                       // gzip (inside gzip)
	[]byte("BZh"),                      // bzip2
	{0xfd, '7', 'z', 'X', 'Z', 0},      // xz
	{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c}, // 7-zip
	{0x28, 0xb5, 0x2f, 0xfd},           // zstd
	{0xd0, 0xcf, 0x11, 0xe0},           // MS Office (OLE)
	[]byte("RIFF"),                     // WAV, AVI, WebP
	[]byte("OggS"),
	[]byte("ID3"),            // MP3
	{0x00, 0x61, 0x73, 0x6d}, // WebAssembly
	{0xca, 0xfe, 0xba, 0xbe}, // Java class, Mach-O fat
	{0xcf, 0xfa, 0xed, 0xfe}, // Mach-O
	[]byte("SQLite format 3\x00"),
}

// binarySample is how much of the input the control-character ratio is
// measured on.
const binarySample = 8 << 10

// isBinary reports whether b is not text: it starts with a known binary
// signature; it holds NUL bytes and either is not valid UTF-8 or has more
// than 1% of them (UTF-16 without a byte-order mark is half NULs; a page
// dumped to text may hold a few runs where icons were); or more than 10%
// of its first 8 KiB are control characters other than tab, line feed,
// form feed, carriage return and escape. (MZ and BZh are common words'
// prefixes only in capitals followed by text, so they are checked with a
// following control or high byte.)
func isBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if !bytes.HasPrefix(b, m) {
			continue
		}
		if len(m) <= 3 && m[0] >= 'A' && m[0] <= 'Z' {
			// A short all-letter signature: only binary if followed by a
			// byte that text does not have.
			if len(b) > len(m) && (b[len(m)] < 0x09 || b[len(m)] >= 0x80) {
				return true
			}
			continue
		}
		return true
	}
	if n := bytes.Count(b, []byte{0}); n > 0 && (n*100 > len(b) || !utf8.Valid(b)) {
		return true
	}
	sample := b[:min(len(b), binarySample)]
	ctrl := 0
	for _, c := range sample {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*10 > len(sample)
}

// htmlSniffLen is how much of the start of an input decides whether it is
// HTML.
const htmlSniffLen = 4 << 10

// commonTags are element tags that mark HTML when several of them appear.
var commonTags = []string{
	"<p>", "<p ", "</p>", "<div", "</div>", "<br>", "<br/>", "<br />", "<a href", "</a>",
	"<span", "</span>", "<li>", "<ul", "<table", "<h1", "<h2", "<h3", "<script",
	"<meta ", "<link ", "<title>", "<article", "<section", "<img ", "<strong>", "<em>",
}

// looksLikeHTML tells HTML from plain text by content: a doctype or an
// <html>, <head> or <body> tag near the start, or at least five common
// tags in the first 4 KiB.
func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), htmlSniffLen)])
	trimmed := bytes.TrimLeft(head, " \t\r\n\f")
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(trimmed, []byte(p)) || bytes.Contains(head, []byte(p+">")) ||
			bytes.Contains(head, []byte(p+" ")) {
			return true
		}
	}
	if bytes.HasPrefix(trimmed, []byte("<?xml")) && bytes.Contains(head, []byte("<html")) {
		return true
	}
	n := 0
	for _, t := range commonTags {
		n += bytes.Count(head, []byte(t))
	}
	return n >= 5
}

// decodeHTML decodes an HTML page to UTF-8 and names its charset. utf16 is
// the UTF-16 form already decoded from, if any. The encoding is, in order:
// that UTF-16; UTF-8 when the bytes are valid UTF-8 and not pure ASCII
// (stored and re-saved pages keep their original declaration after being
// re-encoded, and valid multi-byte UTF-8 is almost never an accident); the
// charset declared by a <meta> tag in the first 64 KiB, unless it is UTF-8
// (the bytes are not valid UTF-8 then); when the declaration is missing or
// wrong, the charset a byte-statistics detector finds (sniffCharset);
// windows-1252 otherwise, as browsers do. Bytes invalid in the chosen
// encoding become U+FFFD.
func decodeHTML(b []byte, utf16 string) (string, string) {
	if utf16 != "" {
		return string(b), utf16
	}
	if utf8.Valid(b) && !isASCII(b) {
		return string(b), "utf-8"
	}
	declared, name := declaredCharset(b)
	if declared != nil && name != "utf-8" {
		return decodeBytes(declared, b), name
	}
	if utf8.Valid(b) {
		return string(b), "utf-8" // pure ASCII
	}
	// Declared UTF-8 but not UTF-8, or not declared: ask the bytes.
	if e, name := sniffCharset(b); e != nil {
		return decodeBytes(e, b), name
	}
	if declared != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), name
	}
	return decodeBytes(charmap.Windows1252, b), "windows-1252"
}

// sniffLen is how many bytes, from just before the first non-ASCII byte,
// the charset detector reads.
const sniffLen = 64 << 10

// minConfidence is the detector confidence below which its answer is not
// taken.
const minConfidence = 0.5

// sniffCharset detects the encoding of b from byte statistics with
// github.com/wlynxg/chardet (a port of Python's chardet, the universal
// detector of Mozilla), over the text around the first non-ASCII bytes;
// the name is resolved through the WHATWG labels of x/net/html/charset
// (ISO-8859-1 is windows-1252). It returns nil when the detector is not
// confident, or names UTF-8 or an encoding the labels do not know.
func sniffCharset(b []byte) (encoding.Encoding, string) {
	i := 0
	for i < len(b) && b[i] < 0x80 {
		i++
	}
	from := max(0, i-1024)
	all := chardet.DetectAll(b[from:min(len(b), from+sniffLen)])
	if len(all) == 0 {
		return nil, ""
	}
	r := all[0]
	// The detector's Latin probers are close rivals: Western text often
	// scores slightly higher as Turkish (ISO-8859-9), which differs from
	// windows-1252 in six letters. Within a tenth, take windows-1252, the
	// browsers' default.
	for _, alt := range all[1:] {
		if _, n := charset.Lookup(alt.Encoding); n == "windows-1252" && alt.Confidence >= r.Confidence-0.1 {
			r = alt
			break
		}
	}
	if r.Confidence < minConfidence || r.Encoding == "" {
		return nil, ""
	}
	e, name := charset.Lookup(r.Encoding)
	if e == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		return nil, ""
	}
	return e, name
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// metaScanLen is how far declaredCharset looks for a <meta> charset. The
// HTML standard's prescan stops at 1024 bytes, but real pages often put
// their declaration after long scripts and comments.
const metaScanLen = 64 << 10

// declaredCharset finds the charset declared by <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> in the first
// 64 KiB, before <body>. A declared UTF-16 is ignored, as in browsers: a
// page read as bytes that declares it is not UTF-16.
func declaredCharset(b []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(b[:min(len(b), metaScanLen)]))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		switch atom.Lookup(name) {
		case atom.Body:
			return nil, ""
		case atom.Meta:
		default:
			continue
		}
		var label, httpEquiv, content string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "charset":
				label = string(v)
			case "http-equiv":
				httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
			case "content":
				content = string(v)
			}
		}
		if label == "" && httpEquiv == "content-type" {
			if _, params, err := mime.ParseMediaType(content); err == nil {
				label = params["charset"]
			}
		}
		if label == "" {
			continue
		}
		if e, n := charset.Lookup(label); e != nil && !strings.HasPrefix(n, "utf-16") {
			return e, n
		}
	}
}
