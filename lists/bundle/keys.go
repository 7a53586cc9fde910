package bundle

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Key files are one line of text, so that a public key can be pasted into
// a policy or a README:
//
//	vigie-public-key-1 <base64 of the 32-byte Ed25519 public key>
//	vigie-secret-key-1 <base64 of the 32-byte Ed25519 seed>
const (
	publicPrefix = "vigie-public-key-1 "
	secretPrefix = "vigie-secret-key-1 "
)

// KeyID names a publisher key: the first 8 bytes of SHA-256 of the key.
type KeyID [8]byte

func (id KeyID) String() string { return hex.EncodeToString(id[:]) }

// PublicKey verifies bundles.
type PublicKey struct{ key ed25519.PublicKey }

// ID returns the key's id.
func (k PublicKey) ID() KeyID {
	s := sha256.Sum256(k.key)
	var id KeyID
	copy(id[:], s[:8])
	return id
}

// String is the key file's text.
func (k PublicKey) String() string { return publicPrefix + base64.StdEncoding.EncodeToString(k.key) }

// PrivateKey signs bundles.
type PrivateKey struct{ key ed25519.PrivateKey }

// Public returns the matching public key.
func (k PrivateKey) Public() PublicKey { return PublicKey{k.key.Public().(ed25519.PublicKey)} }

// String is the key file's text.
func (k PrivateKey) String() string {
	return secretPrefix + base64.StdEncoding.EncodeToString(k.key.Seed())
}

// GenerateKey makes a new publisher key pair.
func GenerateKey() (PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	return PrivateKey{priv}, err
}

// ParsePublicKey reads a public key file's text.
func ParsePublicKey(s string) (PublicKey, error) {
	b, err := decodeKey(s, publicPrefix, ed25519.PublicKeySize)
	if err != nil {
		return PublicKey{}, err
	}
	return PublicKey{ed25519.PublicKey(b)}, nil
}

// ParsePrivateKey reads a secret key file's text.
func ParsePrivateKey(s string) (PrivateKey, error) {
	b, err := decodeKey(s, secretPrefix, ed25519.SeedSize)
	if err != nil {
		return PrivateKey{}, err
	}
	return PrivateKey{ed25519.NewKeyFromSeed(b)}, nil
}

func decodeKey(s, prefix string, size int) ([]byte, error) {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return nil, fmt.Errorf("not a %q key", strings.TrimSpace(prefix))
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
	if err != nil || len(b) != size {
		return nil, fmt.Errorf("malformed %q key", strings.TrimSpace(prefix))
	}
	return b, nil
}

// Keyring is the set of trusted publisher keys, by id.
type Keyring map[KeyID]PublicKey

// NewKeyring parses public keys, one per line (blank lines and # comments
// are skipped).
func NewKeyring(texts ...string) (Keyring, error) {
	kr := Keyring{}
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			k, err := ParsePublicKey(line)
			if err != nil {
				return nil, err
			}
			kr[k.ID()] = k
		}
	}
	return kr, nil
}
