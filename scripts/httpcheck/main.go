// Command httpcheck fetches a URL and fails unless the answer is 200 and
// its body contains a given text. CI uses it to check the README's main
// job without depending on curl being installed.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: httpcheck URL TEXT")
		os.Exit(2)
	}
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "httpcheck:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), os.Args[2]) {
		fmt.Fprintf(os.Stderr, "httpcheck: %s: status %d, %d bytes, err %v, want text %q\n", os.Args[1], resp.StatusCode, len(body), err, os.Args[2])
		os.Exit(1)
	}
	fmt.Printf("httpcheck: %s: ok\n", os.Args[1])
}
