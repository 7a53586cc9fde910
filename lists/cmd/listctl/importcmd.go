package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"vigie/lists/etalab"
	"vigie/lists/source"
	"vigie/wasm/hostname"
)

func cmdImport(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", "-etalab FILE | -block FILE | -honest FILE",
		"Writes list source lines to review or to keep as a source file:\n"+
			"  -etalab: the hosts of an Etalab/DINUM urls.txt (tier local);\n"+
			"  -block: a feed of reported fakes, one host or URL a line, optionally\n"+
			"          followed by a tab and the official domain it imitates;\n"+
			"  -honest: legitimate domains that must never be called lookalikes,\n"+
			"          one host or URL a line.\n"+
			"Lines starting with # are skipped; any other line that is not a host\n"+
			"or a web URL stops the import with its line number (nothing is written).", stderr)
	file := fs.String("etalab", "", "an Etalab/DINUM urls.txt")
	block := fs.String("block", "", "a list of reported fake hosts or URLs")
	honest := fs.String("honest", "", "a list of honest neighbours (hosts or URLs)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := 0
	for _, f := range []string{*file, *block, *honest} {
		if f != "" {
			set++
		}
	}
	if set != 1 {
		fs.Usage()
		return fmt.Errorf("one of -etalab, -block, -honest is required")
	}
	if *file != "" {
		es, err := etalab.ReadFile(*file)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(stdout)
		fmt.Fprintf(w, "# Imported from %s: %d hosts (DINUM/Etalab, Licence Ouverte 2.0)\n", *file, len(es))
		for _, e := range es {
			fmt.Fprintf(w, "local %s\n", e.Domain)
		}
		return w.Flush()
	}
	kind, path := "block", *block
	if *honest != "" {
		kind, path = "honest", *honest
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lines, err := hostLines(f, kind)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w := bufio.NewWriter(stdout)
	fmt.Fprintf(w, "# Imported from %s: %d %s entries\n", path, len(lines), kind)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}

// hostLines reads a feed: one host or web URL a line (a block feed may add
// a tab and the imitated official domain) and returns source lines, each
// host once, in the order met.
func hostLines(r io.Reader, kind string) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), source.MaxLine)
	var out []string
	seen := map[string]bool{}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		first, rest, _ := strings.Cut(line, "\t")
		// A reported fake is blocked as the feed names it (a host on a
		// shared platform must not take the platform down); an honest
		// neighbour is declared for its whole registrable domain.
		host, err := feedHost(strings.TrimSpace(first), kind == "honest")
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		entry := kind + " " + host
		if imit := strings.TrimSpace(rest); imit != "" && kind == "block" {
			d, err := source.Domain(strings.Fields(imit)[0])
			if err != nil {
				return nil, fmt.Errorf("line %d: imitated site: %v", n, err)
			}
			entry += " imitates=" + d
		}
		if !seen[host] {
			seen[host] = true
			out = append(out, entry)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return out, nil
}

// feedHost reads a host or a web URL as a browser would (WHATWG), and
// refuses what is neither; with registrable, it returns the registrable
// domain.
func feedHost(s string, registrable bool) (string, error) {
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	h := hostname.Parse(s)
	if h.Class != hostname.Web || h.IP || (h.Scheme != "http" && h.Scheme != "https") {
		return "", fmt.Errorf("not a web host: %q", s)
	}
	if registrable && h.Registrable != "" {
		return source.Domain(h.Registrable)
	}
	return source.Domain(h.ASCII)
}
