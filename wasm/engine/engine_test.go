package engine

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"vigie/lists"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
)

func newDefault(t testing.TB) *Engine {
	e, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestVerdicts(t *testing.T) {
	e := newDefault(t)
	for _, c := range []struct {
		in       string
		kind     Kind
		imitates string
	}{
		{"https://www.ameli.fr/assure/remboursements", Official, "ameli.fr"},
		{"https://www.impots.gouv.fr/", Official, "impots.gouv.fr"},
		{"https://www.anything-else.gouv.fr/", Official, "gouv.fr"},
		{"http://arneli.fr/", Lookalike, "ameli.fr"},
		{"https://ameli.fr.secure-login.com/", Lookalike, "ameli.fr"},
		{"https://impots.gouv.fr.evil.com/", Lookalike, "impots.gouv.fr"},
		{"https://ameli.fr@evil.com/", Unknown, ""},
		{"https://amelie-les-bains.com/", Unknown, ""}, // a real town, not a lookalike
		{"https://cafe-du-port.fr/", Unknown, ""},
		{"https://caf.net/", Suspicious, "caf.fr"},
		{"https://www.lemonde.fr/", Unknown, ""},
		{"chrome-extension://abc/pages/warning.html", Local, ""},
		{"about:blank", Local, ""},
		{"data:text/html,hello", Invalid, ""},
		{"https://xn--zz.fr/", Unknown, ""}, // Chromium loads it as it is
		// hosts as the browser reads them (the gate issue's examples)
		{"http://xn----9fa.arneli.fr/", Lookalike, "ameli.fr"},
		{"http://é-.arneli.fr/", Lookalike, "ameli.fr"},
		{"http://a-.xn--meli-43d.fr/", Lookalike, "ameli.fr"},
		{"http://xn--zz.xn--meli-43d.fr/", Lookalike, "ameli.fr"},
		{"http://ameli.fr%2Eevil.com/", Lookalike, "ameli.fr"},
		{"http:\\\\arneli.fr/", Lookalike, "ameli.fr"},
		{"blob:https://arneli.fr/0d1e", Lookalike, "ameli.fr"},
		// slashes before the host: the verdict cache must not share a key
		{"https:///arneli.fr/", Lookalike, "ameli.fr"},
		{"https:///www.ameli.fr/", Official, "ameli.fr"},
		// a homoglyph under gouv.fr is not made official by the rule
		{"https://xn--impts-lye.gouv.fr/", Lookalike, "impots.gouv.fr"},
		{"https://xn--prfecture-b4a.gouv.fr/", Official, "gouv.fr"},
		// empty labels: judged as the name they reach
		{"http://arneli.fr../connexion", Lookalike, "ameli.fr"},
		{"http://www.arneli.fr........../", Lookalike, "ameli.fr"},
		{"http://arneli..fr/", Lookalike, "ameli.fr"},
		{"http://ameli..fr/", Official, "ameli.fr"},
		// what the browser may load but the engine cannot judge: fail-safe
		{"https://" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 63) + ".fr/", Suspicious, ""},
		// what the browser refuses stays invalid
		{"javascript:alert(1)", Invalid, ""},
	} {
		v := e.Check(c.in)
		if v.Kind != c.kind || v.Imitates != c.imitates {
			t.Errorf("Check(%q) = %s imitating %q (%s %s), want %s imitating %q", c.in, v.Kind, v.Imitates, v.Family, v.Reason, c.kind, c.imitates)
		}
	}
}

// The .fr twin of a .gouv.fr site the list names is the State's (AFNIC
// reserves the terms of the State's working): not judged, not official.
// Anything else near it is judged as before.
func TestStateTwin(t *testing.T) {
	e := newDefault(t)
	for _, c := range []struct {
		in     string
		kind   Kind
		reason string
	}{
		{"https://impots.fr/", Unknown, "unknown.stateTwin"},
		{"https://www.antai.fr/", Unknown, "unknown.stateTwin"},
		{"https://1jeune1solution.fr/", Unknown, "unknown.stateTwin"},
		{"https://impots.com/", Lookalike, "lookalike.suffix-swap"},
		{"https://impots-fr.com/", Lookalike, ""},
		{"https://imp0ts.fr/", Lookalike, "lookalike.skeleton"},
		{"https://impots.fr.secure-login.com/", Lookalike, ""},
		{"https://ameli.com/", Lookalike, "lookalike.suffix-swap"}, // ameli.fr has no gouv.fr twin
	} {
		v := e.Check(c.in)
		if v.Kind != c.kind || c.reason != "" && v.Reason != c.reason {
			t.Errorf("%s: %s %s, want %s %s", c.in, v.Kind, v.Reason, c.kind, c.reason)
		}
	}
}

func TestLookalikeVerdictFields(t *testing.T) {
	v := newDefault(t).Check("http://arneli.fr/")
	if v.Host != "arneli.fr" || v.Registrable != "arneli.fr" || v.Family != "skeleton" || v.Score < 70 ||
		v.RealURL != "https://ameli.fr/" || v.ImitatesName != "ameli.fr" || v.Reason != "lookalike.skeleton" {
		t.Fatalf("%+v", v)
	}
	v = newDefault(t).Check("https://contravention-gouv.fr/")
	if v.Imitates != "gouv.fr" || v.RealURL != "https://www.service-public.fr/" || !strings.Contains(v.ImitatesName, "État") {
		t.Fatalf("a rule has no site of its own: %+v", v)
	}
}

// A panic inside the engine must answer the fail-safe verdict, never a
// silent allow. An engine without a list panics on its first lookup.
func TestPanicIsFailSafe(t *testing.T) {
	var broken Engine
	v := broken.Check("https://www.ameli.fr/")
	if v.Kind != Suspicious || v.Reason != "engine-error" {
		t.Fatalf("panic answered %+v", v)
	}
}

// Swapping lists is atomic: a host added by the new list is official at
// once, and the old engine state is never half-replaced.
func TestSwap(t *testing.T) {
	e := newDefault(t)
	if v := e.Check("https://mairie-exemple.fr/"); v.Kind != Unknown {
		t.Fatalf("before swap: %s", v.Kind)
	}
	es, _ := lists.DefaultEntries()
	es = append(es, source.Entry{Domain: "mairie-exemple.fr", Label: "Mairie"})
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	e.Swap(ix)
	if v := e.Check("https://mairie-exemple.fr/"); v.Kind != Official {
		t.Fatalf("after swap: %s", v.Kind)
	}
}

func TestOfficialPathDoesNotAllocate(t *testing.T) {
	e := newDefault(t)
	e.Check("https://www.impots.gouv.fr/portail/") // first sight fills the suffix cache
	if n := testing.AllocsPerRun(200, func() { e.Check("https://www.impots.gouv.fr/portail/") }); n != 0 {
		t.Fatalf("official verdict allocates %v times", n)
	}
}

// The embedded index must be the compiled default.txt: editing the source
// without regenerating would ship the old list.
func TestDefaultIndexIsFresh(t *testing.T) {
	es, err := lists.DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ix.Bytes(), lists.DefaultIndex) {
		t.Fatal("lists/default.idx is stale: run go generate ./lists (go run ./build does it)")
	}
}

// The verdict cache answers the same scheme and host again, whatever the
// path, with the verdict the engine gives; a new list or new local sites
// are never answered from it.
func TestVerdictCache(t *testing.T) {
	for _, c := range []struct{ raw, key string }{
		{"https://www.ameli.fr/x?y", "https://www.ameli.fr"},
		{"https://user@arneli.fr:443#f", "https://user@arneli.fr:443"},
		{"https://a.fr\\b", "https://a.fr"},
		{"https://a.fr", "https://a.fr"},
	} {
		if k, ok := verdictKey(c.raw); !ok || k != c.key {
			t.Errorf("key of %q: %q %v, want %q", c.raw, k, ok, c.key)
		}
	}
	for _, raw := range []string{"ameli.fr", "://x", "https://a.fr/" + strings.Repeat("a", maxCachedURL)} {
		if _, ok := verdictKey(raw); ok {
			t.Errorf("%q is cached", raw)
		}
	}
	e := newDefault(t)
	plain := newDefault(t)
	plain.SetCache(false)
	for _, u := range []string{"https://www.ameli.fr/a", "https://www.ameli.fr/b?c", "http://arneli.fr/", "http://arneli.fr/x",
		"https://mairie-de-vigie.fr/", "https://mairie-de-vigie.fr/agenda", "HTTPS://AMELI.FR/", "data:text/html,x", "https://user@arneli.fr/"} {
		if got, want := e.Check(u), plain.Check(u); got != want {
			t.Errorf("%s: cached engine %+v, engine %+v", u, got, want)
		}
	}
	if v := e.Check("https://mairie-de-vigie.fr/"); v.Kind != Unknown {
		t.Fatalf("before the local site: %s", v.Kind)
	}
	if _, err := e.SetOverlay([]string{"mairie-de-vigie.fr"}); err != nil {
		t.Fatal(err)
	}
	if v := e.Check("https://mairie-de-vigie.fr/"); v.Kind != Official {
		t.Fatalf("a verdict from before the local site was reused: %s", v.Kind)
	}
	k, _ := publish.GenerateKey()
	keys, _ := NewTrust([]string{k.Public().String()}, nil, nil)
	e.Check("https://nouvelle-mairie.fr/")
	if _, err := loadInflated(e, signed(t, k, "default", 5, "nouvelle-mairie.fr"), keys, time.Now()); err != nil {
		t.Fatal(err)
	}
	if v := e.Check("https://nouvelle-mairie.fr/x"); v.Kind != Official {
		t.Fatalf("a verdict from before the update was reused: %s", v.Kind)
	}
}
