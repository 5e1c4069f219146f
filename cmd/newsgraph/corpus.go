package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/internal/ingest/corpusgen"
)

// cmdCorpus generates a synthetic corpus with planted near-duplicates and
// scores a store's clustering against it:
//
//	newsgraph corpus generate --pages N [--seed S] --out FILE.warc.gz --truth FILE.tsv
//	newsgraph corpus score --db FILE --truth FILE.tsv
func cmdCorpus(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || (args[0] != "generate" && args[0] != "score") {
		fmt.Fprintln(e.stderr, "usage: newsgraph corpus generate --pages N [--seed S] --out FILE.warc.gz --truth FILE.tsv\n       newsgraph corpus score --db FILE --truth FILE.tsv")
		return fmt.Errorf("%w: corpus needs generate or score", errUsage)
	}
	fs := flag.NewFlagSet("corpus "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var o corpusgen.Options
	var out, truth, db string
	fs.IntVar(&o.Pages, "pages", 1000, "pages to generate, copies included")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	fs.StringVar(&out, "out", "", "the WARC.gz file to write")
	fs.StringVar(&truth, "truth", "", "the truth file (URL, story, kind per line)")
	fs.StringVar(&db, "db", "", "the corpus database to score: a file or a postgres:// URL")
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	if truth == "" {
		return fmt.Errorf("%w: corpus %s needs --truth", errUsage, args[0])
	}
	if args[0] == "generate" {
		if out == "" {
			return fmt.Errorf("%w: corpus generate needs --out", errUsage)
		}
		return generateCorpus(e, o, out, truth)
	}
	if db == "" {
		return fmt.Errorf("%w: corpus score needs --db", errUsage)
	}
	return scoreCorpus(ctx, e, db, truth)
}

func generateCorpus(e env, o corpusgen.Options, out, truth string) error {
	wf, err := os.Create(out)
	if err != nil {
		return err
	}
	tf, err := os.Create(truth)
	if err != nil {
		wf.Close()
		return err
	}
	bw := bufio.NewWriterSize(wf, 1<<20)
	n, err := corpusgen.WriteWARC(bw, tf, o)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := wf.Close(); err == nil {
		err = cerr
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d pages written to %s, truth in %s\n", n, out, truth)
	return nil
}

func scoreCorpus(ctx context.Context, e env, db, truthPath string) error {
	tf, err := os.Open(truthPath)
	if err != nil {
		return err
	}
	truth, err := corpusgen.ReadTruth(tf)
	tf.Close()
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	clusters, err := st.ClusterOfURL(ctx)
	if err != nil {
		return err
	}
	p, r, pp, tp := corpusgen.Score(truth, clusters)
	fmt.Fprintf(e.stdout, "pages in truth %d, stored %d\nnear-duplicate pairs: predicted %d, planted %d\nprecision %.4f  recall %.4f\n",
		len(truth), len(clusters), pp, tp, p, r)
	return nil
}
