package lookalike

import (
	"vigie/wasm/index"
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
	ix.Skeletons(sk, func(e int) bool {
		m = Match{Family: Skeleton, Entry: e, Score: score}
		return false
	})
	if m.Found() {
		return m
	}
	// The same trick on a multi-word brand written whole: "rn" for "m" in
	// assurance-rnaladie is the brand word assurancemaladie. The label (or
	// the label without hyphens) must read as the word once its look-alike
	// letters are read, and differ from it.
	for _, l := range []string{x.ulabel, stripHyphens(x.ulabel)} {
		if s := skeleton.Of(l); s != l && len(s) >= index.MinAnywhereWord {
			ix.Words(s, func(e int, _ byte) bool {
				m = Match{Family: Skeleton, Entry: e, Score: score}
				return false
			})
			if m.Found() {
				return m
			}
		}
	}
	return m
}
