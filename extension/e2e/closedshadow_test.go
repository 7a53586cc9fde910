package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// closedShadowPage builds its login form inside a closed shadow root (so
// that neither the page's other scripts nor a content script walking the
// DOM sees the field), posts the field by script from its button, and
// hands the test, not Vigie (whose scripts run in another world), the
// field and the button on window. how: "closed", "nested" (a closed root
// inside an open one inside a closed one), "late" (the form added a
// second after load).
func closedShadowPage(how string) string {
	return fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion</title></head><body>
<h1>Connexion</h1><div id="place"></div><script>
function form(root) {
  root.innerHTML = '<label>Mot de passe <input id="pw" type="password"></label> <button id="go" type="button">Valider</button>';
  const pw = root.getElementById ? root.getElementById("pw") : root.querySelector("#pw");
  root.querySelector("#go").addEventListener("click", () => fetch("/api/closed", {method: "POST", body: pw.value}));
  window.__pw = pw; window.__go = root.querySelector("#go");
}
function build() {
  const host = document.createElement("x-connexion");
  document.getElementById("place").append(host);
  let root = host.attachShadow({mode: "closed"});
  if (%q === "nested") {
    const mid = document.createElement("div"); root.append(mid);
    const open = mid.attachShadow({mode: "open"});
    const inner = document.createElement("span"); open.append(inner);
    root = inner.attachShadow({mode: "closed"});
  }
  form(root);
}
if (%q === "late") setTimeout(build, 1000); else build();
</script></body></html>`, how, how)
}

var closedShadowCases = []string{"closed", "nested", "late"}

// A password typed into a field inside a closed shadow root (alone,
// nested in other roots, or added after load) and sent by the page's
// script: ameli.fr's never reaches the server, the field is emptied;
// another password does (the control: the page sends what is typed, and
// Vigie's replay of the held click reaches the button inside the root).
func TestClosedShadowPasswords(t *testing.T) {
	b := startWith(t, t.TempDir(), policy, func(s *site) {
		s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
		for _, how := range closedShadowCases {
			s.setPage("ombre-"+how+".fr", closedShadowPage(how))
		}
	})
	real := b.tab(t)
	navigate(real, "http://www.ameli.fr/")
	if err := chromedp.Do(real, chromedp.SendKeys(chromedp.ID("pw"), secret), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the real login", func() bool { return len(b.site.postsTo("www.ameli.fr")) == 1 })
	for _, how := range closedShadowCases {
		t.Run(how, func(t *testing.T) {
			host := "ombre-" + how + ".fr"
			for _, pw := range []string{other, secret} {
				tab := b.tab(t)
				navigate(tab, "http://"+host+"/")
				waitFor(t, "the form", func() bool { return eval[bool](t, tab, `!!window.__pw`) })
				eval[bool](t, tab, `window.__pw.focus(), true`)
				if err := chromedp.Do(tab, chromedp.KeyEvent(pw)); err != nil {
					t.Fatal(err)
				}

				type point struct{ X, Y float64 }
				p := eval[point](t, tab, `(() => { const r = window.__go.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`)
				if err := chromedp.Do(tab, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
					t.Fatal(err)
				}
				if pw == other {
					waitFor(t, "the control password at the server", func() bool { return leaked(b.site.postsTo(host), other) })
					continue
				}
				time.Sleep(1500 * time.Millisecond)
				if v := eval[string](t, tab, `window.__pw.value`); v != "" {
					t.Errorf("the field still holds %d characters", len(v))
				}
			}
			if p := b.site.postsTo(host); leaked(p, secret) {
				t.Fatalf("ameli.fr's password reached the server: %q", p)
			}
		})
	}
}

// The same in Firefox ESR.
func TestFirefoxClosedShadowPasswords(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	for _, how := range closedShadowCases {
		f.site.setPage("ombre-"+how+".fr", closedShadowPage(how))
	}
	click := func(tab, element string) { f.clickOnElement(t, tab, element) }
	typeIn := func(tab, pw string) {
		var keys []string
		for _, r := range pw {
			keys = append(keys, string(r))
		}
		f.keys(t, tab, keys...)
	}
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	f.eval(t, real, `document.getElementById("pw").focus(), "ok"`)
	typeIn(real, secret)
	click(real, `document.getElementById("go")`)
	waitFor(t, "the real login", func() bool { return leaked(f.site.postsTo("www.ameli.fr"), secret) })
	for _, how := range closedShadowCases {
		t.Run(how, func(t *testing.T) {
			host := "ombre-" + how + ".fr"
			for _, pw := range []string{other, secret} {
				tab := f.tab(t)
				f.navigate(t, tab, "http://"+host+"/")
				waitFor(t, "the form", func() bool { return f.eval(t, tab, `String(!!window.__pw)`) == "true" })
				f.eval(t, tab, `window.__pw.focus(), "ok"`)
				typeIn(tab, pw)
				click(tab, `window.__go`)
				if pw == other {
					waitFor(t, "the control password at the server", func() bool { return leaked(f.site.postsTo(host), other) })
					continue
				}
				time.Sleep(1500 * time.Millisecond)
				if v := f.eval(t, tab, `window.__pw.value`); v != "" {
					t.Errorf("the field still holds %d characters", len(v))
				}
			}
			if p := f.site.postsTo(host); leaked(p, secret) {
				t.Fatalf("ameli.fr's password reached the server: %q", p)
			}
		})
	}
}
