// Command build turns the repository into the extension: it compiles the Go
// engine to WebAssembly, copies Go's wasm_exec.js, minifies the extension's
// pages and scripts, draws the toolbar icons, writes dist/chrome/ and a zip,
// and prints a size report. Same inputs, same bytes.
//
//	go run ./build [-out dist]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"vigie/lists/bundle"
	"vigie/lists/etalab"
	"vigie/lists/index"
)

// readKeys checks each -trust file and returns the key lines.
func readKeys(files []string) ([]string, error) {
	var keys []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		k, err := bundle.ParsePublicKey(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		keys = append(keys, k.String())
	}
	return keys, nil
}

// writeConfig writes the settings the extension reads at start; a managed
// policy overrides them on deployed terminals.
func writeConfig(path string, o options) error {
	b, err := json.Marshal(map[string]any{"listURL": o.listURL, "updateMinutes": o.every})
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// options of one build.
type options struct {
	out     string
	trust   []string // public key files pinned in addition to lists/keys
	listURL string   // where the extension fetches its list; "" = no updates
	every   int      // minutes between update checks
	// crxKey, when set, packages the build: vigie.crx signed with this
	// RSA key, updates.xml, the store zip (package.go).
	crxKey       string
	crxKeyCreate bool
	updateURL    string // where vigie.crx and updates.xml are served, ending in "/"
}

func main() {
	var o options
	var trust multi
	flag.StringVar(&o.out, "out", "dist", "output folder")
	flag.Var(&trust, "trust", "a publisher public key file to pin in this build (repeatable)")
	flag.StringVar(&o.listURL, "list-url", "", "list server URL of the bundle to follow, e.g. https://listes.example.fr/v1/lists/default")
	flag.IntVar(&o.every, "update-minutes", 360, "minutes between two update checks")
	flag.StringVar(&o.crxKey, "crx-key", "", "RSA key (PEM) that signs vigie.crx; its public key fixes the extension ID")
	flag.BoolVar(&o.crxKeyCreate, "crx-key-create", false, "create the -crx-key file if it does not exist")
	flag.StringVar(&o.updateURL, "update-url", "", "base URL where vigie.crx and updates.xml will be served (for ExtensionInstallForcelist)")
	modOnly := flag.Bool("wasm-modfile", false, "only prepare the patched x/net and print the go.mod to build the engine with (for the wasm tests)")
	flag.Parse()
	o.trust = trust
	if *modOnly {
		m, err := wasmModfile(".", filepath.Join(o.out, "wasm-mod"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "build:", err)
			os.Exit(1)
		}
		fmt.Println(m)
		return
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	out := o.out
	chrome := filepath.Join(out, "chrome")
	if err := os.RemoveAll(chrome); err != nil {
		return err
	}
	if err := os.MkdirAll(chrome, 0o755); err != nil {
		return err
	}
	keys, err := readKeys(o.trust)
	if err != nil {
		return err
	}
	// The embedded default list is compiled ahead: the engine only loads it.
	gen := exec.Command("go", "generate", "./lists")
	if b, err := gen.CombinedOutput(); err != nil {
		return fmt.Errorf("go generate ./lists: %v\n%s", err, b)
	}
	modfile, err := wasmModfile(".", filepath.Join(out, "wasm-mod"))
	if err != nil {
		return err
	}
	if err := buildWasm(filepath.Join(chrome, "vigie.wasm"), modfile, keys); err != nil {
		return err
	}
	if err := copyWasmExec(filepath.Join(chrome, "wasm_exec.js")); err != nil {
		return err
	}
	if err := copyExtension("extension", chrome); err != nil {
		return err
	}
	if err := writeStartupRulesFor(chrome); err != nil {
		return err
	}
	if err := writeIcons(filepath.Join(chrome, "icons")); err != nil {
		return err
	}
	if err := writeConfig(filepath.Join(chrome, "config.json"), o); err != nil {
		return err
	}
	if err := writeBuiltin(filepath.Join(chrome, "builtin.idx")); err != nil {
		return err
	}
	if o.updateURL != "" && !strings.HasSuffix(o.updateURL, "/") {
		o.updateURL += "/"
	}
	zipPath := filepath.Join(out, "vigie-chrome.zip")
	if o.crxKey != "" {
		if err := writePackage(out, chrome, o); err != nil {
			return err
		}
	} else if err := writeZip(chrome, zipPath); err != nil {
		return err
	}
	firefox := filepath.Join(out, "firefox")
	if err := writeFirefox(chrome, firefox); err != nil {
		return err
	}
	if err := writeZip(firefox, filepath.Join(out, "vigie-firefox.xpi")); err != nil {
		return err
	}
	return report(os.Stdout, chrome, zipPath)
}

// writeBuiltin compiles the list built into the extension (the national
// list and the public-sector list, lists/etalab/PROVENANCE.md) into the
// index the worker hands to the engine at each start (vigie.loadBuiltin):
// outside the module, which then carries no list.
func writeBuiltin(dst string) error {
	es, err := etalab.BuiltinEntries()
	if err != nil {
		return err
	}
	ix, err := index.Build(es)
	if err != nil {
		return fmt.Errorf("built-in list: %w", err)
	}
	return os.WriteFile(dst, ix.Bytes(), 0o644)
}

// writeStartupRulesFor writes the startup rules for the manifest in dir.
func writeStartupRulesFor(dir string) error {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("manifest: %v", err)
	}
	return writeStartupRules(dir, manifestID(m), false)
}
