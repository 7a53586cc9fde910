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
	"slices"
	"strings"
	"testing"
	"time"
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
	if encrypted { // the flag a password sets on every entry, in both its headers
		for i := 0; i+4 <= len(b); i++ {
			switch binary.LittleEndian.Uint32(b[i:]) {
			case 0x04034b50:
				b[i+6] |= 1
			case 0x02014b50:
				b[i+8] |= 1
			}
		}
	}
	return b
}

// Zips an extractor reads otherwise than the central directory says
// (issue 26; the differential test in wasm/engine has them all).
func uncountedZip(t testing.TB) []byte {
	b := testZip(t, false, "attestation.pdf", "attestation.exe")
	end := bytes.LastIndex(b, []byte("PK\x05\x06"))
	binary.LittleEndian.PutUint16(b[end+8:], 1) // the end record counts 1 of the 2
	binary.LittleEndian.PutUint16(b[end+10:], 1)
	return b
}

func decoyDirectoryZip(t testing.TB) []byte {
	b := testZip(t, false, "aaaa.exe")
	end := bytes.LastIndex(b, []byte("PK\x05\x06"))
	dir := int(binary.LittleEndian.Uint32(b[end+16:]))
	real := b[dir:end]
	decoy := bytes.Replace(real, []byte("aaaa.exe"), []byte("aaaa.pdf"), 1)
	out := append(append(append(bytes.Clone(b[:dir]), decoy...), real...), b[end:]...)
	// The end record points at the decoy, the real one lies before it.
	binary.LittleEndian.PutUint32(out[len(out)-len(b[end:])+12:], uint32(len(decoy)))
	return out
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
		{name: "bloc-notes.one", body: plain, family: "macro-document"},
		{name: "mise-a-jour.msu", body: plain, family: "installer"},
		{name: "bac-a-sable.wsb", body: plain, family: "script"},
		{name: "securite.crt", body: plain, family: "certificate"},
		{name: "avis-impots.svg", body: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), family: "web-page"},
		{name: "releve.html", body: []byte("<!doctype html><p>relevé"), family: "web-page"},
		{name: "attestation.pdf", body: []byte("%PDF-1.4 attestation")},
		{name: "formulaire.doc", body: plain}, // decided: saved (docs/downloads.md)
		// A server's zip: neither browser hands its bytes to an extension.
		{name: "documents.zip", body: testZip(t, false, "attestation.pdf"), family: "archive-unreadable"},
		{name: "archive.7z", body: plain, family: "archive-unreadable"},
		// A data: link carries its bytes: the zip is judged by its names.
		{name: "documents-data.zip", body: testZip(t, false, "attestation.pdf", "photos/", "photos/carte.jpg"), data: true},
		{name: "facture.zip", body: testZip(t, false, "facture.pdf", "Facture.pdf.exe"), family: "program", entry: "Facture.pdf.exe", data: true},
		{name: "colis.zip", body: testZip(t, true, "suivi.pdf"), family: "archive-encrypted", entry: "suivi.pdf", data: true},
		{name: "double.zip", body: testZip(t, false, "a.pdf", "dedans.zip"), family: "archive-nested", entry: "dedans.zip", data: true},
		{name: "compte.zip", body: uncountedZip(t), family: "archive-unreadable", data: true},
		{name: "leurre.zip", body: decoyDirectoryZip(t), family: "archive-unreadable", data: true},
		{name: "nul.zip", body: testZip(t, false, "facture.exe\x00.pdf"), family: "archive-unreadable", data: true},
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

// Every family of docs/downloads.md, each file clicked on a page: refused
// with its reason (a zip's with the entry at fault) and gone from the
// disk, while a PDF, a CSV, a .doc and a zip of documents are saved.
func TestBothDownloadFamilies(t *testing.T) {
	cases := downloadCases(t)
	eachBrowserWith(t, browserOptions{downloads: true}, func(t *testing.T, d driver) {
		dir := d.downloads()
		serveDownloads(d.site(), cases)
		tab := d.tab(t)
		d.navigate(t, tab, "http://"+downloadHost+"/")
		for i, c := range cases {
			d.eval(t, tab, fmt.Sprintf(`document.getElementById("d%d").click(), true`, i))
			if c.family == "" {
				waitFor(t, c.name+" on disk", func() bool {
					b, err := os.ReadFile(filepath.Join(dir, c.name))
					return err == nil && string(b) == string(c.body)
				})
				continue
			}
			waitFor(t, "the refusal page of "+c.name+" ("+c.family+")", func() bool {
				return slices.ContainsFunc(d.locations(t), func(u string) bool { return refusalFor(u, c, c.family) })
			})
		}
		time.Sleep(time.Second) // a refused file's removal
		checkOnlySaved(t, dir, cases)
	})
}

// checkOnlySaved: the disk holds the files meant to be saved, nothing else.
func checkOnlySaved(t *testing.T, dir string, cases []downloadCase) {
	t.Helper()
	saved := map[string]bool{}
	for _, c := range cases {
		saved[c.name] = c.family == ""
	}
	for _, p := range filesIn(dir) {
		if !saved[filepath.Base(p)] {
			t.Errorf("a refused file is on the disk: %s", p)
		}
	}
}
