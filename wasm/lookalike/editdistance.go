package lookalike

import (
	"strings"

	"vigie/lists/index"
)

// editDistanceFamily: one typo away from a brand name or joined form —
// addition (amelli), omission (amei), repetition, transposition (aemli),
// replacement (amwli: keyboard neighbour, vowel swap, bit flip all land
// here). Only names of index.MinEditName letters or more: shorter names
// have too many honest neighbours.
func editDistanceFamily(ix *index.Index, x *host) Match {
	if ix.IsExcept(x.label) {
		return Match{} // an honest word the list declares ("amelie")
	}
	m := nearForm(ix, x.label)
	if !m.Found() && x.joined != x.label {
		m = nearForm(ix, x.joined)
	}
	if m.Found() {
		m.Family, m.Score = EditDistance, scoreEditDistance
	}
	return m
}

// nearForm finds a brand form at Damerau–Levenshtein distance exactly 1
// from q: the candidates come from the deletions table (index.NearForms)
// and are verified here.
func nearForm(ix *index.Index, q string) Match {
	return nearFormFunc(ix, q, func(string) bool { return true })
}

func nearFormFunc(ix *index.Index, q string, accept func(form string) bool) Match {
	if len(q) < index.MinEditName || len(q) > 63 {
		return Match{}
	}
	var m Match
	ix.NearForms(q, func(form string, e int) bool {
		if len(form) >= index.MinEditName && oneEdit(q, form) && accept(form) {
			m = Match{Entry: e, Score: 1}
			return false
		}
		return true
	})
	return m
}

// nearTokenForm is nearForm for a token inside a longer label, where a typo
// is weaker evidence: the form must have 6+ letters, and a replaced letter
// must look like the one it replaces unless the form has 8+ letters
// (lacoste is not laposte; chronoposts is chronopost).
func nearTokenForm(ix *index.Index, tok string) Match {
	m := nearFormFunc(ix, tok, func(form string) bool {
		if len(form) <= index.MinEditName {
			return false
		}
		if len(form) >= index.MinAnywhereWord || len(form) != len(tok) {
			return true
		}
		i := 0
		for i < len(tok) && tok[i] == form[i] {
			i++
		}
		// equal lengths: a substitution or a transposition at i
		return i+1 < len(tok) && tok[i] == form[i+1] || visualPair(tok[i], form[i])
	})
	return m
}

// oneEdit reports a Damerau–Levenshtein distance of exactly 1 between a
// and b, minus Chromium's known false positives: a difference in the first
// character only (different words: "bameli"), a lone hyphen (hyphenation's
// business), and a change of trailing number ("ants2" vs "ants3"). A brand
// name of index.MinAnywhereWord letters or more has no honest neighbour:
// its first letter changed or dropped counts (bhronopost, ervice-public);
// one added before it does not, French elides its articles there
// (letudiant.fr is L'Étudiant, not etudiant.gouv.fr).
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] { // substitution
			if i == 0 && !visualPair(a[0], b[0]) && len(b) < index.MinAnywhereWord {
				return false
			}
			if len(b) < index.MinAnywhereWord && !likelySubstitution(a[i], b[i]) && !copiesNeighbour(a[i], b, i) {
				return false // lacoste is not a typo of laposte; long names have no such neighbours
			}
			if isDigit(a[i]) && isDigit(b[i]) && trailingDigits(a, i) {
				return false
			}
			return true
		}
		// transposition of neighbours
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la == lb+1: // a has an extra character at i
		if a[i+1:] != b[i:] || i == 0 || a[i] == '-' { // a letter before: l'etudiant, d'assurance
			return false
		}
		return !(isDigit(a[i]) && trailingDigits(a, i))
	default: // b has an extra character at i
		if a[i:] != b[i+1:] || i == 0 && len(b) < index.MinAnywhereWord || b[i] == '-' {
			return false
		}
		return !(isDigit(b[i]) && trailingDigits(b, i))
	}
}

// copiesNeighbour: the replacing character repeats the brand's letter
// next to it, a doubled-letter slip (laposte → laposse, urssaf →
// urssff); a different word rarely differs from a brand that way.
func copiesNeighbour(c byte, brand string, i int) bool {
	return i > 0 && brand[i-1] == c || i+1 < len(brand) && brand[i+1] == c
}

// visualPair: first letters that look alike, where a first-letter change is
// a visual trick rather than another word (lmpots for impots).
func visualPair(x, y byte) bool {
	if x > y {
		x, y = y, x
	}
	switch string([]byte{x, y}) {
	case "il", "1l", "1i", "0o", "mn", "uv", "vw", "ce", "ao":
		return true
	}
	return false
}

// likelySubstitution: a replaced character that a phisher chooses to look
// or type like the original — a visual pair, a keyboard neighbour (AZERTY
// or QWERTY), a one-bit flip, a vowel for a vowel, or a digit.
func likelySubstitution(x, y byte) bool {
	if visualPair(x, y) || isVowel(x) && isVowel(y) || isDigit(x) || isDigit(y) {
		return true
	}
	if d := x ^ y; d&(d-1) == 0 {
		return true // one bit
	}
	return neighbours(x, y, qwerty) || neighbours(x, y, azerty)
}

var (
	qwerty = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
	azerty = [3]string{"azertyuiop", "qsdfghjklm", "wxcvbn"}
)

// neighbours: same row and adjacent, or adjacent rows and at most one
// column apart (rows are staggered).
func neighbours(x, y byte, kb [3]string) bool {
	rx, cx, ry, cy := -1, 0, -1, 0
	for r, row := range kb {
		if i := strings.IndexByte(row, x); i >= 0 {
			rx, cx = r, i
		}
		if i := strings.IndexByte(row, y); i >= 0 {
			ry, cy = r, i
		}
	}
	if rx < 0 || ry < 0 {
		return false
	}
	dr, dc := rx-ry, cx-cy
	if dr < 0 {
		dr = -dr
	}
	if dc < 0 {
		dc = -dc
	}
	return dr == 0 && dc == 1 || dr == 1 && dc <= 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// trailingDigits: from position i to the end of s there are only digits.
func trailingDigits(s string, i int) bool {
	for ; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
