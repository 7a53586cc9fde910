package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fresh is a password of no official site: only the page's impersonation
// can stop it.
const fresh = "Tout-Neuf-2026"

// impersonationPages are unknown sites that name ameli while hiding the
// name from a naive reader (issue 11), each with a login form at the top
// left posting to its own server; the last is the control, naming nobody.
// It returns host → the host whose server the form posts to.
func impersonationPages(s *site) (cases []string, postsTo map[string]string, control string) {
	form := func(host string) string {
		return `<form method="post" action="http://` + host + `/login"><input id="pw" name="pw" type="password" ` +
			`style="position:absolute;left:0;top:0;width:300px;height:40px"></form>`
	}
	page := func(host, text string) string {
		return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion</title></head><body style="margin:0">` +
			form(host) + `<div style="margin-top:60px">` + text + `</div></body></html>`
	}
	postsTo = map[string]string{}
	add := func(host, html string) {
		s.setPage(host, html)
		cases = append(cases, host)
		postsTo[host] = host
	}
	add("lettres-espacees.fr", page("lettres-espacees.fr", "<h1>Connexion à votre compte a m e l i</h1>"))
	add("chiffres-lettres.fr", page("chiffres-lettres.fr", "<h1>Votre espace amel1</h1>"))
	add("pleine-chasse.fr", page("pleine-chasse.fr", "<h1>Compte Ａｍｅｌｉ</h1>"))
	add("long-texte.fr", page("long-texte.fr", "<p>"+strings.Repeat("Bienvenue sur notre portail de services. ", 250)+"</p><p>Assurance Maladie — ameli</p>"))
	// The name on the top page, the form in a frame of another site.
	s.setPage("bas-formulaire.fr", `<!doctype html><body style="margin:0">`+form("bas-formulaire.fr")+`</body>`)
	s.setPage("haut-marque.fr", `<!doctype html><title>Compte ameli</title><body style="margin:0"><h1 style="margin-top:140px">Votre compte ameli</h1>`+
		`<iframe src="http://bas-formulaire.fr/" style="position:absolute;left:0;top:0;width:400px;height:120px;border:0"></iframe>`)
	cases = append(cases, "haut-marque.fr")
	postsTo["haut-marque.fr"] = "bas-formulaire.fr"
	// The name and the form in a srcdoc frame of a neutral page.
	inner := `<!doctype html><body style="margin:0">` + form("cadre-marque.fr") + `<h1 style="margin-top:60px">Compte ameli</h1></body>`
	add("cadre-marque.fr", `<!doctype html><title>Accueil</title><body style="margin:0"><iframe srcdoc="`+strings.ReplaceAll(inner, `"`, "&quot;")+
		`" style="position:absolute;left:0;top:0;width:400px;height:200px;border:0"></iframe>`)
	s.setPage("portail-neutre.fr", page("portail-neutre.fr", "<h1>Connexion à votre espace client</h1>"))
	return cases, postsTo, "portail-neutre.fr"
}

// A fresh password typed on each of these pages never reaches their
// server; on the control page, which names nobody, it does.
func TestHostileImpersonationEvasions(t *testing.T) {
	b := newBrowser(t)
	cases, postsTo, control := impersonationPages(b.site)
	typeIn := func(host string) {
		tab := b.tab(t)
		navigate(tab, "http://"+host+"/")
		time.Sleep(800 * time.Millisecond) // the page described to the engine
		chromedp.Do(tab, chromedp.MouseClickXY(40, 20), chromedp.KeyEvent(fresh), chromedp.KeyEvent("\r"))
	}
	eachImpersonation(t, b.site, cases, postsTo, control, typeIn)
}

// The same in Firefox ESR (value set and form sent from the field's own
// frame, as the page's script would).
func TestFirefoxHostileImpersonationEvasions(t *testing.T) {
	f := newFirefox(t)
	cases, postsTo, control := impersonationPages(f.site)
	typeIn := func(host string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://"+host+"/")
		time.Sleep(800 * time.Millisecond)
		ctx := tab
		var tree struct {
			Contexts []struct {
				Children []struct{ Context string }
			}
		}
		if err := f.bidi.call("browsingContext.getTree", map[string]any{"root": tab}, &tree); err == nil && len(tree.Contexts) > 0 && len(tree.Contexts[0].Children) > 0 {
			ctx = tree.Contexts[0].Children[0].Context
		}
		f.eval(t, ctx, `(() => { const p = document.getElementById("pw"); p.focus(); p.value = `+strconv.Quote(fresh)+`; p.form.requestSubmit(); return "ok"; })()`)
	}
	eachImpersonation(t, f.site, cases, postsTo, control, typeIn)
}

// eachImpersonation types the fresh password on the control page (it
// must arrive: the forms work) and on each case's page (it must not).
func eachImpersonation(t *testing.T, s *site, cases []string, postsTo map[string]string, control string, typeIn func(host string)) {
	typeIn(control)
	waitFor(t, "the control password sent", func() bool { return leaked(s.postsTo(control), fresh) })
	for _, h := range cases {
		t.Run(h, func(t *testing.T) {
			typeIn(h)
			time.Sleep(1500 * time.Millisecond)
			if p := s.postsTo(postsTo[h]); leaked(p, fresh) {
				t.Fatalf("the password reached %s: %q", postsTo[h], p)
			}
		})
	}
}
