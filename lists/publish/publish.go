// Package publish is the publisher's side of a bundle: secret keys, and
// bundles built and signed. It is apart from lists/bundle, which verifies,
// because the engine links lists/bundle and must not link crypto/ed25519:
// importing it alone brings the standard library's FIPS 140 machinery
// (about 70 KB of brotli) into the module (see wasm/sig).
package publish

import (
	"bytes"
	"compress/flate"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"vigie/lists/bundle"
	"vigie/lists/index"
)

// PrivateKey signs bundles.
type PrivateKey struct{ key ed25519.PrivateKey }

// Public returns the matching public key.
func (k PrivateKey) Public() bundle.PublicKey {
	p, err := bundle.NewPublicKey(k.key.Public().(ed25519.PublicKey), "")
	if err != nil {
		panic(err) // an ed25519.PrivateKey always has a 32-byte public key
	}
	return p
}

// String is the key file's text: vigie-secret-key-1 <base64 of the seed>.
func (k PrivateKey) String() string {
	return bundle.SecretPrefix + base64.StdEncoding.EncodeToString(k.key.Seed())
}

// GenerateKey makes a new publisher key pair.
func GenerateKey() (PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	return PrivateKey{priv}, err
}

// ParsePrivateKey reads a secret key file's text.
func ParsePrivateKey(s string) (PrivateKey, error) {
	b, err := bundle.DecodeKey(s, bundle.SecretPrefix, ed25519.SeedSize)
	if err != nil {
		return PrivateKey{}, err
	}
	return PrivateKey{ed25519.NewKeyFromSeed(b)}, nil
}

// Build compresses ix and signs it.
func Build(key PrivateKey, name string, version uint64, created, expires time.Time, ix *index.Index) ([]byte, error) {
	return BuildRevoking(key, name, version, created, expires, ix, nil)
}

// BuildRevoking is Build with key ids that the bundle revokes (the keys a
// publisher retires, or lost): terminals that accept it refuse, from then
// on, every bundle signed by one of them. A key cannot revoke itself.
func BuildRevoking(key PrivateKey, name string, version uint64, created, expires time.Time, ix *index.Index, revoked []bundle.KeyID) ([]byte, error) {
	if err := bundle.CheckName(name); err != nil {
		return nil, err
	}
	raw := ix.Bytes()
	if len(raw) > bundle.MaxIndex {
		return nil, fmt.Errorf("%w: index of %d bytes", bundle.ErrTooLarge, len(raw))
	}
	packed, err := index.Pack(raw)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(packed)
	w.Close()
	h := bundle.Header{
		Format: bundle.FormatVersion, Name: name, Version: version, Created: created.UTC().Truncate(time.Second),
		KeyID: key.Public().ID(), Entries: uint32(ix.Len()), IndexLen: uint32(len(raw)),
		IndexSum: sha256.Sum256(packed), Revoked: revoked,
	}
	if !expires.IsZero() {
		h.Expires = expires.UTC().Truncate(time.Second)
	}
	return bundle.Seal(h, z.Bytes(), key.Sign)
}

// Sign is the Ed25519 signature of msg (bundle.Seal's sign).
func (k PrivateKey) Sign(msg []byte) []byte { return ed25519.Sign(k.key, msg) }
