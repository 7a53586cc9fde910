package engine

import (
	"os"
	"strings"
	"testing"
)

func TestDownloadAllowed(t *testing.T) {
	for _, c := range []struct {
		name, mime string
		allow      []string
		want       bool
	}{
		{"attestation.pdf", "application/pdf", nil, true},
		{"photo.JPG", "image/jpeg", nil, true},
		{"setup.exe", "application/octet-stream", nil, false},
		{"Facture.pdf.exe", "", nil, false},
		{"C:\\Users\\x\\Downloads\\update.MSI", "", nil, false},
		{"script.ps1", "text/plain", nil, false},
		{"setup.exe.", "", nil, false},
		{"document", "application/x-msdownload", nil, false}, // the type gives it away
		{"app.apk", "", []string{"apk"}, true},               // allowed by policy
		{"lettre.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil, true},
	} {
		if got := DownloadFamily(c.name, c.mime, c.allow) == ""; got != c.want {
			t.Errorf("DownloadFamily(%q, %q) allows: %v", c.name, c.mime, got)
		}
	}
}

// Every family refuses its types, by name alone, whatever the case and the
// trailing dots; the names the issue found saved are refused.
func TestDownloadFamilies(t *testing.T) {
	seen := map[string]string{}
	for _, f := range Families {
		for _, e := range f.Exts {
			if prev, dup := seen[e]; dup {
				t.Errorf(".%s is in %s and %s", e, prev, f.Name)
			}
			seen[e] = f.Name
			for _, name := range []string{"fichier." + e, "FICHIER." + strings.ToUpper(e) + ". ", `C:\Users\x\Downloads\a.pdf.` + e} {
				if got := DownloadFamily(name, "", nil); got != f.Name {
					t.Errorf("%s: %q, want %s", name, got, f.Name)
				}
			}
		}
	}
	for _, name := range []string{"a.vhd", "a.vhdx", "a.application", "a.appref-ms", "a.appinstaller", "a.wsh", "a.sct", "a.chm", "a.msc",
		"a.library-ms", "a.settingcontent-ms", "a.url", "a.xll", "a.cab", "a.dll", "a.zip",
		"CAF.url.download", "setup.exe.crdownload", "setup.exe.part"} {
		if DownloadFamily(name, "", nil) == "" {
			t.Errorf("%s is saved", name)
		}
	}
	// The risky names of issue 26 and their kin: certificates, updates, sandbox
	// configurations, OneNote, web queries, add-ins, saved web pages and
	// the rest of Outlook's list.
	for _, ext := range strings.Fields(`crt cer der msu wsb one iqy slk wll ppa mht html htm svg xhtml
		xnk its vsmacros printerexport mdw mdz mdt ops pcd prf grp bas htc hpj cnt pyzw pyo webpnp mcf
		dot xlt pot pps onepkg p12 pfx p7b sst mhtml shtml`) {
		if DownloadFamily("Document CAF."+ext, "", nil) == "" {
			t.Errorf(".%s is saved", ext)
		}
	}
	if f := DownloadFamily("certificat", "application/x-x509-ca-cert", nil); f != "certificate" {
		t.Errorf("a certificate by its type: %q", f)
	}
	// Decided in docs/downloads.md: the Office 97–2003 documents are saved.
	for _, name := range []string{"attestation.pdf", "photo.jpeg", "releve.csv", "courrier.odt", "avis.txt", "scan.png", "lettre.docx", "tableau.xlsx",
		"formulaire.doc", "budget.xls", "reunion.ppt", "telecharger.aspx"} {
		if f := DownloadFamily(name, "", nil); f != "" {
			t.Errorf("%s refused as %s", name, f)
		}
	}
}

// docs/downloads.md lists every family with every type the code refuses.
func TestDocumentedFamilies(t *testing.T) {
	b, err := os.ReadFile("../../docs/downloads.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| `") {
			name := strings.Trim(strings.Split(line, "|")[1], " `")
			rows[name] = line + " "
		}
	}
	for _, f := range Families {
		row, ok := rows[f.Name]
		if !ok {
			t.Errorf("family %s is not in docs/downloads.md", f.Name)
			continue
		}
		for _, e := range f.Exts {
			if !strings.Contains(row, " ."+e+" ") {
				t.Errorf("docs/downloads.md: .%s missing from %s", e, f.Name)
			}
		}
	}
}
