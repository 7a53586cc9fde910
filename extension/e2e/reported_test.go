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

// A host the publisher's feed reported, in a signed list fetched from the
// list server: its server receives nothing, the warning says "signalé
// comme frauduleux" and leads to the site it imitates. Before the list,
// the same host is let through (the control).
// updateToReported checks the reported host is unknown, publishes the
// list that reports it and has the mediator update (from a Vigie page).
func updateToReported(t *testing.T, b *browser, ext context.Context) {
	if k := eval[string](t, ext, `chrome.runtime.sendMessage({type: "check", url: "http://`+reportedHost+`/"}).then(v => v.kind)`); k != "unknown" {
		t.Fatalf("before the list: %s", k)
	}
	publishReported(t, b.site)
	eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`)
	if r := eval[string](t, ext, `chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result)`); r != "updated" {
		t.Fatalf("update: %s", r)
	}
}

func TestReportedHostBlocked(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	updateToReported(t, b, ext)
	tab := b.tab(t)
	navigate(tab, "http://"+reportedHost+"/suivi")
	waitLocation(t, tab, "the warning", func(l string) bool { return strings.HasPrefix(l, b.extURL("pages/warning.html")) })
	waitFor(t, "the warning's text", func() bool {
		return strings.Contains(eval[string](t, tab, `document.body.innerText`), "signalé comme frauduleux")
	})
	if txt := eval[string](t, tab, `document.body.innerText`); !strings.Contains(txt, "laposte.fr") {
		t.Fatalf("the warning says %q", txt)
	}
	if n := b.site.hitsFor(reportedHost); n != 0 {
		t.Fatalf("the reported host's server received %d requests", n)
	}
}
