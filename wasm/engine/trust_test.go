package engine

import (
	"errors"
	"testing"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/publish"
)

func signedRevoking(t *testing.T, k publish.PrivateKey, version uint64, revoked ...bundle.PublicKey) []byte {
	es, _ := lists.DefaultEntries()
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	var ids []bundle.KeyID
	for _, r := range revoked {
		ids = append(ids, r.ID())
	}
	b, err := publish.BuildRevoking(k, "default", version, time.Now(), time.Now().Add(24*time.Hour), ix, ids)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The rotation procedure of docs/keys.md, step by step, as a terminal
// lives it: key A in use; key B introduced beside it; lists signed with
// B; a list signed with B retires A; A's lists refused from then on, even
// replayed with a higher version; the list in force, kept across wakes,
// refused once its signer is revoked.
func TestKeyRotation(t *testing.T) {
	a, _ := publish.GenerateKey()
	b, _ := publish.GenerateKey()
	named := a.Public().String() + " Éditeur A"
	e := newDefault(t)
	var listRevoked []string // what the extension keeps from accepted bundles
	load := func(bu []byte, policyKeys ...string) (ListInfo, error) {
		trust, err := NewTrust(policyKeys, nil, listRevoked)
		if err != nil {
			t.Fatal(err)
		}
		info, err := loadInflated(e, bu, trust, time.Now())
		if err == nil {
			listRevoked = append(listRevoked, info.Revokes...)
		}
		return info, err
	}
	// 1. A in use.
	if info, err := load(signed(t, a, "default", 1), named); err != nil || info.Publisher != "Éditeur A" {
		t.Fatalf("step 1: %+v %v", info, err)
	}
	// 2. B introduced beside A (policy, or a new build): B's lists accepted.
	if _, err := load(signed(t, b, "default", 2), named, b.Public().String()); err != nil {
		t.Fatalf("step 2: %v", err)
	}
	// 3. A retired by a list signed with B.
	info, err := load(signedRevoking(t, b, 3, a.Public()), named, b.Public().String())
	if err != nil || len(info.Revokes) != 1 || info.Revokes[0] != a.Public().ID().String() {
		t.Fatalf("step 3: %+v %v", info, err)
	}
	// 4. A's lists refused from then on, even with a higher version: A
	// no longer given by the policy is unknown; A pinned in the build is
	// revoked by the list B signed.
	if _, err := load(signed(t, a, "default", 9)); ErrorCode(err) != "unknown-key" {
		t.Fatalf("step 4: %v", err)
	}
	trustA, _ := NewTrust(nil, nil, listRevoked)
	trustA.Keys[a.Public().ID()] = a.Public() // as if A were pinned in the build
	if _, err := loadInflated(e, signed(t, a, "default", 9), trustA, time.Now()); !errors.Is(err, bundle.ErrRevoked) {
		t.Fatalf("step 4, pinned A: %v", err)
	}
	// 5. Kept across a wake: refused once its signer is revoked by policy.
	kept := e.Index().Bytes()
	woke := newDefault(t)
	trustB, _ := NewTrust([]string{b.Public().String()}, nil, listRevoked)
	if _, err := woke.LoadVerified(kept, e.Info(), trustB); err != nil {
		t.Fatalf("step 5, wake: %v", err)
	}
	revokedB, _ := NewTrust([]string{b.Public().String()}, []string{b.Public().ID().String()}, listRevoked)
	again := newDefault(t)
	if _, err := again.LoadVerified(kept, e.Info(), revokedB); ErrorCode(err) != "revoked" || again.Info().Version != 0 {
		t.Fatalf("step 5, B revoked by policy: %v", err)
	}
	noB, _ := NewTrust(nil, nil, listRevoked)
	if _, err := newDefault(t).LoadVerified(kept, e.Info(), noB); ErrorCode(err) != "unknown-key" {
		t.Fatalf("step 5, B no longer given: %v", err)
	}
	// 6. The same while running (a policy changed): the list in force goes,
	// the built-in list and the local sites stay.
	if _, err := woke.SetOverlay([]string{"mairie-de-vigie.fr"}); err != nil {
		t.Fatal(err)
	}
	if err := woke.Recheck(trustB); err != nil || woke.Info().Version != 3 {
		t.Fatalf("step 6, still trusted: %v %+v", err, woke.Info())
	}
	if err := woke.Recheck(revokedB); ErrorCode(err) != "revoked" || !woke.Info().Embedded || woke.Info().Local != 1 {
		t.Fatalf("step 6, revoked: %v %+v", err, woke.Info())
	}
	if v := woke.Check("https://mairie-de-vigie.fr/"); v.Kind != "local" && v.Kind != "official" {
		t.Fatalf("step 6: the local site is now %s", v.Kind)
	}
}

// A stolen key cannot retire the key the policy gives: revocations inside
// bundles apply to the build's keys only; the policy's own revocation list
// applies to every key.
func TestBundleCannotRevokePolicyKey(t *testing.T) {
	stolen, _ := publish.GenerateKey()
	it, _ := publish.GenerateKey()
	tr, err := NewTrust([]string{it.Public().String()}, nil, []string{it.Public().ID().String(), stolen.Public().ID().String()})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Revoked[it.Public().ID()] || !tr.Revoked[stolen.Public().ID()] {
		t.Fatalf("revoked: %v", tr.Revoked)
	}
	tr, _ = NewTrust([]string{it.Public().String()}, []string{it.Public().String()}, nil)
	if !tr.Revoked[it.Public().ID()] {
		t.Fatal("the policy's own revocation of its key was ignored")
	}
	if _, err := NewTrust(nil, []string{"pas une clé"}, nil); err == nil {
		t.Fatal("a malformed revoked key in the policy was accepted")
	}
}
