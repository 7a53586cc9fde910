package bundle_test

import (
	"errors"
	"strings"
	"testing"
	. "vigie/lists/bundle"
	"vigie/lists/publish"
)

// A bundle that revokes keys carries their ids in its signed header; a
// verifier that was told of a revocation
// refuses the revoked key's bundles; a key cannot revoke itself, at build
// or in a forged header.
func TestRevocation(t *testing.T) {
	oldKey, newKey := testKey(1), testKey(2)
	plain := build(t, newKey, "default", 1, t0.Add(week))
	if bu, err := Parse(plain); err != nil || bu.Header.Format != FormatVersion || len(bu.Header.Revoked) != 0 {
		t.Fatalf("a bundle that revokes nothing: %+v %v", bu, err)
	}
	b, err := publish.BuildRevoking(newKey, "default", 2, t0, t0.Add(week), testIndex(t), []KeyID{oldKey.Public().ID()})
	if err != nil {
		t.Fatal(err)
	}
	p := policy(oldKey, newKey)
	p.Now = t0
	h, _, err := publish.Verify(b, p)
	if err != nil {
		t.Fatal(err)
	}
	if h.Format != FormatVersion || len(h.Revoked) != 1 || h.Revoked[0] != oldKey.Public().ID() {
		t.Fatalf("header: %+v", h)
	}
	// The verifier now knows: the old key's bundles are refused, before
	// their signature is even checked.
	p.Revoked = map[KeyID]bool{oldKey.Public().ID(): true}
	old, _ := publish.Build(oldKey, "default", 3, t0, t0.Add(week), testIndex(t))
	if _, _, err := publish.Verify(old, p); !errors.Is(err, ErrRevoked) {
		t.Fatalf("a revoked key's bundle: %v", err)
	}
	bu, _ := Parse(old)
	if err := p.Precheck(bu.Header); !errors.Is(err, ErrRevoked) {
		t.Fatalf("precheck of a revoked key's bundle: %v", err)
	}
	if _, err := publish.BuildRevoking(newKey, "default", 4, t0, t0.Add(week), testIndex(t), []KeyID{newKey.Public().ID()}); err == nil {
		t.Fatal("a key revoked itself at build")
	}
	// The same, forged: a header that revokes its own key is refused.
	bu, _ = Parse(b)
	forged := bu.Header
	forged.Revoked = []KeyID{newKey.Public().ID()}
	if _, _, err := publish.Verify(resign(newKey, forged, bu.Payload), p); !errors.Is(err, ErrFormat) {
		t.Fatalf("a self-revoking header: %v", err)
	}
	// A revoked count that does not match the header's length.
	hdr := EncodeHeader(bu.Header)
	hdr[len(hdr)-9]++
	if _, _, err := publish.Verify(resignRaw(newKey, hdr, bu.Payload), p); !errors.Is(err, ErrFormat) {
		t.Fatalf("a revoked count of 2 with one id: %v", err)
	}
}

// A public key line may name its publisher; the name goes with the key
// through a keyring, and a key given twice keeps its name.
func TestPublisherName(t *testing.T) {
	k := testKey(3).Public()
	named, err := ParsePublicKey(k.String() + "   Préfecture  de la Manche ")
	if err != nil {
		t.Fatal(err)
	}
	if named.Name != "Préfecture de la Manche" || named.ID() != k.ID() {
		t.Fatalf("name %q id %s", named.Name, named.ID())
	}
	if again, err := ParsePublicKey(named.String()); err != nil || again.Name != named.Name {
		t.Fatalf("round trip: %q %v", again.Name, err)
	}
	kr, err := NewKeyring(named.String(), k.String())
	if err != nil || kr[k.ID()].Name != "Préfecture de la Manche" {
		t.Fatalf("keyring: %v %v", kr, err)
	}
	for _, bad := range []string{k.String() + " " + strings.Repeat("x", 81), k.String() + " a\x01b"} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	if id, err := ParseKeyID(k.ID().String()); err != nil || id != k.ID() {
		t.Fatalf("ParseKeyID: %v %v", id, err)
	}
	if id, err := ParseKeyID(named.String()); err != nil || id != k.ID() {
		t.Fatalf("ParseKeyID of a key line: %v %v", id, err)
	}
	if _, err := ParseKeyID("abc"); err == nil {
		t.Fatal("a short key id was accepted")
	}
}
