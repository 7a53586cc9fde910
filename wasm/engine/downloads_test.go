package engine

import "testing"

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
		if got, _ := DownloadAllowed(c.name, c.mime, c.allow); got != c.want {
			t.Errorf("DownloadAllowed(%q, %q) = %v", c.name, c.mime, got)
		}
	}
}
