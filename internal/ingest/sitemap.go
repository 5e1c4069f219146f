package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrNotSitemap is returned by ParseSitemap for XML whose root is neither
// <urlset> nor <sitemapindex>.
var ErrNotSitemap = errors.New("not a sitemap")

// Sitemap is a parsed sitemap (sitemaps.org protocol): a URL set lists
// pages, a sitemap index lists further sitemaps.
type Sitemap struct {
	Index bool     // a <sitemapindex>: URLs are sitemaps
	URLs  []string // the <loc> values, trimmed, in document order
}

// maxSitemapURLs is the protocol's limit of URLs per sitemap; more are
// ignored.
const maxSitemapURLs = 50000

// ParseSitemap reads a sitemap or sitemap index with encoding/xml. Element
// names are matched without regard to namespace. Empty <loc>s are skipped;
// at most 50,000 URLs are returned.
func ParseSitemap(r io.Reader) (*Sitemap, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		// Sitemaps must be UTF-8; accept the declaration of other
		// ASCII-compatible ones and read the bytes as they are.
		return in, nil
	}
	sm := &Sitemap{}
	depth := 0
	root := ""
	inLoc := false
	var loc strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root == "" {
				return nil, fmt.Errorf("%w: %v", ErrNotSitemap, err)
			}
			return sm, fmt.Errorf("sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				root = t.Name.Local
				switch root {
				case "urlset":
				case "sitemapindex":
					sm.Index = true
				default:
					return nil, fmt.Errorf("%w: root element <%s>", ErrNotSitemap, root)
				}
			}
			if depth == 3 && t.Name.Local == "loc" {
				inLoc = true
				loc.Reset()
			}
		case xml.CharData:
			if inLoc && loc.Len() < 8192 {
				loc.Write(t)
			}
		case xml.EndElement:
			if inLoc && depth == 3 {
				inLoc = false
				if u := strings.TrimSpace(loc.String()); u != "" && len(sm.URLs) < maxSitemapURLs {
					sm.URLs = append(sm.URLs, u)
				}
			}
			depth--
		}
	}
	if root == "" {
		return nil, fmt.Errorf("%w: no root element", ErrNotSitemap)
	}
	return sm, nil
}

// xmlRoot returns the local name of the first element of an XML document
// (skipping the declaration, comments, doctype and whitespace), or "" when
// head does not start like XML.
func xmlRoot(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) == 0 || t[0] != '<' {
		return ""
	}
	dec := xml.NewDecoder(bytes.NewReader(head))
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for range 64 {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local)
		}
	}
	return ""
}
