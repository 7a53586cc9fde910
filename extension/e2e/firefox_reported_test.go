package e2e

import (
	"strings"
	"testing"
)

// TestReportedHostBlocked in Firefox ESR.
func TestFirefoxReportedHostBlocked(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	if k := f.eval(t, page, `chrome.runtime.sendMessage({type: "check", url: "http://`+reportedHost+`/"}).then(v => v.kind)`); k != "unknown" {
		t.Fatalf("before the list: %s", k)
	}
	publishReported(t, f.site)
	f.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`)
	if r := f.eval(t, page, `chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result)`); r != "updated" {
		t.Fatalf("update: %s", r)
	}
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+reportedHost+"/suivi")
	f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, reportedHost) })
	waitFor(t, "the warning's text", func() bool {
		return strings.Contains(f.eval(t, tab, `document.body.innerText`), "signalé comme frauduleux")
	})
	if n := f.site.hitsFor(reportedHost); n != 0 {
		t.Fatalf("the reported host's server received %d requests", n)
	}
}
