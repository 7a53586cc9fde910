package main

import (
	"bufio"
	"fmt"
	"io"

	"vigie/lists/etalab"
)

func cmdImport(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", "-etalab FILE", "Writes the hosts of an Etalab/DINUM urls.txt as list source lines (tier local),\nto review or to keep as a source file.", stderr)
	file := fs.String("etalab", "", "the urls.txt file (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		fs.Usage()
		return fmt.Errorf("-etalab is required")
	}
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
