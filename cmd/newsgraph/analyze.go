package main

import (
	"context"
	"errors"
)

// cmdAnalyze is being written; see the issue tracker.
func cmdAnalyze(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
