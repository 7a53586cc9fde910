package passwords

import (
	"strings"
	"testing"
)

var (
	ameli  = Page{Registrable: "ameli.fr", Official: true}
	caf    = Page{Registrable: "caf.fr", Official: true}
	unk    = Page{Registrable: "exemple-inconnu.fr"}
	arneli = Page{Registrable: "arneli.fr", Dangerous: true}
)

func TestDecisions(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const p = "Marianne-1789!"
	steps := []struct {
		pw     string
		page   Page
		field  Field
		action Action
		reason string
		site   string
	}{
		{p, ameli, Login, Allow, "ok", ""},                    // first use, recorded
		{p, unk, Login, Block, "phishing", "ameli.fr"},        // ameli's password on an unknown site
		{p, arneli, Login, Block, "phishing", "ameli.fr"},     // ... on a lookalike
		{"autre", arneli, Login, Block, "dangerous-page", ""}, // any password on a lookalike
		{"autre", unk, Login, Allow, "ok", ""},                // an unknown site, another password
		{p, caf, NewPassword, Block, "reuse-new", "ameli.fr"}, // choosing ameli's password on caf.fr
		{"Caf-2024!", caf, NewPassword, Allow, "ok", ""},      // a different one
		{p, caf, Login, Warn, "reuse-login", "ameli.fr"},      // logging in with a reused one
		{p, ameli, Login, Warn, "reuse-login", "caf.fr"},      // now recorded on both
		{"", unk, Login, Allow, "ok", ""},                     // nothing typed
	}
	for i, s := range steps {
		d := v.Decide(s.pw, s.page, s.field)
		if d.Action != s.action || d.Reason != s.reason || d.Site != s.site {
			t.Errorf("step %d: %+v, want %s %s %s", i, d, s.action, s.reason, s.site)
		}
	}
	if got := strings.Join(v.Domains(), ","); got != "ameli.fr,caf.fr" {
		t.Fatalf("recorded on %s", got)
	}
	v.Wipe()
	if d := v.Decide(p, unk, Login); d.Action != Allow {
		t.Fatalf("after wipe: %+v", d)
	}
	if d := v.Decide(p, caf, NewPassword); d.Action != Allow {
		t.Fatalf("after wipe, new password on caf.fr: %+v", d)
	}
}

// The exported state holds the key and tags, never the password nor its
// unkeyed hash; imported, it gives the same decisions.
func TestStateHoldsNoPassword(t *testing.T) {
	v, _ := New()
	const p = "Marianne-1789!"
	v.Decide(p, ameli, Login)
	v.Decide("autre-secret", unk, Login)
	st := v.State()
	if strings.Contains(st, p) || strings.Contains(st, "Marianne") {
		t.Fatal("the password is in the state")
	}
	w, _ := New()
	if err := w.Restore(st); err != nil {
		t.Fatal(err)
	}
	if d := w.Decide(p, unk, Login); d.Action != Block || d.Site != "ameli.fr" {
		t.Fatalf("after restore: %+v", d)
	}
	if w.State() != st {
		t.Fatalf("state changed by a round trip:\n%s\n%s", st, w.State())
	}
}

// A damaged state is refused and leaves the vault as it was.
func TestRestoreRefusesDamagedState(t *testing.T) {
	v, _ := New()
	v.Decide("Marianne-1789!", ameli, Login)
	good := v.State()
	key := strings.Fields(good)[1]
	for _, bad := range []string{
		"", "v1", "v3 " + key, "v1 short", "v2 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:x:oameli.fr",
		"v2 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:99:oameli.fr", "v2 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:oameli.fr", "v1 " + key + " nottag:oameli.fr",
		"v1 " + key + " AAAAAAAAAAAAAAAAAAAAAA==", "v1 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:",
		"v1 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:xameli.fr", "v1 " + key + " AAAAAAAAAAAAAAAAAAAAAA==:o",
		`{"k":"` + key + `","t":{}}`,
	} {
		if err := v.Restore(bad); err == nil {
			t.Errorf("restored %q", bad)
		}
	}
	if v.State() != good {
		t.Fatal("a refused state changed the vault")
	}
}

// The state text comes back from the browser's session storage: whatever
// it holds, Restore refuses it or takes it whole, and what it took
// round-trips.
func FuzzRestore(f *testing.F) {
	v, _ := New()
	v.Decide("Marianne-1789!", ameli, Login)
	v.Decide("autre-secret", unk, Login)
	f.Add(v.State())
	f.Add("v1 " + strings.Repeat("A", 43) + "=")
	f.Add("v1 x y:z")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		w, _ := New()
		before := w.State()
		if err := w.Restore(s); err != nil {
			if w.State() != before {
				t.Fatal("a refused state changed the vault")
			}
			return
		}
		again, _ := New()
		if err := again.Restore(w.State()); err != nil || again.State() != w.State() {
			t.Fatalf("restored state does not round-trip: %v", err)
		}
	})
}

// An official password is recognised at the end of what is typed on
// another page, whatever was typed before it; not on its own site, not
// when only part of it is typed, and after a restore too. A v1 state
// (no lengths) still restores, without recognition.
func TestTyped(t *testing.T) {
	v, _ := New()
	const p = "Marianne-1789!"
	v.Decide(p, ameli, Login)
	for _, c := range []struct {
		text string
		page Page
		site string
	}{
		{"jean.dupont" + p, unk, "ameli.fr"},
		{p, unk, "ameli.fr"},
		{p[:len(p)-1], unk, ""},
		{p + "x", unk, ""},
		{p, ameli, ""},
		{strings.Repeat("a", 500) + p, unk, "ameli.fr"},
	} {
		site, ok := v.Typed(c.text, c.page)
		if site != c.site || ok != (c.site != "") {
			t.Errorf("Typed(%.20q…) = %q %v, want %q", c.text, site, ok, c.site)
		}
	}
	w, _ := New()
	if err := w.Restore(v.State()); err != nil {
		t.Fatal(err)
	}
	if site, _ := w.Typed("x"+p, unk); site != "ameli.fr" {
		t.Fatalf("after restore: %q", site)
	}
	old := strings.Replace(strings.Replace(v.State(), "v2 ", "v1 ", 1), ":14:", ":", 1)
	if err := w.Restore(old); err != nil {
		t.Fatalf("a v1 state: %v", err)
	}
	if d := w.Decide(p, unk, Login); d.Action != Block {
		t.Fatalf("a v1 state lost its tag: %+v", d)
	}
}
