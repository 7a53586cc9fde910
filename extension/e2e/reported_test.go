package e2e

import (
	"context"
	"strings"
	"testing"
)

// reportedHost names no brand: the families let it through; only the
// publisher's feed catches it.
const reportedHost = "colis-suivi-express.fr"

// signedListWith signs the default list plus source lines with the
// build's test key.
func signedListWith(t testing.TB, version uint64, lines string) []byte {
	return signedBy(t, testKey, version, lines)
}

func publishReported(t *testing.T, s *site) {
	if err := s.store.Put(context.Background(), "default", 1, signedListWith(t, 1, "block "+reportedHost+" imitates=laposte.fr\n")); err != nil {
		t.Fatal(err)
	}
}

// updateToReported checks the reported host is unknown, publishes the
// list that reports it and has the mediator update (from a Vigie page).
func updateToReported(t *testing.T, b *browser, ext context.Context) {
	c := chromiumOf(b)
	updateToReportedIn(t, c, c.adopt(ext))
}

func updateToReportedIn(t *testing.T, d driver, page string) {
	if k := d.eval(t, page, `chrome.runtime.sendMessage({type: "check", url: "http://`+reportedHost+`/"}).then(v => v.kind)`); k != "unknown" {
		t.Fatalf("before the list: %s", k)
	}
	publishReported(t, d.site())
	d.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`)
	if r := d.eval(t, page, `chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result)`); r != "updated" {
		t.Fatalf("update: %s", r)
	}
}

// A host the publisher's feed reported, in a signed list fetched from the
// list server: its server receives nothing, the warning says "signalé
// comme frauduleux" and leads to the site it imitates. Before the list,
// the same host is let through (the control).
func TestBothReportedHostBlocked(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		updateToReportedIn(t, d, d.vigiePage(t))
		tab := d.tab(t)
		d.navigate(t, tab, "http://"+reportedHost+"/suivi")
		waitFor(t, "the warning", func() bool { return d.isVigiePage(d.location(t, tab), "pages/warning.html") })
		waitFor(t, "the warning's text", func() bool {
			return strings.Contains(d.eval(t, tab, `document.body.innerText`), "signalé comme frauduleux")
		})
		if txt := d.eval(t, tab, `document.body.innerText`); !strings.Contains(txt, "laposte.fr") {
			t.Fatalf("the warning says %q", txt)
		}
		if n := d.site().hitsFor(reportedHost); n != 0 {
			t.Fatalf("the reported host's server received %d requests", n)
		}
	})
}
