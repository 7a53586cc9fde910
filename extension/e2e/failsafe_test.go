package e2e

import (
	"testing"
)

// When the Go program has exited (a fatal error in the runtime), a call
// into it throws. The worker must answer the fail-safe verdict, never
// "allow", and start a fresh engine for the next navigation.
func TestEngineFailureIsFailSafeAndRecovers(t *testing.T) {
	b := newBrowser(t)
	sw := b.worker(t)
	type verdict struct{ Kind, Reason, Imitates string }
	check := func() verdict {
		return eval[verdict](t, sw, `verdict("http://www.ameli.fr/")`)
	}
	if v := check(); v.Kind != "official" {
		t.Fatalf("before: %+v", v)
	}
	eval[bool](t, sw, `(async () => {
		const api = await engine;
		// A Go program that has exited throws at every call.
		api.check = api.checkIO = () => { throw new Error("Go program has already exited"); };
		return true;
	})()`)
	if v := check(); v.Kind != "suspicious" || v.Reason != "engine-error" {
		t.Fatalf("a dead engine answered %+v, want the fail-safe suspicious verdict", v)
	}
	if v := check(); v.Kind != "official" || v.Imitates != "ameli.fr" {
		t.Fatalf("the engine did not come back: %+v", v)
	}
}

// The worker's verdicts go through the module's memory; a URL longer than
// the buffer goes the string way, never cut; a Unicode host arrives whole.
func TestVerdictThroughMemory(t *testing.T) {
	b := newBrowser(t)
	sw := b.worker(t)
	type verdict struct{ Kind, Host, Imitates string }
	for _, c := range []struct {
		js, kind, host string
	}{
		{`"http://arneli.fr/"`, "lookalike", "arneli.fr"},
		// A host hidden behind a long user name: cutting the URL would
		// leave "www.ameli.fr" as the host.
		{`"https://www.ameli.fr" + "x".repeat(9000) + "@arneli.fr/"`, "lookalike", "arneli.fr"},
		{`"https://arneli.fr/?q=" + "é".repeat(5000)`, "lookalike", "arneli.fr"},
		{`"https://аmeli.fr/"`, "lookalike", "xn--meli-43d.fr"},
		{`"https://www.impots.gouv.fr/" + "a".repeat(20000)`, "official", "www.impots.gouv.fr"},
	} {
		v := eval[verdict](t, sw, `engine.then((api) => {
			const u = `+c.js+`;
			const a = api.checkURL(u), s = api.check(u);
			if (a !== s) throw new Error("the two ways differ: " + a + " / " + s);
			return VigieUI.decode(a);
		})`)
		if v.Kind != c.kind || v.Host != c.host {
			t.Errorf("%s: %+v, want %s %s", c.js, v, c.kind, c.host)
		}
	}
}
