package web

import (
	"io"
	"strings"
	"testing"
)

// TestAPISearchFacetsCounted checks that the facets say what they counted:
// every match on a small store (not a sample), and that the total is not
// capped.
func TestAPISearchFacetsCounted(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	var res struct {
		Total       int  `json:"total"`
		TotalCapped bool `json:"total_capped"`
		Facets      struct {
			Counted int  `json:"counted"`
			Sampled bool `json:"sampled"`
		} `json:"facets"`
	}
	getJSON(t, ts.URL+"/api/search?q=ferry", &res)
	if res.Total == 0 || res.Facets.Counted != res.Total || res.Facets.Sampled || res.TotalCapped {
		t.Errorf("ferry: %+v: want facets over all %d matches, total not capped", res, res.Total)
	}
	b, err := io.ReadAll(get(t, ts.URL+"/search?q=ferry").Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "match <code>ferry</code>") || strings.Contains(string(b), "Counted in the first") {
		t.Errorf("the page says the facets are a sample")
	}
}
