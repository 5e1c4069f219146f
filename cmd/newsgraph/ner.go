package main

import (
	"context"
	"errors"
)

// cmdNER is being written; see the issue tracker.
func cmdNER(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
