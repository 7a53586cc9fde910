// Package sig verifies Ed25519 signatures (RFC 8032) for the WebAssembly
// engine, on filippo.io/edwards25519: the group arithmetic the standard
// library's crypto/ed25519 uses, without the FIPS 140 machinery that
// crypto/ed25519 links (about 60 KB of brotli with SHA-512, key generation
// and the self-tests). Verify is crypto/ed25519's verification, step by
// step; sig_test.go holds it to the standard library's answers.
package sig

import (
	"filippo.io/edwards25519"

	"vigie/wasm/sha2"
)

const (
	// PublicKeySize and SignatureSize are Ed25519's.
	PublicKeySize = 32
	SignatureSize = 64
)

// Verify reports whether sig is pub's signature of msg, with
// crypto/ed25519.Verify's rules: a canonical S, a valid point A, and the
// encoding of R compared byte for byte (so a non-canonical R fails).
func Verify(pub, msg, sig []byte) bool {
	if len(pub) != PublicKeySize || len(sig) != SignatureSize || sig[63]&224 != 0 {
		return false
	}
	A, err := new(edwards25519.Point).SetBytes(pub)
	if err != nil {
		return false
	}
	h := sha2.New512()
	h.Write(sig[:32])
	h.Write(pub)
	h.Write(msg)
	var digest [sha2.Size512]byte
	h.Sum(digest[:0])
	k, err := new(edwards25519.Scalar).SetUniformBytes(digest[:])
	if err != nil {
		return false
	}
	S, err := new(edwards25519.Scalar).SetCanonicalBytes(sig[32:])
	if err != nil {
		return false
	}
	// R' = [S]B - [k]A; the signature holds when R' encodes as R.
	minusA := new(edwards25519.Point).Negate(A)
	R := new(edwards25519.Point).VarTimeDoubleScalarBaseMult(k, minusA, S)
	return string(R.Bytes()) == string(sig[:32])
}
