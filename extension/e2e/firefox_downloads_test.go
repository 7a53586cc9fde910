package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every family of docs/downloads.md in Firefox ESR, each file clicked on a
// page: refused with its reason (a zip's with the entry at fault) and gone
// from the disk, while a PDF, a CSV, a .doc and a zip of documents are saved.
func TestFirefoxDownloadFamilies(t *testing.T) {
	cases := downloadCases(t)
	dir := t.TempDir()
	f := newFirefoxWith(t, downloadPrefs(dir))
	serveDownloads(f.site, cases)
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+downloadHost+"/")
	for i, c := range cases {
		f.eval(t, tab, fmt.Sprintf(`document.getElementById("d%d").click(), "ok"`, i))
		if c.family == "" {
			waitFor(t, c.name+" on disk", func() bool {
				b, err := os.ReadFile(filepath.Join(dir, c.name))
				return err == nil && string(b) == string(c.body)
			})
			continue
		}
		waitFor(t, "the refusal page of "+c.name+" ("+c.family+")", func() bool {
			for _, u := range strings.Split(f.location(t, ""), "\n") {
				if refusalFor(u, c, c.family) {
					return true
				}
			}
			return false
		})
	}
	time.Sleep(time.Second)
	checkOnlySaved(t, dir, cases)
}
