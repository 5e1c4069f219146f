package textpage_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/textpage"
)

func ExampleClean() {
	raw := `14:20 GMT +110 May 2024
Sign in
Science
Share on Facebook
The research vessel returned to port on Thursday after six weeks at sea, carrying samples from the deep trench.
"We found far more life down there than we expected," the expedition's leader said.
The samples will be shared with laboratories in four countries over the coming months.
Advertisement
Scientists Map a Hidden Reef off the Northern Coast
Ocean Science, Research Vessels, Deep Sea, Expeditions`
	page, err := textpage.Clean(raw, textpage.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Text)
	fmt.Println("section:", page.Section)
	fmt.Println("clock:", page.PageTime.Format("2006-01-02 15:04 -07:00"))
	fmt.Printf("tags: %q\n", page.Tags)
	fmt.Printf("related: %q\n", page.Related)
	// Output:
	// The research vessel returned to port on Thursday after six weeks at sea, carrying samples from the deep trench.
	//
	// "We found far more life down there than we expected," the expedition's leader said.
	//
	// The samples will be shared with laboratories in four countries over the coming months.
	// section: Science
	// clock: 2024-05-10 14:20 +01:00
	// tags: ["Ocean Science" "Research Vessels" "Deep Sea" "Expeditions"]
	// related: ["Scientists Map a Hidden Reef off the Northern Coast"]
}
