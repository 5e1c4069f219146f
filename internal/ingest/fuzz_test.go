package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
)

var seedWARC = func() string {
	body := "<html><p>hi</p></html>"
	block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000001-0000-4000-8000-000000000001>\r\n" +
		"WARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Target-URI: http://a.example/x\r\nContent-Type: application/http;msgtype=response\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n\r\n%s\r\n\r\n", len(block), block)
}()

func gz(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

// FuzzReadWARC: whatever the bytes, reading never panics, emits pages
// within the size limit at offsets inside the input, and reports failures
// as ErrWARC.
func FuzzReadWARC(f *testing.F) {
	for _, s := range []string{seedWARC, gz(seedWARC), gz(seedWARC) + gz(seedWARC), seedWARC[:60], "WARC/", "WARC/1.0\r\n\r\n", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 1 << 16
		bodies := len(data)%2 == 0 // both ways of reading, by the input
		err := readWARC(bytes.NewReader(data), "f.warc", max, bodies, func(p warcPage) error {
			if !bodies && p.Body != nil {
				t.Errorf("page read with its body when not asked")
			}
			if int64(len(p.Body)) > max {
				t.Errorf("page of %d bytes over the limit", len(p.Body))
			}
			if p.Offset < 0 || p.Offset > int64(len(data)) {
				t.Errorf("offset %d outside the input of %d bytes", p.Offset, len(data))
			}
			return nil
		}, func(warcPage, error) {})
		if err != nil && !errors.Is(err, ErrWARC) {
			t.Errorf("error %v does not wrap ErrWARC", err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "f.warc") {
			t.Errorf("error %v does not name the file", err)
		}
	})
}

func TestReadWARCSeed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  string
		pages int
		fail  bool
		skip  int
	}{
		{"plain", seedWARC, 1, false, 0},
		{"plain twice", seedWARC + seedWARC, 2, false, 0},
		{"gzip members", gz(seedWARC) + gz(seedWARC), 2, false, 0},
		{"truncated", gz(seedWARC) + gz(seedWARC)[:40], 1, false, 1},
		{"corrupt then good", gz(seedWARC)[:30] + "garbage" + gz(seedWARC), 1, false, 1},
		{"plain bad header then good", "WARC/1.1\r\nbroken\r\n\r\n" + seedWARC, 1, false, 1},
		{"empty", "", 0, true, 0},
		{"not warc", "<html>hello</html>", 0, true, 1},
	} {
		// Without bodies (as Expand reads local files) the same records
		// are found and skipped.
		for _, bodies := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/bodies=%v", tc.name, bodies), func(t *testing.T) {
				n, skipped := 0, 0
				err := readWARC(strings.NewReader(tc.data), "x.warc", 1<<20, bodies, func(p warcPage) error {
					n++
					body := bytes.Contains(p.Body, []byte("<p>hi</p>"))
					if p.URL != "http://a.example/x" || !strings.HasPrefix(p.RecordID, "<urn:uuid:") || body != bodies {
						t.Errorf("page %+v", p)
					}
					return nil
				}, func(warcPage, error) { skipped++ })
				if n != tc.pages || (err != nil) != tc.fail || skipped != tc.skip {
					t.Errorf("%d pages, %d skipped, err %v; want %d pages, %d skipped, failure %v", n, skipped, err, tc.pages, tc.skip, tc.fail)
				}
			})
		}
	}
}

// FuzzParseSitemap: never panics; a result has at most the protocol's
// number of URLs, none empty; errors other than partial reads wrap
// ErrNotSitemap.
func FuzzParseSitemap(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/1</loc></url></urlset>`,
		`<sitemapindex><sitemap><loc> https://a.example/s.xml </loc></sitemap></sitemapindex>`,
		`<rss><channel></channel></rss>`,
		`<urlset><url><loc>`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := ParseSitemap(bytes.NewReader(data))
		if sm == nil {
			if !errors.Is(err, ErrNotSitemap) {
				t.Errorf("nil sitemap with error %v", err)
			}
			return
		}
		if len(sm.URLs) > maxSitemapURLs {
			t.Errorf("%d URLs", len(sm.URLs))
		}
		for _, u := range sm.URLs {
			if u == "" || strings.TrimSpace(u) != u {
				t.Errorf("URL %q not trimmed", u)
			}
		}
	})
}

func TestParseSitemap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		index bool
		urls  []string
		err   error
	}{
		{"urlset", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/1</loc><lastmod>2026-01-01</lastmod></url><url><loc>
  https://a.example/2 </loc></url><url><loc></loc></url></urlset>`, false, []string{"https://a.example/1", "https://a.example/2"}, nil},
		{"index", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/news.xml</loc></sitemap></sitemapindex>`, true, []string{"https://a.example/news.xml"}, nil},
		{"image loc ignored", `<urlset xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"><url><loc>https://a.example/p</loc><image:image><image:loc>https://a.example/i.jpg</image:loc></image:image></url></urlset>`, false, []string{"https://a.example/p"}, nil},
		{"feed", `<rss version="2.0"><channel/></rss>`, false, nil, ErrNotSitemap},
		{"not xml", `hello`, false, nil, ErrNotSitemap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sm, err := ParseSitemap(strings.NewReader(tc.in))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Errorf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sm.Index != tc.index || strings.Join(sm.URLs, " ") != strings.Join(tc.urls, " ") {
				t.Errorf("got %+v, want index %v urls %v", sm, tc.index, tc.urls)
			}
		})
	}
}
