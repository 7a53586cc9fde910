package lookalike

import (
	"strings"

	"vigie/lists/index"
	"vigie/wasm/skeleton"
)

// combosquatFamily: a brand word next to other words — ameli-remboursement.com,
// moncompte-caf.info, macartevitale.fr, chronoposts-suivi.fr, amelisoin.fr.
// Word boundaries are respected: cafe-du-port.fr and amelie-les-bains.com
// hold no brand word, because "cafe" and "amelie" are not split into
// "caf"+"e" and "amelie" is a declared honest word.
func combosquatFamily(ix *index.Index, x *host) Match {
	var m Match
	var buf [4]string
	for _, v := range wordVariants(x, &buf) {
		if m.Score >= scoreComboVocab {
			break // the most wordsIn gives; a tie keeps the first
		}
		m = better(m, wordsIn(ix, v))
	}
	if m.Found() {
		m.Family = Combosquat
	}
	return m
}

// wordVariants: the label as typed, its Unicode form with diacritics and
// homoglyphs folded (santé → sante), with digits read as letters (g0uv →
// gouv, cn4f → cnaf), and with "rn" read as "m" (arnelipaiement,
// espacearneli: the look-alike brand glued to service words).
func wordVariants(x *host, buf *[4]string) []string {
	vs := append(buf[:0], x.label)
	if x.ulabel != x.label {
		vs = append(vs, skeleton.Fold(x.ulabel))
	}
	if s := skeleton.Digits(x.label); s != x.label {
		vs = append(vs, s)
	}
	if strings.Contains(x.label, "rn") {
		vs = append(vs, strings.ReplaceAll(x.label, "rn", "m"))
	}
	return vs
}

// wordsIn scores the brand words found in one label.
func wordsIn(ix *index.Index, label string) Match {
	var m Match
	joined := stripHyphens(label)
	// A whole hyphen-separated token, or the whole label, that is a brand
	// word, or one typo from a brand name or long word.
	var buf [maxTokens + 1]string
	toks := splitHyphens(label, buf[:0])
	if len(toks) > 1 {
		toks = append(toks, joined)
	}
	for _, tok := range toks {
		if m.Score >= scoreComboWord {
			break // nothing in this loop scores more, and a tie keeps the first
		}
		ix.Words(tok, func(e int, _ byte) bool {
			s := scoreComboShort
			if len(tok) >= index.MinEditName {
				s = scoreComboWord
			}
			m = better(m, Match{Entry: e, Score: s})
			return false
		})
		if len(tok) > index.MinEditName && !m.Found() && !ix.IsExcept(tok) {
			if t := nearTokenForm(ix, tok); t.Found() {
				m = better(m, Match{Entry: t.Entry, Score: scoreComboTypo})
			}
		}
		if m.Score >= scoreComboAffix {
			break
		}
		if e, ok := affix(ix, tok); ok {
			m = better(m, Match{Entry: e, Score: scoreComboAffix})
		}
	}
	if m.Score >= scoreComboVocab {
		return m
	}
	// The whole label, hyphens removed, read as service words around a
	// brand word: "macartevitale" = ma + cartevitale. Two-letter words
	// ("de", "ma") may stand next to long brand words only: "decaf" is
	// not "de" + "caf".
	var ps index.Pieces
	if ps.Reset(joined) {
		words := opensAt(joined, ix.HasWordPrefix)
		brand := func(minLen int) func(i, j int) (int, bool) {
			return func(i, j int) (e int, ok bool) {
				if j-i >= minLen {
					ix.WordsAt(&ps, i, j, func(x int, _ byte) bool { e, ok = x, true; return false })
				}
				return
			}
		}
		if e, ok := segment(joined, 2, &words, brand(index.MinEditName)); ok {
			return better(m, Match{Entry: e, Score: scoreComboVocab})
		}
		if e, ok := segment(joined, 3, &words, brand(3)); ok {
			return better(m, Match{Entry: e, Score: scoreComboVocab})
		}
		// Theme words with service words only: amende-paiement.fr names no
		// brand but can only mean one.
		themes := opensAt(joined, ix.HasThemePrefix)
		theme := func(i, j int) (e int, ok bool) {
			ix.ThemesAt(&ps, i, j, func(x int) bool { e, ok = x, true; return false })
			return
		}
		if e, ok := segment(joined, 2, &themes, theme); ok {
			return better(m, Match{Entry: e, Score: scoreTheme})
		}
		// An honest word that begins with a brand word (a first name:
		// amelie, amelia) shields a label that is that word alone or among
		// other words, not one that is that word among service words only:
		// amelie-remboursement.fr names ameli through the first name. A
		// banner, not a wall: a shop called "Amélie Services" exists.
		shielded := func(i, j int) (int, bool) {
			if strings.TrimFunc(joined[:i]+joined[j:], func(r rune) bool { return r >= '0' && r <= '9' }) == "" {
				return 0, false // the word and a number: a town's site (lapostolle89)
			}
			return exceptBrand(ix, joined[i:j])
		}
		if e, ok := segment(joined, 3, &words, shielded); ok {
			return better(m, Match{Entry: e, Score: scoreTheme})
		}
	}
	// A theme word standing alone as a token or as the whole label
	// (amendes-paris.fr, securitesociale.fr) still points at its service;
	// so does one declared themestart= opening a token or the label, glued
	// to more letters (amendegouve, amendedgifservice, amendesregu): fines
	// campaigns misspell what they glue, so what follows is not read.
	for _, tok := range append(toks, joined) {
		ix.Themes(tok, func(x int) bool {
			m = better(m, Match{Entry: x, Score: scoreTheme})
			return false
		})
		if e, ok := themeStart(ix, tok); ok {
			m = better(m, Match{Entry: e, Score: scoreTheme})
		}
	}
	return m
}

// themeStart finds a theme declared to count glued to the start of a
// label at the start of s, followed by more letters, unless an honest word
// the list declares begins there (except=amendement over "amende").
func themeStart(ix *index.Index, s string) (e int, ok bool) {
	if len(s) > 63 || !ix.HasThemePrefix(s) {
		return 0, false
	}
	for l := min(len(s)-1, maxThemeStart); l >= minThemeStart; l-- {
		ix.ThemeStarts(s[:l], func(x int) bool { e, ok = x, true; return false })
		if ok {
			return e, !excepted(ix, s, l, true)
		}
	}
	return 0, false
}

// Bounds of a theme word that counts glued: shorter words are everyday
// syllables; no declared one is longer.
const minThemeStart, maxThemeStart = 5, 24

// splitHyphens is strings.Split(s, "-") into buf, without allocating for
// labels of up to maxTokens tokens.
func splitHyphens(s string, buf []string) []string {
	for {
		i := strings.IndexByte(s, '-')
		if i < 0 {
			return append(buf, s)
		}
		buf = append(buf, s[:i])
		s = s[i+1:]
	}
}

// affix finds a brand word at the start or the end of s (affix words, and
// any word of index.MinAnywhereWord letters), or a long word anywhere in
// it, unless an honest word declared in the list covers it there.
func affix(ix *index.Index, s string) (int, bool) {
	n := len(s)
	if n < 4 || n > 63 {
		return 0, false
	}
	entry, found := 0, false
	// The end of a label is read before its trailing number:
	// loterielaposte2 ends with laposte.
	end := strings.TrimRightFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	try := func(w string, start bool) {
		ix.Words(w, func(e int, fl byte) bool {
			if len(w) < index.MinAnywhereWord && (fl&index.WordAffix == 0 && (start || fl&index.WordEnd == 0)) {
				return true
			}
			if len(w) == n || start && excepted(ix, s, len(w), true) || !start && excepted(ix, end, len(w), false) {
				return false
			}
			entry, found = e, true
			return false
		})
	}
	atStart, atEnd := ix.HasWordPrefix(s), ix.HasAffixSuffix(end)
	for l := ix.MaxWord(); l >= 3 && !found && (atStart || atEnd); l-- {
		if atStart && l <= n {
			try(s[:l], true)
		}
		if atEnd && !found && l <= len(end) {
			try(end[len(end)-l:], false)
		}
	}
	for i := 1; i+index.MinAnywhereWord < n && !found; i++ {
		if !ix.HasWordPrefix(s[i:]) {
			continue
		}
		for l := index.MinAnywhereWord; i+l <= n && l <= ix.MaxWord() && !found; l++ {
			ix.Words(s[i:i+l], func(e int, _ byte) bool { entry, found = e, true; return false })
		}
	}
	return entry, found
}

// exceptBrand: w is an honest word the list declares that begins with a
// brand word (amelie over ameli); the brand's entry.
func exceptBrand(ix *index.Index, w string) (e int, ok bool) {
	if len(w) < 4 || !ix.IsExcept(w) {
		return 0, false
	}
	for k := len(w) - 1; k >= 3 && !ok; k-- {
		ix.Words(w[:k], func(x int, _ byte) bool { e, ok = x, true; return false })
	}
	return e, ok
}

// excepted: s begins (or ends) with an honest word longer than the brand
// word of length l found there ("amelie-" over "ameli").
func excepted(ix *index.Index, s string, l int, start bool) bool {
	for k := l + 1; k <= len(s) && k <= l+12; k++ {
		w := s[:k]
		if !start {
			w = s[len(s)-k:]
		}
		if ix.IsExcept(w) {
			return true
		}
	}
	return false
}

// opening marks the positions of a label where a word of some kind may
// start (open[i]), and whether there is any; one trigram lookup per
// position rules most labels out before any splitting.
type opening struct {
	open [64]bool
	any  bool
}

func opensAt(s string, opens func(string) bool) (o opening) {
	for i := 0; i+3 <= len(s) && i < len(o.open); i++ {
		o.open[i] = opens(s[i:])
		o.any = o.any || o.open[i]
	}
	return o
}

// segment splits s into service words of minPiece letters or more, numbers,
// and at least one word that lookup knows (a brand word, a theme word,
// starting where o says one may), not standing alone; it returns the entry
// of the longest such word. lookup(i, j) looks up s[i:j].
func segment(s string, minPiece int, o *opening, lookup func(i, j int) (entry int, ok bool)) (int, bool) {
	n := len(s)
	if n < 3 || n > 63 || !o.any {
		return 0, false
	}
	open := &o.open
	// plain[i]: s[:i] splits into service words and numbers only.
	// known[i]: s[:i] splits with at least one looked-up word; the value
	// is 1 + entry, and klen[i] the length of the longest such word.
	var plain [64]bool
	var known, klen [64]int
	plain[0] = true
	for i := 0; i < n; i++ {
		if !plain[i] && known[i] == 0 {
			continue
		}
		if isDigit(s[i]) {
			j := i + 1
			for j < n && isDigit(s[j]) {
				j++
			}
			step(&plain, &known, &klen, i, j)
		}
		for _, w := range vocabFrom(s[i]) {
			if len(w) >= minPiece && strings.HasPrefix(s[i:], w) {
				step(&plain, &known, &klen, i, i+len(w))
			}
		}
		for j := i + 3; open[i] && j <= n && j-i <= 24; j++ {
			if e, ok := lookup(i, j); ok && j-i > klen[j] {
				known[j], klen[j] = e+1, j-i
			}
		}
	}
	if known[n] == 0 || klen[n] == n {
		return 0, false // no known word, or nothing but one
	}
	return known[n] - 1, true
}

// step records that s[i:j] is a service word or a number.
func step(plain *[64]bool, known, klen *[64]int, i, j int) {
	plain[j] = plain[j] || plain[i]
	if known[i] != 0 && klen[i] > klen[j] {
		known[j], klen[j] = known[i], klen[i]
	}
}
