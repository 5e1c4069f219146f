package article

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestPublishedPrecisionJSON(t *testing.T) {
	day := time.Date(2021, 10, 16, 0, 0, 0, 0, time.UTC)
	clock := time.Date(2019, 11, 18, 23, 3, 25, 0, time.FixedZone("", -8*3600))
	tests := []struct {
		name    string
		a       Article
		want    string
		hasTime bool
	}{
		{"day only", Article{ID: "a", Published: &day}, `"published":"2021-10-16"`, false},
		{"time with zone", Article{ID: "b", Published: &clock, PublishedHasTime: true}, `"published":"2019-11-18T23:03:25-08:00"`, true},
		{"unknown", Article{ID: "c"}, `"published":null`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(&tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) || strings.Count(string(b), `"published"`) != 1 {
				t.Errorf("JSON %s lacks %s", b, tt.want)
			}
			var back Article
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.ID != tt.a.ID || back.PublishedHasTime != tt.hasTime || (back.Published == nil) != (tt.a.Published == nil) ||
				(back.Published != nil && !back.Published.Equal(*tt.a.Published)) {
				t.Errorf("round trip: %+v", back)
			}
		})
	}
	var bad Article
	if err := json.Unmarshal([]byte(`{"published":"yesterday"}`), &bad); err == nil {
		t.Error("a published value that is no date must be an error")
	}
}
