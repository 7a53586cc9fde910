package hostname

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in                 string
		class              Class
		ascii, reg, suffix string
		icann              bool
	}{
		{"https://www.ameli.fr/assure", Web, "www.ameli.fr", "ameli.fr", "fr", true},
		{"ameli.fr", Web, "ameli.fr", "ameli.fr", "fr", true},
		{"HTTPS://WWW.Ameli.FR./", Web, "www.ameli.fr", "ameli.fr", "fr", true},
		{"https://ameli.fr:443/x?y#z", Web, "ameli.fr", "ameli.fr", "fr", true},
		{"ameli.fr:8080", Web, "ameli.fr", "ameli.fr", "fr", true},
		// userinfo: the real host is after the last @
		{"https://ameli.fr@evil.com/login", Web, "evil.com", "evil.com", "com", true},
		{"https://user:pass@ameli.fr.evil.com/", Web, "ameli.fr.evil.com", "evil.com", "com", true},
		// gouv.fr is a public suffix: impots.gouv.fr is registrable
		{"https://www.impots.gouv.fr/", Web, "www.impots.gouv.fr", "impots.gouv.fr", "gouv.fr", true},
		{"impots.gouv.fr.evil.com", Web, "impots.gouv.fr.evil.com", "evil.com", "com", true},
		// private suffixes: the brand becomes a registrable domain of its own
		{"ameli.github.io", Web, "ameli.github.io", "ameli.github.io", "github.io", false},
		{"ameli.netlify.app", Web, "ameli.netlify.app", "ameli.netlify.app", "netlify.app", false},
		// IDN, both spellings
		{"https://аmeli.fr/", Web, "xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"http://xn--meli-43d.fr/", Web, "xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"https://sécurité-sociale.fr/", Web, "xn--scurit-sociale-bkbf.fr", "xn--scurit-sociale-bkbf.fr", "fr", true},
		// IP literals
		{"http://93.184.216.34/", Web, "93.184.216.34", "", "", false},
		{"http://[2001:db8::1]:8080/", Web, "2001:db8::1", "", "", false},
		{"http://127.0.0.1:8080/", Local, "127.0.0.1", "", "", false},
		{"http://192.168.1.10/", Local, "192.168.1.10", "", "", false},
		{"http://[::1]/", Local, "::1", "", "", false},
		// local and browser pages
		{"http://intranet/", Local, "intranet", "", "", false},
		{"http://mairie.local/", Local, "mairie.local", "", "", false},
		{"chrome-extension://abc/pages/warning.html", Local, "", "", "", false},
		{"moz-extension://abc/x", Local, "", "", "", false},
		{"about:blank", Local, "", "", "", false},
		{"chrome://newtab/", Local, "", "", "", false},
		{"file:///home/x.html", Local, "", "", "", false},
		// no host to judge
		{"data:text/html,<h1>ameli</h1>", Invalid, "", "", "", false},
		// a blob: URL is judged by the origin inside it
		{"blob:https://evil.com/123", Web, "evil.com", "evil.com", "com", true},
		{"blob:null/123", Invalid, "", "", "", false},
		{"javascript:alert(1)", Invalid, "", "", "", false},
		{"", Invalid, "", "", "", false},
		{"https://", Invalid, "", "", "", false},
		// broken punycode: Chromium loads ASCII hosts as they are
		{"https://xn--zz.fr/", Web, "xn--zz.fr", "xn--zz.fr", "fr", true},
		{"https://xn--zz.xn--meli-43d.fr/", Web, "xn--zz.xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"https://é.xn--zz.fr/", Web, "xn--9ca.xn--zz.fr", "xn--zz.fr", "fr", true},
		{"https://é.�.fr/", Invalid, "", "", "", false},
		{"https://xn--80ak6aa92e.com./", Web, "xn--80ak6aa92e.com", "xn--80ak6aa92e.com", "com", true}, // аррӏе.com
		{"https://am eli.fr/", Invalid, "", "", "", false},
		// empty labels: judged as the name a resolver or proxy reaches
		{"https://ameli..fr/", Web, "ameli.fr", "ameli.fr", "fr", true},
		{"http://arneli.fr../connexion", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"http://www.arneli.fr........../", Web, "www.arneli.fr", "arneli.fr", "fr", true},
		{"http://arneli.fr%2E%2E/", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"http://arneli.fr。。/", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"http://xn--.arneli.fr/", Invalid, "", "", "", false},
		{"http://...", Invalid, "", "", "", false},
		{"https://" + strings.Repeat("a", 300) + ".fr/", Invalid, "", "", "", false},
		{"https://.ameli.fr/", Web, "ameli.fr", "ameli.fr", "fr", true},
		// the host as the URL standard reads it (and so the browser)
		{"https://%61meli.fr/", Web, "ameli.fr", "ameli.fr", "fr", true},
		{"http://ameli.fr%2Eevil.com/", Web, "ameli.fr.evil.com", "evil.com", "com", true},
		{"http://%D0%B0meli.fr/", Web, "xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"http://xn----9fa.arneli.fr/", Web, "xn----9fa.arneli.fr", "arneli.fr", "fr", true},
		{"http://é-.arneli.fr/", Web, "xn----9fa.arneli.fr", "arneli.fr", "fr", true},
		{"http://a-.xn--meli-43d.fr/", Web, "a-.xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"http://ab--c.аmeli.fr/", Web, "ab--c.xn--meli-43d.fr", "xn--meli-43d.fr", "fr", true},
		{"http://_dmarc.arneli.fr/", Web, "_dmarc.arneli.fr", "arneli.fr", "fr", true},
		{"http:arneli.fr/x", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"http:\\\\arneli.fr\\x", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"https:///arneli.fr/", Web, "arneli.fr", "arneli.fr", "fr", true},
		{" https://ar\tne\nli.fr/ ", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"https://ARNELI.fr/", Web, "arneli.fr", "arneli.fr", "fr", true},
		{"https://ＡＭＥＬＩ.fr/", Web, "ameli.fr", "ameli.fr", "fr", true}, // full-width, mapped by UTS #46
		{"https://ameli。fr/", Web, "ameli.fr", "ameli.fr", "fr", true}, // ideographic full stop
		{"https://ameli.fr:/", Web, "ameli.fr", "ameli.fr", "fr", true},
		{"https://ameli.fr:65536/", Invalid, "", "", "", false},
		{"https://a:b@ameli.fr:1:2/", Invalid, "", "", "", false},
		{"https://ame%li.fr/", Invalid, "", "", "", false},
		{"https://ame%00li.fr/", Invalid, "", "", "", false},
		// IPv4 in the forms browsers accept
		{"http://0x5d.0xb8.0xd8.0x22/", Web, "93.184.216.34", "", "", false},
		{"http://1572395042/", Web, "93.184.216.34", "", "", false},
		{"http://0135.184.216.34/", Web, "93.184.216.34", "", "", false},
		{"http://93.12113954/", Web, "93.184.216.34", "", "", false},
		{"http://0x7f.1/", Local, "127.0.0.1", "", "", false},
		{"http://93.184.216.34./", Web, "93.184.216.34", "", "", false},
		{"http://256.1.1.1/", Invalid, "", "", "", false},
		{"http://ameli.09/", Invalid, "", "", "", false},
		{"http://ameli.0x/", Invalid, "", "", "", false},
		{"https://ameli.fr:80x/", Invalid, "", "", "", false},
	}
	for _, c := range cases {
		h := Parse(c.in)
		if h.Class != c.class || h.ASCII != c.ascii || h.Registrable != c.reg || h.Suffix != c.suffix || (h.Registrable != "" && h.ICANN != c.icann) {
			t.Errorf("Parse(%q) = class %d ascii %q reg %q suffix %q icann %v (%s); want class %d ascii %q reg %q suffix %q icann %v",
				c.in, h.Class, h.ASCII, h.Registrable, h.Suffix, h.ICANN, h.Reason, c.class, c.ascii, c.reg, c.suffix, c.icann)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, c := range []struct{ in, label, ulabel, sub string }{
		{"www.impots.gouv.fr", "impots", "impots", "www"},
		{"ameli.fr.secure-login.com", "secure-login", "secure-login", "ameli.fr"},
		{"xn--meli-43d.fr", "xn--meli-43d", "аmeli", ""},
		{"a.b.ameli.github.io", "ameli", "ameli", "a.b"},
		{"http://1.2.3.4.5/", "", "", ""},
		{"xn--zz.xn--meli-43d.fr", "xn--meli-43d", "аmeli", "xn--zz"},
	} {
		h := Parse(c.in)
		if h.Label() != c.label || h.UnicodeLabel() != c.ulabel || h.Subdomain() != c.sub {
			t.Errorf("%s: label %q ulabel %q sub %q; want %q %q %q", c.in, h.Label(), h.UnicodeLabel(), h.Subdomain(), c.label, c.ulabel, c.sub)
		}
	}
}

// The official path must not allocate: the browser hands over canonical,
// lower-case ASCII URLs.
func TestParseCanonicalDoesNotAllocate(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { Parse("https://www.impots.gouv.fr/portail/") })
	if n != 0 {
		t.Fatalf("Parse allocates %v times per canonical URL", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"https://www.ameli.fr/", "https://ameli.fr@evil.com", "xn--meli-43d.fr",
		"http://[::1]:80/", "аmeli.fr", "https://xn--zz.fr/", "a:1", "http://a.b.c.d.e.f.g/", ":", "//", "[", "@", "xn--",
		// disagreements with the browser's parser, found by TestWHATWGDifferential
		"http://xn----9fa.arneli.fr/", "http://ameli.fr%2Eevil.com/", "http:95?q", "http:017.fr:8080/",
		"http://ameli.fr@[::ffff:1.2.3.4]/", "ftp://x@y@ال.0X10.fr:/x", "http://user@א-%2E1.a\u00adb.gouv%2Efr.xn--p1ai:80/",
		"https:///a,b.1e3.017.xn--.000webhostapp.com:8080/x", "ftp://ameIi.xn--meli-%2e43d.\u00ad.a,b.fr:8080/x",
		"http:0x7f.impots.ＡＭＥＬＩ.gouv.fr./", "http://0x5d.0xb8.0xd8.0x22/", "http://93.12113954/", "http://%D0%B0meli.fr/",
		// empty labels, judged as the name they reach
		"http://arneli.fr../", "http://.arneli..fr.../", "http://xn--.arneli.fr/", "http://a。。b%2E%2e.fr/", "http://1.2.3.4../"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := Parse(s)
		if h.Class == Web && !h.IP {
			if h.ASCII == "" || len(h.ASCII) > MaxLen {
				t.Fatalf("Parse(%q): web host %q", s, h.ASCII)
			}
			if h.ASCII[0] == '.' || h.ASCII[len(h.ASCII)-1] == '.' || strings.Contains(h.ASCII, "..") {
				t.Fatalf("Parse(%q): an empty label in %q", s, h.ASCII)
			}
			if h.Registrable != "" && !strings.HasSuffix(h.ASCII, h.Registrable) {
				t.Fatalf("Parse(%q): registrable %q not a suffix of %q", s, h.Registrable, h.ASCII)
			}
			_ = h.Label()
			_ = h.UnicodeLabel()
			_ = h.Subdomain()
		}
	})
}
