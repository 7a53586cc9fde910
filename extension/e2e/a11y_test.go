package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Every page Vigie shows passes axe-core's WCAG 2 A/AA rules (npm
// axe-core, a development tool, injected through DevTools).
func TestAccessibility(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "build", "node", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (npm ci --prefix build/node): %v", err)
	}
	b := newBrowser(t)
	b.site.pages["a11y-control.fr"] = `<!doctype html><html><head><title>x</title></head><body><img src="/x.png"><input></body></html>`
	run := func(t *testing.T, tab context.Context) []string {
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
			t.Fatal(err)
		}
		return eval[[]string](t, tab, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}})
			.then(r => r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.length + ")"))`)
	}
	t.Run("control: a page with faults is caught", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://a11y-control.fr/"); err != nil {
			t.Fatal(err)
		}
		if vs := run(t, tab); len(vs) < 2 {
			t.Fatalf("axe found %v on a page without alt text, label or lang", vs)
		}
	})
	// The banners Vigie injects into web pages live in closed shadow roots,
	// which axe cannot enter: the same renderer (extension/banner.js) draws
	// them here in open ones, on an ordinary page.
	t.Run("banners drawn in web pages", func(t *testing.T) {
		banner, err := os.ReadFile(filepath.Join(repoRoot(t), "extension", "banner.js"))
		if err != nil {
			t.Fatal(err)
		}
		b.site.pages["banniere.fr"] = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page</title></head><body><main><h1>Une page</h1></main></body></html>`
		tab := b.tab(t)
		if err := navigate(tab, "http://banniere.fr/"); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(banner)+";true")); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, tab, `(() => {
			const variants = [
				{warn: true, title: "Prudence : ce site n'est pas officiel.", text: "Il ressemble à caf.fr.", link: {href: "https://caf.fr/", text: "Aller sur le vrai site : caf.fr"}},
				{warn: false, title: "Vigie a bloqué ce mot de passe.", text: "Ce mot de passe est celui de ameli.fr.", link: {href: "https://ameli.fr/", text: "Aller sur le vrai site : ameli.fr"}, dismiss: "J'ai compris"},
				{warn: true, title: "Conseil : changez ce mot de passe.", text: "Même mot de passe que pour caf.fr.", link: {href: "https://cfspart.impots.gouv.fr/", text: "Changer le mot de passe ici"}, dismiss: "J'ai compris"},
			];
			for (const v of variants) {
				const host = document.createElement("div");
				document.body.append(host);
				VigieBanners.render(host.attachShadow({mode: "open"}), v);
			}
			return true;
		})()`)
		if n := eval[int](t, tab, `[...document.querySelectorAll("div")].filter(d => d.shadowRoot && d.shadowRoot.querySelector("[role=alert]")).length`); n != 3 {
			t.Fatalf("%d banners drawn", n)
		}
		for _, v := range run(t, tab) {
			t.Error(v)
		}
	})
	pages := []string{
		"pages/warning.html?u=http%3A%2F%2Farneli.fr%2F",
		"pages/options.html", "pages/welcome.html", "pages/popup.html", "pages/download.html?f=setup.exe",
		"pages/countdown.html",
	}
	for _, p := range pages {
		t.Run(strings.SplitN(p, "?", 2)[0], func(t *testing.T) {
			tab := b.tab(t)
			if err := chromedp.Do(tab, chromedp.Navigate(b.extURL(p))); err != nil {
				t.Fatal(err)
			}
			for _, v := range run(t, tab) {
				t.Error(v)
			}
		})
	}
}
