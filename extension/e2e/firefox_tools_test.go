package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdvisorTools in Firefox ESR.
func TestFirefoxAdvisorTools(t *testing.T) {
	dir := t.TempDir()
	f := newFirefoxWith(t, downloadPrefs(dir))
	page := f.vigiePage(t, "arneli.fr")
	loc := f.location(t, page)
	base := loc[:strings.Index(loc, "/pages/")+1]
	if r := f.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`); r != "true" {
		t.Fatalf("choosing the code: %s", r)
	}
	c := f.extTab(t, page, base+"pages/options.html")
	waitFor(t, "the console", func() bool { return f.eval(t, c, `String(document.getElementById("console").hidden)`) == "false" })
	hitsBefore := f.site.hitsFor("arneli.fr")
	f.eval(t, c, `document.getElementById("checkInput").value = "arneli.fr/remboursement", document.getElementById("checkForm").requestSubmit(), "ok"`)
	waitFor(t, "the link checker's answer", func() bool {
		return strings.Contains(f.eval(t, c, `document.getElementById("checkResult").textContent`), "Faux site")
	})
	if n := f.site.hitsFor("arneli.fr") - hitsBefore; n != 0 {
		t.Fatalf("checking the link sent %d requests to it", n)
	}
	f.eval(t, c, `document.getElementById("reportMissed").click(), "ok"`)
	waitFor(t, "the report listed", func() bool {
		return strings.Contains(f.eval(t, c, `document.getElementById("reports").textContent`), "arneli.fr")
	})
	f.eval(t, c, `document.getElementById("checkInput").value = "http://-2+3.example/", document.getElementById("checkForm").requestSubmit(), "ok"`)
	waitFor(t, "the second answer", func() bool {
		return strings.Contains(f.eval(t, c, `document.getElementById("checkResult").textContent`), "2+3.example")
	})
	f.eval(t, c, `document.getElementById("reportMissed").click(), "ok"`)
	waitFor(t, "the second report listed", func() bool {
		return strings.Contains(f.eval(t, c, `document.getElementById("reports").textContent`), "-2+3.example")
	})
	f.eval(t, c, `document.getElementById("reportExport").click(), "ok"`)
	waitFor(t, "the exported file", func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "vigie-signalements-*.tsv"))
		if len(m) == 0 {
			return false
		}
		b, _ := os.ReadFile(m[0])
		return strings.Contains(string(b), "\tarneli.fr\tmissed\tlookalike\tameli.fr") && strings.Contains(string(b), "\t'-2+3.example\tmissed\t")
	})
	f.eval(t, c, `document.getElementById("example").click(), "ok"`)
	var demo, d string
	waitFor(t, "the practice warning", func() bool {
		d, demo = f.contextWhere(t, func(u string) bool {
			return strings.Contains(u, "/pages/warning.html?") && strings.Contains(u, "&demo=")
		})
		return d != ""
	})
	waitFor(t, "the practice ribbon", func() bool { return f.eval(t, d, `String(document.getElementById("demo").hidden)`) == "false" })
	f.eval(t, d, `document.getElementById("go").click(), "ok"`)
	waitFor(t, "the Bravo", func() bool { return f.eval(t, d, `String(document.getElementById("bravo").hidden)`) == "false" })
	if u := f.eval(t, d, `location.href`); u != demo {
		t.Errorf("the practice button went to %s", u)
	}
	// As in Chromium: a forged, a spent, a moved token make no practice.
	real := func(what, url string) {
		forged := f.extTab(t, page, url)
		waitFor(t, "the warning", func() bool {
			return f.eval(t, forged, `document.activeElement ? document.activeElement.id : ""`) == "go"
		})
		waitFor(t, "the token's claim answered", func() bool { return f.eval(t, forged, `document.body.dataset.practice || ""`) != "" })
		if f.eval(t, forged, `String(document.getElementById("demo").hidden)`) != "true" {
			t.Fatalf("%s made the warning a practice one", what)
		}
	}
	real("a forged token", base+"pages/warning.html?u=http%3A%2F%2Farneli.fr%2F&demo=forged")
	f.bidi.call("browsingContext.close", map[string]any{"context": d}, nil) // extTab finds a page by its address
	real("a spent token", demo)
	fresh := f.eval(t, c, `chrome.runtime.sendMessage({type: "demoWarning"}).then(r => r.url)`)
	real("a token on a real lookalike", strings.Replace(fresh, "arneli.fr", "amelii.fr", 1))
	real("a token tried on another address first", fresh)
	p := f.extTab(t, page, base+"pages/popup.html")
	f.eval(t, p, `document.getElementById("checkInput").value = "https://www.ameli.fr/", document.getElementById("checkForm").requestSubmit(), "ok"`)
	waitFor(t, "the popup's answer", func() bool {
		return strings.Contains(f.eval(t, p, `document.getElementById("checkResult").textContent`), "Site officiel")
	})
	s := f.extTab(t, page, base+"pages/aide.html")
	if txt := f.eval(t, s, `document.body.innerText`); !strings.Contains(txt, "Ce site est faux") {
		t.Fatalf("the help sheet says %q", txt)
	}
}

// contextWhere is the first open tab whose address matches, and its address.
func (f *firefox) contextWhere(t *testing.T, match func(string) bool) (ctx, url string) {
	var tree struct {
		Contexts []struct{ Context, URL string }
	}
	if err := f.bidi.call("browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree); err != nil {
		return "", ""
	}
	for _, c := range tree.Contexts {
		if match(c.URL) {
			return c.Context, c.URL
		}
	}
	return "", ""
}

// extTab opens one of Vigie's pages in a new tab, from a Vigie page (from
// outside, Firefox does not load moz-extension addresses), and returns
// the new tab's context once the page is there.
func (f *firefox) extTab(t testing.TB, from, url string) string {
	type tree struct {
		Contexts []struct{ Context, URL string }
	}
	var before, now tree
	f.bidi.call("browsingContext.getTree", map[string]any{"maxDepth": 0}, &before)
	old := map[string]bool{}
	for _, c := range before.Contexts {
		old[c.Context] = true
	}
	f.eval(t, from, `chrome.tabs.create({url: "`+url+`"}).then(() => "ok")`)
	var ctx string
	waitFor(t, "the tab of "+url, func() bool {
		if err := f.bidi.call("browsingContext.getTree", map[string]any{"maxDepth": 0}, &now); err != nil {
			return false
		}
		for _, c := range now.Contexts {
			if c.URL == url && !old[c.Context] {
				ctx = c.Context
				return f.eval(t, ctx, `document.readyState`) == "complete"
			}
		}
		return false
	})
	return ctx
}
