// Package etalab imports the public-sector domain list published by
// DINUM/Etalab (noms-de-domaine-organismes-secteur-public, urls.txt): one
// URL a line. Every host becomes a local-tier entry.
package etalab

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"vigie/lists"

	"vigie/lists/source"
	"vigie/wasm/hostname"
)

// Read parses urls.txt. Hosts are deduplicated, "www." is folded into the
// domain it stands for, and hosts on shared platforms (x.blogspot.com,
// x.free.fr) stay host entries: an entry never reaches above its own
// registrable domain, so the platform itself is not made official.
func Read(r io.Reader) ([]source.Entry, error) {
	seen := map[string]bool{}
	var out []source.Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	n, bad := 0, 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		h := hostname.Parse(line)
		// A host that is a public suffix itself (huissier-justice.fr, a
		// sector suffix run by its profession) stays an exact entry.
		if h.Class != hostname.Web || h.IP {
			bad++
			continue
		}
		d := h.ASCII
		if rest, ok := strings.CutPrefix(d, "www."); ok && len(rest) >= len(h.Registrable) {
			d = rest
		}
		if seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, source.Entry{Domain: d, Tier: source.Local, Label: d})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("etalab: line %d: %w", n+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("etalab: no usable URL in %d lines", n)
	}
	return out, nil
}

// ReadFile reads urls.txt from a file.
func ReadFile(path string) ([]source.Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f)
}

// builtinHosts is the public-sector list built into Vigie, its hosts one
// a line as Read reads them (PROVENANCE.md: source, date, how it was
// derived from urls.txt, Licence Ouverte 2.0).
//
//go:embed hosts.txt
var builtinHosts string

// BuiltinEntries is the list built into the extension: the national list
// and the public-sector list, as the build compiles it (builtin.idx) and
// as listctl check judges by default.
func BuiltinEntries() ([]source.Entry, error) {
	es, err := lists.DefaultEntries()
	if err != nil {
		return nil, err
	}
	more, err := Read(strings.NewReader(builtinHosts))
	if err != nil {
		return nil, fmt.Errorf("built-in public-sector list: %w", err)
	}
	return append(es, more...), nil
}
