package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The WebAssembly engine is built against golang.org/x/net with one import
// removed: publicsuffix/list.go imports net/http/cookiejar only to type its
// List variable, and that import links net/http's package initialisers
// (about 0.3 MB of brotli) into a module that never makes a request.
// The change is made here, at build time, on a scratch copy of the version
// go.mod names; the repository holds no copy of x/net, and native code
// (the list server, listctl, the tests) keeps using x/net as it is.

// xnetPackages are the x/net packages the engine imports. Only they are
// copied: a new import elsewhere in x/net makes the build fail loudly
// instead of silently linking an unpatched copy.
var xnetPackages = []string{"idna", "publicsuffix"}

// wasmModfile prepares dir (under dist/) and returns the path of a go.mod
// that is the repository's (at root) with golang.org/x/net replaced by the
// patched copy. Use it as `go build -modfile=<path>`.
func wasmModfile(root, dir string) (string, error) {
	src, err := moduleDir(root, "golang.org/x/net")
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	xnet := filepath.Join(abs, "x-net")
	if err := os.RemoveAll(xnet); err != nil {
		return "", err
	}
	for _, f := range []string{"go.mod", "LICENSE", "PATENTS"} {
		if err := copyPlain(filepath.Join(src, f), filepath.Join(xnet, f)); err != nil {
			return "", err
		}
	}
	for _, p := range xnetPackages {
		if err := copyTree(filepath.Join(src, p), filepath.Join(xnet, p)); err != nil {
			return "", err
		}
	}
	list := filepath.Join(xnet, "publicsuffix", "list.go")
	b, err := os.ReadFile(list)
	if err != nil {
		return "", err
	}
	patched, err := dropCookiejar(b)
	if err != nil {
		return "", fmt.Errorf("%s: %v", list, err)
	}
	if err := os.WriteFile(list, patched, 0o644); err != nil {
		return "", err
	}
	// A go.mod beside the repository's, replacing x/net; its go.sum is the
	// repository's (a local replacement needs no checksum).
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	mod = append(mod, []byte("\nreplace golang.org/x/net => "+xnet+"\n")...)
	modfile := filepath.Join(abs, "go.mod")
	if err := os.WriteFile(modfile, mod, 0o644); err != nil {
		return "", err
	}
	if err := copyPlain(filepath.Join(root, "go.sum"), filepath.Join(abs, "go.sum")); err != nil {
		return "", err
	}
	return modfile, nil
}

// dropCookiejar removes the cookiejar import and gives List its own
// concrete type (same methods, so the package's API keeps its shape).
// It fails if the file no longer looks as expected: a new x/net version
// must be looked at, not patched blindly.
func dropCookiejar(b []byte) ([]byte, error) {
	edits := []struct{ old, new string }{
		{"\t\"net/http/cookiejar\"\n", ""},
		{"var List cookiejar.PublicSuffixList = list{}", "var List = list{}"},
	}
	for _, e := range edits {
		if bytes.Count(b, []byte(e.old)) != 1 {
			return nil, fmt.Errorf("expected exactly one %q", strings.TrimSpace(e.old))
		}
		b = bytes.Replace(b, []byte(e.old), []byte(e.new), 1)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "cookiejar") && !strings.HasPrefix(strings.TrimSpace(line), "//") {
			return nil, fmt.Errorf("cookiejar is still used: %q", line)
		}
	}
	return b, nil
}

// moduleDir is where the module cache holds the version go.mod requires
// (downloaded if missing).
func moduleDir(root, path string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v", path, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no folder in %s", path, out)
	}
	return m.Dir, nil
}

// copyTree copies a package folder's Go files and data, skipping tests
// (the module cache's files are read-only; the copies are not).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		return copyPlain(p, filepath.Join(dst, rel))
	})
}

func copyPlain(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
