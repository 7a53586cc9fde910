// Package source reads the human-editable list format of lists/*.txt:
//
//	# comment
//	brand  ameli.fr      "Assurance Maladie (ameli)"  words=ameli,cpam  password=https://…
//	brand  *.gouv.fr     "Sites de l'État (gouv.fr)"  words=gouv
//	local  mairie-x.fr   "Mairie de X"
//	block  ameli-remboursement.com  imitates=ameli.fr     (a reported fake)
//	honest amelie-boutique.fr "Amélie, boutique à Lyon"   (not a lookalike)
//
// One entry a line: a tier, a domain, a quoted label, then key=value options:
// words=, affix=, end=, except=, themes=, themestart= (comma-separated, see Entry) and
// password=.
// A domain entry makes the domain and its subdomains official. "*.S" is the
// explicit rule "every domain under the public suffix S": it has to be said,
// because S is shared by many owners (gouv.fr is itself a public suffix).
package source

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/idna"
)

// Tier says how closely an official entry is guarded.
type Tier uint8

const (
	// Local entries (town halls, schools, the public-sector list) are
	// guarded by the skeleton and target-embedding families only.
	Local Tier = iota
	// Brand entries (national services phishers imitate) are guarded by
	// every family.
	Brand
)

func (t Tier) String() string {
	if t == Brand {
		return "brand"
	}
	return "local"
}

// Kind says what a list entry declares of its domain.
type Kind uint8

const (
	// Official: the domain and its subdomains are the service's own.
	Official Kind = iota
	// Block: reported as fraudulent by the publisher's feeds (a host or a
	// registrable domain and everything under it), judged before the
	// lookalike families.
	Block
	// Honest: a legitimate domain the families would flag for a near
	// brand (a company, a town, a first name): never called a lookalike.
	Honest
)

// Entry is one official domain or rule, or a block or honest declaration.
type Entry struct {
	Domain string // A-label, lower case, no "*." prefix
	Kind   Kind
	// Imitates: for a block entry, the official domain it imitates, when
	// the feed says (shown on the warning).
	Imitates string
	Tier     Tier     //
	Suffix   bool     // "*.domain": every host strictly below is official
	Label    string   // human name, shown in warnings
	Words    []string // brand words, hyphens removed ("cartevitale")
	// Affix words also count at the start or end of a label ("ameli" in
	// amelisoin.fr); Except are honest words that begin or end with one
	// ("amelie", "amelior"); Themes are words that, with service words
	// only, point at this site without naming it ("amende-paiement.fr").
	Affix, Except, Themes []string
	// End words count glued to the end of a label only ("amendesgouv",
	// but not Gouvieux, a town).
	End []string
	// ThemeStart are themes that also count glued to the start of a label
	// whatever follows ("amendegouve", "amendedgifservice"): words whose
	// only sense is the service's, declared one by one (not "amande",
	// an almond, nor "vitale").
	ThemeStart  []string
	PasswordURL string // where to change the password, when known
}

// MaxLine bounds one source line.
const MaxLine = 4096

// Parse reads a list source. Errors name the line.
func Parse(r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), MaxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		e, err := ParseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return out, nil
}

// ParseLine reads one entry line.
func ParseLine(line string) (Entry, error) {
	fields, err := splitFields(line)
	if err != nil {
		return Entry{}, err
	}
	if len(fields) < 2 {
		return Entry{}, fmt.Errorf("want TIER DOMAIN \"LABEL\", got %q", line)
	}
	var e Entry
	switch fields[0] {
	case "brand":
		e.Tier = Brand
	case "local":
		e.Tier = Local
	case "block":
		e.Kind = Block
	case "honest":
		e.Kind = Honest
	default:
		return Entry{}, fmt.Errorf("unknown tier %q (brand, local, block or honest)", fields[0])
	}
	d := fields[1]
	if strings.HasPrefix(d, "*.") {
		if e.Kind != Official {
			return Entry{}, fmt.Errorf("%s entries name a domain, not a rule: %q", fields[0], d)
		}
		e.Suffix, d = true, d[2:]
	}
	if e.Domain, err = Domain(d); err != nil {
		return Entry{}, err
	}
	for _, f := range fields[2:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			if e.Label != "" {
				return Entry{}, fmt.Errorf("unexpected %q", f)
			}
			e.Label = f
			continue
		}
		switch k {
		case "words", "affix", "end", "except", "themes", "themestart":
			var ws []string
			for _, w := range strings.Split(v, ",") {
				if w = Word(w); w != "" {
					ws = append(ws, w)
				}
			}
			switch k {
			case "words":
				e.Words = append(e.Words, ws...)
			case "affix":
				e.Affix = append(e.Affix, ws...)
				e.Words = append(e.Words, ws...) // an affix word is a word too
			case "end":
				e.End = append(e.End, ws...)
				e.Words = append(e.Words, ws...)
			case "except":
				e.Except = append(e.Except, ws...)
			case "themestart":
				e.ThemeStart = append(e.ThemeStart, ws...)
				e.Themes = append(e.Themes, ws...) // a theme too
			default:
				e.Themes = append(e.Themes, ws...)
			}
		case "imitates":
			if e.Kind != Block {
				return Entry{}, fmt.Errorf("imitates= is for block entries")
			}
			if e.Imitates, err = Domain(v); err != nil {
				return Entry{}, err
			}
		case "password":
			if !strings.HasPrefix(v, "https://") {
				return Entry{}, fmt.Errorf("password URL must be https: %q", v)
			}
			e.PasswordURL = v
		default:
			return Entry{}, fmt.Errorf("unknown option %q", k)
		}
	}
	if e.Kind != Official && (len(e.Words)+len(e.Except)+len(e.Themes)+len(e.ThemeStart) > 0 || e.PasswordURL != "") {
		return Entry{}, fmt.Errorf("words, themes and password= are for official entries")
	}
	if e.Label == "" {
		e.Label = e.Domain
	}
	return e, nil
}

// Domain validates and normalises a domain name to its A-label form.
func Domain(d string) (string, error) {
	d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
	if len(d) > 253 {
		// Checked before IDNA: punycode work grows with the square of the
		// label's length (a fuzzed 4 KiB label took seconds).
		return "", fmt.Errorf("domain longer than 253 bytes")
	}
	a, err := idna.Lookup.ToASCII(d)
	if err != nil || a == "" || !strings.Contains(a, ".") || len(a) > 253 {
		return "", fmt.Errorf("bad domain %q", d)
	}
	return a, nil
}

// Word normalises a brand word: lower case, hyphens and dots removed.
func Word(w string) string {
	w = strings.ToLower(strings.TrimSpace(w))
	return strings.NewReplacer("-", "", ".", "", " ", "").Replace(w)
}

// splitFields splits on blanks, keeping "quoted strings" whole.
func splitFields(s string) ([]string, error) {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] == '#' {
			return out, nil
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote")
			}
			out = append(out, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
}
