package engine

import (
	"errors"
	"testing"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
)

func signed(t *testing.T, k publish.PrivateKey, name string, version uint64, extra ...string) []byte {
	es, _ := lists.DefaultEntries()
	for _, d := range extra {
		es = append(es, source.Entry{Domain: d, Label: d})
	}
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	b, err := publish.Build(k, name, version, time.Now(), time.Now().Add(24*time.Hour), ix)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadBundle(t *testing.T) {
	k, _ := publish.GenerateKey()
	keys, err := NewTrust([]string{k.Public().String()}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := newDefault(t)
	if _, err := e.SetOverlay([]string{"Mairie-De-Vigie.fr"}); err != nil {
		t.Fatal(err)
	}
	info, err := loadInflated(e, signed(t, k, "default", 5, "nouvelle-mairie.fr"), keys, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if info.Version != 5 || info.Embedded || info.Local != 1 {
		t.Fatalf("info %+v", info)
	}
	if v := e.Check("https://www.nouvelle-mairie.fr/"); v.Kind != Official {
		t.Fatalf("host added by the bundle: %s", v.Kind)
	}
	if v := e.Check("https://mairie-de-vigie.fr/"); v.Kind != Official {
		t.Fatalf("the local overlay did not survive the update: %s", v.Kind)
	}
	// Refusals keep the list in force.
	other, _ := publish.GenerateKey()
	for _, c := range []struct {
		b    []byte
		code string
	}{
		{signed(t, k, "default", 4), "rollback"},
		{signed(t, k, "default", 5), "rollback"},
		{signed(t, k, "autre", 6), "name"},
		{signed(t, other, "default", 6), "unknown-key"},
		{[]byte("garbage"), "format"},
	} {
		_, err := loadInflated(e, c.b, keys, time.Now())
		if err == nil || ErrorCode(err) != c.code {
			t.Errorf("want %s, got %v", c.code, err)
		}
	}
	if e.Info().Version != 5 {
		t.Fatalf("a refused bundle changed the list: %+v", e.Info())
	}
	if v := e.Check("https://www.nouvelle-mairie.fr/"); v.Kind != Official {
		t.Fatal("list in force lost after refusals")
	}
	if _, err := loadInflated(e, signed(t, k, "default", 6), keys, time.Now().Add(48*time.Hour)); !errors.Is(err, bundle.ErrExpired) {
		t.Fatalf("expired bundle: %v", err)
	}
}

func TestOverlayOnlyAdds(t *testing.T) {
	e := newDefault(t)
	if _, err := e.SetOverlay([]string{"not a domain"}); err == nil {
		t.Fatal("bad domain accepted")
	}
	if n, err := e.SetOverlay(nil); err != nil || n != 0 {
		t.Fatal(err)
	}
	if v := e.Check("https://www.ameli.fr/"); v.Kind != Official {
		t.Fatal(v.Kind)
	}
	// A local domain covers its subdomains, never its parents nor its
	// neighbours on a shared platform.
	if n, err := e.SetOverlay([]string{"mairie-de-vigie.fr", "mairie-vigie.github.io", "mairie-de-vigie.fr"}); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	for host, want := range map[string]Kind{
		"https://mairie-de-vigie.fr/":          Official,
		"https://agenda.mairie-de-vigie.fr/x":  Official,
		"https://mairie-vigie.github.io/":      Official,
		"https://autre.github.io/":             Unknown,
		"https://github.io/":                   Unknown,
		"https://mairie-de-vigie.fr.evil.com/": Unknown,
	} {
		if v := e.Check(host); v.Kind != want {
			t.Errorf("%s: %s, want %s", host, v.Kind, want)
		}
	}
}

func TestLoadVerified(t *testing.T) {
	k, _ := publish.GenerateKey()
	keys, _ := NewTrust([]string{k.Public().String()}, nil, nil)
	a := newDefault(t)
	info, err := loadInflated(a, signed(t, k, "default", 7, "nouvelle-mairie.fr"), keys, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	raw := a.Index().Bytes()
	b := newDefault(t) // a worker that wakes up
	if _, err := b.LoadVerified(raw, info, keys); err != nil {
		t.Fatal(err)
	}
	if v := b.Check("https://nouvelle-mairie.fr/"); v.Kind != Official || b.Info().Version != 7 {
		t.Fatalf("%s %+v", v.Kind, b.Info())
	}
	if _, err := b.LoadVerified(raw, info, keys); ErrorCode(err) != "rollback" {
		t.Fatalf("same version twice: %v", err)
	}
	bad := append([]byte(nil), raw...)
	bad[3] ^= 0xff
	c := newDefault(t)
	if _, err := c.LoadVerified(bad, info, keys); ErrorCode(err) != "payload" || c.Info().Version != 0 {
		t.Fatalf("corrupt cache: %v", err)
	}
}

// loadInflated loads b as the extension does: BundlePayload, the payload
// inflated by someone else (here compress/flate, in the extension the
// browser), then LoadBundle.
func loadInflated(e *Engine, b []byte, trust Trust, now time.Time) (ListInfo, error) {
	start, end, n, err := e.BundlePayload(b, trust, now)
	if err != nil {
		return e.Info(), err
	}
	packed, err := publish.Inflate(b[start:end], n)
	if err != nil {
		packed = nil // the engine decides: an empty payload is refused
	}
	return e.LoadBundle(b, packed, trust, now)
}
