package engine

import (
	"path"
	"strings"
)

// riskyExt are file types a passer-by can use to install something on a
// shared terminal: programs, scripts, installers, disk images, shortcuts.
var riskyExt = map[string]bool{
	"exe": true, "msi": true, "bat": true, "cmd": true, "com": true, "scr": true, "pif": true,
	"ps1": true, "vbs": true, "vbe": true, "js": true, "jse": true, "wsf": true, "jar": true,
	"hta": true, "lnk": true, "iso": true, "img": true, "dmg": true, "pkg": true, "apk": true,
	"appx": true, "appxbundle": true, "msix": true, "msixbundle": true, "reg": true, "cpl": true,
	"msp": true, "sh": true, "deb": true, "rpm": true, "appimage": true, "run": true, "xpi": true, "crx": true,
}

// riskyMIME are the same by media type, for files whose name hides them.
var riskyMIME = []string{
	"application/x-msdownload", "application/x-msdos-program", "application/x-ms-installer",
	"application/x-msi", "application/vnd.microsoft.portable-executable", "application/x-dosexec",
	"application/x-sh", "application/java-archive", "application/vnd.android.package-archive",
	"application/x-apple-diskimage", "application/x-iso9660-image", "application/hta",
	"application/x-bat", "application/x-ms-shortcut",
}

// DownloadAllowed judges a download by its final file name and its media
// type, not by its address. allowed lists extra extensions a policy lets
// through ("apk" for a phone workshop).
func DownloadAllowed(filename, mime string, allowed []string) (ok bool, ext string) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(filename, "\\", "/")))
	base = strings.TrimRight(base, ". ") // "setup.exe." runs as setup.exe on Windows
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		ext = base[i+1:]
	}
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimPrefix(a, "."), ext) {
			return true, ext
		}
	}
	if riskyExt[ext] {
		return false, ext
	}
	m := strings.ToLower(strings.TrimSpace(strings.SplitN(mime, ";", 2)[0]))
	for _, r := range riskyMIME {
		if m == r {
			return false, ext
		}
	}
	return true, ext
}
