package lookalike

import (
	"vigie/wasm/index"
	"vigie/wasm/skeleton"
)

// suffixSwapFamily: a brand's exact name on another public suffix:
// ameli.com, caf.net, ameli.fr.com (fr.com is a private suffix).
func suffixSwapFamily(ix *index.Index, x *host) Match {
	var m Match
	byName(ix, x.label, skeleton.Of(x.label), func(e int) {
		if !isBrand(ix, e) {
			return
		}
		score := scoreSuffixSwap
		if len(x.label) < index.MinEditName {
			score = scoreSuffixSwapShort
		}
		m = better(m, Match{Family: SuffixSwap, Entry: e, Score: score})
	})
	return m
}
