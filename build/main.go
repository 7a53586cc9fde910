// Command build turns the repository into the extension: it compiles the Go
// engine to WebAssembly, copies Go's wasm_exec.js, minifies the extension's
// pages and scripts, draws the toolbar icons, writes dist/chrome/ and a zip,
// and prints a size report. Same inputs, same bytes.
//
//	go run ./build [-out dist]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "dist", "output folder")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	chrome := filepath.Join(out, "chrome")
	if err := os.RemoveAll(chrome); err != nil {
		return err
	}
	if err := os.MkdirAll(chrome, 0o755); err != nil {
		return err
	}
	if err := buildWasm(filepath.Join(chrome, "vigie.wasm")); err != nil {
		return err
	}
	if err := copyWasmExec(filepath.Join(chrome, "wasm_exec.js")); err != nil {
		return err
	}
	if err := copyExtension("extension", chrome); err != nil {
		return err
	}
	if err := writeIcons(filepath.Join(chrome, "icons")); err != nil {
		return err
	}
	zipPath := filepath.Join(out, "vigie-chrome.zip")
	if err := writeZip(chrome, zipPath); err != nil {
		return err
	}
	return report(os.Stdout, chrome, zipPath)
}
