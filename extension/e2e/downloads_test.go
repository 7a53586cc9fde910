package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// downloadCase is one file a visitor tries to save, and what Vigie says:
// family "" means saved; else the refusal page's reason (r=) and, for an
// archive, the entry at fault (e=). Both browsers run the same cases;
// where they differ (Chromium cannot hand a zip's bytes to Vigie) the case
// says so.
type downloadCase struct {
	name          string
	body          []byte
	family, entry string
	data          bool // offered as a data: link (its bytes are in Vigie's hands)
}

const downloadHost = "www.exemple-telechargement.fr"

func testZip(t testing.TB, encrypted bool, names ...string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, _ := w.Create(n)
		f.Write([]byte("contenu de " + n))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if encrypted { // the flag a password sets on every entry
		for i := 0; i+4 <= len(b); i++ {
			if binary.LittleEndian.Uint32(b[i:]) == 0x02014b50 {
				b[i+8] |= 1
			}
		}
	}
	return b
}

func downloadCases(t testing.TB) []downloadCase {
	plain := []byte("contenu de test")
	return []downloadCase{
		{name: "releve.csv", body: plain},
		{name: "lanceur.vhdx", body: plain, family: "disk-image"},
		{name: "mise-a-jour.appinstaller", body: plain, family: "installer"},
		{name: "outil.xll", body: plain, family: "installer"},
		{name: "aide.chm", body: plain, family: "help"},
		{name: "CAF.url", body: plain, family: "shortcut"},
		{name: "parametres.settingcontent-ms", body: plain, family: "shortcut"},
		{name: "script.wsh", body: plain, family: "script"},
		{name: "console.msc", body: plain, family: "program"},
		{name: "formulaire.xlsm", body: plain, family: "macro-document"},
		// A server's zip: neither browser hands its bytes to an extension.
		{name: "documents.zip", body: testZip(t, false, "attestation.pdf"), family: "archive-unreadable"},
		{name: "archive.7z", body: plain, family: "archive-unreadable"},
		// A data: link carries its bytes: the zip is judged by its names.
		{name: "documents-data.zip", body: testZip(t, false, "attestation.pdf", "photos/", "photos/carte.jpg"), data: true},
		{name: "facture.zip", body: testZip(t, false, "facture.pdf", "Facture.pdf.exe"), family: "program", entry: "Facture.pdf.exe", data: true},
		{name: "colis.zip", body: testZip(t, true, "suivi.pdf"), family: "archive-encrypted", entry: "suivi.pdf", data: true},
		{name: "double.zip", body: testZip(t, false, "a.pdf", "dedans.zip"), family: "archive-nested", entry: "dedans.zip", data: true},
	}
}

// serveDownloads serves each file and a page that links to all of them
// (link i has id "d<i>"), as a visitor would find them.
func serveDownloads(s *site, cases []downloadCase) {
	var page strings.Builder
	page.WriteString(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>Téléchargements</title>`)
	for i, c := range cases {
		href := "/telecharger/" + c.name
		if c.data {
			href = "data:application/zip;base64," + base64.StdEncoding.EncodeToString(c.body)
		} else {
			s.setFile(downloadHost+href, c.body)
		}
		fmt.Fprintf(&page, `<p><a id="d%d" href="%s" download="%s">%s</a>`, i, href, c.name, c.name)
	}
	s.setPage(downloadHost, page.String())
}

// refusalFor says whether u is the refusal page of c with the right reason.
func refusalFor(u string, c downloadCase, family string) bool {
	i := strings.Index(u, "/pages/download.html?")
	if i < 0 {
		return false
	}
	q, err := url.ParseQuery(u[i+len("/pages/download.html?"):])
	// Firefox saves some types under a neutralising ".download" suffix.
	return err == nil && strings.TrimSuffix(q.Get("f"), ".download") == c.name && q.Get("r") == family && (family != c.family || q.Get("e") == c.entry)
}

// Every family of docs/downloads.md, in Chromium force-installed, each
// file clicked on a page: refused with its reason and gone from the disk,
// while a CSV and a zip of documents are saved.
func TestDownloadFamilies(t *testing.T) {
	cases := downloadCases(t)
	dir := t.TempDir()
	b := startWith(t, t.TempDir(), policy, func(s *site) { serveDownloads(s, cases) })
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	tab := b.tab(t)
	if err := navigate(tab, "http://"+downloadHost+"/"); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		family := c.family
		eval[bool](t, tab, fmt.Sprintf(`document.getElementById("d%d").click(), true`, i))
		if family == "" {
			waitFor(t, c.name+" on disk", func() bool {
				_, err := os.Stat(filepath.Join(dir, c.name))
				return err == nil
			})
			continue
		}
		waitFor(t, "the refusal page of "+c.name+" ("+family+")", func() bool {
			return b.openPage(func(u string) bool { return refusalFor(u, c, family) }) != ""
		})
	}
	time.Sleep(time.Second)
	for _, p := range filesIn(dir) {
		if n := filepath.Base(p); n != "releve.csv" && n != "documents-data.zip" {
			t.Errorf("a refused file is on the disk: %s", p)
		}
	}
}
