package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"vigie/lists/index"
	"vigie/lists/source"
)

// cmdCompile writes the index of list sources, unsigned: the form in which
// the default list is embedded in the engine (lists/default.idx, made by
// go generate ./lists) so that the extension loads it without building it.
func cmdCompile(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("compile", "-o OUT SOURCES…", "Compiles list sources into an index file (unsigned; see build for bundles).", stderr)
	out := fs.String("o", "", "output index file (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("-o and at least one source are required")
	}
	var es []source.Entry
	for _, src := range fs.Args() {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		more, err := source.Parse(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		es = append(es, more...)
	}
	ix, err := index.Build(es)
	if err != nil {
		return err
	}
	b := ix.Bytes()
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		return nil // unchanged: keep the file's date
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d entries, %d bytes\n", *out, ix.Len(), len(b))
	return nil
}
