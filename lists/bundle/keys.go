package bundle

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"vigie/wasm/sha2"
	"vigie/wasm/sig"
)

// Key files are one line of text, so that a public key can be pasted into
// a policy or a README:
//
//	vigie-public-key-1 <base64 of the 32-byte Ed25519 public key> [publisher's name]
//	vigie-secret-key-1 <base64 of the 32-byte Ed25519 seed>
//
// The name, optional, is what the mediator's console shows ("signée par
// la DINUM") instead of the key id. It is not signed: it is the trust
// line's, given by whoever gives the key (the build, the policy).
const (
	publicPrefix = "vigie-public-key-1 "
	// SecretPrefix starts a secret key line (lists/publish reads them).
	SecretPrefix = "vigie-secret-key-1 "
)

// KeyID names a publisher key: the first 8 bytes of SHA-256 of the key.
type KeyID [8]byte

func (id KeyID) String() string { return hex.EncodeToString(id[:]) }

// PublicKey verifies bundles. Name is the publisher's, from the key line.
type PublicKey struct {
	key  []byte
	Name string
}

// NewPublicKey makes a public key of the 32 bytes of an Ed25519 key.
func NewPublicKey(raw []byte, name string) (PublicKey, error) {
	if len(raw) != sig.PublicKeySize {
		return PublicKey{}, fmt.Errorf("an Ed25519 public key has %d bytes, not %d", sig.PublicKeySize, len(raw))
	}
	return PublicKey{key: append([]byte(nil), raw...), Name: name}, nil
}

// ID returns the key's id.
func (k PublicKey) ID() KeyID {
	s := sha2.Sum256(k.key)
	var id KeyID
	copy(id[:], s[:8])
	return id
}

// String is the key file's text.
func (k PublicKey) String() string {
	s := publicPrefix + base64.StdEncoding.EncodeToString(k.key)
	if k.Name != "" {
		s += " " + k.Name
	}
	return s
}

// ParsePublicKey reads a public key file's text, and the publisher's name
// after the key if there is one.
func ParsePublicKey(s string) (PublicKey, error) {
	s = strings.TrimSpace(s)
	var name string
	if rest, ok := strings.CutPrefix(s, publicPrefix); ok {
		if i := strings.IndexAny(strings.TrimSpace(rest), " \t"); i >= 0 {
			rest = strings.TrimSpace(rest)
			name = strings.Join(strings.Fields(rest[i:]), " ")
			s = publicPrefix + rest[:i]
		}
	}
	if len(name) > 80 {
		return PublicKey{}, fmt.Errorf("publisher name longer than 80 characters")
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f {
			return PublicKey{}, fmt.Errorf("control character in the publisher name")
		}
	}
	b, err := decodeKey(s, publicPrefix, sig.PublicKeySize)
	if err != nil {
		return PublicKey{}, err
	}
	return PublicKey{key: b, Name: name}, nil
}

// ParseKeyID reads a key id as listctl prints it (16 hex digits), or takes
// it from a public key line.
func ParseKeyID(s string) (KeyID, error) {
	s = strings.TrimSpace(s)
	var id KeyID
	if strings.HasPrefix(s, publicPrefix) {
		k, err := ParsePublicKey(s)
		if err != nil {
			return id, err
		}
		return k.ID(), nil
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(id) {
		return id, fmt.Errorf("key id %q: want 16 hex digits or a public key line", s)
	}
	copy(id[:], b)
	return id, nil
}

// DecodeKey reads a key line: prefix, then the base64 of size bytes.
func DecodeKey(s, prefix string, size int) ([]byte, error) { return decodeKey(s, prefix, size) }

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
			if old, ok := kr[k.ID()]; ok && k.Name == "" {
				k.Name = old.Name // the same key given twice: keep its name
			}
			kr[k.ID()] = k
		}
	}
	return kr, nil
}

// Has reports whether the keyring holds the key id.
func (kr Keyring) Has(id KeyID) bool {
	_, ok := kr[id]
	return ok
}
