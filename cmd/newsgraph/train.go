package main

import (
	"context"
	"errors"
)

// cmdTrain is being written; see the issue tracker.
func cmdTrain(ctx context.Context, e env, args []string) error {
	return errors.New("not implemented yet")
}
