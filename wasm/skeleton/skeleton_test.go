package skeleton

import (
	"math/rand"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ameli", "ameli"},
		{"arneli", "ameli"},          // rn reads as m
		{"ame1i", "ameli"},           // 1 reads as l
		{"imp0ts", "impots"},         // 0 reads as o
		{"аmeli", "ameli"},           // Cyrillic а
		{"аmеlі", "ameli"},           // whole-script Cyrillic
		{"impôts", "impots"},         // diacritics fold
		{"sécurité", "securite"},     //
		{"chronopoѕt", "chronopost"}, // Cyrillic ѕ
		{"vvww", "www"},              // vv reads as w
		{"ameIi", "ameIi"},           // upper case never reaches here: hosts are lower-cased
		{"日本", "日本"},                 // unmapped scripts are kept, so they match nothing Latin
	} {
		if got := Of(c.in); got != c.want {
			t.Errorf("Of(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMixed(t *testing.T) {
	for _, c := range []struct {
		in    string
		mixed bool
	}{
		{"ameli", false}, {"аmeli", true}, {"аmеlі", true}, {"аррӏе", false}, {"ameli-2024", false}, {"αmeli", true}, {"日本-ameli", false},
	} {
		if got := Mixed(c.in); got != c.mixed {
			t.Errorf("Mixed(%q) = %v", c.in, got)
		}
	}
}

// Work per label is bounded: a 253-character host of confusables answers
// at once (the length cap is the guarantee; this checks it holds).
func TestBounded(t *testing.T) {
	long := strings.Repeat("аrn", 200)
	if got := Of(long); len([]rune(got)) > MaxInput {
		t.Fatalf("skeleton of a long label has %d runes", len([]rune(got)))
	}
}

// The shortcut for plain labels gives what the full mapping gives.
func TestPlainShortcut(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-"
	plainSeen := 0
	for i := 0; i < 20000; i++ {
		b := make([]byte, 1+rng.Intn(20))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
		}
		l := string(b)
		if plain(l) {
			plainSeen++
			if got := of(l); got != l {
				t.Fatalf("%q is plain but its skeleton is %q", l, got)
			}
		}
		if Of(l) != of(l) {
			t.Fatalf("%q: Of %q, full mapping %q", l, Of(l), of(l))
		}
	}
	if plainSeen < 1000 {
		t.Fatalf("only %d plain labels drawn", plainSeen)
	}
}
