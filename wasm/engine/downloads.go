package engine

import (
	"path"
	"strings"
)

// FileFamily is a kind of file a passer-by can use to run or install
// something on a shared terminal. The table, with its sources and the
// types deliberately left out, is docs/downloads.md.
type FileFamily struct {
	Name   string // the reason's key, shown to the visitor ("program", …)
	Reason string // why it is refused, for the documentation
	Exts   []string
}

// Families refused by default. A policy can let extensions through
// (allowedDownloadTypes); the mediator can allow one file with the PIN.
var Families = []FileFamily{
	{"program", "runs as a program on Windows when opened",
		[]string{"exe", "com", "scr", "pif", "cpl", "dll", "ocx", "sys", "drv", "vxd", "application", "appref-ms", "xbap", "gadget", "hta", "msc",
			"app", "prg", "fxp"}},
	{"installer", "installs software, a package, a driver or an add-in",
		[]string{"msi", "msp", "mst", "msu", "msix", "msixbundle", "appx", "appxbundle", "appinstaller", "cab", "osd", "vsix", "vsto", "xll", "xla", "xlam",
			"ppa", "ppam", "wll", "printerexport", "webpnp", "apk", "aab", "xapk", "deb", "rpm", "pkg", "mpkg", "snap", "flatpakref", "appimage", "run", "crx", "xpi"}},
	{"script", "runs commands when opened",
		[]string{"bat", "cmd", "ps1", "psm1", "psd1", "psdm1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "pssc", "cdxml", "vb", "vbs", "vbe", "vbp", "bas",
			"js", "jse", "ws", "wsf", "wsh", "wsc", "sct", "htc", "msh", "msh1", "msh2", "mshxml", "msh1xml", "msh2xml", "jar", "jnlp",
			"py", "pyw", "pyc", "pyo", "pyz", "pyzw", "pl", "rb", "sh", "bash", "zsh", "csh", "ksh", "command", "tool",
			"scf", "inf", "reg", "ins", "isp", "its", "mof", "job", "wsb", "vsmacros", "ops", "pcd", "prf"}},
	{"shortcut", "opens a program, a command or a remote computer when clicked",
		[]string{"lnk", "url", "website", "desktop", "library-ms", "search-ms", "searchconnector-ms", "settingcontent-ms", "appcontent-ms", "theme", "themepack",
			"deskthemepack", "shb", "shs", "glk", "grp", "xnk", "mcf", "udl", "diagcab", "diagcfg", "diagpkg", "rdp", "fileloc", "webloc", "inetloc"}},
	{"certificate", "imports a certificate: the computer would then trust a fake site",
		[]string{"cer", "crt", "der", "p7b", "p7c", "p7r", "spc", "sst", "stl", "pfx", "p12"}},
	{"disk-image", "mounts as a drive on a double click, hiding what it holds",
		[]string{"iso", "img", "vhd", "vhdx", "dmg", "udf", "wim", "sparsebundle", "sparseimage"}},
	{"help", "help files run scripts",
		[]string{"chm", "hlp", "hpj", "cnt"}},
	{"macro-document", "an Office file or database that carries macros or programs",
		[]string{"docm", "dotm", "xlsm", "xltm", "xlsb", "xlm", "pptm", "potm", "ppsm", "sldm",
			"dot", "xlt", "pot", "pps", "slk", "iqy", "one", "onepkg",
			"mdb", "accdb", "accde", "mde", "mda", "mdt", "mdw", "mdz", "ade", "adp",
			"mad", "maf", "mag", "mam", "maq", "mar", "mas", "mat", "mau", "mav", "maw"}},
	{"web-page", "a saved web page opens in the browser from the disk, where it can hold a hidden program or a fake form (HTML smuggling)",
		[]string{"html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz"}},
	// Archives are judged by what they hold (JudgeZip). One that cannot be
	// read — another format, or where the browser does not hand its bytes
	// to Vigie — is refused like the rest.
	{"archive", "hides what it holds until opened",
		[]string{"zip", "zipx", "7z", "rar", "tar", "gz", "tgz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "lz", "lzma", "lzh", "lha", "arj", "ace", "z", "cpio", "001"}},
}

// familyOf maps an extension to its family's name.
var familyOf = func() map[string]string {
	m := map[string]string{}
	for _, f := range Families {
		for _, e := range f.Exts {
			m[e] = f.Name
		}
	}
	return m
}()

// riskyMIME are types that give a file away whatever its name.
var riskyMIME = map[string]string{
	"application/x-msdownload": "program", "application/x-msdos-program": "program", "application/x-ms-installer": "installer",
	"application/x-msi": "installer", "application/vnd.microsoft.portable-executable": "program", "application/x-dosexec": "program",
	"application/x-sh": "script", "application/java-archive": "script", "application/vnd.android.package-archive": "installer",
	"application/x-apple-diskimage": "disk-image", "application/x-iso9660-image": "disk-image", "application/hta": "program",
	"application/x-bat": "script", "application/x-ms-shortcut": "shortcut", "application/x-ms-application": "program",
	"application/x-zip-compressed": "archive", "application/zip": "archive", "application/x-7z-compressed": "archive",
	"application/vnd.rar": "archive", "application/x-rar-compressed": "archive",
	"application/x-x509-ca-cert": "certificate", "application/pkix-cert": "certificate", "application/x-x509-user-cert": "certificate",
	"application/x-pkcs12": "certificate", "application/x-pkcs7-certificates": "certificate",
}

// DownloadFamily judges a download by its final file name and its media
// type, not by its address: "" when the file may be saved, else the family
// that refuses it. allowed lists extensions a policy lets through ("apk"
// for a phone workshop).
func DownloadFamily(filename, mime string, allowed []string) string {
	ext := extension(filename)
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimPrefix(a, "."), ext) {
			return ""
		}
	}
	if f := familyOf[ext]; f != "" {
		return f
	}
	m := strings.ToLower(strings.TrimSpace(strings.SplitN(mime, ";", 2)[0]))
	return riskyMIME[m]
}

// extension is what Windows reads as the type: the last one, lower case,
// after the trailing dots and spaces it ignores ("setup.exe." runs).
//
// Browsers neutralise some types by a suffix (Firefox saves "a.url" as
// "a.url.download"; Chromium writes "a.exe.crdownload" while it lasts):
// the type judged is the one the site sent.
func extension(filename string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(filename, "\\", "/")))
	base = strings.TrimRight(base, ". ")
	for _, s := range []string{".download", ".crdownload", ".part"} {
		base = strings.TrimRight(strings.TrimSuffix(base, s), ". ")
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return base[i+1:]
	}
	return ""
}
