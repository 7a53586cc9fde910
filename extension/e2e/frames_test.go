package e2e

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// framePages are login forms in frames that have no address of their own
// (srcdoc, data:), or a blob: address, on an unknown site, each posting to
// that site's server; and the site sending itself to a blob: login page.
func framePages(s *site) []string {
	form := func(host string) string {
		return `<!doctype html><body style="margin:0"><form method="post" action="http://` + host + `/login">` +
			`<input id="pw" name="pw" type="password" style="position:absolute;left:0;top:0;width:300px;height:40px"></form>`
	}
	frame := `style="position:absolute;left:0;top:0;width:400px;height:120px;border:0"`
	s.setPage("cadre-srcdoc.fr", `<!doctype html><title>Démarches</title><body style="margin:0"><iframe id="fr" `+frame+` srcdoc="`+strings.ReplaceAll(form("cadre-srcdoc.fr"), `"`, "&quot;")+`"></iframe>`)
	s.setPage("cadre-data.fr", `<!doctype html><title>Démarches</title><body style="margin:0"><iframe id="fr" `+frame+` src="data:text/html,`+url.PathEscape(form("cadre-data.fr"))+`"></iframe>`)
	s.setPage("cadre-blob.fr", `<!doctype html><title>Démarches</title><body style="margin:0"><iframe id="fr" `+frame+`></iframe><script>
document.getElementById("fr").src = URL.createObjectURL(new Blob([`+strconv.Quote(form("cadre-blob.fr"))+`], {type: "text/html"}));</script>`)
	s.setPage("page-blob.fr", `<!doctype html><title>Démarches</title><script>
location.href = URL.createObjectURL(new Blob([`+strconv.Quote(form("page-blob.fr"))+`], {type: "text/html"}));</script>`)
	return []string{"cadre-srcdoc.fr", "cadre-data.fr", "cadre-blob.fr", "page-blob.fr"}
}

// TestHostileFrames: ameli.fr's password typed into each of those forms
// never reaches the site's server; another password does (the control:
// the form works and sends what is typed). Keys are trusted key events
// into the focused frame; Enter submits.
func TestHostileFrames(t *testing.T) {
	b := newBrowser(t)
	b.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	hosts := framePages(b.site)
	real := b.tab(t)
	navigate(real, "http://www.ameli.fr/")
	if err := chromedp.Do(real, chromedp.SendKeys(chromedp.ID("pw"), secret), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the real login", func() bool { return len(b.site.postsTo("www.ameli.fr")) == 1 })
	typeIn := func(t *testing.T, host, pw string) {
		tab := b.tab(t)
		navigate(tab, "http://"+host+"/")
		time.Sleep(500 * time.Millisecond) // the frame's content script
		if err := chromedp.Do(tab, chromedp.MouseClickXY(40, 20), chromedp.KeyEvent(pw), chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
	}
	eachFrameCase(t, b.site, hosts, typeIn)
}

// The same in Firefox ESR: the value is set and the form submitted from
// inside the frame's own context, as the frame's script would.
func TestFirefoxHostileFrames(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	hosts := framePages(f.site)
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	f.eval(t, real, `(() => { const p = document.getElementById("pw"); p.focus(); p.value = `+strconv.Quote(secret)+`; document.getElementById("f").requestSubmit(); return "ok"; })()`)
	waitFor(t, "the real login", func() bool { return len(f.site.postsTo("www.ameli.fr")) == 1 })
	typeIn := func(t *testing.T, host, pw string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://"+host+"/")
		var ctx string
		waitFor(t, "the form's frame", func() bool {
			var tree struct {
				Contexts []struct {
					Context  string
					Children []struct{ Context string }
				}
			}
			if err := f.bidi.call("browsingContext.getTree", map[string]any{"root": tab}, &tree); err != nil || len(tree.Contexts) == 0 {
				return false
			}
			ctx = tab
			if ch := tree.Contexts[0].Children; len(ch) > 0 {
				ctx = ch[0].Context
			}
			return f.eval(t, ctx, `String(!!document.getElementById("pw"))`) == "true"
		})
		time.Sleep(500 * time.Millisecond) // the frame's content script
		f.eval(t, ctx, `(() => { const p = document.getElementById("pw"); p.focus(); p.value = `+strconv.Quote(pw)+`; p.form.requestSubmit(); return "ok"; })()`)
	}
	eachFrameCase(t, f.site, hosts, typeIn)
}

// eachFrameCase types, on each host's page, first another password (the
// control: it must arrive, so the form works) then ameli.fr's (it must
// not), and asserts both at the server.
func eachFrameCase(t *testing.T, s *site, hosts []string, typeIn func(t *testing.T, host, pw string)) {
	for _, h := range hosts {
		t.Run(h, func(t *testing.T) {
			typeIn(t, h, other)
			waitFor(t, "the control password sent", func() bool { return leaked(s.postsTo(h), other) })
			typeIn(t, h, secret)
			time.Sleep(1500 * time.Millisecond)
			if p := s.postsTo(h); leaked(p, secret) {
				t.Fatalf("ameli.fr's password reached %s's server: %q", h, p)
			}
		})
	}
}
