package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/nlnwa/gowarc"
)

// ErrWARC wraps errors reading a WARC file (truncated, corrupt records).
var ErrWARC = errors.New("bad WARC file")

// warcPage is one HTML response record of a WARC file.
type warcPage struct {
	URL         string
	RecordID    string
	Offset      int64 // of the record in the file (compressed offset for .warc.gz)
	Date        time.Time
	ContentType string
	Body        []byte // the HTTP payload, as stored (may be gzip)
}

// readWARC reads the WARC records from r (plain or per-record gzip) with
// gowarc and calls emit for each HTML response: a "response" record
// holding an HTTP 2xx response whose Content-Type is HTML (or absent), or
// a "resource" record of type text/html. Other records are skipped. A
// payload larger than maxBytes is reported through skip and passed over.
// Reading stops at the first unreadable record: the error (wrapping
// ErrWARC) names the offset; the records before it have been emitted. An
// error from emit stops reading and is returned as it is.
func readWARC(r io.Reader, name string, maxBytes int64, emit func(warcPage) error, skip func(warcPage, error)) (err error) {
	defer func() {
		// gowarc is third-party code parsing untrusted bytes.
		if v := recover(); v != nil {
			err = fmt.Errorf("%s: %w: parser panic: %v", name, ErrWARC, v)
		}
	}()
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail), // ErrIgnore and ErrWarn loop forever on a corrupt gzip member (gowarc v1.6.0)
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(4<<20),
	)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", name, ErrWARC, err)
	}
	defer wr.Close()
	for n := 0; ; n++ {
		rec, off, _, err := wr.Next()
		if err == io.EOF {
			if n == 0 {
				return fmt.Errorf("%s: %w: no WARC records", name, ErrWARC)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w: record at offset %d: %v", name, ErrWARC, off, err)
		}
		page, ok, err := htmlRecord(rec, off, maxBytes)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				skip(page, err)
				continue
			}
			return fmt.Errorf("%s: %w: record at offset %d: %v", name, ErrWARC, off, err)
		}
		if !ok {
			continue
		}
		if err := emit(page); err != nil {
			return err
		}
	}
}

// htmlRecord returns the HTML page of a record; ok is false for records
// that hold none.
func htmlRecord(rec gowarc.WarcRecord, off int64, maxBytes int64) (warcPage, bool, error) {
	h := rec.WarcHeader()
	page := warcPage{URL: h.Get(gowarc.WarcTargetURI), RecordID: h.Get(gowarc.WarcRecordID), Offset: off}
	if page.RecordID == "" {
		page.RecordID = rec.RecordId()
	}
	if d, err := rec.Date(); err == nil {
		page.Date = d
	}
	var payload io.Reader
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
