package main

import (
	"bufio"
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// patched prepares the engine's go.mod once per test binary.
func patched(t *testing.T) string {
	t.Helper()
	m, err := wasmModfile("..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wasmDeps(t *testing.T, args ...string) []string {
	t.Helper()
	return wasmDepsOf(t, "./wasm/cmd/vigie", args...)
}

func wasmDepsOf(t *testing.T, pkg string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append(append([]string{"list"}, args...), "-deps", pkg)...)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

// net/http's initialisers cost the module about 0.3 MB of brotli: the
// engine's build must never link it again (a new import anywhere would).
func TestWasmBuildHasNoNetHTTP(t *testing.T) {
	for _, p := range wasmDeps(t, "-modfile="+patched(t)) {
		if p == "net/http" || strings.HasPrefix(p, "net/http/") {
			t.Fatalf("the engine's wasm build links %s", p)
		}
	}
	// The control: without the patch it is there. When x/net drops the
	// import upstream, this fails and the patch can go.
	found := false
	for _, p := range wasmDeps(t) {
		found = found || p == "net/http/cookiejar"
	}
	if !found {
		t.Fatal("x/net/publicsuffix no longer imports net/http/cookiejar: remove the patch (build/xnet.go)")
	}
}

// The standard library's crypto packages link its FIPS 140 machinery (the
// approved DRBG with AES-GCM, SHA-3, self-tests): about 70 KB of brotli.
// The engine hashes, verifies and draws random bytes with wasm/sha2,
// wasm/sig and wasm/random instead; only crypto/subtle (constant-time
// compares, no machinery) and what it imports may stay.
func TestWasmBuildHasNoFIPSMachinery(t *testing.T) {
	allowed := map[string]bool{}
	for _, p := range wasmDepsOf(t, "crypto/subtle") {
		allowed[p] = true
	}
	for _, p := range wasmDeps(t, "-modfile="+patched(t)) {
		if (p == "crypto" || strings.HasPrefix(p, "crypto/")) && !allowed[p] {
			t.Fatalf("the engine's wasm build links %s", p)
		}
	}
	// The control: crypto/subtle's own imports hold none of it.
	if allowed["crypto/internal/fips140/drbg"] || allowed["crypto/sha256"] {
		t.Fatal("crypto/subtle now links the FIPS machinery: the allowance above must change")
	}
}

// Bundles are inflated by the browser (DecompressionStream) and checked
// by the engine against their signed hash: no inflater in the module.
func TestWasmBuildHasNoInflater(t *testing.T) {
	for _, p := range wasmDeps(t, "-modfile="+patched(t)) {
		if strings.HasPrefix(p, "compress/") {
			t.Fatalf("the engine's wasm build links %s", p)
		}
	}
}

// The patch is refused when list.go no longer looks as expected.
func TestDropCookiejarRefusesAnUnknownFile(t *testing.T) {
	for _, src := range []string{
		"package publicsuffix\n\nimport (\n\t\"net/http/cookiejar\"\n)\n\nvar List cookiejar.PublicSuffixList = other{}\n",
		"package publicsuffix\n\nimport (\n\t\"net/http/cookiejar\"\n)\n\nvar List cookiejar.PublicSuffixList = list{}\nvar J cookiejar.Jar\n",
	} {
		if _, err := dropCookiejar([]byte(src)); err == nil {
			t.Errorf("patched %q", src)
		}
	}
}

// The patched publicsuffix gives the same answers as x/net's on every
// rule of the public suffix list (a name under each rule, and two
// levels under it) and on the benchmark's hosts.
func TestPatchedPublicSuffixAgrees(t *testing.T) {
	modfile := patched(t)
	dir, err := moduleDir("..", "golang.org/x/net")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := pslRules(filepath.Join(dir, "publicsuffix", "table_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 5000 {
		t.Fatalf("only %d rules read", len(rules))
	}
	var hosts []string
	for _, r := range rules {
		base := strings.TrimPrefix(strings.TrimPrefix(r, "!"), "*.")
		hosts = append(hosts, base, "vigie."+base, "a.vigie."+base, "ameli.fr."+base)
	}
	hosts = append(hosts, benchHosts(t)...)
	bin := t.TempDir()
	native, fixed := filepath.Join(bin, "native"), filepath.Join(bin, "patched")
	for _, b := range []struct{ out, modfile string }{{native, ""}, {fixed, modfile}} {
		args := []string{"build", "-o", b.out}
		if b.modfile != "" {
			args = append(args, "-modfile="+b.modfile)
		}
		cmd := exec.Command("go", append(args, "./build/testdata/pslcheck")...)
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build pslcheck: %v\n%s", err, out)
		}
	}
	input := strings.Join(hosts, "\n") + "\n"
	run := func(bin string) []string {
		cmd := exec.Command(bin)
		cmd.Stdin = strings.NewReader(input)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(string(out), "\n")
	}
	a, b := run(native), run(fixed)
	if len(a) != len(hosts)+1 || len(a) != len(b) {
		t.Fatalf("%d hosts, %d and %d answers", len(hosts), len(a)-1, len(b)-1)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("x/net and the patched copy disagree:\n  %s\n  %s", a[i], b[i])
		}
	}
	t.Logf("%d rules, %d hosts: same answers", len(rules), len(hosts))
}

// pslRules reads the rule list x/net generates for its own tests.
func pslRules(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rules []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "var rules = "):
			in = true
		case in && line == "}":
			return rules, nil
		case in:
			rules = append(rules, strings.Trim(strings.TrimSpace(line), `",`))
		}
	}
	return rules, nil
}

// benchHosts are the hosts of the benchmark's URL mix (the Etalab list and
// the development phishing sample).
func benchHosts(t *testing.T) []string {
	var hosts []string
	dir := os.Getenv("VIGIE_SHARED_DATA") // as the quality gate reads it
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	f, err := os.ReadFile(filepath.Join(dir, "etalab-urls.txt"))
	if err != nil {
		// A clone without ../shared: the same public-sector hosts, as the
		// repository keeps them for the built-in list.
		if f, err = os.ReadFile(filepath.Join("..", "lists", "etalab", "hosts.txt")); err != nil {
			t.Fatalf("the benchmark's URLs: %v", err)
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(f))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.Contains(line, "://") {
			line = "http://" + line // hosts.txt holds hosts
		}
		if u, err := url.Parse(line); err == nil && u.Hostname() != "" {
			hosts = append(hosts, u.Hostname())
		}
	}
	if p, err := os.ReadFile(filepath.Join(dir, "dev-phishing.tsv")); err == nil {
		for _, line := range strings.Split(string(p), "\n") {
			if h, _, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(h, "#") {
				hosts = append(hosts, h)
			}
		}
	}
	return hosts
}
