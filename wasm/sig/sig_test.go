package sig

import (
	"crypto/ed25519"
	"encoding/hex"
	"math/big"
	"math/rand/v2"
	"testing"
)

// RFC 8032, section 7.1, TEST 2.
func TestRFC8032(t *testing.T) {
	pub, _ := hex.DecodeString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
	sig, _ := hex.DecodeString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
	if !Verify(pub, []byte{0x72}, sig) {
		t.Fatal("RFC 8032 test 2 refused")
	}
	if Verify(pub, []byte{0x73}, sig) {
		t.Fatal("another message accepted")
	}
}

// Verify must answer as crypto/ed25519.Verify on good signatures and on
// every kind of bad one: a flipped bit anywhere, S not reduced, A and R
// as non-canonical or small-order encodings, wrong lengths.
func TestSameAsStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	seed := make([]byte, ed25519.SeedSize)
	check := func(what string, pub, msg, sig []byte) {
		t.Helper()
		if got, want := Verify(pub, msg, sig), stdVerify(pub, msg, sig); got != want {
			t.Fatalf("%s: Verify %v, crypto/ed25519 %v (pub %x sig %x msg %x)", what, got, want, pub, sig, msg)
		}
	}
	order, _ := new(big.Int).SetString("7237005577332262213973186563042994240857116359379907606001950938285454250989", 10)
	for i := 0; i < 200; i++ {
		for j := range seed {
			seed[j] = byte(r.Uint32())
		}
		priv := ed25519.NewKeyFromSeed(seed)
		pub := priv.Public().(ed25519.PublicKey)
		msg := make([]byte, r.IntN(300))
		for j := range msg {
			msg[j] = byte(r.Uint32())
		}
		sig := ed25519.Sign(priv, msg)
		if !Verify(pub, msg, sig) {
			t.Fatalf("good signature refused")
		}
		bad := append([]byte(nil), sig...)
		bad[r.IntN(64)] ^= 1 << r.IntN(8)
		check("flipped signature bit", pub, msg, bad)
		badPub := append([]byte(nil), pub...)
		badPub[r.IntN(32)] ^= 1 << r.IntN(8)
		check("flipped key bit", badPub, msg, sig)
		if len(msg) > 0 {
			m := append([]byte(nil), msg...)
			m[r.IntN(len(m))] ^= 1
			check("flipped message bit", pub, m, sig)
		}
		// S + l encodes the same scalar, not reduced: refused by both.
		s := new(big.Int).SetBytes(reverse(sig[32:]))
		s.Add(s, order)
		if b := s.Bytes(); len(b) <= 32 {
			nc := append(append([]byte(nil), sig[:32]...), reverse(pad32(b))...)
			check("S not reduced", pub, msg, nc)
		}
		check("short signature", pub, msg, sig[:63])
		check("short key", pub[:31], msg, sig)
	}
	// Small-order and non-canonical points as keys and as R: the identity,
	// the point of order 2, y = p (non-canonical 0), y = p+1 (non-canonical 1).
	msg := []byte("liste")
	for _, p := range []string{
		"0100000000000000000000000000000000000000000000000000000000000000",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"0000000000000000000000000000000000000000000000000000000000000080",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
	} {
		pt, _ := hex.DecodeString(p)
		for _, s := range []string{"0000000000000000000000000000000000000000000000000000000000000000", "0100000000000000000000000000000000000000000000000000000000000000"} {
			sv, _ := hex.DecodeString(s)
			sig := append(append([]byte(nil), pt...), sv...)
			check("small-order key, R = key "+p, pt, msg, sig)
			check("identity key "+p, mustHex("0100000000000000000000000000000000000000000000000000000000000000"), msg, sig)
		}
	}
}

func FuzzSameAsStandardLibrary(f *testing.F) {
	f.Add(make([]byte, 32), []byte("m"), make([]byte, 64))
	f.Fuzz(func(t *testing.T, pub, msg, sig []byte) {
		if Verify(pub, msg, sig) != stdVerify(pub, msg, sig) {
			t.Fatalf("differs on pub %x msg %x sig %x", pub, msg, sig)
		}
	})
}

func reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i := range b {
		out[len(b)-1-i] = b[i]
	}
	return out
}

func pad32(b []byte) []byte { return append(make([]byte, 32-len(b)), b...) }

func mustHex(s string) []byte { b, _ := hex.DecodeString(s); return b }

// stdVerify is crypto/ed25519.Verify, which panics on a key of the wrong
// length where Verify answers false.
func stdVerify(pub, msg, sig []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return ed25519.Verify(pub, msg, sig)
}
