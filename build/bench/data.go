package main

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/quality"
	"vigie/lists/source"
	"vigie/wasm/engine"
)

// env is what the steps share.
type env struct {
	out, dir, shared string
	modfile          string // the engine's go.mod (build/xnet.go)
	entries          []source.Entry
	ix               *index.Index
	eng              *engine.Engine
	urls             []string // the realistic mix
	bundlePath       string
	bundleSize       int
	buildTime        time.Duration
	nativeMixMean    float64 // ns, one pass over urls (native step)
	nativeVerify     time.Duration
}

// prepareData builds the full list (national + 36k public-sector hosts),
// its signed bundle, and a realistic mix of URLs: what a France Services
// terminal opens — mostly official sites, ordinary sites, some phishing.
func prepareData(r *report, e *env) error {
	es, err := lists.DefaultEntries()
	if err != nil {
		return err
	}
	more, err := etalab.ReadFile(filepath.Join(e.shared, "etalab-urls.txt"))
	if err != nil {
		return err
	}
	e.entries = append(es, more...)
	t := time.Now()
	e.ix, err = index.Build(e.entries)
	if err != nil {
		return err
	}
	e.buildTime = time.Since(t)
	e.eng = engine.New(e.ix)
	key, err := publish.GenerateKey()
	if err != nil {
		return err
	}
	b, err := publish.Build(key, engine.DefaultListName, 2, time.Now(), time.Now().Add(30*24*time.Hour), e.ix)
	if err != nil {
		return err
	}
	e.bundlePath = filepath.Join(e.dir, "full.vgb")
	e.bundleSize = len(b)
	// The same verification natively, the baseline of the Node figure.
	keys, err := bundle.NewKeyring(key.Public().String())
	if err != nil {
		return err
	}
	var runs []time.Duration
	for i := 0; i < 5; i++ {
		t := time.Now()
		if _, _, err := publish.Verify(b, bundle.Policy{Keys: keys, Name: engine.DefaultListName}); err != nil {
			return err
		}
		runs = append(runs, time.Since(t))
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i] < runs[j] })
	e.nativeVerify = runs[len(runs)/2]
	os.WriteFile(e.bundlePath, b, 0o644)
	os.WriteFile(e.bundlePath+".pub", []byte(key.Public().String()), 0o644)

	official, err := quality.ReadFile(filepath.Join(e.shared, "etalab-urls.txt"), quality.ReadLines)
	if err != nil {
		return err
	}
	benign, err := quality.ReadFile(filepath.Join(e.shared, "dev-benign-fr.txt"), quality.ReadLines)
	if err != nil {
		return err
	}
	phish, err := quality.ReadFile(filepath.Join(e.shared, "dev-phishing.tsv"), quality.ReadPhishing)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewSource(1))
	paths := []string{"/", "/connexion", "/mon-compte/documents?id=42", "/actualites/2026/11/"}
	for i := 0; i < 100000; i++ {
		p := paths[rng.Intn(len(paths))]
		switch x := rng.Intn(100); {
		case x < 55:
			e.urls = append(e.urls, strings.TrimSuffix(official[rng.Intn(len(official))], "/")+p)
		case x < 90:
			e.urls = append(e.urls, "https://www."+benign[rng.Intn(len(benign))]+p)
		default:
			e.urls = append(e.urls, "https://"+phish[rng.Intn(len(phish))].Host+p)
		}
	}
	os.WriteFile(filepath.Join(e.dir, "urls.txt"), []byte(strings.Join(e.urls, "\n")+"\n"), 0o644)
	var hosts []string
	for _, en := range e.entries {
		hosts = append(hosts, en.Domain)
	}
	os.WriteFile(filepath.Join(e.dir, "urls.txt.official"), []byte(strings.Join(hosts, "\n")+"\n"), 0o644)
	r.note("URL mix (%d URLs, seed 1): 55 %% official URLs from etalab-urls.txt, 35 %% ordinary sites from dev-benign-fr.txt, 10 %% phishing hosts from dev-phishing.tsv, with paths.", len(e.urls))
	fmt.Printf("  %d entries, index built in %v, bundle %d bytes\n", e.ix.Len(), e.buildTime, len(b))
	return nil
}
