//go:build !js

package hostname

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

// The differential test: tens of thousands of generated URLs are read by
// Parse and by Node's WHATWG URL parser (the browser's reading); the hosts
// must agree. Where the browser accepts a host that the engine does not
// judge ("too-long"), Parse says so and the engine answers
// the fail-safe verdict (wasm/engine tests it). Every disagreement found
// while writing it is a seed of FuzzParse and a case of TestParse.
func TestWHATWGDifferential(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is needed for the differential test (it is on every machine that runs make test)")
	}
	urls := append(generateURLs(30000), hostCases()...)
	dir := t.TempDir()
	in := filepath.Join(dir, "urls.jsonl")
	var b strings.Builder
	for _, u := range urls {
		j, _ := json.Marshal(u)
		b.Write(j)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/whatwg.mjs", in).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var hosts []*string
	if err := json.Unmarshal(out, &hosts); err != nil || len(hosts) != len(urls) {
		t.Fatalf("node answered %d hosts for %d URLs (%v)", len(hosts), len(urls), err)
	}
	bad, refused, unjudged, lenient := 0, 0, 0, 0
	for i, u := range urls {
		h := Parse(u)
		want := hosts[i]
		var problem string
		switch {
		case want == nil && h.Class != Invalid && (h.Reason == "ace-kept" || failsBidi(h)):
			// Judged though Node refuses it: a broken "xn--" label (which
			// Chromium loads) or a label that breaks the Bidi rule (which
			// both refuse). Judging more than the browser loads is harmless.
			lenient++
		case want == nil:
			refused++
			if h.Class != Invalid {
				problem = fmt.Sprintf("the browser refuses it, Parse gives %q", h.ASCII)
			}
		case h.Class == Invalid && h.Reason == "too-long":
			unjudged++ // fail-safe: the engine answers suspicious
		case h.Class == Invalid:
			problem = fmt.Sprintf("the browser loads %q, Parse refuses it (%s)", *want, h.Reason)
		default:
			// The name the browser reaches: its empty labels dropped
			// ("arneli.fr.." goes to arneli.fr).
			w := dropEmptyLabels(strings.Trim(*want, "[]"))
			if h.ASCII != w {
				problem = fmt.Sprintf("the browser loads %q, Parse judges %q", w, h.ASCII)
			}
		}
		if problem != "" {
			if bad++; bad <= 25 {
				t.Errorf("%q: %s", u, problem)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d URLs disagree with the WHATWG parser", bad, len(urls))
	}
	t.Logf("%d URLs agree (%d refused by both, %d loaded but not judged: fail-safe; %d judged though Node refuses them: bad xn-- labels, Bidi rule)",
		len(urls), refused, unjudged, lenient)
}

var bidiProfile = idna.New(idna.MapForLookup(), idna.Transitional(false),
	idna.StrictDomainName(false), idna.CheckHyphens(false), idna.BidiRule())

// failsBidi: the host breaks the Bidi rule, which Parse does not apply.
func failsBidi(h Host) bool {
	_, plain := lookup.ToASCII(h.ASCII)
	_, bidi := bidiProfile.ToASCII(h.ASCII)
	return plain == nil && bidi != nil
}

// hostCases are written by hand, one or more per kind of host that the
// WHATWG URL tests single out (web-platform-tests' toascii and
// urltestdata): hyphens in third and fourth place or at a label's ends,
// empty labels, broken or empty punycode, joiners, the Bidi rule,
// nontransitional mapping, U+FFFD, labels and names over DNS's lengths,
// ignored code points, symbols that UseSTD3ASCIIRules=false lets through,
// and dots at the end however many.
func hostCases() []string {
	long := strings.Repeat("x1234567890", 6) // 66 characters
	names := []string{
		"ab--cd.fr", "aé--.fr", "-ameli.fr", "ameli-.fr", "-é.fr", "é-.ameli.fr",
		"ameli..fr", "..ameli.fr", "ameli.fr..", "ameli.fr...", ".ameli.fr", "a..é.fr", "arneli.fr%2E%2E", "arneli。fr。。",
		"xn--a.fr", "xn--a.é.fr", "xn--ameli-=.fr", "xn--améli.fr", "xn--.fr", "a.xn--.fr", "XN--.fr",
		"xn--zca.xn--zca.fr", "xn--zca.ß.fr",
		"‍.fr", "a‍b.fr", "xn--1ug.fr", "a‌b.fr",
		"يa.fr", "ي.fr", "1.ي", "ي.1", "xn--mhb.1", "xn--a-yoc.fr",
		"straße.fr", "ς.fr", "ශ්රී.fr", "نامهای.fr",
		"�.fr", "xn--zn7c.fr",
		long + ".fr", long + "é.fr", strings.Repeat(long[:50]+".", 5) + "fr",
		"a­b.fr", "­.fr", "≠.fr", "≮.fr", "≯.fr",
	}
	var out []string
	for _, n := range names {
		out = append(out, "http://"+n+"/", "https://user@"+n+":443/x")
	}
	return out
}

// generateURLs makes n URLs (the same ones every run) from the pieces
// where parsers differ: IDN, hyphens, percent escapes, numbers, dots,
// userinfo, ports, slashes, whitespace.
func generateURLs(n int) []string {
	r := rand.New(rand.NewPCG(19, 46))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	schemes := []string{"http://", "https://", "HTTPS://", "ws://", "wss://", "ftp://", "http:", "https:/", "http:\\\\", "https:///", "http:/\\"}
	users := []string{"", "", "", "user@", "ameli.fr@", "a:b@", "@", "x@y@", "ameli.fr%40@"}
	labels := []string{"ameli", "arneli", "impots", "gouv", "caf", "www", "fr", "com", "a", "ab",
		"a-", "-a", "ab--cd", "xn--meli-43d", "xn--zz", "xn--", "XN--MELI-43D", "xn----9fa", "xn--a-ecp",
		"é-", "-é", "éé--x", "аmeli", "ameIi", "impôts", "ＡＭＥＬＩ", "straße", "ς", "ı", "ß",
		"a\u200db", "\u0627\u0644", "a\u0627", "\u05d0-1", "0", "1", "255", "256", "0x7f", "0X10", "017", "08",
		"4294967295", "4294967296", "0x", "1e3", "_dmarc", "a_b", "a$b", "a!b", "a*b", "a'b", "a(b)", "a~b",
		"a=b", "a+b", "a;b", "a,b", "a{b}", "a`b", "a\"b", "a<b", "a^b", "a|b", "a b", "a%b", "a%2", "%41",
		"%2e", "%C3%A9", "%D0%B0meli", "%FF", "%00", "a\u3002b", "a\uff0eb", "\u00ad", "a\u00adb", "\u200b",
		"gouv%2Efr", "ameli%2Efr", "🙂", "a\u0301", "\ufffd"}
	ports := []string{"", "", "", ":", ":80", ":8080", ":65535", ":65536", ":8a", ":-1", "::1"}
	tails := []string{"/", "", "/x", "?q", "#f", "\\x", "/a@b", "/%2e"}
	out := make([]string, 0, n)
	for len(out) < n {
		var host string
		switch r.IntN(10) {
		case 0: // an IPv4 number in some form
			k := 1 + r.IntN(4)
			parts := make([]string, k)
			for i := range parts {
				v := r.IntN(300)
				if r.IntN(8) == 0 {
					v = r.IntN(1 << 30)
				}
				switch r.IntN(4) {
				case 0:
					parts[i] = fmt.Sprintf("0x%x", v)
				case 1:
					parts[i] = fmt.Sprintf("0%o", v)
				default:
					parts[i] = fmt.Sprint(v)
				}
			}
			host = strings.Join(parts, ".")
		case 1: // IPv6
			host = pick([]string{"[::1]", "[2001:db8::1]", "[::ffff:1.2.3.4]", "[fe80::1%25eth0]", "[1:2]", "[", "[::1"})
		default:
			k := 1 + r.IntN(4)
			ls := make([]string, k)
			for i := range ls {
				ls[i] = pick(labels)
			}
			ls = append(ls, pick([]string{"fr", "com", "gouv.fr", "fr", "000webhostapp.com", "xn--p1ai", "0", "09"}))
			host = strings.Join(ls, ".")
		}
		switch r.IntN(8) {
		case 0:
			host += "."
		case 1:
			host = "." + host
		case 2: // percent-escape every byte of one character
			if rs := []rune(host); len(rs) > 0 {
				i := r.IntN(len(rs))
				var esc strings.Builder
				for _, c := range []byte(string(rs[i])) {
					fmt.Fprintf(&esc, "%%%02X", c)
				}
				host = string(rs[:i]) + esc.String() + string(rs[i+1:])
			}
		case 3:
			if rs := []rune(host); len(rs) > 1 {
				i := r.IntN(len(rs))
				host = string(rs[:i]) + pick([]string{"\t", "\n", "..", "%2E", "%2e", "。"}) + string(rs[i:])
			}
		}
		if r.IntN(40) == 0 {
			host = strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 60) + "." + host
		}
		u := pick(schemes) + pick(users) + host + pick(ports) + pick(tails)
		if r.IntN(20) == 0 {
			u = " " + u + " "
		}
		out = append(out, u)
	}
	return out
}
