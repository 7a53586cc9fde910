package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"strings"
)

// What the module holds above the floor, by origin: the code of Vigie's
// own packages, and the code of the standard library it links beyond
// what the floor links. Read from the code and name sections of builds
// that keep the function names (no -s); each part is gzipped on its own,
// so the parts show sizes, not shares of the brotli total.

// wasmFuncs returns each function body of a module, by name.
func wasmFuncs(path string) (map[string][]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a wasm module")
	}
	uleb := func(p *int) int {
		v, n := binary.Uvarint(b[*p:])
		if n <= 0 {
			panic("bad leb128")
		}
		*p += n
		return int(v)
	}
	var imports int
	var bodies [][]byte
	names := map[int]string{}
	for i := 8; i < len(b); {
		id := b[i]
		i++
		size := uleb(&i)
		end := i + size
		switch id {
		case 2: // imports: function indices start after them
			j := i
			for n := uleb(&j); n > 0; n-- {
				j += uleb(&j)
				j += uleb(&j)
				kind := b[j]
				j++
				switch kind {
				case 0:
					uleb(&j)
					imports++
				case 1:
					j++
					if fl := b[j]; fl&1 != 0 {
						j++
						uleb(&j)
						uleb(&j)
					} else {
						j++
						uleb(&j)
					}
				case 2:
					fl := b[j]
					j++
					uleb(&j)
					if fl&1 != 0 {
						uleb(&j)
					}
				case 3:
					j += 2
				}
			}
		case 10: // code
			j := i
			for n := uleb(&j); n > 0; n-- {
				l := uleb(&j)
				bodies = append(bodies, b[j:j+l])
				j += l
			}
		case 0: // custom: the name section
			j := i
			l := uleb(&j)
			if string(b[j:j+l]) == "name" {
				j += l
				for j < end {
					sub := b[j]
					j++
					ssz := uleb(&j)
					next := j + ssz
					if sub == 1 {
						for n := uleb(&j); n > 0; n-- {
							idx := uleb(&j)
							l := uleb(&j)
							names[idx] = string(b[j : j+l])
							j += l
						}
					}
					j = next
				}
			}
		}
		i = end
	}
	out := make(map[string][]byte, len(bodies))
	for k, body := range bodies {
		out[names[imports+k]] = body
	}
	return out, nil
}

// buildWasm compiles pkg for js/wasm as the engine is built (the patched
// x/net's go.mod); without -ldflags it keeps the function names.
func buildWasm(modfile, pkg, dst string, flags ...string) error {
	args := append([]string{"build", "-modfile=" + modfile, "-trimpath", "-o", dst}, flags...)
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return errors.New(string(out))
	}
	return nil
}

// codeAboveFloor returns the gzipped size of Vigie's own code and of the
// other code the module has and the floor has not.
func codeAboveFloor(module, floor string) (own, added int, err error) {
	m, err := wasmFuncs(module)
	if err != nil {
		return 0, 0, err
	}
	f, err := wasmFuncs(floor)
	if err != nil {
		return 0, 0, err
	}
	var ob, ab bytes.Buffer
	for name, body := range m {
		switch {
		case strings.HasPrefix(name, "vigie") || strings.HasPrefix(name, "main."):
			ob.Write(body)
		case f[name] == nil:
			ab.Write(body)
		}
	}
	return gz(ob.Bytes()), gz(ab.Bytes()), nil
}
