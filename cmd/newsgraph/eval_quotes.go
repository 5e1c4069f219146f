package main

import (
	"context"
	"errors"
)

// cmdEvalQuotes is being written; see the issue tracker.
func cmdEvalQuotes(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
