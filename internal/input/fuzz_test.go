package input

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

func FuzzRead(f *testing.F) {
	f.Add([]byte(samplePage))
	f.Add([]byte("plain text\r\nsecond line"))
	f.Add([]byte("<p>a<p>b<li>c<div><span>d"))
	f.Add([]byte("\xff\xfeh\x00i\x00"))
	f.Add([]byte(`<meta charset="shift_jis"><p>` + "\x93\x8c\x8b\x9e"))
	f.Add(gz(f, []byte(samplePage)))
	sentinels := []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrTruncated, ErrCorrupt, ErrInvalidUTF8, ErrTooDeep}
	f.Fuzz(func(t *testing.T, in []byte) {
		doc, err := Read("fuzz", bytes.NewReader(in), Options{MaxBytes: 1 << 20, MaxDepth: 64})
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error %v wraps no sentinel", err)
		}
		if !utf8.ValidString(doc.Body) {
			t.Fatalf("Body is not valid UTF-8")
		}
		if doc.Kind == Text && bytes.ContainsRune([]byte(doc.Body), '\r') {
			t.Fatalf("text Body keeps CR")
		}
		if doc.Charset == "" {
			t.Fatalf("no charset")
		}
	})
}
