// Package quality measures detection on real data: phishing hosts that
// imitate French administrations, the public-sector list (every host
// official), and legitimate French domains that must stay clear.
package quality

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"vigie/lists/index"
	"vigie/wasm/engine"
	"vigie/wasm/hostname"
	"vigie/wasm/skeleton"
)

// Phish is one line of dev-phishing.tsv.
type Phish struct{ Host, Imitates, Confidence string }

// ReadPhishing reads the host / imitates / confidence TSV.
func ReadPhishing(r io.Reader) ([]Phish, error) {
	var out []Phish
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if n == 1 && f[0] == "host" {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want host<TAB>imitates", n)
		}
		p := Phish{Host: strings.TrimSpace(f[0]), Imitates: strings.TrimSpace(f[1])}
		if len(f) > 2 {
			p.Confidence = strings.TrimSpace(f[2])
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// ReadLines reads one item a line, skipping blanks and # comments.
func ReadLines(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && l[0] != '#' {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}

// ReadFile opens path and applies read.
func ReadFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}

// Flagged: a verdict that shows the visitor a warning or a banner.
func Flagged(v engine.Verdict) bool {
	return v.Kind == engine.Lookalike || v.Kind == engine.Suspicious
}

// BrandTokens are the strings whose presence in a host name means it
// carries the brand of entry domain d: its brand words, its distinctive
// name, and its joined forms ("impotsgouv").
func BrandTokens(ix *index.Index, d string) []string {
	i, ok := ix.Find(d)
	if !ok {
		return nil
	}
	e := ix.Entry(i)
	var toks []string
	if len(e.Name) >= 4 {
		toks = append(toks, strings.ReplaceAll(e.Name, "-", ""))
	}
	if e.Name != "" {
		for _, j := range index.JoinedForms(e.Domain, e.Name) {
			if len(j) >= 5 {
				toks = append(toks, j)
			}
		}
	}
	toks = append(toks, ix.WordsOf(i)...)
	return toks
}

// CarriesBrand: the host, folded (diacritics, homoglyphs, 0/1 for o/l)
// and without dots or hyphens, contains one of the imitated site's brand
// tokens.
func CarriesBrand(ix *index.Index, host, imitates string) bool {
	h := strings.NewReplacer(".", "", "-", "").Replace(skeleton.Digits(skeleton.Fold(unicodeHost(host))))
	for _, t := range BrandTokens(ix, imitates) {
		if strings.Contains(h, t) {
			return true
		}
	}
	return false
}

// RightSite: the verdict names the imitated site, or one of the same
// family — any *.gouv.fr site for the State's rule, and La Poste's brands
// together (a Colissimo parcel is a La Poste parcel).
func RightSite(named, want string) bool {
	if named == want {
		return true
	}
	group := func(d string) string {
		switch d {
		case "laposte.fr", "laposte.net", "colissimo.fr":
			return "laposte"
		case "labanquepostale.fr":
			return "banquepostale"
		case "francetravail.fr", "pole-emploi.fr":
			return "francetravail"
		}
		return d
	}
	if group(named) == group(want) {
		return true
	}
	return want == "gouv.fr" && strings.HasSuffix(named, ".gouv.fr")
}

func unicodeHost(h string) string {
	if p := hostname.Parse(h); p.Unicode != "" {
		return p.Unicode
	}
	return h
}

// Counter counts by key, printed in a stable order.
type Counter map[string]int

func (c Counter) Sorted() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c[keys[i]] != c[keys[j]] {
			return c[keys[i]] > c[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
