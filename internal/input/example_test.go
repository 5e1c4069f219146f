package input_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/input"
)

func ExampleRead() {
	doc, err := input.Read("page.html", strings.NewReader(`<!DOCTYPE html><meta charset="utf-8"><p>Hello</p>`), input.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Kind, doc.Charset, doc.Compressed)

	_, err = input.Read("report.pdf", strings.NewReader("%PDF-1.7\n..."), input.Options{})
	fmt.Println(err, errors.Is(err, input.ErrBinary))
	// Output:
	// html utf-8 false
	// report.pdf: input is binary, not text or HTML true
}
