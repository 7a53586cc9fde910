package lookalike

import "vigie/lists/index"

// hyphenationFamily: the brand's domain written as one label, with hyphens
// added, removed or standing for dots: impots-gouv.fr, impotsgouv.fr,
// service-public-fr.com, am-eli.fr.
func hyphenationFamily(ix *index.Index, x *host) Match {
	var m Match
	ix.Joined(x.joined, func(e int) bool {
		if ix.Entry(e).Name == x.label {
			return true // same name, other suffix: suffix-swap
		}
		m = Match{Family: Hyphenation, Entry: e, Score: scoreHyphenation}
		return false
	})
	return m
}
