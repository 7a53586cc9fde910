package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

// epoch is the fixed modification time of every zip entry: same inputs,
// same bytes.
var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func listFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	sort.Strings(files)
	return files, err
}

func writeZip(dir, dst string) error {
	files, err := listFiles(dir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch})
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// brotliSize uses Debian's brotli command when present: the Chrome Web
// Store and most servers compress with brotli.
func brotliSize(path string) (int, bool) {
	bin, err := exec.LookPath("brotli")
	if err != nil {
		return 0, false
	}
	out, err := exec.Command(bin, "-c", "-q", "11", path).Output()
	if err != nil {
		return 0, false
	}
	return len(out), true
}

func report(w io.Writer, chrome, zipPath string) error {
	wasm := filepath.Join(chrome, "vigie.wasm")
	b, err := os.ReadFile(wasm)
	if err != nil {
		return err
	}
	z, err := os.Stat(zipPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Vigie build: %s\n", chrome)
	fmt.Fprintf(w, "  vigie.wasm      %9d bytes raw, %9d gzip", len(b), gzipSize(b))
	if n, ok := brotliSize(wasm); ok {
		fmt.Fprintf(w, ", %9d brotli", n)
	}
	fmt.Fprintf(w, "\n  %-15s %9d bytes\n", filepath.Base(zipPath), z.Size())
	return nil
}
