//go:build !js

package reports

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hostile are hosts a visitor can make Vigie report (each valid in a URL,
// or a cell an attacker would try), with what a spreadsheet must show.
var hostile = []string{`=HYPERLINK("http://x.example","clic")`, "-2+3.example", "+2+3.example", "@SUM(1+1)", "=1+1"}

// The export opened by a real spreadsheet (LibreOffice, headless,
// converting the file as a publisher's double click would read it) shows
// each hostile host as its text. The control: the same cells unescaped
// are computed.
func TestSpreadsheetShowsText(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		msg := "soffice is missing (Debian package libreoffice-calc-nogui; make deps installs it)"
		if os.Getenv("VIGIE_REQUIRE_READERS") != "" {
			t.Fatal(msg)
		}
		t.Skip("SKIPPED: " + msg)
	}
	var rows [][]string
	for _, h := range hostile {
		rows = append(rows, []string{"2026-12-03T10:00:00.000Z", h, "missed", "unknown", ""})
	}
	escaped := read(t, soffice, TSV(rows))
	for i, h := range hostile {
		// LibreOffice keeps the apostrophe in sight (Excel hides it):
		// either way the host is read as text, never computed.
		if got := escaped[i+1][1]; got != h && got != "'"+h {
			t.Errorf("the spreadsheet shows %q for the host %q", got, h)
		}
	}
	// Control: without the apostrophe, the spreadsheet computes them.
	raw := "date\thost\n"
	for _, h := range hostile {
		raw += "x\t" + h + "\n"
	}
	computed := 0
	plain := read(t, soffice, raw)
	for i, h := range hostile {
		if got := plain[i+1][1]; got != h {
			t.Logf("control: %q is shown as %q", h, got)
			computed++
		}
	}
	if computed == 0 {
		t.Fatal("control: the spreadsheet computed none of the raw cells; the test shows nothing")
	}
}

// read converts a TSV file with LibreOffice (tab-separated, formulas
// evaluated as on opening) and returns the cells it shows.
func read(t *testing.T, soffice, tsv string) [][]string {
	dir := t.TempDir()
	in := filepath.Join(dir, "export.tsv")
	if err := os.WriteFile(in, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	// Filter options: tab separator (9), double quote (34), UTF-8 (76),
	// first line 1, column formats standard, ..., evaluate formulas (true).
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--infilter=CSV:9,34,76,1,,1036,false,false,false,false,false,-1,true", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	cells, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range cells {
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
	}
	return cells
}
