package bundle_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	. "vigie/lists/bundle"
	"vigie/lists/publish"

	"vigie/lists/index"
	"vigie/lists/source"
)

var (
	t0   = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	week = 7 * 24 * time.Hour
)

// testKey is deterministic so that test vectors are reproducible.
func testKey(seed byte) publish.PrivateKey {
	k, err := publish.ParsePrivateKey(SecretPrefix + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{seed}, 32)))
	if err != nil {
		panic(err)
	}
	return k
}

func testIndex(t testing.TB, extra ...string) *index.Index {
	es := []source.Entry{
		{Domain: "ameli.fr", Tier: source.Brand, Label: "ameli", Words: []string{"ameli"}},
		{Domain: "gouv.fr", Tier: source.Brand, Suffix: true, Label: "État"},
	}
	for _, d := range extra {
		es = append(es, source.Entry{Domain: d, Label: d})
	}
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func build(t testing.TB, key publish.PrivateKey, name string, version uint64, expires time.Time) []byte {
	b, err := publish.Build(key, name, version, t0, expires, testIndex(t, "mairie-exemple.fr"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func policy(keys ...publish.PrivateKey) Policy {
	kr := Keyring{}
	for _, k := range keys {
		kr[k.Public().ID()] = k.Public()
	}
	return Policy{Keys: kr, Name: "default", Current: 1, Now: t0.Add(time.Hour)}
}

func TestRoundTrip(t *testing.T) {
	k := testKey(1)
	b := build(t, k, "default", 2, t0.Add(week))
	h, ix, err := publish.Verify(b, policy(k))
	if err != nil {
		t.Fatal(err)
	}
	if h.Name != "default" || h.Version != 2 || !h.Created.Equal(t0) || !h.Expires.Equal(t0.Add(week)) ||
		h.KeyID != k.Public().ID() || h.Entries != 3 {
		t.Fatalf("header %+v", h)
	}
	if _, ok := ix.Find("mairie-exemple.fr"); !ok {
		t.Fatal("entry lost")
	}
	// Same inputs, same bytes.
	if !bytes.Equal(b, build(t, k, "default", 2, t0.Add(week))) {
		t.Fatal("two builds differ")
	}
}

func TestRefusals(t *testing.T) {
	k, other := testKey(1), testKey(2)
	good := build(t, k, "default", 2, t0.Add(week))
	bu, _ := Parse(good)
	hdrAt := len(Magic) + 2
	payloadAt := hdrAt + len(EncodeHeader(bu.Header))
	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 0x01; return b }
	cases := []struct {
		name string
		b    []byte
		p    Policy
		want error
	}{
		{"flipped byte in payload", flip(payloadAt + 10), policy(k), ErrPayload},
		{"flipped byte in header (version)", flip(hdrAt + 3 + len("default")), policy(k), ErrSignature},
		{"flipped byte in header (payload hash)", flip(payloadAt - 1 - 32 - 1), policy(k), ErrSignature},
		{"flipped byte in header (index hash)", flip(payloadAt - 1 - 1), policy(k), ErrSignature},
		{"flipped byte in signature", flip(len(good) - 5), policy(k), ErrSignature},
		{"flipped magic", flip(0), policy(k), ErrFormat},
		{"unknown key", build(t, other, "default", 2, t0.Add(week)), policy(k), ErrUnknownKey},
		{"another list's bundle", build(t, k, "other", 2, t0.Add(week)), policy(k), ErrName},
		{"older version", build(t, k, "default", 1, t0.Add(week)), policy(k), ErrRollback},
		{"expired", build(t, k, "default", 2, t0.Add(time.Minute)), policy(k), ErrExpired},
		{"no expiry from the network", build(t, k, "default", 2, time.Time{}), policy(k), ErrExpired},
		{"trailing bytes", append(bytes.Clone(good), 0), policy(k), ErrTruncated},
		{"empty", nil, policy(k), ErrFormat},
		{"too large", make([]byte, MaxSize+1), policy(k), ErrTooLarge},
	}
	for _, c := range cases {
		_, ix, err := publish.Verify(c.b, c.p)
		if !errors.Is(err, c.want) || ix != nil {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	// Truncated at every KiB, and at every byte of the first 200.
	for n := 0; n < len(good); n++ {
		if n > 200 && n%1024 != 0 {
			continue
		}
		if _, _, err := publish.Verify(good[:n], policy(k)); err == nil {
			t.Fatalf("truncated at %d accepted", n)
		}
	}
}

// resign builds a bundle whose header says whatever the test wants, signed
// by a trusted key: the engine must still not trust the claimed sizes.
func resign(k publish.PrivateKey, h Header, payload []byte) []byte {
	return resignRaw(k, EncodeHeader(h), payload)
}

// resignRaw is resign with the header's bytes as the test writes them.
func resignRaw(k publish.PrivateKey, hdr []byte, payload []byte) []byte {
	out := append([]byte(Magic), 0, 0)
	binary.LittleEndian.PutUint16(out[len(Magic):], uint16(len(hdr)))
	out = append(out, hdr...)
	n := len(out)
	out = append(out, payload...)
	return append(out, k.Sign(out[:n])...)
}

func TestLyingHeaders(t *testing.T) {
	k := testKey(1)
	bu, _ := Parse(build(t, k, "default", 2, t0.Add(week)))
	h := bu.Header
	h.Entries = 1 << 31
	if _, _, err := publish.Verify(resign(k, h, bu.Payload), policy(k)); !errors.Is(err, ErrPayload) {
		t.Errorf("entry count 2^31: %v", err)
	}
	h = bu.Header
	h.IndexLen = MaxIndex + 1
	if _, _, err := publish.Verify(resign(k, h, bu.Payload), policy(k)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("index length over the limit: %v", err)
	}
	h = bu.Header
	h.IndexLen = bu.Header.IndexLen - 1 // the payload inflates to more
	if _, _, err := publish.Verify(resign(k, h, bu.Payload), policy(k)); !errors.Is(err, ErrPayload) {
		t.Errorf("short index length: %v", err)
	}
	h = bu.Header
	h.PayloadLen = 1 << 31
	if _, _, err := publish.Verify(resign(k, h, bu.Payload), policy(k)); !errors.Is(err, ErrTruncated) {
		t.Errorf("payload length 2^31: %v", err)
	}
	// A deflate bomb: a small payload that inflates far beyond its claim.
	var z bytes.Buffer
	z.Write([]byte{0x01}) // not valid deflate, must still be refused cleanly
	h = bu.Header
	h.PayloadLen, h.PayloadSum = uint32(z.Len()), sha256.Sum256(z.Bytes())
	if _, _, err := publish.Verify(resign(k, h, z.Bytes()), policy(k)); !errors.Is(err, ErrPayload) {
		t.Errorf("garbage payload: %v", err)
	}
}

func TestKeys(t *testing.T) {
	k, err := publish.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	k2, err := publish.ParsePrivateKey(k.String())
	if err != nil || k2.Public().String() != k.Public().String() {
		t.Fatalf("secret key round trip: %v", err)
	}
	kr, err := NewKeyring("# comment\n" + k.Public().String() + "\n\n" + testKey(3).Public().String())
	if err != nil || len(kr) != 2 {
		t.Fatalf("keyring: %v %d", err, len(kr))
	}
	for _, bad := range []string{"", "vigie-public-key-1 !!!", "vigie-public-key-1 AAAA", k.String()} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("ParsePublicKey(%q) accepted", bad)
		}
	}
}

// The test vector in testdata is the one docs/bundle-format.md describes:
// any change to the format breaks this test on purpose.
func TestVector(t *testing.T) {
	k := testKey(7)
	ix := testIndex(t)
	b, err := publish.Build(k, "vector", 42, t0, t0.Add(365*24*time.Hour), ix)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("testdata", "vector.vgb")
	if os.Getenv("VIGIE_UPDATE_VECTORS") != "" {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(p, b, 0o644)
		os.WriteFile(filepath.Join("testdata", "vector.pub"), []byte(k.Public().String()+"\n"), 0o644)
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Fatal("the bundle format changed: update docs/bundle-format.md and run with VIGIE_UPDATE_VECTORS=1")
	}
	pub, _ := os.ReadFile(filepath.Join("testdata", "vector.pub"))
	kr, err := NewKeyring(string(pub))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := publish.Verify(want, Policy{Keys: kr, Name: "vector", Now: t0}); err != nil {
		t.Fatal(err)
	}
}

func FuzzVerify(f *testing.F) {
	k := testKey(1)
	f.Add(build(f, k, "default", 2, t0.Add(week)))
	f.Add([]byte(Magic))
	if b, err := publish.BuildRevoking(k, "default", 3, t0, t0.Add(week), testIndex(f), []KeyID{testKey(2).Public().ID()}); err == nil {
		f.Add(b) // with a revoked key
	}
	p := policy(k)
	f.Fuzz(func(t *testing.T, b []byte) {
		publish.Verify(b, p)
		Parse(b)
	})
}

// A bundle of an earlier format (the format-1 test vector, kept) is refused
// as a format error that says what to do.
func TestEarlierFormatRefused(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "vector-format1.vgb"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(old)
	if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "format 1") || !strings.Contains(err.Error(), "rebuild") {
		t.Fatalf("format 1: %v", err)
	}
}

// The engine's path: Check, the payload inflated by someone else, then
// VerifyInflated. Only the exact signed index is accepted, whatever the
// inflater gives; a payload that does not match its hash is not handed
// to the inflater at all.
func TestVerifyInflated(t *testing.T) {
	k := testKey(1)
	b := build(t, k, "default", 2, t0.Add(week))
	p := policy(k)
	bu, err := Check(b, p)
	if err != nil {
		t.Fatal(err)
	}
	packed, err := publish.Inflate(bu.Payload, int(bu.Header.IndexLen))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		give []byte
	}{
		{"one byte changed", func() []byte { x := bytes.Clone(packed); x[len(x)/2] ^= 1; return x }()},
		{"one byte short", bytes.Clone(packed[:len(packed)-1])},
		{"one byte more", append(bytes.Clone(packed), 0)},
		{"nothing (the inflater failed)", nil},
	} {
		if _, ix, err := VerifyInflated(b, c.give, p); !errors.Is(err, ErrPayload) || ix != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// The claims are checked on this path too.
	if _, _, err := VerifyInflated(b, bytes.Clone(packed), Policy{Keys: p.Keys, Name: "default", Current: 2, Now: p.Now}); !errors.Is(err, ErrRollback) {
		t.Errorf("rollback: %v", err)
	}
	h, ix, err := VerifyInflated(b, bytes.Clone(packed), p)
	if err != nil || h.Version != 2 || ix.Len() != 3 {
		t.Fatalf("the right index refused: %v", err)
	}
	tampered := bytes.Clone(b)
	tampered[len(tampered)-64-10] ^= 1
	if _, err := Check(tampered, p); !errors.Is(err, ErrPayload) {
		t.Fatalf("Check of a tampered payload: %v", err)
	}
}
