package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
	"vigie/wasm/engine"
)

// cmdCheck classifies URLs or hosts read from stdin, one TSV line each:
// input, kind, registrable, imitates, family, score.
func cmdCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: listctl check [-import-etalab FILE | -list FILE [-pub PUB]] < urls.txt

Reads one URL or host a line on standard input and writes one TSV line each:
input, kind, registrable, imitates, family, score. Uses the list built into
the extension (the national list and the public-sector list), or the
national list plus FILE (Etalab format) with -import-etalab, or exactly the
list a publisher is about to publish with -list: a source list (the text
format of lists/default.txt) or a signed bundle, verified with -pub as a
terminal would.
The whole line is the input; its echo in column 1 escapes \\, tabs and
control characters (\\t, \\xNN) so that columns never shift. A line over
1 MiB gets its own "invalid" row; every other line is still judged.`)
		fs.PrintDefaults()
	}
	etalabFile := fs.String("import-etalab", "", "use this Etalab/DINUM urls.txt instead of the built-in copy")
	listFile := fs.String("list", "", "judge with this list alone: a source list or a signed bundle")
	var pubs multiFlag
	fs.Var(&pubs, "pub", "publisher public key that signs the -list bundle (repeatable)")
	header := fs.Bool("header", false, "print a header line first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ix *index.Index
	var err error
	switch {
	case *listFile != "" && *etalabFile != "":
		return fmt.Errorf("-list and -import-etalab exclude each other")
	case *listFile != "":
		if ix, err = listIndex(*listFile, pubs); err != nil {
			return err
		}
	default:
		es, err := etalab.BuiltinEntries()
		if *etalabFile != "" {
			if es, err = lists.DefaultEntries(); err != nil {
				return err
			}
			more, err := etalab.ReadFile(*etalabFile)
			if err != nil {
				return err
			}
			es = append(es, more...)
		}
		if err != nil {
			return err
		}
		if ix, err = index.Build(es); err != nil {
			return err
		}
	}
	eng := engine.New(ix)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *header {
		fmt.Fprintln(w, "input\tkind\tregistrable\timitates\tfamily\tscore")
	}
	in := bufio.NewReaderSize(stdin, 64<<10)
	for {
		line, tooLong, err := readLine(in, maxLine)
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if tooLong {
			// Its own row: the input is unjudgeable, and the lines after it
			// are still judged.
			fmt.Fprintf(w, "%s…\t%s\t\t\t\t0\n", escapeTSV(line[:min(len(line), 64)]), engine.Invalid)
			continue
		}
		u := strings.TrimSpace(line)
		if u == "" || strings.HasPrefix(u, "#") {
			continue
		}
		// The whole line is the input, tabs included (a browser drops tabs
		// and newlines from a URL, and so does the engine); its echo is
		// escaped so that it stays in column 1.
		v := eng.Check(u)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", escapeTSV(u), v.Kind, escapeTSV(v.Registrable), escapeTSV(v.Imitates), v.Family, strconv.Itoa(v.Score))
	}
}

// maxLine bounds one input line (a URL of a megabyte is no link anyone
// was sent).
const maxLine = 1 << 20

// readLine returns the next line without its end. A line longer than limit
// comes back cut at limit with tooLong set, the rest of it consumed.
func readLine(r *bufio.Reader, limit int) (line string, tooLong bool, err error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		n := len(chunk)
		if err == nil {
			n-- // the line's end is not the line
		}
		if len(b)+n > limit {
			tooLong = true
			chunk = chunk[:max(0, limit-len(b))]
		}
		b = append(b, chunk...)
		switch err {
		case nil:
			return strings.TrimRight(string(b), "\r\n"), tooLong, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if len(b) == 0 && !tooLong {
				return "", false, io.EOF
			}
			return strings.TrimRight(string(b), "\r\n"), tooLong, nil
		default:
			return "", false, err
		}
	}
}

// escapeTSV writes a field so that it never adds a column or a line:
// backslash, tab, CR, LF and other control characters are escaped.
func escapeTSV(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// listIndex reads the list a publisher is about to publish: a signed
// bundle (checked against pubs, for its own name, as a terminal would)
// or a source list.
func listIndex(path string, pubs []string) (*index.Index, error) {
	b, err := readBundleFile(path)
	if err != nil {
		return nil, err
	}
	if bu, err := bundle.Parse(b); err == nil {
		kr, err := readKeyring(pubs)
		if err != nil {
			return nil, fmt.Errorf("%s is a bundle: %v", path, err)
		}
		_, ix, err := publish.Verify(b, bundle.Policy{Keys: kr, Name: bu.Header.Name, Now: time.Now()})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		return ix, nil
	}
	es, err := source.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return index.Build(es)
}
