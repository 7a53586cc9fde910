package sha2

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// The standard library is the reference: every length from 0 to four
// blocks of SHA-512 (all padding cases of both), written whole and in
// random pieces.
func TestSameAsStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	msg := make([]byte, 4*chunk512+3)
	for i := range msg {
		msg[i] = byte(r.Uint32())
	}
	for n := 0; n <= len(msg); n++ {
		m := msg[:n]
		if got, want := Sum256(m), sha256.Sum256(m); got != want {
			t.Fatalf("SHA-256 of %d bytes: %x, want %x", n, got, want)
		}
		if got, want := Sum512(m), sha512.Sum512(m); got != want {
			t.Fatalf("SHA-512 of %d bytes: %x, want %x", n, got, want)
		}
		d256, d512 := New256(), New512()
		for rest := m; len(rest) > 0; {
			k := min(len(rest), r.IntN(200))
			d256.Write(rest[:k])
			d512.Write(rest[:k])
			rest = rest[k:]
		}
		if got, want := d256.Sum(nil), sha256.Sum256(m); string(got) != string(want[:]) {
			t.Fatalf("SHA-256 of %d bytes in pieces: %x, want %x", n, got, want)
		}
		if got, want := d512.Sum(nil), sha512.Sum512(m); string(got) != string(want[:]) {
			t.Fatalf("SHA-512 of %d bytes in pieces: %x, want %x", n, got, want)
		}
		key := msg[len(msg)-n%150:]
		h := hmac.New(sha256.New, key)
		h.Write(m)
		if got := HMAC256(key, m); string(got[:]) != string(h.Sum(nil)) {
			t.Fatalf("HMAC of %d bytes under a %d-byte key differs", n, len(key))
		}
	}
}

// FIPS 180-4 examples and RFC 4231 test case 2, written out so that a
// change in both implementations at once would still be caught.
func TestKnownAnswers(t *testing.T) {
	for _, c := range []struct {
		got  []byte
		want string
	}{
		{sum256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{sum256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{sum512("abc"), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
		{hmac256("Jefe", "what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		// RFC 7914, section 11 (PBKDF2-HMAC-SHA256, 1 iteration).
		{PBKDF2SHA256([]byte("passwd"), []byte("salt"), 1, 64), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
	} {
		if hex.EncodeToString(c.got) != c.want {
			t.Errorf("got %x, want %s", c.got, c.want)
		}
	}
}

func sum256(s string) []byte { b := Sum256([]byte(s)); return b[:] }
func sum512(s string) []byte { b := Sum512([]byte(s)); return b[:] }
func hmac256(k, m string) []byte {
	b := HMAC256([]byte(k), []byte(m))
	return b[:]
}

func TestPBKDF2SameAsStandardLibrary(t *testing.T) {
	for _, c := range []struct {
		pw, salt     string
		iter, keyLen int
	}{
		{"1234", "0123456789abcdef", 1, 32},
		{"1234", "0123456789abcdef", 1000, 32},
		{"", "", 3, 1},
		{"a very long mediator code that is longer than one block of sha-256, sixty-four bytes", "s", 7, 70},
	} {
		want, err := pbkdf2.Key(sha256.New, c.pw, []byte(c.salt), c.iter, c.keyLen)
		if err != nil {
			t.Fatal(err)
		}
		if got := PBKDF2SHA256([]byte(c.pw), []byte(c.salt), c.iter, c.keyLen); string(got) != string(want) {
			t.Errorf("%+v: %x, want %x", c, got, want)
		}
	}
}

func FuzzSameAsStandardLibrary(f *testing.F) {
	f.Add([]byte("abc"), 3)
	f.Fuzz(func(t *testing.T, m []byte, cut int) {
		if Sum256(m) != sha256.Sum256(m) || Sum512(m) != sha512.Sum512(m) {
			t.Fatalf("digest of %x differs", m)
		}
		if cut < 0 || cut > len(m) {
			return
		}
		d := New512()
		d.Write(m[:cut])
		d.Write(m[cut:])
		if want := sha512.Sum512(m); string(d.Sum(nil)) != string(want[:]) {
			t.Fatalf("split digest of %x at %d differs", m, cut)
		}
	})
}
