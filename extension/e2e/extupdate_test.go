package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vigie/build/crx"
)

// newVersion packs the build as version 99.0.0, signed with the test key
// (so the same ID), and puts it with its updates.xml on the test's update
// server, as an IT service publishes an update.
func newVersion(t *testing.T, s *site) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	err := filepath.WalkDir(builtDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(builtDir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "manifest.json" {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				return err
			}
			m["version"] = "99.0.0"
			if b, err = json.Marshal(m); err != nil {
				return err
			}
		}
		w, err := z.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil || z.Close() != nil {
		t.Fatal(err)
	}
	key, err := crx.LoadKey(filepath.Join(pkgDir, "crx-test-key.pem"), false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := crx.Write(buf.Bytes(), key)
	if err != nil {
		t.Fatal(err)
	}
	s.setFile("updates.vigie.test/vigie-99.crx", c)
	s.setFile("updates.vigie.test/updates.xml", crx.UpdateManifest(builtID, "99.0.0", updateURL+"vigie-99.crx"))
}

// A new version pushed in the middle of a visitor's session is applied
// without cleaning the terminal: the visitor's tab stays open. The
// control: a reload without the update's mark (as a browser start) does
// close it, so the open tab is not luck.
func TestUpdateKeepsTheVisitorsSession(t *testing.T) {
	b := newBrowser(t)
	visitor := b.tab(t)
	if err := navigate(visitor, "http://www.service-public.fr/"); err != nil {
		t.Fatal(err)
	}
	open := func() bool {
		return b.openPage(func(u string) bool { return u == "http://www.service-public.fr/" }) != ""
	}
	sw := b.worker(t)
	time.Sleep(2 * time.Second) // past the install's own start (which cleans nothing)
	// Installed long ago: only the update's mark may spare the session.
	chromedp.Run(sw, chromedp.Evaluate[any](`chrome.storage.local.set({installedAt: 1}), null`))
	newVersion(t, b.site)
	before := workerTarget(t, b)
	if status := eval[string](t, sw, `chrome.runtime.requestUpdateCheck().then(r => r.status)`); status != "update_available" {
		t.Fatalf("update check: %s", status)
	}
	waitForLong(t, "the new version's worker", 30*time.Second, func() bool {
		id := workerTarget(t, b)
		return id != "" && id != before
	})
	sw = b.worker(t)
	if v := eval[string](t, sw, `chrome.runtime.getManifest().version`); v != "99.0.0" {
		t.Fatalf("the new worker is version %s", v)
	}
	time.Sleep(3 * time.Second) // the start's wait, and a wipe if one came
	if !open() {
		b.openPage(func(u string) bool { t.Log("open:", u); return false })
		t.Fatal("the update closed the visitor's tab")
	}
	// Control: a reload that is not an update cleans the terminal.
	before = workerTarget(t, b)
	chromedp.Run(sw, chromedp.Evaluate[any](`chrome.storage.local.set({updatingAt: 0}).then(() => setTimeout(() => chrome.runtime.reload(), 10)), null`))
	waitForLong(t, "the reloaded worker", 20*time.Second, func() bool {
		id := workerTarget(t, b)
		return id != "" && id != before
	})
	waitFor(t, "control: the visitor's tab closed by the start-of-session cleaning", func() bool { return !open() })
}

// The same in Firefox ESR, from the new version's side: the add-on here is
// installed by WebDriver BiDi and does not update, so the test writes the
// mark its update handler writes, then reloads it. With the mark the
// visitor's tab stays; without it (the control) the start cleans it away.
func TestFirefoxUpdateKeepsTheVisitorsSession(t *testing.T) {
	f := newFirefox(t)
	time.Sleep(2 * time.Second) // past the install's own start
	visitor := f.tab(t)
	f.navigate(t, visitor, "http://www.service-public.fr/")
	open := func() bool { return strings.Contains(f.location(t, ""), "http://www.service-public.fr/") }
	for i, c := range []struct {
		mark string
		kept bool
	}{{"Date.now()", true}, {"0", false}} {
		f.reloadAddonWith(t, fmt.Sprintf("maj%d.arneli.fr", i), `{installedAt: 1, updatingAt: `+c.mark+`}`)
		if c.kept {
			time.Sleep(3 * time.Second) // the start's wait, and a clean-up if one came
			if !open() {
				t.Fatal("the update closed the visitor's tab")
			}
			continue
		}
		waitFor(t, "control: the visitor's tab closed by the start-of-session cleaning", func() bool { return !open() })
	}
}
