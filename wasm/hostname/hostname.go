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
	"unicode/utf8"

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

// MaxLen bounds the work done on one host. DNS names are at most 253
// characters, but browsers accept longer hosts in a URL; a longer one is
// not judged (Invalid with reason "too-long"), and the engine answers the
// fail-safe verdict for it.
const MaxLen = 253

// The profile of the WHATWG URL standard's "domain to ASCII" (UTS #46 with
// CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength off), so that every
// host a browser loads is a host Vigie judges: Go's lookup profile refuses
// "é-.arneli.fr", which Chromium and Firefox load as xn----9fa.arneli.fr.
// The Bidi rule is left out: some browsers' parsers (Node's, at least)
// skip it, and judging a host that a stricter browser refuses costs
// nothing, while refusing one that a browser loads would leave it unjudged.
var lookup = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false), // "_" and the other ASCII the URL standard allows
	idna.CheckHyphens(false),
)

var display = idna.New(idna.MapForLookup(), idna.Transitional(false),
	idna.StrictDomainName(false), idna.CheckHyphens(false))

// Parse normalises a URL ("https://user@Ameli.fr.:443/x") or a bare host
// ("ameli.fr") as the WHATWG URL standard (and so the browser) reads its
// host: tabs and newlines removed, any run of slashes after a special
// scheme, the last "@", percent-escapes in the host, IDNA, IPv4 numbers in
// any of their forms, empty labels (trailing dots, however many) dropped.
func Parse(raw string) Host {
	raw = clean(raw)
	if raw == "" {
		return Host{Class: Invalid, Reason: "empty"}
	}
	scheme, rest, hasScheme := splitScheme(raw)
	if hasScheme {
		switch {
		case special(scheme):
		case scheme == "blob":
			// A blob: URL belongs to the origin inside it: a fake login page
			// made by evil.com is judged as evil.com.
			inner := Parse(rest)
			if inner.Class == Web && (inner.Scheme == "http" || inner.Scheme == "https") {
				return inner
			}
			return Host{Class: Invalid, Scheme: scheme, Reason: "scheme"}
		case browserPage(scheme):
			return Host{Class: Local, Scheme: scheme, Reason: "browser-page"}
		default:
			// data:, javascript:, filesystem:, and anything unknown
			// carry no host we can vouch for.
			return Host{Class: Invalid, Scheme: scheme, Reason: "scheme"}
		}
		// Special schemes: "http:ameli.fr", "http:\\\\ameli.fr" and
		// "http:///ameli.fr" all go to ameli.fr.
		i := 0
		for i < len(rest) && (rest[i] == '/' || rest[i] == '\\') {
			i++
		}
		rest = rest[i:]
	}
	h := parseAuthority(rest)
	h.Scheme = scheme
	return h
}

// special: the URL standard's special schemes with a host (file aside).
func special(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
		return true
	}
	return false
}

func browserPage(scheme string) bool {
	switch scheme {
	case "chrome-extension", "moz-extension", "extension", "about", "chrome",
		"edge", "brave", "opera", "vivaldi", "file", "view-source", "devtools", "chrome-untrusted":
		return true
	}
	return false
}

// clean does what the URL standard does first: strip leading and trailing
// C0 controls and spaces, and remove every tab and newline. Canonical URLs
// come back unchanged, without allocating.
func clean(s string) string {
	for len(s) > 0 && s[0] <= ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] <= ' ' {
		s = s[:len(s)-1]
	}
	if strings.IndexAny(s, "\t\n\r") < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && c != '\n' && c != '\r' {
			b = append(b, c)
		}
	}
	return string(b)
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
			scheme := lowerASCII(raw[:i])
			if !special(scheme) && !strings.HasPrefix(after, "//") && len(after) > 0 && after[0] >= '0' && after[0] <= '9' {
				return "", raw, false // host:port
			}
			return scheme, after, true
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
		if !validPort(s[end+1:]) {
			return Host{Class: Invalid, Reason: "port"}
		}
		addr, err := netip.ParseAddr(s[1:end])
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return Host{Class: Invalid, Reason: "ipv6"}
		}
		return ipHost(addr)
	}
	// The first colon starts the port, as the URL standard reads it.
	if i := strings.IndexByte(s, ':'); i >= 0 {
		if !validPort(s[i:]) {
			return Host{Class: Invalid, Reason: "port"}
		}
		s = s[:i]
	}
	if s == "" {
		return Host{Class: Invalid, Reason: "empty"}
	}
	if strings.IndexByte(s, '%') >= 0 {
		// "ameli.fr%2Eevil.com" is ameli.fr.evil.com to the browser.
		s = percentDecode(s)
	}
	if len(s) > 4*MaxLen {
		return Host{Class: Invalid, Reason: "too-long"}
	}
	ascii, kept, ok := domainToASCII(s)
	if !ok || hasEmptyACE(s) {
		return Host{Class: Invalid, Reason: "idna"}
	}
	if hasForbidden(ascii) {
		return Host{Class: Invalid, Reason: "characters"}
	}
	if endsInNumber(ascii) {
		addr, ok := parseIPv4(ascii)
		if !ok {
			return Host{Class: Invalid, Reason: "ip"}
		}
		return ipHost(addr)
	}
	// "arneli.fr..", "arneli..fr" and ".arneli.fr" are hosts to the URL
	// standard, sent as written (to a proxy too), and a resolver or proxy
	// that answers them reaches arneli.fr: each is judged as the name it
	// reaches, never as a name whose registrable part is "fr." (unknown).
	ascii = dropEmptyLabels(ascii)
	if ascii == "" {
		return Host{Class: Invalid, Reason: "empty"}
	}
	if len(ascii) > MaxLen {
		return Host{Class: Invalid, Reason: "too-long"}
	}
	h := nameHost(ascii)
	if kept && h.Class == Web {
		h.Reason = "ace-kept"
	}
	return h
}

// hasEmptyACE: a label "xn--" alone, which IDNA turns into an empty label
// and the browsers refuse; dropped with the empty labels, it would judge a
// name no browser loads.
func hasEmptyACE(s string) bool {
	empty := func(l string) bool { return len(l) == 4 && strings.EqualFold(l, "xn--") }
	start := 0
	for i, r := range s {
		if r == '.' || r == '。' || r == '．' || r == '｡' {
			if empty(s[start:i]) {
				return true
			}
			start = i + utf8.RuneLen(r)
		}
	}
	return empty(s[start:])
}

// dropEmptyLabels removes every empty label: leading, inner and trailing
// dots, however many.
func dropEmptyLabels(s string) string {
	if s == "" || s[0] != '.' && s[len(s)-1] != '.' && !strings.Contains(s, "..") {
		return s // the usual name: no copy
	}
	labels := strings.Split(s, ".")
	kept := labels[:0]
	for _, l := range labels {
		if l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, ".")
}

// validPort accepts what follows the host: nothing, or ":" and at most
// five digits up to 65535 (":" alone is allowed).
func validPort(p string) bool {
	if p == "" {
		return true
	}
	if p[0] != ':' {
		return false
	}
	p = p[1:]
	n := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return false
		}
	}
	return true
}

// percentDecode decodes %XX escapes; a "%" not followed by two hex digits
// stays, and is then refused as a forbidden code point, as browsers do.
func percentDecode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	// Invalid UTF-8 becomes U+FFFD, which IDNA then refuses.
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// domainToASCII is the URL standard's "domain to ASCII". Plain ASCII is
// only lower-cased, as Chromium does: it loads "xn--zz.arneli.fr" although
// "xn--zz" is no punycode, so such a host must be judged, not refused.
// Anything else goes through UTS #46; there too an ASCII "xn--" label that
// x/net refuses is kept as it is. kept reports such a label (Node's parser
// refuses these hosts; the differential test knows why they differ).
func domainToASCII(s string) (ascii string, kept, ok bool) {
	if isPlainASCII(s) {
		ascii = lowerASCII(s)
		if hasACELabel(ascii) {
			for _, l := range strings.Split(ascii, ".") {
				if hasACELabel(l) && !validACE(l) {
					kept = true
				}
			}
		}
		return ascii, kept, true
	}
	if a, err := lookup.ToASCII(s); err == nil && a != "" {
		return a, false, true
	}
	labels := strings.Split(s, ".")
	for i, l := range labels {
		a, err := lookup.ToASCII(l)
		if err != nil {
			if !isPlainASCII(l) || !hasACELabel(l) {
				return "", false, false
			}
			a, kept = strings.ToLower(l), true
		}
		labels[i] = a
	}
	ascii = strings.Join(labels, ".")
	return ascii, kept, ascii != "" && kept
}

// validACE: an "xn--" label that decodes to a proper U-label.
func validACE(l string) bool {
	if _, err := lookup.ToASCII(l); err != nil {
		return false
	}
	u, err := display.ToUnicode(l)
	return err == nil && u != "" && !hasACELabel(u)
}

// toUnicode is the display form, label by label where the whole name
// fails: one broken label must not hide a homoglyph in the next one
// ("xn--zz.xn--meli-43d.fr").
func toUnicode(ascii string) string {
	if u, err := display.ToUnicode(ascii); err == nil {
		return u
	}
	labels := strings.Split(ascii, ".")
	for i, l := range labels {
		if u, err := display.ToUnicode(l); err == nil {
			labels[i] = u
		}
	}
	return strings.Join(labels, ".")
}

// hasACELabel reports a label starting with "xn--", in any case.
func hasACELabel(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (i == 0 || s[i-1] == '.') && (s[i]|0x20) == 'x' && (s[i+1]|0x20) == 'n' && s[i+2] == '-' && s[i+3] == '-' {
			return true
		}
	}
	return false
}

// hasForbidden reports a forbidden domain code point of the URL standard
// (controls, space, and # % / : < > ? @ [ \ ] ^ | DEL): the browser
// refuses such a host.
func hasForbidden(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c == 0x7f:
			return true
		case c == '#', c == '%', c == '/', c == ':', c == '<', c == '>', c == '?', c == '@',
			c == '[', c == '\\', c == ']', c == '^', c == '|':
			return true
		}
	}
	return false
}

// endsInNumber is the URL standard's test for an IPv4 host: the last label
// (a trailing dot aside) is all digits, or "0x" and hex digits.
func endsInNumber(s string) bool {
	s = strings.TrimSuffix(s, ".")
	last := s[strings.LastIndexByte(s, '.')+1:]
	if last == "" {
		return false
	}
	digits := true
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		return true
	}
	if len(last) < 2 || last[0] != '0' || last[1]|0x20 != 'x' {
		return false
	}
	for i := 2; i < len(last); i++ {
		if !isHex(last[i]) {
			return false
		}
	}
	return true
}

// parseIPv4 reads the IPv4 forms browsers accept: 1 to 4 parts, each in
// decimal, octal (leading 0) or hex (0x), the last filling what is left
// ("http://0x7f.1/" is 127.0.0.1, "http://3232235777/" 192.168.1.1).
func parseIPv4(s string) (netip.Addr, bool) {
	s = strings.TrimSuffix(s, ".")
	var parts [4]uint64
	n := 0
	for {
		dot := strings.IndexByte(s, '.')
		part := s
		if dot >= 0 {
			part = s[:dot]
		}
		if n == 4 {
			return netip.Addr{}, false
		}
		v, ok := ipv4Number(part)
		if !ok {
			return netip.Addr{}, false
		}
		parts[n] = v
		n++
		if dot < 0 {
			break
		}
		s = s[dot+1:]
	}
	for i := 0; i < n-1; i++ {
		if parts[i] > 255 {
			return netip.Addr{}, false
		}
	}
	if parts[n-1] >= 1<<(8*(5-n)) {
		return netip.Addr{}, false
	}
	v := parts[n-1]
	for i := 0; i < n-1; i++ {
		v += parts[i] << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

func ipv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := uint64(10)
	if len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x' {
		base, s = 16, s[2:]
	} else if len(s) >= 2 && s[0] == '0' {
		base, s = 8, s[1:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case base == 16 && isHex(c):
			d = uint64(unhex(c))
		default:
			return 0, false
		}
		if d >= base {
			return 0, false
		}
		v = v*base + d
		if v > 1<<32 {
			v = 1 << 32 // too large either way; keep parsing to refuse bad digits
		}
	}
	return v, true
}

func ipHost(addr netip.Addr) Host {
	h := Host{Class: Web, ASCII: addr.String(), IP: true}
	if addr.Is6() {
		h.ASCII = ipv6String(addr)
	}
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsUnspecified() {
		h.Class, h.Reason = Local, "private-ip"
	}
	return h
}

// nameHost judges an ASCII host name that the URL standard accepts.
func nameHost(ascii string) Host {
	h := Host{ASCII: ascii}
	if hasACELabel(ascii) {
		if u := toUnicode(ascii); u != ascii {
			h.Unicode = u
		}
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

// ipv6String writes an IPv6 address as the URL standard serialises it:
// hex pieces, the first longest run of two or more zero pieces as "::",
// never a dotted IPv4 tail (netip writes ::ffff:1.2.3.4, browsers
// ::ffff:102:304).
func ipv6String(addr netip.Addr) string {
	b := addr.As16()
	var p [8]uint16
	for i := range p {
		p[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	start, length := -1, 1
	for i := 0; i < 8; {
		if p[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && p[j] == 0 {
			j++
		}
		if j-i > length {
			start, length = i, j-i
		}
		i = j
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 39)
	for i := 0; i < 8; i++ {
		if i == start {
			out = append(out, ':', ':')
			i += length - 1
			continue
		}
		if len(out) > 0 && out[len(out)-1] != ':' {
			out = append(out, ':')
		}
		v, started := p[i], false
		for shift := 12; shift >= 0; shift -= 4 {
			d := v >> uint(shift) & 0xf
			if d != 0 || started || shift == 0 {
				out = append(out, hex[d])
				started = true
			}
		}
	}
	return string(out)
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
