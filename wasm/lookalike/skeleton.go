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
	return m
}
