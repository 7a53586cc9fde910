// Package hostname turns what the browser navigates to into the host the
// engine judges: scheme filter, userinfo and port stripped, case and trailing
// dot folded, IDN converted, registrable domain computed.
//
// It does not use net/url: navigation URLs come already canonicalised by the
// browser, and the engine needs a few fields without the allocations of a
// full parse on every navigation.
package hostname

import (
	"net/netip"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Class says whether a URL is judged at all.
type Class uint8

const (
	// Web is an http(s) URL or a bare host name: judged by the lists.
	Web Class = iota
	// Local is a browser or extension page, a file, or an intranet host:
	// never warned about.
	Local
	// Invalid could not be parsed, or is a scheme that carries no host
	// (data:, javascript:, blob:) or broken punycode.
	Invalid
)

// Host is a parsed, normalised host.
type Host struct {
	Class   Class
	Scheme  string // lower case, "" for a bare host
	ASCII   string // lower-case A-label form, no trailing dot
	Unicode string // U-label form for display and skeletons ("" when equal to ASCII)
	IP      bool   // an IPv4 or IPv6 literal
	// Registrable is the eTLD+1 ("impots.gouv.fr", "ameli.000webhostapp.com").
	// Empty for IPs, local hosts and hosts that are a public suffix themselves.
	Registrable string
	// Suffix is the public suffix of the host ("gouv.fr", "fr.com").
	Suffix string
	// ICANN is false when Suffix comes from the private section of the
	// public suffix list (free hosting, dynamic DNS...).
	ICANN bool
	// Reason is a short machine key explaining Local or Invalid.
	Reason string
}

// MaxLen bounds the work done on one input: DNS names are at most 253
// characters; URLs longer than this are cut before parsing their authority.
const MaxLen = 253

var lookup = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.ValidateLabels(true),
	idna.StrictDomainName(false), // underscores occur in real hosts
	idna.BidiRule(),
)

var display = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(false))

// Parse normalises a URL ("https://user@Ameli.fr.:443/x") or a bare host
// ("ameli.fr").
func Parse(raw string) Host {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Host{Class: Invalid, Reason: "empty"}
	}
	scheme, rest, hasScheme := splitScheme(raw)
	if hasScheme {
		switch scheme {
		case "http", "https", "ws", "wss":
		case "chrome-extension", "moz-extension", "extension", "about", "chrome",
			"edge", "brave", "opera", "vivaldi", "file", "view-source", "devtools", "chrome-untrusted":
			return Host{Class: Local, Scheme: scheme, Reason: "browser-page"}
		default:
			// data:, blob:, javascript:, filesystem:, and anything unknown
			// carry no host we can vouch for.
			return Host{Class: Invalid, Scheme: scheme, Reason: "scheme"}
		}
		if !strings.HasPrefix(rest, "//") {
			return Host{Class: Invalid, Scheme: scheme, Reason: "no-authority"}
		}
		rest = rest[2:]
	}
	h := parseAuthority(rest)
	h.Scheme = scheme
	return h
}

// splitScheme finds "scheme:" at the start of raw. A bare host has none;
// "host:port" is told apart from a scheme by the digits after the colon.
func splitScheme(raw string) (scheme, rest string, ok bool) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			after := raw[i+1:]
			if !strings.HasPrefix(after, "//") && len(after) > 0 && after[0] >= '0' && after[0] <= '9' {
				return "", raw, false // host:port
			}
			return strings.ToLower(raw[:i]), after, true
		default:
			return "", raw, false
		}
	}
	return "", raw, false
}

// AuthorityEnd is where the authority that starts s ends: at the path,
// the query or the fragment (a backslash counts as a slash, as browsers
// read it), or at the end of s. Nothing after it changes a Host.
func AuthorityEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '?' || c == '#' || c == '\\' {
			return i
		}
	}
	return len(s)
}

func parseAuthority(s string) Host {
	s = s[:AuthorityEnd(s)]
	// userinfo: "https://ameli.fr@evil.com" goes to evil.com.
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return Host{Class: Invalid, Reason: "ipv6"}
		}
		addr, err := netip.ParseAddr(s[1:end])
		if err != nil || !addr.Is6() {
			return Host{Class: Invalid, Reason: "ipv6"}
		}
		return ipHost(addr)
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		port := s[i+1:]
		for j := 0; j < len(port); j++ {
			if port[j] < '0' || port[j] > '9' {
				return Host{Class: Invalid, Reason: "port"}
			}
		}
		s = s[:i]
	}
	if strings.Contains(s, "%") {
		return Host{Class: Invalid, Reason: "escaped-host"}
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > MaxLen {
		return Host{Class: Invalid, Reason: "length"}
	}
	// A name whose last label ends in a digit can only be an IPv4 literal
	// (no top-level domain is numeric); testing first spares the error
	// allocation of a failed ParseAddr on every ordinary host.
	if c := s[len(s)-1]; c >= '0' && c <= '9' {
		addr, err := netip.ParseAddr(s)
		if err != nil {
			return Host{Class: Invalid, Reason: "ip"}
		}
		return ipHost(addr)
	}
	return nameHost(s)
}

func ipHost(addr netip.Addr) Host {
	h := Host{Class: Web, ASCII: addr.String(), IP: true}
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsUnspecified() {
		h.Class, h.Reason = Local, "private-ip"
	}
	return h
}

func nameHost(s string) Host {
	ascii := isPlainASCII(s)
	var h Host
	if ascii && !strings.Contains(s, "xn--") {
		h.ASCII = lowerASCII(s)
		if !validLDH(h.ASCII) {
			return Host{Class: Invalid, Reason: "characters"}
		}
	} else {
		a, err := lookup.ToASCII(s)
		if err != nil || a == "" || len(a) > MaxLen {
			return Host{Class: Invalid, Reason: "idna"}
		}
		u, err := display.ToUnicode(a)
		if err != nil {
			return Host{Class: Invalid, Reason: "idna"}
		}
		h.ASCII = strings.TrimSuffix(a, ".")
		if u != h.ASCII {
			h.Unicode = strings.TrimSuffix(u, ".")
		}
		if !validLDH(h.ASCII) {
			return Host{Class: Invalid, Reason: "characters"}
		}
	}
	if strings.Contains(h.ASCII, "..") || strings.HasPrefix(h.ASCII, ".") {
		return Host{Class: Invalid, Reason: "empty-label"}
	}
	if isLocalName(h.ASCII) {
		h.Class, h.Reason = Local, "intranet"
		return h
	}
	suffix, icann := publicSuffix(h.ASCII)
	h.Suffix, h.ICANN = suffix, icann
	h.Registrable = registrable(h.ASCII, suffix)
	return h
}

// isLocalName: single-label hosts and reserved local names never reach the
// internet's DNS, so they are intranet pages, not phishing.
func isLocalName(h string) bool {
	if !strings.Contains(h, ".") {
		return true
	}
	for _, s := range [...]string{".localhost", ".local", ".lan", ".internal", ".home.arpa", ".intranet", ".corp"} {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// validLDH accepts letters, digits, hyphens, underscores and dots.
func validLDH(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases without allocating when s is already lower case,
// which is the case of every URL the browser hands over.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Label returns the registrable domain without its public suffix:
// "impots" for impots.gouv.fr, "ameli" for ameli.fr.com.
func (h Host) Label() string {
	if h.Registrable == "" {
		return ""
	}
	return h.Registrable[:len(h.Registrable)-len(h.Suffix)-1]
}

// Subdomain returns what stands before the registrable domain ("www", "" ).
func (h Host) Subdomain() string {
	if h.Registrable == "" || len(h.ASCII) == len(h.Registrable) {
		return ""
	}
	return h.ASCII[:len(h.ASCII)-len(h.Registrable)-1]
}

// Split gives the suffix and eTLD+1 of a bare domain; used when building lists.
func Split(domain string) (suffix, reg string, icann bool) {
	suffix, icann = publicsuffix.PublicSuffix(domain)
	return suffix, registrable(domain, suffix), icann
}

// registrable is the eTLD+1 of host given its public suffix: the label just
// before the suffix, without a second lookup; "" when host is a suffix.
func registrable(host, suffix string) string {
	if len(suffix) >= len(host) {
		return ""
	}
	head := host[:len(host)-len(suffix)-1]
	return host[strings.LastIndexByte(head, '.')+1:]
}

// UnicodeLabel is Label in U-label form ("аmeli" for xn--meli-53d.fr),
// found by position: both forms have the same labels.
func (h Host) UnicodeLabel() string {
	if h.Unicode == "" || h.Registrable == "" {
		return h.Label()
	}
	n := strings.Count(h.Suffix, ".") + 1 // labels in the suffix
	labels := strings.Split(h.Unicode, ".")
	if len(labels) <= n {
		return h.Label()
	}
	return labels[len(labels)-n-1]
}
