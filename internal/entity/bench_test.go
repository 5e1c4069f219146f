package entity

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
)

// benchArticles are the GGT dev articles (or the seed article), segmented,
// with their words.
func benchArticles(b *testing.B) ([]*article.Article, [][][]string) {
	var texts []string
	for _, d := range readGGT(b) {
		texts = append(texts, d.Text)
	}
	var arts []*article.Article
	var words [][][]string
	for _, t := range texts {
		a := newArticle(t)
		arts = append(arts, a)
		ws := make([][]string, len(a.Sentences))
		for i, s := range sentenceTokens(a) {
			for j := s.start; j < s.end; j++ {
				ws[i] = append(ws[i], a.Text[a.Tokens[j].Start:a.Tokens[j].End])
			}
		}
		words = append(words, ws)
	}
	return arts, words
}

// BenchmarkResolveTags measures resolution alone, on tags computed
// beforehand by the real tagger, over the 40 GGT dev articles.
func BenchmarkResolveTags(b *testing.B) {
	tg := loadTagger(b)
	arts, words := benchArticles(b)
	tags := make([][][]string, len(arts))
	for i := range arts {
		tags[i] = tg.TagDocument(words[i])
	}
	r := testResolver(b)
	b.ResetTimer()
	for b.Loop() {
		for i, a := range arts {
			if err := r.ResolveTags(a, tags[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTag measures the tagger on the same articles, for comparison.
func BenchmarkTag(b *testing.B) {
	tg := loadTagger(b)
	_, words := benchArticles(b)
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			tg.TagDocument(w)
		}
	}
}

// BenchmarkNewResolver measures building a Resolver (the name table).
func BenchmarkNewResolver(b *testing.B) {
	for b.Loop() {
		if _, err := NewResolver(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
