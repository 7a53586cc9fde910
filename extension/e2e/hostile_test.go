package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A page that calls document.open()/write() at load erases every event
// listener of the document and the window, the password guard's too. The
// guard puts them back: ameli.fr's password typed there never reaches the
// server. Asserted at the server.
func TestHostileDocumentOpen(t *testing.T) {
	b := newBrowser(t)
	b.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	rewritten := loginPage("Connexion", "")
	b.site.setPage("www.aide-formulaires.fr", `<!doctype html><title>x</title><script>
document.open(); document.write(`+strconv.Quote(rewritten)+`); document.close();
</script>`)
	b.site.setPage("popup-ecrit.fr", `<!doctype html><title>Accueil</title><button id="open">Se connecter</button><script>
document.getElementById("open").onclick = () => {
  const w = window.open("about:blank");
  w.document.open(); w.document.write(`+strconv.Quote(strings.Replace(rewritten, `action="/login"`, `action="http://popup-ecrit.fr/login"`, 1))+`); w.document.close();
};</script>`)
	real := b.tab(t)
	navigate(real, "http://www.ameli.fr/")
	if err := chromedp.Do(real, chromedp.SendKeys(chromedp.ID("pw"), secret), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the real login", func() bool { return len(b.site.postsTo("www.ameli.fr")) == 1 })

	t.Run("page rewritten at load", func(t *testing.T) {
		// The control: a password of no official site goes through, so the
		// form does send what is typed.
		tab := b.tab(t)
		navigate(tab, "http://www.aide-formulaires.fr/")
		waitFor(t, "the rewritten form", func() bool { return eval[bool](t, tab, `!!document.getElementById("pw")`) })
		chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw"), other), chromedp.Click(chromedp.ID("go")))
		waitFor(t, "the control password sent", func() bool { return len(b.site.postsTo("www.aide-formulaires.fr")) == 1 })
		navigate(tab, "http://www.aide-formulaires.fr/")
		waitFor(t, "the rewritten form", func() bool { return eval[bool](t, tab, `!!document.getElementById("pw")`) })
		chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw"), secret), chromedp.Click(chromedp.ID("go")))
		time.Sleep(1500 * time.Millisecond)
		if p := b.site.postsTo("www.aide-formulaires.fr"); leaked(p, secret) {
			t.Fatalf("ameli.fr's password reached the page's server: %q", p)
		}
	})
	t.Run("about:blank popup written by script", func(t *testing.T) {
		// typeInPopup opens the popup and types pw in its form.
		typeInPopup := func(pw string) {
			tab := b.tab(t)
			navigate(tab, "http://popup-ecrit.fr/")
			if err := chromedp.Do(tab, chromedp.Click(chromedp.ID("open"))); err != nil {
				t.Fatal(err)
			}
			var id target.ID
			waitFor(t, "the written popup", func() bool {
				targets, _ := chromedp.Targets(b.ctx)
				for _, tg := range targets {
					if tg.URL == "about:blank" && tg.Type == "page" && !tg.Attached {
						id = tg.TargetID
						return true
					}
				}
				return false
			})
			pctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
			defer cancel()
			waitFor(t, "the popup's form", func() bool { return eval[bool](t, pctx, `!!document.getElementById("pw")`) })
			chromedp.Do(pctx, chromedp.SendKeys(chromedp.ID("pw"), pw), chromedp.Click(chromedp.ID("go")))
			time.Sleep(1500 * time.Millisecond)
			chromedp.Cancel(pctx)
		}
		typeInPopup(other) // the control: this one is sent
		if p := b.site.postsTo("popup-ecrit.fr"); len(p) != 1 || !strings.Contains(p[0], other) {
			t.Fatalf("the control password did not reach the popup's server: %v", p)
		}
		typeInPopup(secret)
		if p := b.site.postsTo("popup-ecrit.fr"); leaked(p, secret) {
			t.Fatalf("ameli.fr's password reached the page's server: %q", p)
		}
	})
}
