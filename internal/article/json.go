package article

import (
	"encoding/json"
	"fmt"
	"time"
)

// dayLayout is how a publication date without a time of day is written.
const dayLayout = "2006-01-02"

// plainArticle is Article without its JSON methods.
type plainArticle Article

// MarshalJSON writes the article with "published" in its precision: a day
// ("2020-01-23") or a time with its zone (RFC 3339).
func (a Article) MarshalJSON() ([]byte, error) {
	var pub *string
	if a.Published != nil {
		s := a.Published.Format(time.RFC3339Nano)
		if !a.PublishedHasTime {
			s = a.Published.Format(dayLayout)
		}
		pub = &s
	}
	return json.Marshal(struct {
		plainArticle
		Published *string `json:"published"`
	}{plainArticle(a), pub})
}

// UnmarshalJSON reads what MarshalJSON writes; a "published" in RFC 3339
// sets PublishedHasTime, a bare day does not.
func (a *Article) UnmarshalJSON(b []byte) error {
	aux := struct {
		*plainArticle
		Published *string `json:"published"`
	}{plainArticle: (*plainArticle)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.Published, a.PublishedHasTime = nil, false
	if aux.Published == nil || *aux.Published == "" {
		return nil
	}
	if t, err := time.Parse(dayLayout, *aux.Published); err == nil {
		a.Published = &t
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, *aux.Published)
	if err != nil {
		return fmt.Errorf("article: published %q: %w", *aux.Published, err)
	}
	a.Published, a.PublishedHasTime = &t, true
	return nil
}
