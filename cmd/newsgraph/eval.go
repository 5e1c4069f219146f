package main

import (
	"context"
	"fmt"
)

// cmdEval dispatches "newsgraph eval TASK …" to the scorer of each task.
func cmdEval(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: eval coref|extraction|metadata|ner|quotes|techniques [flags]", errUsage)
	}
	switch args[0] {
	case "coref":
		return cmdEvalCoref(ctx, e, args[1:])
	case "extraction":
		return cmdEvalExtraction(ctx, e, args[1:])
	case "metadata":
		return cmdEvalMetadata(ctx, e, args[1:])
	case "ner":
		return cmdEvalNER(ctx, e, args[1:])
	case "quotes":
		return cmdEvalQuotes(ctx, e, args[1:])
	case "techniques":
		return cmdEvalTechniques(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: unknown eval task %q", errUsage, args[0])
}
