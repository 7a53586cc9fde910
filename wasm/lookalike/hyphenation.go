package lookalike

import (
	"strings"

	"vigie/lists/index"
)

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
	if m.Found() || x.sub == "" {
		return m
	}
	// A dot standing inside the brand's name (a.meli.fr, chrono.post.fr):
	// the phisher registers the name's end and puts its start below it.
	last := x.sub[strings.LastIndexByte(x.sub, '.')+1:]
	found := func(e int) bool {
		if !isBrand(ix, e) {
			return true
		}
		m = Match{Family: Hyphenation, Entry: e, Score: scoreHyphenation}
		return false
	}
	ix.Names(last+x.label, found)
	if !m.Found() {
		ix.Joined(stripHyphens(last+x.label), found) // service-pub.lic.fr
	}
	return m
}
