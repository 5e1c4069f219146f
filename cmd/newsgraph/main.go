// Command newsgraph reads news the way a media analyst does: it turns raw
// pages into clean article records with entities and quotes, and (later)
// stores, searches and serves them.
//
// This file only wires subcommands; each lives in its own file with an
// options struct and a run function, and the work is in internal/….
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/store"
)

// env is what a subcommand may touch of the process: its arguments and
// standard streams. Tests build one with buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"analyze", "read news pages and print one clean article record each", cmdAnalyze},
		{"ner", "tag CoNLL-style token lines with named-entity tags", cmdNER},
		{"train", "train newsgraph's models from public data (train ner|quotes|techniques …)", cmdTrain},
		{"techniques", "persuasion techniques of PTC article files in the SemEval-2020 Task 11 formats", cmdTechniques},
		{"ingest", "store news from files, WARC files, feeds, sitemaps and URLs in a corpus database", cmdIngest},
		{"worker", "store the items 'ingest --queue' published to a NATS JetStream work queue", cmdWorker},
		{"queue", "a work queue's pending, in-flight, done and dead-lettered items; re-queue dead letters", cmdQueue},
		{"search", "search a corpus database (Lucene-like query syntax), ranked, with snippets", cmdSearch},
		{"quotes", "list who said what in a corpus database", cmdQuotes},
		{"stats", "counts over time, top speakers and entities by outlet, gender of quoted people", cmdStats},
		{"export", "stream every article a query matches as JSON Lines or CSV", cmdExport},
		{"entities", "list the corpus's people, organisations and places; merge or split them", cmdEntities},
		{"corpus", "generate a synthetic corpus with planted near-duplicates, score clustering", cmdCorpus},
		{"serve", "serve a corpus database as a web page and a JSON API", cmdServe},
		{"reindex", "rebuild the full-text index serve ranks with from a corpus database", cmdReindex},
		{"eval", "score newsgraph against gold data (eval extraction|ner|quotes|techniques …)", cmdEval},
	}
}

// Exit codes. One place maps errors to them.
const (
	exitOK      = 0
	exitFailure = 1 // the command failed as a whole
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // some inputs failed, the rest were processed
)

// errUsage marks an error in how the command was called.
var errUsage = errors.New("usage")

// errPartial is returned by batch commands when some inputs failed; each
// failure was already reported on stderr.
var errPartial = errors.New("some inputs failed")

// flagError maps an error from parsing a command's flags: a help request
// (-h) is not a failure, anything else is a usage error.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return flag.ErrHelp
	}
	return fmt.Errorf("%w: %w", errUsage, err)
}

func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage), errors.Is(err, store.ErrNotStore):
		return exitUsage
	case errors.Is(err, errPartial):
		return exitPartial
	default:
		return exitFailure
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: newsgraph COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'newsgraph COMMAND -h' for a command's flags.")
}

func run(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		usage(e.stderr)
		return errUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(e.stderr)
	return fmt.Errorf("%w: unknown command %q", errUsage, name)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	if err != nil && !errors.Is(err, errPartial) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "newsgraph:", err)
	}
	os.Exit(exitCode(err))
}
