package engine

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"testing"
)

func makeZip(t testing.TB, names ...string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("contenu de " + n))
	}
	w.SetComment("un commentaire")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setEncrypted raises the encryption flag of every central directory entry.
func setEncrypted(b []byte) []byte {
	b = bytes.Clone(b)
	for i := 0; i+4 <= len(b); i++ {
		if binary.LittleEndian.Uint32(b[i:]) == 0x02014b50 {
			b[i+8] |= 1
		}
	}
	return b
}

func TestJudgeZip(t *testing.T) {
	for _, c := range []struct {
		name        string
		zip         []byte
		allow       []string
		family, who string
	}{
		{"documents only", makeZip(t, "attestation.pdf", "photos/", "photos/carte.jpg", "lettre.docx"), nil, "", ""},
		{"a program among documents", makeZip(t, "facture.pdf", "Facture.pdf.exe"), nil, "program", "Facture.pdf.exe"},
		{"a program in a folder", makeZip(t, "dossier/", "dossier/setup.msi"), nil, "installer", "dossier/setup.msi"},
		{"a shortcut", makeZip(t, "CAF.url"), nil, "shortcut", "CAF.url"},
		{"a script with a right-to-left override", makeZip(t, "Facture\u202Efdp.js"), nil, "script", "Facture\u202Efdp.js"},
		{"a disk image", makeZip(t, "impots.iso"), nil, "disk-image", "impots.iso"},
		{"an archive inside", makeZip(t, "a.pdf", "b.zip"), nil, ArchiveNested, "b.zip"},
		{"allowed by policy", makeZip(t, "appli.apk"), []string{"apk"}, "", ""},
		{"encrypted", setEncrypted(makeZip(t, "attestation.pdf")), nil, ArchiveEncrypted, "attestation.pdf"},
		{"not a zip", []byte("%PDF-1.4 pas une archive"), nil, ArchiveUnreadable, ""},
		{"empty", nil, nil, ArchiveUnreadable, ""},
		{"cut in half", makeZip(t, "a.pdf")[:40], nil, ArchiveUnreadable, ""},
	} {
		f, who := JudgeZip(c.zip, c.allow)
		if f != c.family || who != c.who {
			t.Errorf("%s: %q %q, want %q %q", c.name, f, who, c.family, c.who)
		}
	}
	// Cut anywhere, a zip holding a program is never judged clean.
	bad := makeZip(t, "attestation.pdf", "setup.exe")
	for n := 0; n < len(bad); n++ {
		if f, _ := JudgeZip(bad[:n], nil); f == "" {
			t.Fatalf("cut at %d: judged clean", n)
		}
	}
}

func FuzzJudgeZip(f *testing.F) {
	f.Add(makeZip(f, "a.pdf", "setup.exe"))
	f.Add(makeZip(f))
	f.Add(setEncrypted(makeZip(f, "x.txt")))
	f.Fuzz(func(t *testing.T, b []byte) {
		JudgeZip(b, nil)
	})
}
