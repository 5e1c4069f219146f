//go:build !unix

package textpage

import "time"

func cpuTime() time.Duration { return 0 }
