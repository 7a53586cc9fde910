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
	pages := []string{
		"pages/warning.html?u=http%3A%2F%2Farneli.fr%2F&h=arneli.fr&t=ameli.fr&n=ameli.fr&r=https%3A%2F%2Fameli.fr%2F&f=skeleton",
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
