package main

import (
	"context"
	"errors"
)

// cmdEvalExtraction is being written; see the issue tracker.
func cmdEvalExtraction(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
