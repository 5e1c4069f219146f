package web

import (
	"fmt"
	"time"
)

// Chart is a bar chart drawn as SVG by the templates: every number in it
// is computed here, every label is text the template escapes.
type Chart struct {
	Width, Height int
	Bars          []Bar
	// Labels are the axis labels under the bars.
	Labels []Label
	Max    int
	// Unit names what is counted ("articles", "quotes").
	Unit string
}

// Bar is one bar; Title is its tooltip ("2024-03: 12 quotes").
type Bar struct {
	X, Y, W, H int
	Title      string
}

// Label is a text at (X, Y).
type Label struct {
	X, Y int
	Text string
}

// Chart geometry.
const (
	chartWidth  = 720
	chartHeight = 160
	chartBase   = 140 // y of the bars' base line
	maxBuckets  = 400
)

// timeChart draws counts over time. Keys are dates (2006-01-02) or months
// (2006-01); unparsable keys are skipped. The bucket is a day when the
// dates span at most 120 days, else a month, else (beyond 400 months) a
// year; empty buckets between the first and the last are drawn as gaps.
func timeChart(points []Count, unit string) *Chart {
	type dc struct {
		t time.Time
		n int
	}
	var ds []dc
	for _, p := range points {
		t, err := time.Parse("2006-01-02", p.Value)
		if err != nil {
			if t, err = time.Parse("2006-01", p.Value); err != nil {
				continue
			}
		}
		ds = append(ds, dc{t, p.Count})
	}
	c := &Chart{Width: chartWidth, Height: chartHeight, Unit: unit}
	if len(ds) == 0 {
		return c
	}
	lo, hi := ds[0].t, ds[0].t
	for _, d := range ds {
		if d.t.Before(lo) {
			lo = d.t
		}
		if d.t.After(hi) {
			hi = d.t
		}
	}
	// Bucket function: key and the start of the next bucket.
	layout := "2006-01-02"
	trunc := func(t time.Time) time.Time { return t }
	next := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	if hi.Sub(lo) > 120*24*time.Hour {
		layout = "2006-01"
		trunc = func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
		if hi.Year()*12+int(hi.Month())-lo.Year()*12-int(lo.Month()) > maxBuckets {
			layout = "2006"
			trunc = func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }
			next = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
		}
	}
	counts := map[time.Time]int{}
	for _, d := range ds {
		counts[trunc(d.t)] += d.n
	}
	var keys []time.Time
	for t := trunc(lo); !t.After(trunc(hi)) && len(keys) < maxBuckets; t = next(t) {
		keys = append(keys, t)
	}
	for _, k := range keys {
		c.Max = max(c.Max, counts[k])
	}
	slot := chartWidth / len(keys)
	bw := min(48, max(1, slot-max(1, slot/5)))
	if slot < 1 {
		slot, bw = 1, 1
	}
	every := max(1, len(keys)/8) // at most about 8 labels
	for i, k := range keys {
		n := counts[k]
		h := 0
		if c.Max > 0 {
			h = n * (chartBase - 10) / c.Max
		}
		if n > 0 && h == 0 {
			h = 1
		}
		x := i * chartWidth / len(keys)
		c.Bars = append(c.Bars, Bar{X: x, Y: chartBase - h, W: bw, H: h, Title: fmt.Sprintf("%s: %d %s", k.Format(layout), n, unit)})
		if i%every == 0 {
			c.Labels = append(c.Labels, Label{X: x, Y: chartBase + 14, Text: k.Format(layout)})
		}
	}
	return c
}

// GenderBar is the share of female, male and unknown in one stacked bar.
type GenderBar struct {
	Parts []GenderPart
	Total int
}

// GenderPart is one part of a GenderBar.
type GenderPart struct {
	Class, Label string
	Count        int
	Percent      float64
	X, W         int
}

// genderBar draws counts by gender as a 100% stacked bar; unknowns are
// drawn too.
func genderBar(female, male, unknown int) *GenderBar {
	g := &GenderBar{Total: female + male + unknown}
	x := 0
	for _, p := range []struct {
		class, label string
		n            int
	}{{"g-f", "female", female}, {"g-m", "male", male}, {"g-u", "unknown", unknown}} {
		part := GenderPart{Class: p.class, Label: p.label, Count: p.n, X: x}
		if g.Total > 0 {
			part.Percent = 100 * float64(p.n) / float64(g.Total)
			part.W = p.n * chartWidth / g.Total
		}
		x += part.W
		g.Parts = append(g.Parts, part)
	}
	return g
}
