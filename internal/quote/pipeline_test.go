package quote

import (
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// stages are the real stages that run before quote extraction in
// newsgraph: the entity tagger and resolver, loaded once per test binary.
var stages = sync.OnceValues(func() (stageSet, error) {
	tg, err := ner.Load()
	if err != nil {
		return stageSet{}, err
	}
	rs, err := entity.NewResolver(entity.Options{})
	return stageSet{tg, rs}, err
})

type stageSet struct {
	tagger   *ner.Tagger
	resolver *entity.Resolver
}

// analyzed returns text as the quote stage sees it in the pipeline:
// segmented (internal/segment), tagged (internal/ner) and with entities
// and references resolved (internal/entity).
func analyzed(t testing.TB, text string) *article.Article {
	t.Helper()
	st, err := stages()
	if err != nil {
		t.Fatal(err)
	}
	a := &article.Article{Text: text}
	a.Paragraphs, a.Sentences, a.Tokens = segment.Segment(text)
	if err := st.resolver.Resolve(a, st.tagger); err != nil {
		t.Fatal(err)
	}
	return a
}

// extract runs the stages before quote extraction on text, then Extract.
func extract(t testing.TB, text string) []article.Quote {
	t.Helper()
	return Extract(analyzed(t, text), Options{})
}
