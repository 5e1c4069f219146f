package main

import (
	"context"
	"errors"
)

// cmdEvalNER is being written; see the issue tracker.
func cmdEvalNER(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
