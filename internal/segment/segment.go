package segment

import (
	"github.com/newsgraph/newsgraph/internal/article"
)

// Segment returns the paragraphs, sentences and tokens of text.
func Segment(text string) (paras, sents []article.Range, toks []article.Token) {
	paras = Paragraphs(text)
	toks = Tokenize(text)
	sents = Sentences(text, toks, paras)
	return paras, sents, toks
}
