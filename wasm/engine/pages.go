package engine

import (
	"strings"
	"unicode"

	"vigie/wasm/passwords"
	"vigie/wasm/skeleton"
)

// MaxPageText bounds the page text the engine reads for impersonation.
const MaxPageText = 8192

// Impersonation: a page that is not official, shows a password or
// sensitive field (social security number, IBAN, card), and names an
// official service in its title, text or form action, imitates it — most
// phishing kits live on hosts whose name says nothing (DESIGN.md, point 5).
// It returns the official domain named, or "".
func (e *Engine) Impersonation(url, text string) (site string) {
	defer func() {
		if recover() != nil {
			site = "" // the page keeps its verdict; the caller fails safe on passwords
		}
	}()
	v := e.Check(url)
	if v.Kind == Official || v.Kind == Local || v.Kind == Invalid {
		return ""
	}
	if len(text) > MaxPageText {
		text = text[:MaxPageText]
	}
	ix := e.st.Load().ix
	// Words, folded (Sécurité → securite), and each pair and triple of
	// neighbours joined: "Assurance Maladie" → "assurancemaladie".
	words := strings.FieldsFunc(strings.ToLower(skeleton.Fold(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i := range words {
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			w := strings.Join(words[i:i+n], "")
			if len(w) < 3 || len(w) > 40 {
				continue
			}
			found := ""
			ix.Words(w, func(en int, _ byte) bool {
				found = ix.Entry(en).Domain
				return false
			})
			if found != "" {
				return found
			}
		}
	}
	return ""
}

// Password judges a password typed on the page at url. impersonated is
// the official domain the page was found to imitate (Impersonation), or "".
func (e *Engine) Password(v *passwords.Vault, password, url string, field passwords.Field, impersonated string) (d passwords.Decision, changeURL string) {
	defer func() {
		if recover() != nil {
			d = passwords.Decision{Action: passwords.Block, Reason: "engine-error"}
		}
	}()
	verdict := e.Check(url)
	page := passwords.Page{
		Registrable: verdict.Registrable,
		Official:    verdict.Kind == Official,
		Dangerous:   verdict.Kind == Lookalike || verdict.Kind == Suspicious || impersonated != "",
	}
	if page.Registrable == "" {
		page.Registrable = verdict.Host
	}
	d = v.Decide(password, page, field)
	if d.Reason == "dangerous-page" && impersonated != "" {
		d.Site = impersonated
	} else if d.Reason == "dangerous-page" && verdict.Imitates != "" {
		d.Site = verdict.Imitates
	}
	if d.Action == passwords.Warn && page.Official {
		st := e.st.Load()
		if i, ok := st.ix.Official(verdict.Host, verdict.Registrable); ok {
			changeURL = st.ix.Entry(i).PasswordURL
		}
	}
	return d, changeURL
}

// Typed returns the official site whose password ends text, typed on the
// page at url, when that page is not the site itself ("" otherwise); an
// engine failure answers "" (the commit check still runs).
func (e *Engine) Typed(v *passwords.Vault, text, url string) (site string) {
	defer func() {
		if recover() != nil {
			site = ""
		}
	}()
	verdict := e.Check(url)
	page := passwords.Page{Registrable: verdict.Registrable, Official: verdict.Kind == Official}
	if page.Registrable == "" {
		page.Registrable = verdict.Host
	}
	site, _ = v.Typed(text, page)
	return site
}
