package lookalike

import (
	"strings"

	"vigie/wasm/index"
)

// combosquatFamily: a brand word next to other words — ameli-remboursement.com,
// moncompte-caf.info, macartevitale.fr, chronoposts-suivi.fr. Word
// boundaries are respected: cafe-du-port.fr and amelie-les-bains.com hold no
// brand word, because "cafe" and "amelie" are not split into "caf"+"e".
func combosquatFamily(ix *index.Index, x *host) Match {
	m := wordsIn(ix, x.label)
	if m.Found() {
		m.Family = Combosquat
	}
	return m
}

// wordsIn scores the brand words found in one label.
func wordsIn(ix *index.Index, label string) Match {
	var m Match
	// A whole hyphen-separated token that is a brand word, or one typo
	// from a long one.
	for _, tok := range strings.Split(label, "-") {
		ix.Words(tok, func(e int) bool {
			s := scoreComboShort
			if len(tok) >= index.MinEditName {
				s = scoreComboWord
			}
			m = better(m, Match{Entry: e, Score: s})
			return false
		})
		if len(tok) >= index.MinEditWord && !m.Found() {
			if t := nearForm(ix, tok); t.Found() {
				m = better(m, Match{Entry: t.Entry, Score: scoreComboTypo})
			}
		}
	}
	// The whole label, hyphens removed, read as service words around a
	// brand word: "macartevitale" = ma + cartevitale.
	// Two-letter words ("de", "ma") may stand next to long brand words
	// only: "decaf" is not "de" + "caf".
	j := stripHyphens(label)
	if e, ok := segment(ix, j, 2, index.MinEditName); ok {
		m = better(m, Match{Entry: e, Score: scoreComboVocab})
	} else if e, ok := segment(ix, j, 3, 0); ok {
		m = better(m, Match{Entry: e, Score: scoreComboVocab})
	}
	return m
}

// segment splits s into service words of minPiece letters or more, numbers
// and at least one brand word of minBrand letters or more, and returns the
// entry of the longest brand word used. It first checks
// that a brand word starts somewhere, which rules out almost every label
// at the cost of one small binary search per position.
func segment(ix *index.Index, s string, minPiece, minBrand int) (int, bool) {
	n := len(s)
	if n < 3 || n > 63 {
		return 0, false
	}
	any := false
	for i := 0; i+3 <= n && !any; i++ {
		any = ix.HasWordPrefix(s[i:])
	}
	if !any {
		return 0, false
	}
	// plain[i]: s[:i] splits into service words and numbers only.
	// brand[i]: s[:i] splits with at least one brand word; the value is
	// 1 + entry, and blen[i] the length of the longest brand word used.
	var plain [64]bool
	var brand, blen [64]int
	plain[0] = true
	maxLen := ix.MaxWord()
	if maxVocab > maxLen {
		maxLen = maxVocab
	}
	for i := 0; i < n; i++ {
		if !plain[i] && brand[i] == 0 {
			continue
		}
		for j := i + 1; j <= n && j-i <= maxLen; j++ {
			piece := s[i:j]
			if isDigits(piece) || len(piece) >= minPiece && isVocab(piece) {
				plain[j] = plain[j] || plain[i]
				if brand[i] != 0 && blen[i] > blen[j] {
					brand[j], blen[j] = brand[i], blen[i]
				}
			}
			if len(piece) >= 3 && len(piece) >= minBrand && ix.HasWordPrefix(piece) {
				ix.Words(piece, func(e int) bool {
					if len(piece) > blen[j] {
						brand[j], blen[j] = e+1, len(piece)
					}
					return false
				})
			}
		}
	}
	if brand[n] == 0 || blen[n] == n {
		return 0, false // no brand word, or nothing but one
	}
	return brand[n] - 1, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
