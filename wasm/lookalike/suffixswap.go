package lookalike

import "vigie/lists/index"

// suffixSwapFamily: a brand's exact name on another public suffix:
// ameli.com, caf.net, ameli.fr.com (fr.com is a private suffix).
func suffixSwapFamily(ix *index.Index, x *host) Match {
	var m Match
	ix.Names(x.label, func(e int) bool {
		if !isBrand(ix, e) {
			return true
		}
		score := scoreSuffixSwap
		if len(x.label) < index.MinEditName {
			score = scoreSuffixSwapShort
		}
		m = better(m, Match{Family: SuffixSwap, Entry: e, Score: score})
		return true
	})
	return m
}
