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

// sizes compares the engine's module with the floor: an empty program that
// links x/net/publicsuffix and idna, compiled the same way.
func sizes(r *report, e *env) error {
	wasm := filepath.Join(e.out, "chrome", "vigie.wasm")
	b, err := os.ReadFile(wasm)
	if err != nil {
		return fmt.Errorf("%s: run make build first", wasm)
	}
	floor := filepath.Join(e.dir, "floor.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", floor, "./build/bench/floor")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("floor build: %v %s", err, out)
	}
	fb, _ := os.ReadFile(floor)
	br, err := brotli(wasm)
	if err != nil {
		return err
	}
	fbr, _ := brotli(floor)
	r.row(".wasm raw / gzip", mb(len(b))+" / "+mb(gz(b)), "floor "+mb(len(fb))+" / "+mb(gz(fb)), "—")
	r.row(".wasm brotli", fmt.Sprintf("**%s** (%.2f× floor)", mb(br), float64(br)/float64(fbr)), "floor "+mb(fbr), "≤ 1.15 MB")
	named, namedFloor := filepath.Join(e.dir, "vigie-named.wasm"), filepath.Join(e.dir, "floor-named.wasm")
	if err := buildNamed("./wasm/cmd/vigie", named); err != nil {
		return err
	}
	if err := buildNamed("./build/bench/floor", namedFloor); err != nil {
		return err
	}
	own, added, err := codeAboveFloor(named, namedFloor)
	if err != nil {
		return err
	}
	r.row("of the module above the floor: Vigie's own code / standard library code it adds (each gzipped alone)",
		kb(own)+" / "+kb(added), fmt.Sprintf("room under the target: %s", kb(1150000-fbr)), "—")
	zip, _ := os.Stat(filepath.Join(e.out, "vigie-chrome.zip"))
	if zip != nil {
		r.row("whole extension zip", mb(int(zip.Size())), "—", "—")
	}
	r.row("bundle, national + 36k public-sector hosts", fmt.Sprintf("**%s**", kb(e.bundleSize)), fmt.Sprintf("index in memory %s", kb(len(e.ix.Bytes()))), "≤ 400 KB")
	return nil
}
