package engine

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf8"
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

// setEncrypted raises the encryption flag of every entry, in its local
// header (central: false) or its central one.
func setEncrypted(b []byte, local, central bool) []byte {
	b = bytes.Clone(b)
	for i := 0; i+4 <= len(b); i++ {
		switch binary.LittleEndian.Uint32(b[i:]) {
		case sigLocal:
			if local {
				b[i+6] |= 1
			}
		case sigCentral:
			if central {
				b[i+8] |= 1
			}
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
		{"encrypted", setEncrypted(makeZip(t, "attestation.pdf"), true, true), nil, ArchiveEncrypted, "attestation.pdf"},
		{"encrypted in one header only", setEncrypted(makeZip(t, "attestation.pdf"), false, true), nil, ArchiveUnreadable, ""},
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
	f.Add(setEncrypted(makeZip(f, "x.txt"), true, true))
	for _, b := range zipAttacks() {
		f.Add(b)
	}
	// Whatever Go's archive/zip lists in a zip Vigie reads, Vigie judged.
	f.Fuzz(func(t *testing.T, b []byte) {
		f, _ := JudgeZip(b, nil)
		entries, ok := readZip(b)
		if ok != (f != ArchiveUnreadable) {
			t.Fatalf("read %v but judged %q", ok, f)
		}
		if !ok {
			return
		}
		r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if r == nil || (err != nil && err != zip.ErrInsecurePath) {
			t.Fatalf("Vigie reads a zip Go's reader refuses: %v", err)
		}
		var listed []string
		for _, f := range r.File {
			listed = append(listed, f.Name)
		}
		if n := unjudged(entries, listed); n != "" {
			t.Fatalf("Go's reader lists %q, which Vigie did not judge", n)
		}
	})
}

// unjudged is the first name a reader lists that Vigie did not judge:
// an ASCII name that is not one of Vigie's, or any name of a refused type.
func unjudged(vigie []zipEntry, listed []string) string {
	ours := map[string]bool{}
	for _, e := range vigie {
		for _, n := range e.names {
			ours[strings.TrimSuffix(n, "/")] = true
		}
	}
	for _, n := range listed {
		n = strings.TrimSuffix(n, "/")
		if ours[n] {
			continue
		}
		ascii := utf8.ValidString(n) && len([]rune(n)) == len(n)
		if ascii || DownloadFamily(n, "", nil) != "" {
			return n
		}
	}
	return ""
}
