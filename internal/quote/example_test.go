package quote_test

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/quote"
)

func ExampleExtract() {
	a := &article.Article{Text: "“The river is rising faster than forecast,” said Ilse Vandermeer, the town's engineer.\n\n" +
		"“We will open the spillway tonight.”\n\n" +
		"She added that no homes were at risk."}
	// Quote resolves no pronoun itself: internal/entity links "She" to
	// the engineer in the pipeline; here the reference is given.
	she := strings.Index(a.Text, "She")
	a.References = []article.Reference{{Span: article.NewSpan(a.Text, she, she+3), Name: "Ilse Vandermeer", Type: article.Person}}
	for _, q := range quote.Extract(a, quote.Options{}) {
		fmt.Printf("%s | %s | %s\n", q.Kind, q.Speaker.Name, q.Content.Text)
	}
	// Output:
	// direct | Ilse Vandermeer | “The river is rising faster than forecast,”
	// direct | Ilse Vandermeer | “We will open the spillway tonight.”
	// indirect | Ilse Vandermeer | no homes were at risk
}
