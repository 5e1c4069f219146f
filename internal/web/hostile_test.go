package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
)

func doReq(t *testing.T, method, url, auth string, body io.Reader, ct string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, body)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestNoServerPaths: neither an article nor a failed upload shows the
// server's file paths: the source is named by its file name.
func TestNoServerPaths(t *testing.T) {
	_, ts := newTestServer(t, Options{Token: testToken})
	wd, _ := os.Getwd()
	for _, path := range []string{fmt.Sprintf("/api/article/%d", idBridge), fmt.Sprintf("/article/%d", idBridge)} {
		code, body := doReq(t, "GET", ts.URL+path, "", nil, "")
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		if strings.Contains(body, wd) || strings.Contains(body, "testdata/corpus") {
			t.Errorf("%s shows a server path (%s):\n%.400s", path, wd, body)
		}
	}
	var a struct {
		Provenance struct {
			SourceFile string `json:"source_file"`
		}
		Record struct{ ID string }
	}
	_, body := doReq(t, "GET", fmt.Sprintf("%s/api/article/%d", ts.URL, idBridge), "", nil, "")
	json.Unmarshal([]byte(body), &a)
	if a.Provenance.SourceFile == "" || strings.Contains(a.Provenance.SourceFile, "/") || a.Record.ID != a.Provenance.SourceFile {
		t.Errorf("source_file %q, record id %q; want the file's name in both", a.Provenance.SourceFile, a.Record.ID)
	}
	// A failed upload names the upload, not the temporary folder.
	upload, ct := uploadBody(t, "empty.html", "")
	code, body := doReq(t, "POST", ts.URL+"/api/ingest", "Bearer "+testToken, upload, ct)
	if code != 200 || !strings.Contains(body, "empty.html") || strings.Contains(body, os.TempDir()) || strings.Contains(body, "newsgraph-upload") {
		t.Errorf("failed upload: %d %s; want its name without the temporary folder", code, body)
	}
}

// TestUploadTooLarge: an upload over the limit answers 413 naming the
// limit, whether its size is declared or not.
func TestUploadTooLarge(t *testing.T) {
	_, ts := newTestServer(t, Options{Token: testToken, MaxUploadBytes: 1 << 16})
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "big.html")
	fw.Write(bytes.Repeat([]byte("<p>words</p>"), 20000))
	mw.Close()
	code, body := doReq(t, "POST", ts.URL+"/api/ingest", "Bearer "+testToken, bytes.NewReader(buf.Bytes()), mw.FormDataContentType())
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "65536") {
		t.Errorf("declared size: %d %s, want 413 naming the limit", code, body)
	}
	// Chunked: no Content-Length.
	code, body = doReq(t, "POST", ts.URL+"/api/ingest", "Bearer "+testToken, io.MultiReader(bytes.NewReader(buf.Bytes())), mw.FormDataContentType())
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: %d %s, want 413", code, body)
	}
}

// TestWriteToDeletedStore: when the store's file is deleted under the
// server, a write fails loudly (503) instead of answering 200 and losing
// the article.
func TestWriteToDeletedStoreAnswers503(t *testing.T) {
	s, ts := newTestServer(t, Options{Token: testToken})
	if err := os.Remove(s.st.(*store.Store).Path()); err != nil {
		t.Fatal(err)
	}
	upload, ct := uploadBody(t, "orchard.html", testUpload)
	code, body := doReq(t, "POST", ts.URL+"/api/ingest", "Bearer "+testToken, upload, ct)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "deleted") {
		t.Errorf("upload into a deleted store: %d %s, want 503 saying the file is gone", code, body)
	}
	code, _ = doReq(t, "DELETE", fmt.Sprintf("%s/api/article/%d", ts.URL, idBridge), "Bearer "+testToken, nil, "")
	if code != http.StatusServiceUnavailable {
		t.Errorf("delete in a deleted store: %d, want 503", code)
	}
}

// TestUnindexableQuery: a query of terms with no letter or digit matches
// nothing, with a notice, on the API and the page (it matched the whole
// corpus).
func TestUnindexableQuery(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	for _, q := range []string{"🙂", `"*"`, "%", "()", "-"} {
		var res struct {
			Total   int
			Notices []string
		}
		getJSON(t, ts.URL+"/api/search?facets=0&q="+url.QueryEscape(q), &res)
		if res.Total != 0 || len(res.Notices) != 1 {
			t.Errorf("%q: total %d, notices %q; want 0 with a notice", q, res.Total, res.Notices)
		}
	}
	code, body := doReq(t, "GET", ts.URL+"/search?q="+url.QueryEscape("🙂"), "", nil, "")
	if code != 200 || !strings.Contains(body, "matches nothing") {
		t.Errorf("page: %d, want the notice shown", code)
	}
}
