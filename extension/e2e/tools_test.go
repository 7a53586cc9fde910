package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The advisor's tools, in Chromium force-installed: "Vérifier un lien"
// judges a pasted link without a request reaching its server (popup and
// console); a mistake is noted and exported as a file; a practice warning
// opens only from the console; the help sheet prints.
func TestAdvisorTools(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	c := b.console(t)
	eval[bool](t, c, `document.getElementById("checkInput").value = "arneli.fr/remboursement", document.getElementById("checkForm").requestSubmit(), true`)
	waitFor(t, "the link checker's answer", func() bool {
		return strings.Contains(eval[string](t, c, `document.getElementById("checkResult").textContent`), "Faux site")
	})
	if txt := eval[string](t, c, `document.getElementById("checkResult").textContent`); !strings.Contains(txt, "ameli") || !strings.Contains(txt, "https://ameli.fr/") {
		t.Fatalf("the answer says %q", txt)
	}
	if n := b.site.hitsFor("arneli.fr"); n != 0 {
		t.Fatalf("checking the link sent %d requests to it", n)
	}
	screenshot(t, c, "console-check")

	eval[bool](t, c, `document.getElementById("reportFalseAlarm").click(), true`)
	waitFor(t, "the report listed", func() bool {
		return strings.Contains(eval[string](t, c, `document.getElementById("reports").textContent`), "arneli.fr")
	})
	// A host a spreadsheet would compute (valid in a URL) is exported inert.
	eval[bool](t, c, `document.getElementById("checkInput").value = "http://-2+3.example/", document.getElementById("checkForm").requestSubmit(), true`)
	waitFor(t, "the second answer", func() bool {
		return strings.Contains(eval[string](t, c, `document.getElementById("checkResult").textContent`), "2+3.example")
	})
	eval[bool](t, c, `document.getElementById("reportMissed").click(), true`)
	waitFor(t, "the second report listed", func() bool {
		return strings.Contains(eval[string](t, c, `document.getElementById("reports").textContent`), "-2+3.example")
	})
	eval[bool](t, c, `document.getElementById("reportExport").click(), true`)
	var exported string
	waitFor(t, "the exported file", func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "vigie-signalements-*.tsv"))
		if len(m) == 0 {
			return false
		}
		b, _ := os.ReadFile(m[0])
		exported = string(b)
		return strings.Contains(exported, "\n")
	})
	if !strings.Contains(exported, "\tarneli.fr\tfalse-alarm\tlookalike\tameli.fr") || strings.Contains(exported, "remboursement") ||
		!strings.Contains(exported, "\t'-2+3.example\tmissed\t") {
		t.Fatalf("exported %q (hosts only, never a path)", exported)
	}

	eval[bool](t, c, `document.getElementById("example").click(), true`)
	var demo string
	waitFor(t, "the practice warning", func() bool {
		demo = b.openPage(func(u string) bool {
			return strings.Contains(u, "/pages/warning.html?") && strings.Contains(u, "&demo=")
		})
		return demo != ""
	})
	d := b.attachPage(t, demo)
	waitFor(t, "the practice ribbon", func() bool { return !eval[bool](t, d, `document.getElementById("demo").hidden`) })
	if !eval[bool](t, d, `document.getElementById("proceed").hidden`) {
		t.Error("the practice warning offers to open the site")
	}
	// Its green button praises the right move and opens nothing.
	eval[bool](t, d, `document.getElementById("go").click(), true`)
	waitFor(t, "the Bravo", func() bool { return !eval[bool](t, d, `document.getElementById("bravo").hidden`) })
	if u := eval[string](t, d, `location.href`); u != demo {
		t.Errorf("the practice button went to %s", u)
	}
	screenshot(t, d, "warning-practice")
	// A page cannot dress a real warning as practice: not with a forged
	// token, not with a spent one (the practice page above spent it), not
	// with a fresh one on another address (which spends it too).
	real := func(what, url string) {
		forged := b.tab(t)
		chromedp.Do(forged, chromedp.Navigate(url))
		waitFor(t, "the warning", func() bool {
			return eval[string](t, forged, `document.activeElement ? document.activeElement.id : ""`) == "go"
		})
		waitFor(t, "the token's claim answered", func() bool { return eval[string](t, forged, `document.body.dataset.practice || ""`) != "" })
		if !eval[bool](t, forged, `document.getElementById("demo").hidden`) || eval[bool](t, forged, `document.getElementById("proceed").hidden`) {
			t.Fatalf("%s made the warning a practice one", what)
		}
	}
	real("a forged token", b.extURL("pages/warning.html?u=http%3A%2F%2Farneli.fr%2F&demo=forged"))
	real("a spent token", demo)
	fresh := eval[string](t, c, `chrome.runtime.sendMessage({type: "demoWarning"}).then(r => r.url)`)
	real("a token on a real lookalike", strings.Replace(fresh, "arneli.fr", "amelii.fr", 1))
	real("a token tried on another address first", fresh)

	p := b.tab(t)
	chromedp.Do(p, chromedp.Navigate(b.extURL("pages/popup.html")))
	eval[bool](t, p, `document.getElementById("checkBox").open = true, document.getElementById("checkInput").value = "https://www.ameli.fr/", document.getElementById("checkForm").requestSubmit(), true`)
	waitFor(t, "the popup's answer", func() bool {
		return strings.Contains(eval[string](t, p, `document.getElementById("checkResult").textContent`), "Site officiel")
	})
	screenshot(t, p, "popup-check")

	s := b.tab(t)
	chromedp.Do(s, chromedp.Navigate(b.extURL("pages/aide.html")))
	if txt := eval[string](t, s, `document.body.innerText`); !strings.Contains(txt, "Ce site est faux") || !strings.Contains(txt, "J'ai fini : tout effacer") {
		t.Fatalf("the help sheet says %q", txt)
	}
	screenshot(t, s, "help-sheet")
}
