package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildWasm compiles the engine bridge against the patched x/net
// (xnet.go). -trimpath and a fixed environment make the output depend
// only on the sources.
func buildWasm(dst, modfile string, keys []string) error {
	abs, err := filepath.Abs(dst)
	if err != nil {
		return err
	}
	ldflags := "-s -w"
	if len(keys) > 0 {
		ldflags += " -X 'vigie/lists.ExtraKeys=" + strings.Join(keys, "|") + "'"
	}
	cmd := exec.Command("go", "build", "-modfile="+modfile, "-trimpath", "-buildvcs=false", "-ldflags="+ldflags, "-o", abs, "./wasm/cmd/vigie")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("compiling the engine to wasm: %v\n%s", err, stderr.String())
	}
	return nil
}

// copyWasmExec copies the JS support file of the Go that compiled the
// module: the two must come from the same Go release.
func copyWasmExec(dst string) error {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %v", err)
	}
	root := strings.TrimSpace(string(out))
	src := filepath.Join(root, "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(src); err != nil {
		src = filepath.Join(root, "misc", "wasm", "wasm_exec.js") // Go before 1.24
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	b, err = minifyFile("wasm_exec.js", b)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
