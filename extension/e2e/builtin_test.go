package e2e

import (
	"strconv"
	"strings"
	"testing"
)

// builtinHosts are sites of the public-sector list (lists/etalab/hosts.txt)
// that the national list does not name.
var builtinHosts = []string{"www.bischheim.alsace", "amelie-les-bains.com", "www.mairie-gael.bzh"}

// checkBuiltin asks the worker, through send, what the list built into
// the extension says, with no list server set up.
func checkBuiltin(t *testing.T, send func(js string) string) {
	t.Helper()
	for _, h := range builtinHosts {
		if k := send(`chrome.runtime.sendMessage({type: "check", url: "https://` + h + `/"}).then(v => v.kind)`); k != "official" {
			t.Errorf("%s is %s, want official (built-in public-sector list)", h, k)
		}
	}
	if k := send(`chrome.runtime.sendMessage({type: "check", url: "http://arneli.fr/"}).then(v => v.kind)`); k != "lookalike" {
		t.Errorf("arneli.fr is %s", k)
	}
	n, _ := strconv.Atoi(send(`chrome.runtime.sendMessage({type: "status"}).then(s => String(s.info.entries))`))
	if n < 30000 {
		t.Errorf("the built-in list has %d entries", n)
	}
}

// The list built into the extension knows the public sector out of the
// box, before any list server: its sites are official, lookalikes of the
// national list are still caught.
func TestBuiltinListKnowsPublicSector(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	checkBuiltin(t, func(js string) string { return eval[string](t, ext, js) })
	for _, h := range builtinHosts[:1] {
		tab := b.tab(t)
		navigate(tab, "http://"+h+"/")
		tabID := eval[int](t, ext, `chrome.tabs.query({}).then(ts => ts.find(x => (x.url || "").includes("`+h+`")).id)`)
		waitFor(t, "the official status of "+h, func() bool {
			return strings.Contains(eval[string](t, ext, `chrome.runtime.sendMessage({type: "tabState", tabId: `+strconv.Itoa(tabID)+`}).then(s => JSON.stringify(s))`), `"official"`)
		})
	}
}

func TestFirefoxBuiltinListKnowsPublicSector(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	checkBuiltin(t, func(js string) string { return f.eval(t, page, js) })
}
