package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
)

// TestWARCURLFallback: a page that declares no canonical URL gets the
// WARC-Target-URI as its url; a page that declares one keeps it.
func TestWARCURLFallback(t *testing.T) {
	para := strings.Repeat("<p>The harbour bridge reopened on Monday after three months of repairs, the city council said in a statement on its website.</p>", 4)
	plain := "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>" + para + "</article></body></html>"
	canon := "<html><head><title>Tunnel closes</title><link rel=\"canonical\" href=\"https://news.example/tunnel\"></head><body><article><h1>Tunnel closes</h1>" +
		strings.ReplaceAll(para, "bridge reopened", "tunnel closed") + "</article></body></html>"
	var buf bytes.Buffer
	w := corpusgen.NewWARCWriter(&buf)
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range []struct{ uri, body string }{
		{"http://archive.example/bridge", plain},
		{"http://archive.example/tunnel?utm=x", canon},
	} {
		if _, err := w.Response(p.uri, date, "text/html; charset=utf-8", []byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "u.warc.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(dir, "u.db"))
	if _, err := ingest.Run(context.Background(), st, []string{path}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := st.DB.Query(`SELECT title, record FROM articles ORDER BY title`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var title, record string
		if err := rows.Scan(&title, &record); err != nil {
			t.Fatal(err)
		}
		var a article.Article
		if err := json.Unmarshal([]byte(record), &a); err != nil {
			t.Fatal(err)
		}
		got[title] = a.URL
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got["Bridge reopens"] != "http://archive.example/bridge" {
		t.Errorf("page without canonical: url %q, want the WARC-Target-URI", got["Bridge reopens"])
	}
	if got["Tunnel closes"] != "https://news.example/tunnel" {
		t.Errorf("page with canonical: url %q", got["Tunnel closes"])
	}
}
