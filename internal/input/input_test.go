package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

const samplePage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens</title></head>
<body><article><h1>Harbour reopens</h1>
<p>The old harbour reopened on Monday after two years of repairs.</p>
<p>Fishermen said the new quay was wider than before.</p></article></body></html>
`

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadErrors(t *testing.T) {
	page := []byte(samplePage)
	zipped := gz(t, page)
	tests := []struct {
		name string
		in   []byte
		opts Options
		want error
	}{
		{"empty", nil, Options{}, ErrEmpty},
		{"only white space", []byte(" \n\t\r\n"), Options{}, ErrEmpty},
		{"only a BOM", []byte("\xef\xbb\xbf\n"), Options{}, ErrEmpty},
		{"empty gzip", gz(t, nil), Options{}, ErrEmpty},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), Options{}, ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, ErrBinary},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), Options{}, ErrBinary},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00"), Options{}, ErrBinary},
		{"NUL byte in text", []byte("a news story\x00 with a NUL"), Options{}, ErrBinary},
		{"a few NULs in invalid UTF-8", append(bytes.Repeat([]byte("caf\xe9 au lait "), 100), 0, 0), Options{}, ErrBinary},
		{"control characters", bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 100), Options{}, ErrBinary},
		{"gzip inside gzip", gz(t, zipped), Options{}, ErrBinary},
		{"UTF-16 without BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "plain words"), Options{}, ErrBinary},
		{"truncated gzip", zipped[:len(zipped)/2], Options{}, ErrTruncated},
		{"gzip header only", zipped[:5], Options{}, ErrTruncated},
		{"gzip bad checksum", append(append([]byte(nil), zipped[:len(zipped)-8]...), 0, 0, 0, 0, 0, 0, 0, 0), Options{}, ErrCorrupt},
		{"invalid UTF-8 text", []byte("caf\xe9 au lait, cr\xe8me br\xfbl\xe9e"), Options{}, ErrInvalidUTF8},
		{"over the limit", bytes.Repeat([]byte("word "), 300), Options{MaxBytes: 1000}, ErrTooLarge},
		{"gzip over the limit", gz(t, bytes.Repeat([]byte("word "), 300)), Options{MaxBytes: 1000}, ErrTooLarge},
		{"deep HTML", []byte("<html><body>" + strings.Repeat("<div>", 600) + "deep" + strings.Repeat("</div>", 600)), Options{}, ErrTooDeep},
		{"deep HTML small limit", []byte("<html><body>" + strings.Repeat("<span>", 40) + "x"), Options{MaxDepth: 32}, ErrTooDeep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("in.html", bytes.NewReader(tt.in), tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read = %v, %v; want error %v", doc, err, tt.want)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "in.html: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line starting with the input name", msg)
			}
		})
	}
}

// A headline and paragraph in Russian, written for these tests.
const (
	ruTitle = "Министр финансов заявил о снижении налогов"
	ruText  = "Министр финансов заявил в понедельник, что правительство снизит налоги для малого бизнеса в следующем году. По его словам, это поможет сохранить рабочие места."
)

func TestReadKinds(t *testing.T) {
	tests := []struct {
		name       string
		in         []byte
		kind       Kind
		body       string // a substring Body must contain
		charset    string
		compressed bool
	}{
		{"html page", []byte(samplePage), HTML, "two years of repairs", "utf-8", false},
		{"gzip page", gz(t, []byte(samplePage)), HTML, "new quay", "utf-8", true},
		{"fragment without html tag", []byte("<div><p>One.</p><p>Two.</p><p>Three <a href=\"x\">link</a></p></div>"), HTML, "Three", "utf-8", false},
		{"plain text", []byte("Harbour reopens\n\nThe old harbour reopened on Monday."), Text, "reopened on Monday", "utf-8", false},
		{"text mentioning a tag", []byte("Use the <p> element for paragraphs.\nThat is all."), Text, "<p> element", "utf-8", false},
		{"text CRLF", []byte("line one\r\nline two\rline three"), Text, "line one\nline two\nline three", "utf-8", false},
		{"text UTF-8 BOM", []byte("\xef\xbb\xbfna\xc3\xafve caf\xc3\xa9"), Text, "naïve café", "utf-8", false},
		{"text UTF-16LE BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "Zürich\r\nnews"), Text, "Zürich\nnews", "utf-16le", false},
		{"text UTF-16BE BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "Ωmega"), Text, "Ωmega", "utf-16be", false},
		{"gzip text", gz(t, []byte("just words")), Text, "just words", "utf-8", true},
		{"windows-1252 declared",
			encode(t, charmap.Windows1252, `<html><head><meta charset="windows-1252"></head><body><p>“Café” – naïve €5</p></body></html>`),
			HTML, "“Café” – naïve €5", "windows-1252", false},
		{"ISO-8859-1 http-equiv",
			encode(t, charmap.ISO8859_1, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>Señor Müller</p></body></html>`),
			HTML, "Señor Müller", "windows-1252", false}, // the WHATWG label maps Latin-1 to windows-1252
		{"Shift_JIS declared",
			encode(t, japanese.ShiftJIS, `<html><head><meta charset="Shift_JIS"><title>ニュース</title></head><body><p>東京で会議が開かれた。</p></body></html>`),
			HTML, "東京で会議が開かれた。", "shift_jis", false},
		{"declaration after 1024 bytes",
			encode(t, charmap.Windows1252, "<html><head><!-- "+strings.Repeat("x", 2000)+` --><meta charset="windows-1252"></head><body><p>Déjà vu</p></body></html>`),
			HTML, "Déjà vu", "windows-1252", false},
		{"undeclared latin-1 HTML", []byte("<html><body><p>Caf\xe9</p></body></html>"), HTML, "Café", "windows-1252", false},
		{"windows-1251 declared UTF-8", encode(t, charmap.Windows1251, `<html><head><meta charset="utf-8"><title>`+ruTitle+`</title></head><body><p>`+ruText+`</p></body></html>`),
			HTML, ruTitle, "windows-1251", false},
		{"undeclared windows-1251", encode(t, charmap.Windows1251, `<html><head><title>`+ruTitle+`</title></head><body><p>`+ruText+`</p></body></html>`),
			HTML, ruText, "windows-1251", false},
		{"undeclared windows-1252 French", encode(t, charmap.Windows1252, `<html><body><p>Le café de la gare a fermé ses portes après quarante années; les habitués regrettent déjà l'ambiance.</p></body></html>`),
			HTML, "fermé ses portes après", "windows-1252", false},
		{"UTF-8 page declaring latin-1", []byte(`<html><head><meta charset="iso-8859-1"></head><body><p>Café ☕</p></body></html>`), HTML, "Café ☕", "utf-8", false},
		{"HTML UTF-16LE BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "<html><body><p>Grüße</p></body></html>"), HTML, "Grüße", "utf-16le", false},
		{"many unclosed paragraphs are not deep", []byte("<html><body>" + strings.Repeat("<p>para", 2000) + "</body></html>"), HTML, "para", "utf-8", false},
		{"deep script text is not nesting", []byte("<html><body><script>" + strings.Repeat("<div>", 2000) + "</script><p>ok</p></body></html>"), HTML, "ok", "utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("x", bytes.NewReader(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Kind != tt.kind || doc.Charset != tt.charset || doc.Compressed != tt.compressed {
				t.Errorf("Kind %v, Charset %q, Compressed %v; want %v, %q, %v", doc.Kind, doc.Charset, doc.Compressed, tt.kind, tt.charset, tt.compressed)
			}
			if !strings.Contains(doc.Body, tt.body) {
				t.Errorf("Body %q does not contain %q", doc.Body, tt.body)
			}
			if !utf8.ValidString(doc.Body) || strings.HasPrefix(doc.Body, "\ufeff") {
				t.Errorf("Body is not clean UTF-8: %q", doc.Body)
			}
			if doc.Kind == Text && strings.Contains(doc.Body, "\r") {
				t.Errorf("text Body keeps a carriage return: %q", doc.Body)
			}
			if doc.Name != "x" {
				t.Errorf("Name = %q", doc.Name)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("gz name but not gzip", func(t *testing.T) {
		doc, err := Open(write("page.html.gz", []byte(samplePage)), Options{})
		if err != nil || doc.Kind != HTML || doc.Compressed {
			t.Fatalf("Open = %+v, %v", doc, err)
		}
	})
	t.Run("gzip without gz name", func(t *testing.T) {
		doc, err := Open(write("page.txt", gz(t, []byte(samplePage))), Options{})
		if err != nil || doc.Kind != HTML || !doc.Compressed {
			t.Fatalf("Open = %+v, %v", doc, err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := Open(filepath.Join(dir, "absent"), Options{})
		if !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("err = %v, want not-exist", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		if _, err := Open(dir, Options{}); err == nil {
			t.Fatal("Open(dir) succeeded")
		}
	})
	t.Run("file over the limit", func(t *testing.T) {
		p := write("big.txt", bytes.Repeat([]byte("many words "), 1000))
		if _, err := Open(p, Options{MaxBytes: 4096}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
	t.Run("200 MB sparse file refused unread", func(t *testing.T) {
		p := filepath.Join(dir, "huge.html")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(200 << 20); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		f.Close()
		if _, err := Open(p, Options{}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
}

// countingReader yields n bytes of text and counts how many were read.
type countingReader struct {
	left, read int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > r.left {
		n = r.left
	}
	for i := range p[:n] {
		p[i] = "news "[i%5]
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

func TestRead200MBStreamStopsAtLimit(t *testing.T) {
	const size = 200 << 20
	r := &countingReader{left: size}
	const limit = 1 << 20
	if _, err := Read("-", r, Options{MaxBytes: limit}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.read > limit+64<<10 {
		t.Errorf("read %d bytes of a 200 MB stream with a %d-byte limit", r.read, limit)
	}
}

func TestReadDefaultLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	r := &countingReader{left: 200 << 20}
	if _, err := Read("-", r, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.read > DefaultMaxBytes+64<<10 {
		t.Errorf("read %d bytes with the default limit %d", r.read, DefaultMaxBytes)
	}
}

func TestGzipBomb(t *testing.T) {
	// 64 MiB of zeros compress to about 64 KiB.
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 64 {
		w.Write(chunk)
	}
	w.Close()
	if _, err := Read("bomb.gz", &buf, Options{MaxBytes: 8 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestDepthLimitMatchesParser(t *testing.T) {
	// Just under the default limit is accepted, and the x/net/html parser
	// accepts it too; what Read refuses, the parser refuses as well.
	ok := "<html><body>" + strings.Repeat("<div>", DefaultMaxDepth-10) + "x"
	if _, err := Read("ok", strings.NewReader(ok), Options{}); err != nil {
		t.Fatalf("depth %d refused: %v", DefaultMaxDepth-10, err)
	}
	if _, err := html.Parse(strings.NewReader(ok)); err != nil {
		t.Fatalf("parser refuses what Read accepts: %v", err)
	}
	deep := "<html><body>" + strings.Repeat("<div>", DefaultMaxDepth+1) + "x"
	if _, err := Read("deep", strings.NewReader(deep), Options{}); !errors.Is(err, ErrTooDeep) {
		t.Fatalf("depth %d: err = %v, want ErrTooDeep", DefaultMaxDepth+1, err)
	}
	if _, err := html.Parse(strings.NewReader(deep)); err == nil {
		t.Fatalf("parser accepts depth %d; the limits disagree", DefaultMaxDepth+1)
	}
	// Closed elements do not accumulate.
	flat := "<html><body>" + strings.Repeat("<div><span>x</span></div>", 5000)
	if _, err := Read("flat", strings.NewReader(flat), Options{}); err != nil {
		t.Fatalf("flat page refused: %v", err)
	}
}

func TestKindString(t *testing.T) {
	if HTML.String() != "html" || Text.String() != "text" {
		t.Fatal(HTML.String(), Text.String())
	}
}

// TestTextWithIconRuns: a page dumped to text may hold a few runs of NUL
// bytes where the page had icons; it is text, and the NULs are dropped.
func TestTextWithIconRuns(t *testing.T) {
	line := "The council approved the budget on Tuesday after a long debate.\n"
	raw := []byte("Skip to main content\n" + strings.Repeat("\x00", 10) + "\nHome\n" + strings.Repeat(line, 40))
	doc, err := decode(raw, Options{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if doc.Kind != Text || strings.Contains(doc.Body, "\x00") || !strings.Contains(doc.Body, "Home\nThe council") {
		t.Errorf("kind %v, body %q…", doc.Kind, doc.Body[:min(len(doc.Body), 60)])
	}
}
