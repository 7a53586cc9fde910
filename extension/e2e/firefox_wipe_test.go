package e2e

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// What remains in Firefox's profile after "Terminer ma session", read from
// its files once Firefox has closed (browser.close: files flushed), as
// TestEndOfSessionOnDisk does in Chromium: no downloaded file, and no
// visited host name or value typed in a form in any file, including the
// session store (mozLz4-compressed, read decompressed).
func TestFirefoxEndOfSessionOnDisk(t *testing.T) {
	downloads := t.TempDir()
	// Configured as docs/deploy/firefox-policies.json configures a
	// terminal: no disk cache. With one, Firefox leaves the entries of
	// pages still open at the wipe in cache2/doomed until its next start
	// (measured; docs/browser-facts.md).
	prefs := downloadPrefs(downloads)
	prefs["browser.cache.disk.enable"] = false
	prefs[sessionStoreInterval] = 2000
	f := newFirefoxWith(t, prefs)
	const host = "mairie-visite-7364.example.org"
	const typed = "0698765432-valeur-tapee-4721"
	f.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+host+"/")
	// Typed in the field, kept by Firefox's session store as form data,
	// then posted.
	f.typeIn(t, tab, "tel", typed)
	f.eval(t, tab, `(document.getElementById("go").click(), "ok")`)
	waitFor(t, "the form sent", func() bool { return len(f.site.postsTo(host)) == 1 })
	f.navigate(t, tab, "http://"+host+"/attestation.pdf")
	waitFor(t, "the downloaded file", func() bool { return len(filesIn(downloads)) == 1 })
	closed := f.tab(t)
	f.navigate(t, closed, "http://"+host+"/page-fermee")
	if err := f.bidi.call("browsingContext.close", map[string]any{"context": closed}, nil); err != nil {
		t.Fatal(err)
	}
	// The control: Firefox writes its session store (every 2 s here) and
	// the search finds what the visitor did.
	for _, s := range []string{host, typed} {
		waitFor(t, "control: "+s+" in the profile before the wipe", func() bool { return len(grepProfile(f.profile, s)) > 0 })
	}
	page := f.vigiePage(t, "arneli.fr")
	f.eval(t, page, `(chrome.runtime.sendMessage({type: "endSession", reason: "visitor"}), "sent")`)
	waitFor(t, "the welcome page", func() bool { return strings.Contains(f.location(t, ""), "/pages/welcome.html") })
	check := f.vigiePage(t, "amelii.fr")
	waitFor(t, "the end of session's report", func() bool {
		return strings.Contains(f.eval(t, check, `chrome.storage.local.get("lastSessionEnd").then(r => JSON.stringify(r.lastSessionEnd || {}))`), `"failed":[]`)
	})
	time.Sleep(2 * time.Second)
	f.closeAndWait(t) // closed as a terminal closes it (its files written), not killed
	f.stop()
	if files := filesIn(downloads); len(files) != 0 {
		t.Fatalf("downloaded files left on the disk: %v", files)
	}
	for _, secret := range []string{host, typed} {
		for _, file := range grepProfile(f.profile, secret) {
			t.Errorf("%q is still in the profile: %s", secret, file)
		}
	}
}

// sessionStoreInterval is Firefox's preference for how often it writes its
// session store (15 s by default). The disk tests write it every 2 s: the
// control finds the visitor's traces sooner, and more writes can only leave
// more behind, never less.
const sessionStoreInterval = "browser.sessionstore.interval"

// grepProfile lists the files under dir that contain s, as UTF-8 or
// UTF-16, or inside a mozLz4 file once decompressed; the harness's own log
// (firefox.log, written by the test's command line) is not the profile.
func grepProfile(dir, s string) []string {
	var out []string
	for _, rel := range grepTree(dir, s) {
		if rel != "firefox.log" {
			out = append(out, rel)
		}
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "lz4") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if plain, err := mozLz4(b); err == nil && bytes.Contains(plain, []byte(s)) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel+" (decompressed)")
		}
		return nil
	})
	return out
}

// mozLz4 decompresses Firefox's mozLz4 files: "mozLz40\0", the plain
// size (uint32, little-endian), then one LZ4 block.
func mozLz4(b []byte) ([]byte, error) {
	if len(b) < 12 || string(b[:8]) != "mozLz40\x00" {
		return nil, errors.New("not mozLz4")
	}
	size := binary.LittleEndian.Uint32(b[8:12])
	if size > 64<<20 {
		return nil, errors.New("too large")
	}
	src, out := b[12:], make([]byte, 0, size)
	for i := 0; i < len(src); {
		tok := src[i]
		i++
		n := int(tok >> 4)
		if n == 15 {
			for i < len(src) {
				c := src[i]
				i++
				n += int(c)
				if c != 255 {
					break
				}
			}
		}
		if i+n > len(src) {
			return nil, errors.New("truncated literals")
		}
		out = append(out, src[i:i+n]...)
		i += n
		if i >= len(src) {
			break // the last sequence has literals only
		}
		if i+2 > len(src) {
			return nil, errors.New("truncated offset")
		}
		off := int(src[i]) | int(src[i+1])<<8
		i += 2
		m := int(tok & 15)
		if m == 15 {
			for i < len(src) {
				c := src[i]
				i++
				m += int(c)
				if c != 255 {
					break
				}
			}
		}
		m += 4
		if off == 0 || off > len(out) {
			return nil, errors.New("bad offset")
		}
		for k := 0; k < m; k++ { // byte by byte: a match may overlap itself
			out = append(out, out[len(out)-off])
		}
	}
	return out, nil
}
