// Package skeleton maps a domain label to the string it looks like, after
// UTS #39 ("Unicode Security Mechanisms", section 4): two labels with the same
// skeleton are visually confusable. It covers the characters that matter for
// French administration names: Latin with diacritics, the Cyrillic and Greek
// letters that look Latin, digits that look like letters, and the letter
// pairs that render like one letter in common fonts ("rn" → "m").
//
// The table is a hand-checked subset of Unicode's confusables.txt plus
// Chromium's extra rules for domain names; it is small on purpose, because
// every entry costs bytes in the WebAssembly module.
package skeleton

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxInput bounds the work per label: DNS labels are at most 63 octets, and
// their U-label form cannot be longer in characters.
const MaxInput = 63

// confusable maps single non-ASCII runes (after diacritics are removed) to
// their Latin look-alike.
var confusable = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'i', 'ї': 'i',
	'ј': 'j', 'к': 'k', 'ӏ': 'l', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'г': 'r',
	'ѕ': 's', 'т': 't', 'ц': 'u', 'ѵ': 'v', 'ԝ': 'w', 'х': 'x', 'у': 'y', 'ү': 'y', 'з': '3',
	'ь': 'b', 'п': 'n', 'и': 'u', 'ո': 'n', 'ս': 'u', 'օ': 'o', 'հ': 'h', 'զ': 'q', 'ց': 'g',
	// Greek
	'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o',
	'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'ϲ': 'c', 'ϳ': 'j',
	// Latin letters that are not a base letter plus a mark
	'ı': 'i', 'ȷ': 'j', 'ł': 'l', 'ƚ': 'l', 'ɫ': 'l', 'ɩ': 'i', 'ɑ': 'a', 'ɡ': 'g', 'ɒ': 'a',
	'ø': 'o', 'đ': 'd', 'ħ': 'h', 'ŧ': 't', 'ƀ': 'b', 'ƅ': 'b', 'ɓ': 'b', 'ɗ': 'd', 'ɛ': 'e',
	'ß': 'b', 'þ': 'p', 'ŋ': 'n', 'ɲ': 'n', 'ʀ': 'r', 'ꞃ': 'r', 'ꜱ': 's', 'ᴠ': 'v', 'ᴡ': 'w',
	'ᴢ': 'z', 'ᴏ': 'o', 'ᴄ': 'c', 'ᴜ': 'u', 'ɪ': 'i', 'ʟ': 'l', 'ɴ': 'n', 'ʜ': 'h', 'ᴋ': 'k',
	'ⅼ': 'l', 'ℓ': 'l', '∣': 'l', 'ǀ': 'l',
}

// asciiConfusable maps ASCII characters that read as another letter in a
// domain name.
var asciiConfusable = [128]byte{'0': 'o', '1': 'l', '|': 'l'}

// pairs are letter pairs that render like one letter ("rn" in "arneli").
var pairs = [...][2]string{{"rn", "m"}, {"vv", "w"}}

// Of returns the skeleton of a label. Labels longer than MaxInput runes are
// cut there, so the work per host is bounded.
func Of(label string) string {
	if plain(label) {
		return label // nearly every label: nothing to map, nothing to allocate
	}
	return of(label)
}

func of(label string) string {
	var b strings.Builder
	b.Grow(len(label))
	n := 0
	for _, r := range label {
		if n++; n > MaxInput {
			break
		}
		if r < utf8.RuneSelf {
			if m := asciiConfusable[r]; m != 0 {
				r = rune(m)
			}
			b.WriteRune(r)
			continue
		}
		fold(&b, r)
	}
	s := b.String()
	for _, p := range pairs {
		if strings.Contains(s, p[0]) {
			s = strings.ReplaceAll(s, p[0], p[1])
		}
	}
	return s
}

// plain reports that label is ASCII with no confusable letter nor pair:
// its own skeleton.
func plain(label string) bool {
	if len(label) > MaxInput {
		return false
	}
	for i := 0; i < len(label); i++ {
		if c := label[i]; c >= utf8.RuneSelf || asciiConfusable[c] != 0 {
			return false
		}
	}
	for _, p := range pairs {
		if strings.Contains(label, p[0]) {
			return false
		}
	}
	return true
}

// fold writes the Latin look-alike of a non-ASCII rune: its base letter with
// diacritics removed (é → e), or its confusable (Cyrillic а → a). Runes with
// no mapping are kept, so they cannot collide with a Latin name.
func fold(b *strings.Builder, r rune) {
	if m, ok := confusable[r]; ok {
		b.WriteRune(m)
		return
	}
	var buf [utf8.UTFMax * 4]byte
	d := norm.NFD.Append(buf[:0], []byte(string(r))...)
	wrote := false
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if unicode.Is(unicode.Mn, c) {
			continue // a combining mark: é is e
		}
		if m, ok := confusable[c]; ok {
			c = m
		}
		b.WriteRune(c)
		wrote = true
	}
	if !wrote {
		b.WriteRune(r)
	}
}

// Script is a coarse script class, enough to tell mixed-script labels.
type Script uint8

const (
	Common Script = 1 << iota // digits, hyphen
	Latin
	Cyrillic
	Greek
	Armenian
	Other
)

// Scripts returns the set of scripts used in a label.
func Scripts(label string) Script {
	var s Script
	for _, r := range label {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				s |= Latin
			} else {
				s |= Common
			}
		case unicode.Is(unicode.Latin, r):
			s |= Latin
		case unicode.Is(unicode.Cyrillic, r):
			s |= Cyrillic
		case unicode.Is(unicode.Greek, r):
			s |= Greek
		case unicode.Is(unicode.Armenian, r):
			s |= Armenian
		case unicode.Is(unicode.Mn, r):
		default:
			s |= Other
		}
	}
	return s
}

// Mixed reports a label that mixes Latin with a script whose letters look
// Latin: the classic IDN homograph.
func Mixed(label string) bool {
	s := Scripts(label) &^ Common
	return s&Latin != 0 && s&(Cyrillic|Greek|Armenian) != 0
}

// LooksLatin reports a label written only in a non-Latin script whose
// skeleton is all ASCII letters ("аmеlі" in Cyrillic): whole-script confusable.
func LooksLatin(label, skel string) bool {
	if IsASCII(label) {
		return false
	}
	return IsASCII(skel)
}

// IsASCII: s holds no byte beyond ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold removes diacritics and maps single homoglyphs to Latin, without the
// digit and letter-pair rules of Of: it reads the words of an IDN label
// ("santé" → "sante") rather than its look.
func Fold(label string) string {
	var b strings.Builder
	n := 0
	for _, r := range label {
		if n++; n > MaxInput {
			break
		}
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		fold(&b, r)
	}
	return b.String()
}

// Digits maps the digits that stand for letters in a host's label (g0uv →
// gouv, ame1i → ameli, cn4f → cnaf, s3cu → secu, 5ecurite → securite) and
// nothing else: letter pairs such as "rn" are left alone, since honest
// words hold them ("gouvernement"). Only the word families read this form
// (a brand word must come out of it); the skeleton family keeps 0 and 1,
// the digits that look like letters.
func Digits(label string) string { return ReadDigits(label, 'l', false) }

// ReadDigits reads digits as the letters they stand for: 0 o, 3 e, 4 a,
// 5 s, 1 as one (l or i: the caller reads both where both are likely), and
// 7 t when seven (page text; host labels keep it). One table for the host
// families and the page check.
func ReadDigits(s string, one byte, seven bool) string {
	if !strings.ContainsAny(s, "013457") {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		switch c {
		case '0':
			b[i] = 'o'
		case '1':
			b[i] = one
		case '3':
			b[i] = 'e'
		case '4':
			b[i] = 'a'
		case '5':
			b[i] = 's'
		case '7':
			if seven {
				b[i] = 't'
			}
		}
	}
	return string(b)
}
