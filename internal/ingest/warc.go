package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc"
)

// ErrWARC wraps errors reading a WARC file (truncated, corrupt records).
var ErrWARC = errors.New("bad WARC file")

// ErrCorruptRecord is the error of one WARC record that cannot be read (a
// corrupt or truncated gzip member, a malformed header): it is skipped and
// reading resumes at the next record. It wraps ErrWARC.
var ErrCorruptRecord = fmt.Errorf("%w: corrupt record skipped", ErrWARC)

// warcPage is one HTML response record of a WARC file.
type warcPage struct {
	URL         string
	RecordID    string
	Offset      int64 // of the record in the file (compressed offset for .warc.gz)
	Date        time.Time
	ContentType string
	Body        []byte // the HTTP payload, as stored (may be gzip)
}

// warcOptions are gowarc's parsing policies: a record must be well formed
// (syntax errors fail it, which readWARC turns into a skipped record); the
// rest of the standard is not enforced.
var warcOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail),
	gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithBufferMaxMemBytes(4 << 20),
}

// readWARC reads the WARC records from r (plain, or one gzip member per
// record as the standard recommends) and calls emit for each HTML
// response: a "response" record holding an HTTP 2xx response whose
// Content-Type is HTML (or absent), or a "resource" record of type
// text/html. Other records are passed over.
//
// One bad record never loses the rest of the file. readWARC splits the
// gzip members itself (github.com/klauspost/compress/gzip with
// Multistream(false): it inflated the Scrapinghub pages in 584 µs each
// against compress/gzip's 776, and the publisher of a queue and every
// worker inflate each record) and gives each to gowarc on its own; gowarc loops on a corrupt member when told
// to skip errors, so it is never asked to. A record that cannot be read
// (corrupt or truncated member, malformed header, a payload over maxBytes)
// is reported through skip, with its offset and an error wrapping
// ErrCorruptRecord or ErrTooLarge, and reading resumes at the next gzip
// member or "WARC/1." header. readWARC fails (ErrWARC) only when r holds
// no record at all. An error from emit stops reading and is returned as
// it is.
//
// With bodies false the pages come without their payload (Body nil): the
// records are chosen as with bodies, but a payload is only passed over
// (its size, from the record's Content-Length, is checked against
// maxBytes), not read through gowarc, its digests and memory. Expand
// reads a local WARC file so: its workers read each record again.
func readWARC(r io.Reader, name string, maxBytes int64, bodies bool, emit func(warcPage) error, skip func(warcPage, error)) error {
	rw := &rewinder{r: r}
	br := bufio.NewReaderSize(rw, 64<<10)
	pos := func() int64 { return rw.n - int64(br.Buffered()) }
	var zr *gzip.Reader
	records := 0
	for {
		skipSpace(br)
		head, _ := br.Peek(len(warcMagic))
		if len(head) == 0 {
			break
		}
		off := pos()
		rw.mark(off, br)
		page := warcPage{Offset: off}
		var ok bool
		var err error
		resync := false
		switch {
		case isGzip(head):
			if zr == nil {
				zr = new(gzip.Reader)
			}
			page, ok, err = readMember(zr, br, off, maxBytes, bodies)
			resync = err != nil && !errors.Is(err, ErrTooLarge)
		case bytes.HasPrefix(head, warcMagic):
			page, ok, err = readRecord(br, off, maxBytes, bodies)
			resync = err != nil && !errors.Is(err, ErrTooLarge)
		default:
			err, resync = errors.New("no WARC record or gzip member here"), true
			records-- // not a record: only reported
		}
		if resync {
			// The next record may start inside the bytes the failed one
			// consumed (a truncated member runs into the next): look
			// again from the byte after its start.
			first := off == pos()
			if rw.rewind(off + 1) {
				br.Reset(rw)
				first = false
			}
			if e := skipToRecord(br, first); e != nil && !errors.Is(e, io.EOF) {
				return fmt.Errorf("%s: %w: %v", name, ErrWARC, e)
			}
		}
		if err != nil {
			records++
			page.Offset = off
			if !errors.Is(err, ErrTooLarge) {
				err = fmt.Errorf("%w: %v", ErrCorruptRecord, err)
			}
			skip(page, err)
			continue
		}
		records++
		if !ok {
			continue
		}
		if err := emit(page); err != nil {
			return err
		}
	}
	if records == 0 {
		return fmt.Errorf("%s: %w: no WARC records", name, ErrWARC)
	}
	return nil
}

var warcMagic = []byte("WARC/1.")

// skipSpace discards white space (between records, at the end).
func skipSpace(br *bufio.Reader) {
	for {
		b, _ := br.Peek(1)
		if len(b) == 0 || !bytes.ContainsAny(b, " \t\r\n") {
			return
		}
		br.Discard(1)
	}
}

// readMember reads the gzip member at the head of br as one WARC record
// and checks the member to its end (its CRC), so a record is returned
// only when all of it was read intact. On success br is at the next
// member.
func readMember(zr *gzip.Reader, br *bufio.Reader, off, maxBytes int64, bodies bool) (warcPage, bool, error) {
	if err := zr.Reset(br); err != nil {
		return warcPage{}, false, err
	}
	zr.Multistream(false)
	inner := bufio.NewReader(zr)
	page, ok, err := readRecord(inner, off, maxBytes, bodies)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return page, false, err
	}
	// The member's end: its checksum, or a corrupt or truncated member.
	if _, cerr := io.Copy(io.Discard, inner); cerr != nil {
		return page, false, cerr
	}
	return page, ok, err
}

// readRecord parses one uncompressed WARC record at the head of r with
// gowarc and reads its HTML page, if any; on success r is past the
// record. gowarc is third-party code parsing untrusted bytes: a panic is
// an error of this record.
func readRecord(r *bufio.Reader, off, maxBytes int64, bodies bool) (page warcPage, ok bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			page, ok, err = warcPage{Offset: off}, false, fmt.Errorf("parser panic: %v", v)
		}
	}()
	rec, _, _, err := gowarc.NewUnmarshaler(warcOptions...).Unmarshal(r)
	if err != nil {
		if rec != nil {
			rec.Close()
		}
		return warcPage{Offset: off}, false, err
	}
	page, ok, err = htmlRecord(rec, off, maxBytes, bodies)
	if cerr := rec.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return page, ok, err
}

// skipToRecord discards bytes up to the next gzip member header or
// "WARC/1." line, where reading resumes; first says nothing was consumed
// yet at this position, so at least one byte is skipped. It returns
// io.EOF when there is none.
func skipToRecord(br *bufio.Reader, first bool) error {
	if first {
		if _, err := br.Discard(1); err != nil {
			return err
		}
	}
	gzipHead := []byte{0x1f, 0x8b, 0x08}
	for {
		buf, err := br.Peek(br.Size())
		i, j := bytes.Index(buf, gzipHead), bytes.Index(buf, warcMagic)
		if i < 0 || (j >= 0 && j < i) {
			i = j
		}
		if i >= 0 {
			_, derr := br.Discard(i)
			return derr
		}
		if err != nil {
			br.Discard(len(buf))
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			return io.EOF
		}
		// Keep a tail that may hold the start of a header.
		if _, err := br.Discard(max(len(buf)-len(warcMagic), 1)); err != nil {
			return err
		}
	}
}

// maxRewind bounds the bytes of one record kept to look for the next
// record inside it after it fails; past it, the search goes on from where
// reading stopped.
const maxRewind = 8 << 20

// rewinder is the reader under readWARC's bufio.Reader: it counts the
// bytes read (n is the offset of the next byte it serves) and keeps the
// bytes of the current record from its start (mark) so that reading can
// go back into them (rewind).
type rewinder struct {
	r       io.Reader
	n       int64
	pending []byte // served before r: bytes given back by rewind
	rec     []byte // the current record's bytes from recStart
	recOff  int64
	over    bool // rec outgrew maxRewind
}

// mark starts recording at offset off, the current position of br (whose
// buffered bytes, already read from rw, are the first recorded).
func (rw *rewinder) mark(off int64, br *bufio.Reader) {
	buffered, _ := br.Peek(br.Buffered())
	rw.rec = append(rw.rec[:0], buffered...)
	rw.recOff, rw.over = off, false
}

// rewind makes the next byte served the one at offset off, inside the
// recorded bytes; false when they no longer hold it.
func (rw *rewinder) rewind(off int64) bool {
	k := off - rw.recOff
	if rw.over || k < 0 || k > int64(len(rw.rec)) {
		return false
	}
	rw.pending = append(append([]byte(nil), rw.rec[k:]...), rw.pending...)
	rw.n = off
	rw.rec = rw.rec[:0]
	return true
}

func (rw *rewinder) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(rw.pending) > 0 {
		n = copy(p, rw.pending)
		rw.pending = rw.pending[n:]
	} else {
		n, err = rw.r.Read(p)
	}
	rw.n += int64(n)
	if !rw.over {
		if len(rw.rec)+n > maxRewind {
			rw.over, rw.rec = true, rw.rec[:0]
		} else {
			rw.rec = append(rw.rec, p[:n]...)
		}
	}
	return n, err
}

// htmlRecord returns the HTML page of a record; ok is false for records
// that hold none. With bodies false the page has no Body, and the
// payload is left unread when the record's Content-Length tells its size.
func htmlRecord(rec gowarc.WarcRecord, off int64, maxBytes int64, bodies bool) (warcPage, bool, error) {
	h := rec.WarcHeader()
	page := warcPage{URL: h.Get(gowarc.WarcTargetURI), RecordID: h.Get(gowarc.WarcRecordID), Offset: off}
	if page.RecordID == "" {
		page.RecordID = rec.RecordId()
	}
	if d, err := rec.Date(); err == nil {
		page.Date = d
	}
	var payload io.Reader
	// header is the size of what precedes the payload in the block (the
	// HTTP status line and header of a response).
	var header int64
	switch rec.Type() {
	case gowarc.Response:
		b, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return page, false, nil
		}
		if code := statusCode(b.HttpStatusLine()); code < 200 || code > 299 {
			return page, false, nil
		}
		if hdr := b.HttpHeader(); hdr != nil {
			page.ContentType = hdr.Get("Content-Type")
			if enc := strings.ToLower(hdr.Get("Content-Encoding")); enc != "" && enc != "gzip" && enc != "identity" {
				return page, false, nil // br, deflate …: not decoded
			}
		}
		header = int64(len(b.ProtocolHeaderBytes()))
		if !bodies {
			break
		}
		r, err := b.PayloadBytes()
		if err != nil {
			return page, false, err
		}
		payload = r
	case gowarc.Resource:
		page.ContentType = h.Get(gowarc.ContentType)
		pb, ok := rec.Block().(gowarc.PayloadBlock)
		if !ok {
			return page, false, nil
		}
		if !bodies {
			break
		}
		r, err := pb.PayloadBytes()
		if err != nil {
			return page, false, err
		}
		payload = r
	default:
		return page, false, nil
	}
	if !htmlType(page.ContentType) {
		return page, false, nil
	}
	if payload == nil {
		// Not read (bodies false): the block's length less its header is
		// the payload's, when the record says it; else it is read through.
		if n, err := strconv.ParseInt(h.Get(gowarc.ContentLength), 10, 64); err == nil && n >= header {
			if n-header > maxBytes {
				return page, false, fmt.Errorf("%s: %w", page.URL, ErrTooLarge)
			}
			return page, true, nil
		}
		pb, ok := rec.Block().(gowarc.PayloadBlock)
		if !ok {
			return page, false, nil
		}
		r, err := pb.PayloadBytes()
		if err != nil {
			return page, false, err
		}
		n, err := io.Copy(io.Discard, io.LimitReader(r, maxBytes+1))
		if err != nil {
			return page, false, err
		}
		if n > maxBytes {
			return page, false, fmt.Errorf("%s: %w", page.URL, ErrTooLarge)
		}
		return page, true, nil
	}
	body, err := io.ReadAll(io.LimitReader(payload, maxBytes+1))
	if err != nil {
		return page, false, err
	}
	if int64(len(body)) > maxBytes {
		return page, false, fmt.Errorf("%s: %w", page.URL, ErrTooLarge)
	}
	page.Body = body
	return page, true, nil
}

// htmlType reports whether a Content-Type is HTML; an absent one counts
// (the content is sniffed later).
func htmlType(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.Contains(strings.ToLower(ct), "html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// statusCode parses "200 OK" or "HTTP/1.1 200 OK"; 0 if it cannot.
func statusCode(line string) int {
	f := strings.Fields(line)
	for _, s := range f {
		if len(s) == 3 && s[0] >= '1' && s[0] <= '5' {
			n := 0
			for _, c := range s {
				if c < '0' || c > '9' {
					n = -1
					break
				}
				n = n*10 + int(c-'0')
			}
			if n > 0 {
				return n
			}
		}
	}
	return 0
}
