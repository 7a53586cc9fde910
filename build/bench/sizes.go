package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func brotli(path string) (int, error) {
	out, err := exec.Command("brotli", "-c", "-q", "11", path).Output()
	if err != nil {
		return 0, fmt.Errorf("brotli (apt-get install brotli): %v", err)
	}
	return len(out), nil
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
func mb(n int) string { return fmt.Sprintf("%.3f MB", float64(n)/1e6) }

// floors are the programs the engine's size is read against, each built
// exactly as the engine is: the platform alone, then each library the
// engine cannot do without. None holds a choice of ours that could go.
var floors = []struct{ name, pkg string }{
	{"empty Go program, syscall/js only", "./build/bench/floor/empty"},
	{"+ golang.org/x/net/idna", "./build/bench/floor/idna"},
	{"+ x/net/publicsuffix (without its net/http/cookiejar import)", "./build/bench/floor"},
}

// sizes compares the engine's module with the floors.
func sizes(r *report, e *env) error {
	wasm := filepath.Join(e.out, "chrome", "vigie.wasm")
	b, err := os.ReadFile(wasm)
	if err != nil {
		return fmt.Errorf("%s: run make build first", wasm)
	}
	br, err := brotli(wasm)
	if err != nil {
		return err
	}
	var fb []byte
	var fbr int
	for i, f := range floors {
		out := filepath.Join(e.dir, fmt.Sprintf("floor%d.wasm", i))
		if err := buildWasm(e.modfile, f.pkg, out, "-ldflags=-s -w"); err != nil {
			return fmt.Errorf("floor build: %v", err)
		}
		fb, _ = os.ReadFile(out)
		fbr, _ = brotli(out)
		r.row("floor: "+f.name+", brotli", mb(fbr), fmt.Sprintf("Vigie is %s above it", kb(br-fbr)), "—")
	}
	r.row(".wasm raw / gzip", mb(len(b))+" / "+mb(gz(b)), "last floor "+mb(len(fb))+" / "+mb(gz(fb)), "—")
	r.row(".wasm brotli", fmt.Sprintf("**%s** (%.2f× the last floor)", mb(br), float64(br)/float64(fbr)), "last floor "+mb(fbr), "≤ 0.90 MB")
	named, namedFloor := filepath.Join(e.dir, "vigie-named.wasm"), filepath.Join(e.dir, "floor-named.wasm")
	if err := buildWasm(e.modfile, "./wasm/cmd/vigie", named); err != nil {
		return err
	}
	if err := buildWasm(e.modfile, "./build/bench/floor", namedFloor); err != nil {
		return err
	}
	own, added, err := codeAboveFloor(named, namedFloor)
	if err != nil {
		return err
	}
	r.row("of the module above the floor: Vigie's own code / standard library code it adds (each gzipped alone)",
		kb(own)+" / "+kb(added), fmt.Sprintf("room under the target: %s", kb(900000-fbr)), "—")
	zip, _ := os.Stat(filepath.Join(e.out, "vigie-chrome.zip"))
	if zip != nil {
		r.row("whole extension zip", mb(int(zip.Size())), "—", "—")
	}
	r.row("bundle, national + 36k public-sector hosts", fmt.Sprintf("**%s**", kb(e.bundleSize)), fmt.Sprintf("index in memory %s", kb(len(e.ix.Bytes()))), "≤ 400 KB")
	return nil
}
