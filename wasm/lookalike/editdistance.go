package lookalike

import "vigie/wasm/index"

// editDistanceFamily: one typo away from a brand name or joined form —
// addition (amelli), omission (amei), repetition, transposition (aemli),
// replacement (amwli: keyboard neighbour, vowel swap, bit flip all land
// here). Only names of index.MinEditName letters or more: shorter names
// have too many honest neighbours.
func editDistanceFamily(ix *index.Index, x *host) Match {
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
// from q, through the deletions table: q and each of its one-character
// deletions are looked up; the forms listed under them are verified.
func nearForm(ix *index.Index, q string) Match {
	if len(q) < index.MinEditName || len(q) > 63 {
		return Match{}
	}
	var m Match
	check := func(form string, e int) bool {
		if len(form) >= index.MinEditName && oneEdit(q, form) {
			m = Match{Entry: e, Score: 1}
			return false
		}
		return true
	}
	ix.Deletions(q, check)
	var buf [64]byte
	for i := 0; i < len(q) && !m.Found(); i++ {
		if i > 0 && q[i] == q[i-1] {
			continue // same deletion as the previous one
		}
		n := copy(buf[:], q[:i])
		n += copy(buf[n:], q[i+1:])
		ix.Deletions(string(buf[:n]), check)
	}
	return m
}

// oneEdit reports a Damerau–Levenshtein distance of exactly 1 between a
// and b, minus Chromium's known false positives: a difference in the first
// character only (different words: "bameli"), a lone hyphen (hyphenation's
// business), and a change of trailing number ("ants2" vs "ants3").
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
			if i == 0 && !visualPair(a[0], b[0]) {
				return false
			}
			if isDigit(a[i]) && isDigit(b[i]) && trailingDigits(a, i) {
				return false
			}
			return true
		}
		// transposition of neighbours
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la == lb+1: // a has an extra character at i
		if a[i+1:] != b[i:] || i == 0 || a[i] == '-' {
			return false
		}
		return !(isDigit(a[i]) && trailingDigits(a, i))
	default: // b has an extra character at i
		if a[i:] != b[i+1:] || i == 0 || b[i] == '-' {
			return false
		}
		return !(isDigit(b[i]) && trailingDigits(b, i))
	}
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
