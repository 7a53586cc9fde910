package quality

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"vigie/lists"

	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/source"
	"vigie/wasm/engine"
)

// Gates: a drop below these fails make test.
// Tightened to what the families reach on the development data (2026-12):
// a change that loses detection or flags an honest site fails the build.
const (
	minBrandRecall  = 0.99   // phishing hosts that carry the imitated brand, flagged (99.6 %)
	minFeedRecall   = 0.993  // feed-confirmed phishing hosts flagged by the families alone (99.32 %)
	maxBenignRate   = 0.001  // dev-benign-fr.txt flagged (0)
	maxEtalabRate   = 0.0005 // public-sector hosts flagged with only the national list (1 of 35742)
	maxFixtureRate  = 0.0    // lists/testdata/legit-fr.txt flagged
	maxHardRate     = 0.03   // lists/testdata/hard-negatives-fr.txt flagged (2 of 74)
	minRightSiteFor = 0.95   // brand-carrying hosts whose verdict names the right site (97.1 %)
)

func dataDir(t *testing.T) string {
	d := os.Getenv("VIGIE_SHARED_DATA")
	if d == "" {
		wd, _ := os.Getwd()
		d = filepath.Join(wd, "..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(d, "etalab-urls.txt")); err != nil {
		// The development data is not copied into the repository (its
		// README asks so): on a clone without it, the gate does not run,
		// and make test says so aloud (Makefile, test-native). With
		// $VIGIE_SHARED_DATA set, a missing file is a failure.
		if os.Getenv("VIGIE_SHARED_DATA") != "" {
			t.Fatalf("the shared data set is missing (%v)", err)
		}
		t.Skipf("../shared/data is absent (%v): the quality gate does not run", err)
	}
	return d
}

type report struct{ b strings.Builder }

func (r *report) f(format string, a ...any) { fmt.Fprintf(&r.b, format, a...) }

func pct(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f %%", 100*float64(n)/float64(d))
}

func TestQualityGate(t *testing.T) {
	dir := dataDir(t)
	national, err := lists.DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	local, err := etalab.ReadFile(filepath.Join(dir, "etalab-urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	full := mustEngine(t, append(append([]source.Entry{}, national...), local...))
	nat := mustEngine(t, national)
	r := &report{}
	r.f("# Detection quality\n\nWritten by `make eval` (also run, with gates, by `make test`) on %s.\n", time.Now().UTC().Format("2006-01-02"))
	r.f("Lists: the embedded national list (%d entries) plus the Etalab/DINUM public-sector list (%d hosts) unless said otherwise.\n\n", len(national), len(local))

	// 1. Phishing hosts.
	phish, err := ReadFile(filepath.Join(dir, "dev-phishing.tsv"), ReadPhishing)
	if err != nil {
		t.Fatal(err)
	}
	var brand, brandHit, right, allHit int
	byFamily, missed := Counter{}, []string{}
	byConf := map[string][2]int{}
	for _, p := range phish {
		v := full.Check(p.Host)
		hit := Flagged(v)
		if hit {
			allHit++
			byFamily[v.Family]++
		}
		c := byConf[p.Confidence]
		c[1]++
		if hit {
			c[0]++
		}
		byConf[p.Confidence] = c
		if CarriesBrand(full.Index(), p.Host, p.Imitates) {
			brand++
			if hit {
				brandHit++
				if RightSite(v.Imitates, p.Imitates) {
					right++
				}
			} else {
				missed = append(missed, p.Host+" ("+p.Imitates+")")
			}
		}
	}
	recall := float64(brandHit) / float64(max(brand, 1))
	rightRate := float64(right) / float64(max(brandHit, 1))
	r.f("## Phishing hosts (`dev-phishing.tsv`, %d hosts)\n\n", len(phish))
	r.f("| measure | figure | target |\n|---|---|---|\n")
	r.f("| recall on hosts that carry the imitated brand (%d) | **%s** (%d) | ≥ 95 %% |\n", brand, pct(brandHit, brand), brandHit)
	r.f("| of those flagged, naming the right site | %s | ≥ 90 %% |\n", pct(right, brandHit))
	r.f("| recall on all hosts, brand or not | %s (%d) | — |\n", pct(allHit, len(phish)), allHit)
	feed := byConf["feed"]
	r.f("| **recall on feed-confirmed hosts, by the families alone** (no block list) | **%s** of %d | ≥ 98.5 %% (gate) |\n", pct(feed[0], feed[1]), feed[1])
	c := byConf["suspicious_nrd"]
	r.f("| recall, confidence `suspicious_nrd` (newly registered, not confirmed) | %s of %d | — |\n", pct(c[0], c[1]), c[1])
	r.f("\nThese figures are the families' alone: the engine runs with no `block` entry. A publisher's known-bad list (`listctl import -block`) stops every host it lists whatever its name (tested end to end in both browsers); on this data set it would stop every feed-confirmed host by construction, so it is not counted as detection.\n")
	r.f("\nFlagged phishing hosts by family:\n\n| family | hosts |\n|---|---|\n")
	for _, k := range byFamily.Sorted() {
		r.f("| %s | %d |\n", k, byFamily[k])
	}
	r.f("\nA host *carries the brand* when, folded (diacritics, homoglyphs, 0/1 read as o/l) and without dots and hyphens, it contains one of the imitated entry's brand tokens: its brand words, its name of 4+ letters, or a joined form (`impotsgouv`). A verdict names the right site when it names the labelled one, a site of the same group (La Poste with Colissimo), or any `*.gouv.fr` site for hosts labelled `gouv.fr`.\n\n")
	if len(missed) > 0 {
		r.f("Brand-carrying hosts missed (%d): %s\n\n", len(missed), strings.Join(first(missed, 40), ", "))
	}

	// 2. Official hosts.
	urls, err := ReadFile(filepath.Join(dir, "etalab-urls.txt"), ReadLines)
	if err != nil {
		t.Fatal(err)
	}
	var offFlagged, offNotOfficial, natFlagged int
	natFam := Counter{}
	var natExamples []string
	for _, u := range urls {
		v := full.Check(u)
		if Flagged(v) {
			offFlagged++
			t.Errorf("official URL flagged: %s → %s %s", u, v.Kind, v.Family)
		}
		if v.Kind != engine.Official {
			offNotOfficial++
		}
		if w := nat.Check(u); Flagged(w) {
			natFlagged++
			natFam[w.Family]++
			natExamples = append(natExamples, fmt.Sprintf("%s (%s, %s)", w.Host, w.Family, w.Imitates))
		}
	}
	r.f("## Official hosts (`etalab-urls.txt`, %d URLs)\n\n| measure | figure | target |\n|---|---|---|\n", len(urls))
	r.f("| flagged, full list loaded | **%d** | 0 |\n", offFlagged)
	r.f("| not judged official, full list loaded | %d | 0 |\n", offNotOfficial)
	r.f("| flagged with only the national list loaded (hard negatives: real sites with French names) | **%s** (%d) | ≤ 0.3 %% |\n\n", pct(natFlagged, len(urls)), natFlagged)
	if len(natExamples) > 0 {
		r.f("Flagged with the national list only, by family: %s. Examples: %s\n\n", famList(natFam), strings.Join(first(natExamples, 30), ", "))
	}

	// 3. Legitimate domains.
	benignRate := clear(t, r, full, filepath.Join(dir, "dev-benign-fr.txt"), "dev-benign-fr.txt", "≤ 0.1 %")
	wd, _ := os.Getwd()
	fixtureRate := clear(t, r, full, filepath.Join(wd, "..", "testdata", "legit-fr.txt"), "lists/testdata/legit-fr.txt (regression fixture)", "0")
	hardRate := clear(t, r, full, filepath.Join(wd, "..", "testdata", "hard-negatives-fr.txt"), "lists/testdata/hard-negatives-fr.txt (sites on the guarded words, with provenance)", "≤ 3 %")

	if section, _, ok := dnstwistTable(t); ok {
		r.b.WriteString(section)
	} else {
		r.f("## dnstwist permutations\n\nNot measured: dnstwist is missing (apt-get install dnstwist).\n\n")
	}
	r.f("Reproduce: `make eval` (writes this file), or `go run ./lists/cmd/listctl check < hosts.txt` (the list built into the extension: the national list and the public-sector list).\n")
	if out := os.Getenv("VIGIE_WRITE_QUALITY"); out != "" {
		if !filepath.IsAbs(out) {
			out = filepath.Join(wd, "..", "..", out)
		}
		if err := os.WriteFile(out, []byte(r.b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Log("\n" + r.b.String())

	if fr := float64(feed[0]) / float64(max(feed[1], 1)); fr < minFeedRecall {
		t.Errorf("recall on feed-confirmed phishing hosts %.3f < %.2f", fr, minFeedRecall)
	}
	if recall < minBrandRecall {
		t.Errorf("recall on brand-carrying phishing hosts %.3f < %.2f", recall, minBrandRecall)
	}
	if rightRate < minRightSiteFor {
		t.Errorf("right site named for %.3f < %.2f", rightRate, minRightSiteFor)
	}
	if rate := float64(natFlagged) / float64(len(urls)); rate > maxEtalabRate {
		t.Errorf("public-sector hosts flagged with the national list: %.4f > %.4f", rate, maxEtalabRate)
	}
	if benignRate > maxBenignRate {
		t.Errorf("benign domains flagged: %.4f > %.4f", benignRate, maxBenignRate)
	}
	gateFixtures(t, fixtureRate, hardRate)
}

func gateFixtures(t *testing.T, fixtureRate, hardRate float64) {
	if hardRate > maxHardRate {
		t.Errorf("hard negatives flagged: %.4f > %.4f", hardRate, maxHardRate)
	}
	if fixtureRate > maxFixtureRate {
		t.Errorf("fixture domains flagged: %.4f > %.4f", fixtureRate, maxFixtureRate)
	}
}

// The part of the gate that needs nothing outside the repository, run on
// every clone: the list built into the extension (national list and the
// public-sector hosts of lists/etalab) judges each of its own hosts
// official, and flags none of the fixtures. The development data of
// ../shared (phishing recall, benign domains) is not copied here: its
// README asks that it be read from there.
func TestQualityGateInRepo(t *testing.T) {
	es, err := etalab.BuiltinEntries()
	if err != nil {
		t.Fatal(err)
	}
	e := mustEngine(t, es)
	n := 0
	for _, en := range es {
		if en.Kind != source.Official || en.Suffix {
			continue
		}
		n++
		if v := e.Check("https://" + en.Domain + "/"); v.Kind != engine.Official {
			t.Errorf("a host of the built-in list is judged %s (%s): %s", v.Kind, v.Family, en.Domain)
		}
	}
	if n < 10000 {
		t.Fatalf("only %d official hosts in the built-in list: the public-sector list is missing", n)
	}
	wd, _ := os.Getwd()
	r := &report{}
	fixtureRate := clear(t, r, e, filepath.Join(wd, "..", "testdata", "legit-fr.txt"), "legit-fr.txt", "0")
	hardRate := clear(t, r, e, filepath.Join(wd, "..", "testdata", "hard-negatives-fr.txt"), "hard-negatives-fr.txt", "≤ 3 %")
	gateFixtures(t, fixtureRate, hardRate)
}

func clear(t *testing.T, r *report, e *engine.Engine, path, name, target string) float64 {
	hosts, err := ReadFile(path, ReadLines)
	if err != nil {
		t.Fatal(err)
	}
	var flagged []string
	fam := Counter{}
	for _, h := range hosts {
		if v := e.Check(h); Flagged(v) {
			flagged = append(flagged, fmt.Sprintf("%s (%s, %s)", h, v.Family, v.Imitates))
			fam[v.Family]++
		}
	}
	r.f("## Legitimate domains: %s (%d)\n\n| flagged | target |\n|---|---|\n| **%s** (%d) | %s |\n\n", name, len(hosts), pct(len(flagged), len(hosts)), len(flagged), target)
	if len(flagged) > 0 {
		r.f("By family: %s. Flagged: %s\n\n", famList(fam), strings.Join(first(flagged, 30), ", "))
	}
	return float64(len(flagged)) / float64(max(len(hosts), 1))
}

func famList(c Counter) string {
	var parts []string
	for _, k := range c.Sorted() {
		parts = append(parts, fmt.Sprintf("%s %d", k, c[k]))
	}
	return strings.Join(parts, ", ")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… (%d more)", len(s)-n))
	}
	return s
}

func mustEngine(t *testing.T, es []source.Entry) *engine.Engine {
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	return engine.New(ix)
}
