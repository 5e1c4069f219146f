package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// intParam reads a non-negative integer query parameter, def when absent,
// at most max.
func intParam(r *http.Request, name string, def, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: %s=%q is not a non-negative integer", errBadRequest, name, v)
	}
	return min(n, max), nil
}

// idParam reads the {id} path value.
func idParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: article id %q", ErrNotFound, r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(openAPI)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", store.DefaultLimit, store.MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	facets := q.Get("facets") != "0" && q.Get("facets") != "false"
	res, err := s.search(r.Context(), store.SearchOptions{Filter: store.Filter{Query: q.Get("q")}, Limit: limit, Offset: offset, Facets: facets})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := hidePaths(a); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// hidePaths keeps the server's file system out of an article: the source
// file is shown by its name, not its path, in the provenance and as the
// record's id (which is the path for a file ingested from disk).
func hidePaths(a *store.StoredArticle) error {
	// A file ingested from disk is keyed by its file:// URL: show the
	// name only.
	if strings.HasPrefix(a.URL, "file://") {
		a.URL = "file:" + filepath.Base(strings.TrimPrefix(a.URL, "file://"))
	}
	file := a.Provenance.SourceFile
	if file == "" {
		return nil
	}
	a.Provenance.SourceFile = filepath.Base(file)
	if a.Article.ID != file {
		return nil
	}
	a.Article.ID = a.Provenance.SourceFile
	rec, err := json.Marshal(&a.Article)
	if err != nil {
		return err
	}
	a.Record = rec
	return nil
}

func (s *Server) apiDelete(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	err = s.st.DeleteArticle(r.Context(), id)
	s.cache.clear()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int64{"deleted": id})
}

// ingestTimeout bounds one ingest request.
const ingestTimeout = 2 * time.Minute

// ingestResponse is the outcome of an ingest request.
type ingestResponse struct {
	Summary  *ingest.Summary `json:"summary"`
	Failures []string        `json:"failures"`
}

// apiIngest ingests one URL (JSON {"url": …} or form field url) or one
// uploaded file (multipart field file) through internal/ingest.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var source, tempDir string
	switch ct {
	case "multipart/form-data":
		if r.ContentLength > s.opts.MaxUploadBytes {
			s.fail(w, r, fmt.Errorf("upload of %d bytes is over the %d-byte limit: %w", r.ContentLength, s.opts.MaxUploadBytes,
				&http.MaxBytesError{Limit: s.opts.MaxUploadBytes}))
			return
		}
		f, hdr, err := r.FormFile("file")
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			s.fail(w, r, fmt.Errorf("upload is over the %d-byte limit: %w", s.opts.MaxUploadBytes, mbe))
			return
		}
		if err != nil {
			s.fail(w, r, fmt.Errorf("%w: multipart field \"file\": %w", errBadRequest, err))
			return
		}
		defer f.Close()
		dir, err := os.MkdirTemp("", "newsgraph-upload-")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		defer os.RemoveAll(dir)
		tempDir = dir + string(filepath.Separator)
		source = filepath.Join(dir, uploadName(hdr.Filename))
		out, err := os.Create(source)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		_, err = io.Copy(out, f)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	case "application/json":
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		var body struct {
			URL string `json:"url"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				s.fail(w, r, err)
				return
			}
			s.fail(w, r, fmt.Errorf("%w: JSON body: %w", errBadRequest, err))
			return
		}
		source = body.URL
	case "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		source = r.PostFormValue("url")
	default:
		s.fail(w, r, fmt.Errorf("%w: Content-Type %q (want application/json, a form or multipart/form-data)", errBadRequest, ct))
		return
	}
	if source == "" {
		s.fail(w, r, fmt.Errorf("%w: no url and no file", errBadRequest))
		return
	} else if ct != "multipart/form-data" && !strings.HasPrefix(source, "http://") && !strings.HasPrefix(source, "https://") {
		// A URL only: a path on the server's disk is not the client's to name.
		s.fail(w, r, fmt.Errorf("%w: url %q is not http or https", errBadRequest, source))
		return
	}
	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	ctx, cancel := context.WithTimeout(r.Context(), ingestTimeout)
	defer cancel()
	resp := ingestResponse{Failures: []string{}}
	opts := ingest.Options{Workers: 1, Logger: nil,
		Fetch: ingest.FetchOptions{AllowPrivate: s.opts.AllowPrivateFetch},
		// A failure names the upload, not the folder it was written to.
		OnFailure: func(err error) { resp.Failures = append(resp.Failures, strings.ReplaceAll(err.Error(), tempDir, "")) },
	}
	sum, err := ingest.Run(ctx, s.st, []string{source}, opts)
	s.cache.clear()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	resp.Summary = sum
	writeJSON(w, http.StatusOK, resp)
}

// uploadName is a safe file name for an upload: its base name, letters,
// digits, dots, dashes and underscores only, its extension kept (input
// detection reads it).
func uploadName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		s = "upload"
	}
	if len(s) > 100 {
		s = s[len(s)-100:]
	}
	return s
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", 50, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Quotes []store.QuoteHit `json:"quotes"`
	}{Quotes: []store.QuoteHit{}}
	err = s.st.Quotes(r.Context(), store.QuoteOptions{
		Filter:  store.Filter{Query: q.Get("q")},
		Speaker: q.Get("speaker"), Outlet: q.Get("outlet"), Kind: q.Get("kind"),
		Limit: limit, Offset: offset,
	}, func(h store.QuoteHit) error {
		out.Quotes = append(out.Quotes, h)
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiSpeakers(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r, "limit", 50, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.st.Speakers(r.Context(), r.URL.Query().Get("prefix"), limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"speakers": list})
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r, "limit", 50, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	typ := strings.ToUpper(r.URL.Query().Get("type"))
	switch typ {
	case "", "PERSON", "ORG", "PLACE", "MISC":
	default:
		s.fail(w, r, fmt.Errorf("%w: type %q (want PERSON, ORG, PLACE or MISC)", errBadRequest, typ))
		return
	}
	list, err := s.st.TopEntities(r.Context(), typ, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entities": list})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	top, err := intParam(r, "top", 10, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.st.Stats(r.Context(), store.StatsOptions{Filter: store.Filter{Query: q.Get("q")}, By: store.Interval(q.Get("by")), Top: top})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r, "limit", 20, 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.st.Clusters(r.Context(), limit, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"clusters": list})
}

// apiExport streams every match (never capped) as JSON lines or CSV.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := store.Format(q.Get("format"))
	if format == "" {
		format = store.JSONL
	}
	ct := map[store.Format]string{store.JSONL: "application/x-ndjson", store.CSV: "text/csv; charset=utf-8"}[format]
	if ct == "" {
		s.fail(w, r, fmt.Errorf("%w: format %q (want jsonl or csv)", errBadRequest, format))
		return
	}
	// Check the query before the status line is sent.
	if _, err := s.st.Search(r.Context(), store.SearchOptions{Filter: store.Filter{Query: q.Get("q")}, Limit: 1, NoTotal: true}); err != nil {
		s.fail(w, r, err)
		return
	}
	// An export may take longer than the server's write timeout.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Hour))
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="newsgraph-export.`+string(format)+`"`)
	if _, err := s.st.Export(r.Context(), w, store.ExportOptions{Filter: store.Filter{Query: q.Get("q")}, Format: format}); err != nil {
		// The status is sent: the truncated body is all the client sees.
		s.opts.Logger.Error("export failed", "query", q.Get("q"), "err", err)
	}
}
