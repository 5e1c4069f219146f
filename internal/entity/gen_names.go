//go:build ignore

// gen_names derives names.tsv.gz, the first-name gender table embedded in
// package entity, from the SSA baby-name counts in the shared data folder.
//
// Run from internal/entity:
//
//	go generate ./internal/entity/
//
// or directly: go run gen_names.go [-src path/to/ssa-us-names-1880-2024.tsv].
// It keeps the 1940–2024 birth counts of every name with at least -min
// births in those years, one "name<TAB>female<TAB>male" line per name in
// the order of the source (most births first), gzip-compressed. The source
// is public-domain US Social Security Administration data; see its README.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
)

func main() {
	src := flag.String("src", "../../../shared/data/ner/gender-names/ssa-us-names-1880-2024.tsv", "SSA names TSV")
	dst := flag.String("o", "names.tsv.gz", "output file")
	minBirths := flag.Int("min", 50, "minimum female+male births 1940–2024")
	flag.Parse()

	in, err := os.Open(*src)
	if err != nil {
		log.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(*dst)
	if err != nil {
		log.Fatal(err)
	}
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(zw)
	sc := bufio.NewScanner(in)
	n := 0
	for line := 0; sc.Scan(); line++ {
		if line == 0 {
			continue // header
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 5 {
			log.Fatalf("line %d: %d fields", line+1, len(f))
		}
		fb, err1 := strconv.Atoi(f[3])
		mb, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil {
			log.Fatalf("line %d: bad counts", line+1)
		}
		if fb+mb < *minBirths {
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%d\n", strings.ToLower(f[0]), fb, mb)
		n++
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := out.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d names written to %s", n, *dst)
}
