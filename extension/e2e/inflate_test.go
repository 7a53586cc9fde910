package e2e

import (
	"context"
	"crypto/sha256"
	"strings"
	"testing"

	"vigie/lists/bundle"
	"vigie/lists/publish"
)

// The browser inflates a list's payload (DecompressionStream) and the
// engine checks what it gets against the index hash the publisher signed
// (bundle format 3). These bundles are signed by the trusted key, so they
// pass every check before the inflation; what they inflate to lies, or
// they do not inflate at all.
func lyingInflations(t testing.TB, version uint64, lines string) map[string][]byte {
	good := signedListWith(t, version, lines)
	bu, err := bundle.Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	packed, err := publish.Inflate(bu.Payload, int(bu.Header.IndexLen))
	if err != nil {
		t.Fatal(err)
	}
	seal := func(h bundle.Header, payload ...byte) []byte {
		if payload == nil {
			payload = bu.Payload
		}
		b, err := bundle.Seal(h, payload, testKey.Sign)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// The payload inflates to another index than the one the hash names.
	wrongHash := bu.Header
	wrongHash.IndexSum[0] ^= 1
	// The payload inflates beyond the signed length (a deflate bomb, in
	// small): the hash is the one of the bytes up to that length.
	longer := bu.Header
	longer.IndexLen -= 64
	longer.IndexSum = sha256.Sum256(packed[:longer.IndexLen])
	return map[string][]byte{
		"another index":      seal(wrongHash),
		"longer than signed": seal(longer),
		// Not DEFLATE at all: the browser's inflater fails, the worker
		// hands the engine nothing, and the engine answers.
		"not DEFLATE": seal(bu.Header, 0xff, 0xff, 0xff, 0xff, 0x00, 0x13),
	}
}

// inflationSteps, through send (a message to the worker, from a Vigie
// page): version 1 is accepted; the lying version-2 bundles are each
// refused as "payload" and the list in force stays; the honest version 2
// (the control: the same lists, the same key) is accepted.
func inflationSteps(t *testing.T, s *site, send func(js string) string) {
	kind := func(host string) string {
		return send(`chrome.runtime.sendMessage({type: "check", url: "http://` + host + `/"}).then(v => v.kind)`)
	}
	update := func() string {
		return send(`chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result + " " + (r.error || ""))`)
	}
	send(`chrome.runtime.sendMessage({type: "pinSet", pin: "` + mediatorPIN + `"}).then(r => String(r.ok))`)
	if err := s.store.Put(context.Background(), "default", 1, signedList(t, 1, "mairie-de-vigie.fr")); err != nil {
		t.Fatal(err)
	}
	if r := update(); !strings.HasPrefix(r, "updated") || kind("www.mairie-de-vigie.fr") != "official" {
		t.Fatalf("version 1: %s", r)
	}
	const two = "local mairie-de-vigie.fr\nlocal ecole-de-vigie.fr\n"
	for name, b := range lyingInflations(t, 2, two) {
		s.mu.Lock()
		s.mirror = b
		s.mu.Unlock()
		if r := update(); strings.TrimSpace(r) != "refused payload" {
			t.Errorf("%s: %q, want refused payload", name, r)
		}
		if kind("ecole-de-vigie.fr") == "official" || kind("www.mairie-de-vigie.fr") != "official" {
			t.Fatalf("%s changed the list in force", name)
		}
	}
	s.mu.Lock()
	s.mirror = signedListWith(t, 2, two)
	s.mu.Unlock()
	if r := update(); !strings.HasPrefix(r, "updated") || kind("ecole-de-vigie.fr") != "official" {
		t.Fatalf("the honest version 2: %s", r)
	}
}

func TestListInflationChecked(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	inflationSteps(t, b.site, func(js string) string { return eval[string](t, ext, js) })
}

func TestFirefoxListInflationChecked(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	inflationSteps(t, f.site, func(js string) string { return f.eval(t, page, js) })
}
