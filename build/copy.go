package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

var min = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}()

var mediaTypes = map[string]string{
	".css": "text/css", ".html": "text/html", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml",
}

// shipped says which files of extension/ go into the package: tests and
// their data stay behind.
var notShipped = regexp.MustCompile(`(^|/)(e2e|terminal|testdata|node_modules)(/|$)|\.go$|\.md$|_test\.`)

func minifyFile(name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return b, nil
	}
	var out bytes.Buffer
	if err := min.Minify(mt, &out, bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out.Bytes(), nil
}

// copyExtension copies src to dst, minifying what can be.
func copyExtension(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if notShipped.MatchString(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if b, err = minifyFile(rel, b); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
