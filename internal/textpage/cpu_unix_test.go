//go:build unix

package textpage

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, to report speed
// figures that do not depend on how busy the shared machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
