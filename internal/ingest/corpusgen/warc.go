package corpusgen

import (
	"compress/gzip"
	"fmt"
	"io"
	"time"

	"github.com/nlnwa/gowarc"
)

// WARCWriter writes HTTP response records to a WARC.gz stream, one gzip
// member per record (the usual .warc.gz layout), with gowarc.
type WARCWriter struct {
	w   *countWriter
	m   gowarc.Marshaler
	seq int
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// NewWARCWriter returns a writer on w.
func NewWARCWriter(w io.Writer) *WARCWriter {
	return &WARCWriter{w: &countWriter{w: w}, m: gowarc.NewMarshaler()}
}

// Response writes one "response" record for url fetched at date, with an
// HTTP 200 response of the given content type and body. It returns the
// record's offset in the stream.
func (ww *WARCWriter) Response(url string, date time.Time, contentType string, body []byte) (int64, error) {
	ww.seq++
	rb := gowarc.NewRecordBuilder(gowarc.Response,
		gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true),
		gowarc.WithFixContentLength(true), gowarc.WithFixDigest(true))
	fmt.Fprintf(rb, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	if _, err := rb.Write(body); err != nil {
		return 0, err
	}
	rb.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:%08x-0000-4000-8000-%012x>", ww.seq, ww.seq))
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	rb.AddWarcHeader(gowarc.WarcTargetURI, url)
	rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	rec, _, err := rb.Build()
	if err != nil {
		return 0, fmt.Errorf("corpusgen: build record %s: %w", url, err)
	}
	defer rec.Close()
	off := ww.w.n
	zw := gzip.NewWriter(ww.w)
	if _, _, err := ww.m.Marshal(zw, rec, 0); err != nil {
		return 0, fmt.Errorf("corpusgen: write record %s: %w", url, err)
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return off, nil
}

// Resource writes a non-HTML record of another type (a "metadata" record),
// which readers of HTML pages must skip.
func (ww *WARCWriter) Metadata(url string, date time.Time, text string) error {
	ww.seq++
	rb := gowarc.NewRecordBuilder(gowarc.Metadata, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true))
	if _, err := io.WriteString(rb, text); err != nil {
		return err
	}
	rb.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:%08x-0000-4000-8000-%012x>", ww.seq, ww.seq))
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	rb.AddWarcHeader(gowarc.WarcTargetURI, url)
	rb.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	rec, _, err := rb.Build()
	if err != nil {
		return err
	}
	defer rec.Close()
	zw := gzip.NewWriter(ww.w)
	if _, _, err := ww.m.Marshal(zw, rec, 0); err != nil {
		return err
	}
	return zw.Close()
}
