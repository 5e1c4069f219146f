package input

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Sentinel errors. Every error Read and Open return wraps one of these (or
// an *os.PathError from opening a file) and names the input:
// "page.html: input is binary".
var (
	ErrEmpty       = errors.New("input is empty")
	ErrBinary      = errors.New("input is binary, not text or HTML")
	ErrTooLarge    = errors.New("input is larger than the size limit")
	ErrTruncated   = errors.New("compressed input is truncated")
	ErrCorrupt     = errors.New("compressed input is corrupt")
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	ErrTooDeep     = errors.New("HTML is nested deeper than the depth limit")
)

// Kind is what an input holds.
type Kind int

// The kinds of input.
const (
	Text Kind = iota // plain text
	HTML             // an HTML (or XHTML) page
)

func (k Kind) String() string {
	if k == HTML {
		return "html"
	}
	return "text"
}

// Options limits what Read accepts. The zero value applies the defaults.
type Options struct {
	// MaxBytes is the largest input accepted, counted after
	// decompression. Zero means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth is the deepest element nesting accepted in HTML. Zero means
	// DefaultMaxDepth.
	MaxDepth int
}

// The defaults of Options. DefaultMaxDepth is the limit of the
// golang.org/x/net/html parser itself, so a page Read accepts is one the
// parser will not refuse for its depth.
const (
	DefaultMaxBytes = 64 << 20
	DefaultMaxDepth = 512
)

// applyDefaults is the one place where the defaults are applied.
func (o Options) applyDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	return o
}

// Document is one input, read and decoded.
type Document struct {
	// Name is the name the input was read under (a path, or "-").
	Name string
	Kind Kind
	// Body is the content as valid UTF-8. For Text, line ends are "\n".
	Body string
	// Charset is the name of the encoding Body was decoded from
	// ("utf-8", "windows-1252", "shift_jis" …).
	Charset string
	// Compressed is true when the input was gzip-compressed.
	Compressed bool
}

// Open reads the file at path. See Read and OpenRegular.
func Open(path string, opts Options) (*Document, error) {
	opts = opts.applyDefaults()
	f, fi, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(path, f, opts, fi.Size())
}

// OpenRegular opens the regular file at path (following symbolic links).
// What is not a regular file is refused by its mode before it is opened:
// a directory, and a FIFO, device or socket (ErrNotRegular; opening a FIFO
// would block until a writer came). Errors name the path.
func OpenRegular(path string) (*os.File, os.FileInfo, error) {
	check := func(fi os.FileInfo) error {
		switch {
		case fi.IsDir():
			return fmt.Errorf("%s: is a directory", path)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, modeName(fi.Mode()))
		}
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if err := check(fi); err != nil {
		return nil, nil, err
	}
	f, err := openFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	// The path may have been replaced between Stat and open.
	if fi, err = f.Stat(); err == nil {
		err = check(fi)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// Read reads one input from r: it decompresses gzip (recognised by its
// magic bytes, whatever the name), enforces the size limit while reading,
// refuses binary data, tells HTML from plain text by content, decodes the
// character set to UTF-8 and, for HTML, checks the nesting depth. name is
// used only in error messages and Document.Name.
func Read(name string, r io.Reader, opts Options) (*Document, error) {
	return read(name, r, opts.applyDefaults(), -1)
}

// read is Read with the raw size when known (-1 when not).
func read(name string, r io.Reader, opts Options, size int64) (*Document, error) {
	fail := func(err error) (*Document, error) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	compressed := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	var src io.Reader = br
	if compressed {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(gzipError(err))
		}
		defer zr.Close()
		src = zr
	} else if size > opts.MaxBytes {
		// A plain file's size is its content's: refuse it unread.
		return fail(ErrTooLarge)
	}
	raw, err := readLimited(src, opts.MaxBytes, size)
	if err != nil {
		if compressed && !errors.Is(err, ErrTooLarge) {
			return fail(gzipError(err))
		}
		return fail(err)
	}
	doc, err := decode(raw, opts)
	if err != nil {
		return fail(err)
	}
	doc.Name, doc.Compressed = name, compressed
	return doc, nil
}

// readLimited reads all of r but never more than limit+1 bytes, so a
// too-large input costs at most limit bytes of memory.
func readLimited(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}

// gzipError maps the errors of compress/gzip to the sentinels.
func gzipError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return ErrTruncated
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &corrupt):
		return ErrCorrupt
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}

// decode turns raw bytes into a Document: the checks that need the whole
// content, in order (empty, UTF-16, binary, kind, charset, depth).
func decode(raw []byte, opts Options) (*Document, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	// UTF-16 is recognised only by its byte-order mark; without one its
	// NUL bytes make it binary.
	var utf16Name string
	if bytes.HasPrefix(raw, []byte{0xff, 0xfe}) {
		utf16Name = "utf-16le"
	} else if bytes.HasPrefix(raw, []byte{0xfe, 0xff}) {
		utf16Name = "utf-16be"
	}
	if utf16Name != "" {
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if utf16Name == "utf-16be" {
			dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		}
		b, err := dec.Bytes(raw)
		if err != nil || !utf8.Valid(b) {
			return nil, ErrInvalidUTF8
		}
		raw = b
	}
	raw = bytes.TrimPrefix(raw, utf8BOM)
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	if isBinary(raw) {
		return nil, ErrBinary
	}
	if looksLikeHTML(raw) {
		body, cs := decodeHTML(raw, utf16Name)
		if err := checkDepth(body, opts.MaxDepth); err != nil {
			return nil, err
		}
		return &Document{Kind: HTML, Body: body, Charset: cs}, nil
	}
	if !utf8.Valid(raw) {
		return nil, ErrInvalidUTF8
	}
	cs := "utf-8"
	if utf16Name != "" {
		cs = utf16Name
	}
	return &Document{Kind: Text, Body: normalizeNewlines(string(raw)), Charset: cs}, nil
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// normalizeNewlines turns CRLF and lone CR line ends into LF.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// decodeBytes decodes b with e, replacing what cannot be decoded.
func decodeBytes(e encoding.Encoding, b []byte) string {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		out = b
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}
