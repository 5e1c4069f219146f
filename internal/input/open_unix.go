//go:build unix

package input

import (
	"os"
	"syscall"
)

// openFile opens path for reading without blocking: should a FIFO have
// replaced the file after it was checked, open returns at once instead of
// waiting for a writer (O_NONBLOCK changes nothing for regular files).
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
