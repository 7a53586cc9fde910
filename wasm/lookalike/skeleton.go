package lookalike

import (
	"strings"

	"vigie/lists/index"
	"vigie/wasm/skeleton"
)

// skeletonFamily: the label looks like an official name but is not it —
// homoglyphs (Cyrillic а), digits for letters (ame1i), letter pairs (arneli).
// It guards every tier: a deliberate visual copy is never innocent.
func skeletonFamily(ix *index.Index, x *host) Match {
	sk := skeleton.Of(x.ulabel)
	if sk == x.ulabel && x.ulabel == x.label {
		// Plain ASCII with nothing confusable: an identical skeleton would
		// mean an identical name, which is suffix-swap's business.
		return Match{}
	}
	score := scoreSkeleton
	if skeleton.Mixed(x.ulabel) {
		score = scoreSkeletonMixed
	}
	var m Match
	readings := ones(x.ulabel) // readings[0] is the label, whose skeleton is sk
	for i, label := range readings {
		if i > 0 {
			sk = skeleton.Of(label)
		}
		ix.Skeletons(sk, func(e int) bool {
			m = Match{Family: Skeleton, Entry: e, Score: score}
			return false
		})
		if m.Found() {
			return m
		}
	}
	// The same trick on a multi-word brand written whole: "rn" for "m" in
	// assurance-rnaladie is the brand word assurancemaladie. The label (or
	// the label without hyphens) must read as the word once its look-alike
	// letters are read, and differ from it.
	for _, label := range readings {
		for _, l := range []string{label, stripHyphens(label)} {
			if s := skeleton.Of(l); (s != l || label != x.ulabel) && len(s) >= index.MinAnywhereWord {
				ix.Words(s, func(e int, _ byte) bool {
					m = Match{Family: Skeleton, Entry: e, Score: score}
					return false
				})
				if m.Found() {
					return m
				}
			}
		}
	}
	return m
}

// maxOnes bounds the readings of a label's 1s (2^maxOnes of them).
const maxOnes = 4

// ones: the label, then its readings with each 1 read as l or as i
// (skeleton.Of reads it as l): "serv1ce" is service, "ame11" is ameli
// with one of each. A label with more 1s is read the one way.
func ones(label string) []string {
	n := strings.Count(label, "1")
	if n == 0 || n > maxOnes {
		return []string{label}
	}
	out := []string{label}
	for mask := 0; mask < 1<<n; mask++ {
		b, k := []byte(label), 0
		for i, c := range b {
			if c == '1' {
				if mask&(1<<k) != 0 {
					b[i] = 'i'
				} else {
					b[i] = 'l'
				}
				k++
			}
		}
		if mask != 0 { // all l: the label's own skeleton
			out = append(out, string(b))
		}
	}
	return out
}

// asciiSwaps are the ASCII letters that dnstwist's homoglyph tables (and
// phishers) put for a brand's letters: nn and rr for m (as rn), n for m,
// c for e, i and l for each other.
var asciiSwaps = [...]struct{ from, to string }{{"nn", "m"}, {"rr", "m"}, {"n", "m"}, {"c", "e"}, {"i", "l"}, {"l", "i"}}

// maxSwapLabel bounds the labels read this way: brand names are short.
const maxSwapLabel = 24

// asciiLookalikes: a label that reads as a brand name of 5+ letters once
// one or two of its letters are read as the ASCII look-alikes they stand
// for (anneli, arreli, amcli, arneii are ameli). Brands only, and a
// reading, not a sight: edit distance's score, not the skeleton's.
func asciiLookalikes(ix *index.Index, sk string) (m Match) {
	if len(sk) < index.MinEditName || len(sk) > maxSwapLabel || !skeleton.IsASCII(sk) {
		return m
	}
	try := func(r string) bool {
		ix.Skeletons(r, func(e int) bool {
			if isBrand(ix, e) && len(ix.Entry(e).Name) >= index.MinEditName {
				m = Match{Family: Skeleton, Entry: e, Score: scoreEditDistance}
				return false
			}
			return true
		})
		return m.Found()
	}
	// swapsAt calls f with s read with one swap at or after position i.
	swapsAt := func(s string, from int, f func(r string, next int) bool) bool {
		for i := from; i < len(s); i++ {
			for _, w := range asciiSwaps {
				if strings.HasPrefix(s[i:], w.from) {
					r := s[:i] + w.to + s[i+len(w.from):]
					if f(r, i+len(w.to)) {
						return true
					}
				}
			}
		}
		return false
	}
	swapsAt(sk, 0, func(r string, next int) bool {
		return try(r) || swapsAt(r, next, func(r2 string, _ int) bool { return try(r2) })
	})
	return m
}
