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
	start := int64(-1) // r's position, when r can seek back to it
	if s, ok := r.(io.Seeker); ok {
		if p, err := s.Seek(0, io.SeekCurrent); err == nil {
			start = p
			if end, err := s.Seek(0, io.SeekEnd); err == nil && size < 0 {
				size = end - p // the raw size, for a buffer of the right size
			}
			if _, err := s.Seek(p, io.SeekStart); err != nil {
				return fail(err)
			}
		}
	}
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	compressed := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	var raw []byte
	var err error
	switch {
	case compressed && start >= 0:
		raw, err = gunzipSeeker(r.(io.ReadSeeker), start, opts.MaxBytes)
	case compressed:
		raw, err = gunzipStream(br, opts.MaxBytes)
	case size > opts.MaxBytes:
		// A plain file's size is its content's: refuse it unread.
		err = ErrTooLarge
	default:
		raw, err = readLimited(br, opts.MaxBytes, size)
	}
	if err != nil {
		return fail(err)
	}
	doc, err := decode(raw, opts)
	if err != nil {
		return fail(err)
	}
	doc.Name, doc.Compressed = name, compressed
	return doc, nil
}

// Gunzip returns the content of the gzip data b, refusing (ErrTooLarge)
// content over limit without holding it: see gunzipSeeker.
func Gunzip(b []byte, limit int64) ([]byte, error) {
	return gunzipSeeker(bytes.NewReader(b), 0, limit)
}

// gunzipSeeker decompresses the gzip stream at offset start of r in two
// passes: the first counts the content (to io.Discard, at most limit+1
// bytes), the second reads it into a buffer of exactly that size. A gzip
// bomb is refused after the first pass having cost a few kilobytes of
// memory, and accepted content costs its own size, not a doubling buffer's.
func gunzipSeeker(r io.ReadSeeker, start, limit int64) ([]byte, error) {
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, gzipError(err)
	}
	n, err := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, gzipError(err)
	}
	if n > limit {
		return nil, ErrTooLarge
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, err
	}
	if err := zr.Reset(bufio.NewReader(r)); err != nil {
		return nil, gzipError(err)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(zr, buf); err != nil {
		return nil, gzipError(err)
	}
	return buf, nil
}

// gunzipStream decompresses a gzip stream that cannot be read twice, in
// chunks, so that memory is the content's size (at most limit) plus one
// copy when the chunks are joined.
func gunzipStream(r io.Reader, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, gzipError(err)
	}
	b, err := readChunks(zr, limit)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return nil, gzipError(err)
	}
	return b, err
}

// readChunks reads all of r in chunks (4 KiB growing to 1 MiB), never
// more than limit+1 bytes, and joins them.
func readChunks(r io.Reader, limit int64) ([]byte, error) {
	var chunks [][]byte
	var total int64
	lr := io.LimitReader(r, limit+1)
	for chunk := 4 << 10; ; chunk = min(2*chunk, 1<<20) {
		c := make([]byte, chunk)
		n, err := io.ReadFull(lr, c)
		total += int64(n)
		if total > limit {
			return nil, ErrTooLarge
		}
		chunks = append(chunks, c[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// readLimited reads all of r but never more than limit+1 bytes: into a
// buffer of the known size sizeHint, else in chunks.
func readLimited(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	if sizeHint < 0 {
		return readChunks(r, limit)
	}
	var buf bytes.Buffer
	buf.Grow(int(min(sizeHint, limit)) + bytes.MinRead)
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
	// The few NUL bytes isBinary lets through (text with a run where a
	// page had icons) are dropped: they are nothing a reader sees.
	if bytes.IndexByte(raw, 0) >= 0 {
		raw = bytes.ReplaceAll(raw, []byte{0}, nil)
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
