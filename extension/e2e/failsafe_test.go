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
