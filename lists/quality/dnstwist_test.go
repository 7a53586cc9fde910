package quality

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"

	"vigie/lists/etalab"
	"vigie/wasm/engine"
	"vigie/wasm/hostname"
)

// minDnstwist: the share of dnstwist's permutations of the most imitated
// sites, among those a phisher can register, that the families flag.
const minDnstwist = 0.95

// dnstwistSites are the twelve sites the development set's phishing hosts
// imitate most (gouv.fr itself, the State's suffix, left out).
var dnstwistSites = []string{"ameli.fr", "antai.gouv.fr", "chronopost.fr", "laposte.fr", "impots.gouv.fr",
	"labanquepostale.fr", "certificat-air.gouv.fr", "service-public.fr", "ants.gouv.fr", "urssaf.fr",
	"francetravail.fr", "franceconnect.gouv.fr"}

// Debian's dnstwist, driven as a library: its permutations only, no DNS.
const dnstwistScript = `
import sys, dnstwist
for d in sys.argv[1:]:
    f = dnstwist.Fuzzer(d, tld_dictionary=["com", "net", "org", "info", "eu", "online", "site", "xyz"])
    f.generate()
    for p in f.domains:
        if p["fuzzer"] != "*original":
            print(d, p["fuzzer"], p["domain"])
`

// frLetters: the letters AFNIC accepts in a .fr name besides a-z, 0-9
// and the hyphen.
const frLetters = "àáâãäåæçèéêëìíîïñòóôõöœùúûüýÿß"

// registrable reports whether someone other than the State can register
// the name dnstwist wrote: not under gouv.fr nor the .fr twin of a State
// site, not already an official site, and in a .fr name only letters .fr
// accepts. v is the engine's verdict on it.
func registrable(v engine.Verdict, listed map[string]bool, name string) bool {
	h := hostname.Parse(name)
	if h.Class != hostname.Web || h.Registrable == "" || h.Suffix == "gouv.fr" || strings.HasSuffix(h.Suffix, ".gouv.fr") {
		return false
	}
	if h.Suffix == "fr" {
		u := h.Unicode
		if u == "" {
			u = h.ASCII
		}
		for _, r := range strings.TrimSuffix(u, ".fr") {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || strings.ContainsRune(frLetters, r)) {
				return false
			}
		}
	}
	// The .fr twin of a State site (impots.fr beside impots.gouv.fr): the
	// .fr charter reserves it to the State.
	if label, ok := strings.CutSuffix(h.Registrable, ".fr"); ok && (listed[label+".gouv.fr"] || listed["www."+label+".gouv.fr"]) {
		return false
	}
	return v.Kind != engine.Official
}

type twistRow struct{ all, flagged int }

// dnstwistTable runs dnstwist and judges each registrable permutation
// with the list built into the extension. It returns the report's section
// and the overall share flagged; ok is false when dnstwist is missing.
func dnstwistTable(t *testing.T) (section string, rate float64, ok bool) {
	twistOnce.Do(func() { twist.section, twist.rate, twist.ok = measureDnstwist(t) })
	return twist.section, twist.rate, twist.ok
}

// twist keeps the table: the quality report and the gate read the same
// measure (dnstwist and 6,000 verdicts, once per test binary).
var (
	twistOnce sync.Once
	twist     struct {
		section string
		rate    float64
		ok      bool
	}
)

func measureDnstwist(t *testing.T) (section string, rate float64, ok bool) {
	// Debian's Python, where its dnstwist package lives (a pyenv or venv
	// python3 earlier in PATH would not see it).
	py := "/usr/bin/python3"
	err := exec.Command(py, "-c", "import dnstwist").Run()
	if err != nil {
		return "", 0, false
	}
	out, err := exec.Command(py, append([]string{"-c", dnstwistScript}, dnstwistSites...)...).Output()
	if err != nil {
		t.Fatalf("dnstwist: %v", err)
	}
	es, err := etalab.BuiltinEntries()
	if err != nil {
		t.Fatal(err)
	}
	e := mustEngine(t, es)
	listed := map[string]bool{}
	for _, en := range es {
		listed[en.Domain] = true
	}
	rows := map[string]*twistRow{}
	var total twistRow
	missed := map[string][]string{}
	nMissed := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		v := e.Check("https://" + f[2] + "/")
		if !registrable(v, listed, f[2]) {
			continue
		}
		r := rows[f[1]]
		if r == nil {
			r = &twistRow{}
			rows[f[1]] = r
		}
		r.all++
		total.all++
		if Flagged(v) {
			r.flagged++
			total.flagged++
		} else {
			missed[f[1]] = append(missed[f[1]], unicodeHost(f[2]))
			nMissed++
		}
	}
	if total.all < 1000 {
		t.Fatalf("only %d permutations judged: is dnstwist working?", total.all)
	}
	var fuzzers []string
	for k := range rows {
		fuzzers = append(fuzzers, k)
	}
	sort.Strings(fuzzers)
	var b strings.Builder
	fmt.Fprintf(&b, "## dnstwist permutations of the %d most imitated sites\n\n", len(dnstwistSites))
	fmt.Fprintf(&b, "Debian's dnstwist (its permutations, no DNS lookup) on %s. Left out: names under gouv.fr and the .fr twins of State sites (only the State registers them), names that are official sites, and .fr names with letters .fr does not accept. Judged with the list built into the extension.\n\n", strings.Join(dnstwistSites, ", "))
	b.WriteString("| fuzzer | names a phisher can register | flagged | share |\n|---|---|---|---|\n")
	for _, k := range fuzzers {
		r := rows[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", k, r.all, r.flagged, pct(r.flagged, r.all))
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | **%s** (gate ≥ %.0f %%) |\n\n", total.all, total.flagged, pct(total.flagged, total.all), 100*minDnstwist)
	if nMissed > 0 {
		fmt.Fprintf(&b, "Not flagged (%d), by fuzzer (the first 15 each):\n\n", nMissed)
		for _, k := range fuzzers {
			if len(missed[k]) > 0 {
				fmt.Fprintf(&b, "- %s: %s\n", k, strings.Join(first(missed[k], 15), ", "))
			}
		}
		b.WriteString("\n")
	}
	return b.String(), float64(total.flagged) / float64(total.all), true
}

// The gate needs nothing outside the repository but dnstwist: it runs on
// every clone (make test requires dnstwist; .ci/deps installs it).
func TestDnstwistGate(t *testing.T) {
	section, rate, ok := dnstwistTable(t)
	if !ok {
		if os.Getenv("VIGIE_REQUIRE_DNSTWIST") != "" {
			t.Fatal("dnstwist is missing (apt-get install dnstwist; .ci/deps does it)")
		}
		t.Skip("dnstwist is missing (apt-get install dnstwist): the permutation table is not measured")
	}
	t.Log("\n" + section)
	if rate < minDnstwist {
		t.Errorf("dnstwist permutations flagged: %.4f < %.2f", rate, minDnstwist)
	}
}
