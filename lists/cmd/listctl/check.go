package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"vigie/lists/etalab"
	"vigie/wasm/engine"
	"vigie/wasm/index"
)

// cmdCheck classifies URLs or hosts read from stdin, one TSV line each:
// input, kind, registrable, imitates, family, score.
func cmdCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: listctl check [-import-etalab FILE] < urls.txt

Reads one URL or host a line on standard input and writes one TSV line each:
input, kind, registrable, imitates, family, score. Uses the embedded default
list, plus the public-sector list FILE (Etalab format) when given.`)
		fs.PrintDefaults()
	}
	etalabFile := fs.String("import-etalab", "", "also load this Etalab/DINUM urls.txt as local-tier entries")
	header := fs.Bool("header", false, "print a header line first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	es, err := engine.DefaultEntries()
	if err != nil {
		return err
	}
	if *etalabFile != "" {
		more, err := etalab.ReadFile(*etalabFile)
		if err != nil {
			return err
		}
		es = append(es, more...)
	}
	ix, err := index.Build(es)
	if err != nil {
		return err
	}
	eng := engine.New(ix)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *header {
		fmt.Fprintln(w, "input\tkind\tregistrable\timitates\tfamily\tscore")
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		in := strings.TrimSpace(sc.Text())
		if in == "" || strings.HasPrefix(in, "#") {
			continue
		}
		v := eng.Check(in)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", in, v.Kind, v.Registrable, v.Imitates, v.Family, strconv.Itoa(v.Score))
	}
	return sc.Err()
}
