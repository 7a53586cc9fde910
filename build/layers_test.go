package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// floors puts each of the repository's packages on a floor: a package
// imports only packages on lower floors (as Chromium's DEPS rules keep
// //components below //chrome). The list format (lists/source, lists,
// lists/index, lists/bundle) sits below the engine that reads it, and the
// tools that use the engine (the quality gate, listctl, the build) above
// it. A new package must be given its floor here. Tests may reach higher
// (a test of the default index builds it with the publisher's code): the
// rule is for what ships.
var floors = map[string]int{
	// 0: leaves
	"wasm/hostname": 0, "wasm/skeleton": 0, "wasm/sha2": 0, "wasm/random": 0, "wasm/reports": 0,
	"lists/source": 0, "build/crx": 0,
	"build/bench/floor": 0, "build/bench/floor/empty": 0, "build/bench/floor/idna": 0, // what the platform alone costs
	// 1: the default list, the index format, the primitives built on leaves
	"lists": 1, "lists/index": 1, "wasm/sig": 1, "wasm/passwords": 1, "wasm/mediator": 1,
	// 2: the bundle format, the look-alike families, the public-sector list
	"lists/bundle": 2, "wasm/lookalike": 2, "lists/etalab": 2,
	// 3: the engine; the publisher's side of a bundle
	"wasm/engine": 3, "lists/publish": 3,
	// 4: what uses the engine or the publisher
	"lists/quality": 4, "lists/server": 4, "build/bench/steps": 4,
	// 5: programs
	"wasm/cmd/vigie": 5, "lists/cmd/listctl": 5, "lists/worker": 5, "build/demo": 5,
	// 6: the build, its benchmarks, the browser tests
	"build": 6, "build/bench": 6, "extension/e2e": 6,
}

func TestLayers(t *testing.T) {
	imports := map[string]map[string]bool{}
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
		cmd.Dir = ".."
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 0 || strings.Contains(f[0], "node_modules") {
				continue
			}
			if imports[f[0]] == nil {
				imports[f[0]] = map[string]bool{}
			}
			for _, d := range f[1:] {
				imports[f[0]][d] = true
			}
		}
	}
	for pkg, deps := range imports {
		name := strings.TrimPrefix(pkg, "vigie/")
		floor, ok := floors[name]
		if !ok {
			t.Errorf("%s has no floor: add it to floors in build/layers_test.go", name)
			continue
		}
		for d := range deps {
			dep, ours := strings.CutPrefix(d, "vigie/")
			if !ours && d != "vigie" {
				continue
			}
			if df, ok := floors[dep]; ok && df >= floor && dep != name {
				t.Errorf("%s (floor %d) imports %s (floor %d): a package imports only lower floors", name, floor, dep, df)
			}
		}
	}
	if len(imports) < 20 {
		t.Fatalf("only %d packages listed", len(imports))
	}
}
