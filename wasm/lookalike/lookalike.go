// Package lookalike tells whether a host that is not official imitates one
// that is. Each family of imitation is a small unit in its own file; Detect
// runs them all and keeps the strongest match.
//
// Brand entries (national services) are guarded by every family; local
// entries (town halls, schools) only by skeleton and target embedding, so
// that real towns such as amelie-les-bains.com never trip a wire.
package lookalike

import (
	"strings"

	"vigie/lists/index"
	"vigie/lists/source"
	"vigie/wasm/hostname"
	"vigie/wasm/skeleton"
)

// Family names a technique of imitation. The values are part of the verdict
// seen by the extension and by listctl check.
type Family string

const (
	Skeleton        Family = "skeleton"
	EditDistance    Family = "edit-distance"
	Hyphenation     Family = "hyphenation"
	SuffixSwap      Family = "suffix-swap"
	Combosquat      Family = "combosquat"
	TargetEmbedding Family = "target-embedding"
	FreeHosting     Family = "free-hosting"
)

// Match is the strongest imitation found for a host.
type Match struct {
	Family Family
	Entry  int // index entry imitated
	Score  int // 0–100; see severity.go
}

// Found reports whether a match was found.
func (m Match) Found() bool { return m.Score > 0 }

// better keeps the stronger of two matches; on a tie, the earlier family.
func better(a, b Match) Match {
	if b.Score > a.Score {
		return b
	}
	return a
}

// host gathers what every family needs, computed once per verdict.
type host struct {
	h      hostname.Host
	label  string // ASCII registrable label: "arneli"
	ulabel string // the same in Unicode: "аmeli"
	joined string // label without hyphens: "impotsgouv"
	sub    string // subdomain part: "ameli.fr.secure"
}

// Detect runs every family on a host that is not official.
func Detect(ix *index.Index, h hostname.Host) Match {
	if h.Class != hostname.Web || h.IP || h.Registrable == "" {
		return Match{}
	}
	x, ok := newHost(h)
	if !ok {
		return Match{}
	}
	var m Match
	m = better(m, skeletonFamily(ix, &x))
	m = better(m, embeddingFamily(ix, &x))
	if !m.Found() {
		// An official name embedded with a look-alike letter in it
		// (améli.fr-remboursement.com, arneli.fr-login.com): the host read
		// as it looks. Brands only: a local name's twin is its real form.
		if r, ok := readHost(x); ok {
			if e := embeddingFamily(ix, &r); e.Found() && isBrand(ix, e.Entry) {
				m = better(m, e)
			}
		}
	}
	if m.Score < ScoreCertain {
		m = better(m, brandFamilies(ix, &x))
		// An accent plus another change (anéli.fr, amçli.fr): the label
		// without its accents is judged as its ASCII twin would be.
		if f, ok := foldedHost(x); ok {
			m = better(m, brandFamilies(ix, &f))
		}
	}
	if !m.Found() {
		// Last: one or two letters read as the ASCII look-alikes they
		// stand for (anneli, amcli): what no family above explains.
		m = asciiLookalikes(ix, skeleton.Of(x.ulabel))
	}
	if m.Found() && !h.ICANN && m.Family != Skeleton && m.Family != TargetEmbedding {
		// The brand is a registrable domain of its own under a hosting
		// platform's suffix (ameli.000webhostapp.com).
		m.Family = FreeHosting
	}
	return m
}

func newHost(h hostname.Host) (host, bool) {
	x := host{h: h, label: h.Label(), ulabel: h.UnicodeLabel(), sub: h.Subdomain()}
	if len(x.label) > 63 {
		return x, false // not a DNS label: bounded work, nothing to imitate
	}
	x.joined = stripHyphens(x.label)
	return x, true
}

// readHost is the host as it looks: every label's skeleton (accents,
// homoglyphs, rn, 0 and 1 read), when that differs from the host.
func readHost(x host) (host, bool) {
	u := x.h.Unicode
	if u == "" {
		u = x.h.ASCII
		// Most hosts: nothing that reads otherwise, nothing to allocate.
		if !strings.ContainsAny(u, "01|") && !strings.Contains(u, "rn") && !strings.Contains(u, "vv") {
			return x, false
		}
	}
	labels := strings.Split(u, ".")
	for i, l := range labels {
		labels[i] = skeleton.Of(l)
	}
	read := strings.Join(labels, ".")
	if read == x.h.ASCII || !skeleton.IsASCII(read) || !strings.HasSuffix(read, "."+x.h.Suffix) {
		return x, false
	}
	r := x
	r.h.ASCII = read
	r.sub = strings.TrimSuffix(read, "."+x.h.Suffix)
	if i := strings.LastIndexByte(r.sub, '.'); i >= 0 {
		r.sub = r.sub[:i]
	} else {
		r.sub = ""
	}
	return r, true
}

// foldedHost is the host with its registrable label's accents and
// homoglyphs removed, when that makes a different ASCII label.
func foldedHost(x host) (host, bool) {
	if x.ulabel == x.label {
		return x, false
	}
	f := skeleton.Fold(x.ulabel)
	if f == x.label || !skeleton.IsASCII(f) {
		return x, false
	}
	y := x
	y.label, y.ulabel, y.joined = f, f, stripHyphens(f)
	return y, true
}

// brandFamilies runs the families that guard brand entries only, in
// order, skipping a family that cannot score more than what is already
// found (a tie keeps the first match, so it could not change the answer).
func brandFamilies(ix *index.Index, x *host) Match {
	var m Match
	for f, max := range brandMax {
		if m.Score < max {
			m = better(m, brandFamily(f, ix, x))
		}
	}
	return m
}

// brandMax is the highest score each brand family can give, in the order
// of brandFamily (a test checks them).
var brandMax = [...]int{scoreSuffixSwap, scoreHyphenation, scoreEditDistance, scoreComboVocab}

// brandFamily runs brand family f. A switch, not a table of functions: a
// call through a function value would make x escape to the heap.
func brandFamily(f int, ix *index.Index, x *host) Match {
	switch f {
	case 0:
		return suffixSwapFamily(ix, x)
	case 1:
		return hyphenationFamily(ix, x)
	case 2:
		return editDistanceFamily(ix, x)
	default:
		return combosquatFamily(ix, x)
	}
}

func isBrand(ix *index.Index, e int) bool { return ix.Tier(e) == source.Brand }

func stripHyphens(s string) string {
	if strings.IndexByte(s, '-') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "-", "")
}
