package english_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/english"
)

func ExampleReportingVerbs() {
	cues := english.ReportingVerbs()
	for _, w := range []string{"said", "believes", "asked", "informed", "table"} {
		c := cues.Get(w)
		fmt.Println(w, c&english.CueSpeech != 0, c&english.CueThat != 0, c&english.CueDirect != 0, c&english.CueObject != 0)
	}
	// Output:
	// said true false false false
	// believes false true false false
	// asked false false true false
	// informed false true false true
	// table false false false false
}

func ExampleCountries() {
	c, ok := english.Countries().Lookup("u.s.")
	fmt.Println(c, ok)
	fmt.Println(english.Countries().Get("us"), english.Countries().Get("russian"))
	// Output:
	//  false
	// United States Russia
}
