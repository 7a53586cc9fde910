package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vigie/wasm/passwords"
	"vigie/wasm/skeleton"
)

// MaxPageText bounds the page text the engine reads for impersonation.
// The content script sends what matters first (title, headings, labels,
// image text, form actions), then the page's text.
const MaxPageText = 32 << 10

// Impersonation: a page that is not official, shows a password or
// sensitive field (social security number, IBAN, card), and names an
// official service in its title, text or form action, imitates it — most
// phishing kits live on hosts whose name says nothing, which no verdict
// on the address alone can catch (docs/detection.md).
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
	lookup := func(w string) string {
		if len(w) < 3 || len(w) > 40 {
			return ""
		}
		found := ""
		ix.Words(w, func(en int, _ byte) bool {
			found = ix.Entry(en).Domain
			return false
		})
		return found
	}
	words := pageWords(text)
	seen := make(map[string]bool, 256)
	var buf []byte
	for i := range words {
		// Each word, and each pair and triple of neighbours joined:
		// "Assurance Maladie" → "assurancemaladie"; each once (pages
		// repeat themselves).
		buf = buf[:0]
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			buf = append(buf, words[i+n-1]...)
			if len(buf) > 40 {
				break
			}
			if len(buf) < 3 || seen[string(buf)] {
				continue
			}
			w := string(buf)
			seen[w] = true
			if found := lookup(w); found != "" {
				return found
			}
			for _, one := range []rune{'i', 'l'} { // ame1i, amel1
				if d := leet(w, one); d != w {
					if found := lookup(d); found != "" {
						return found
					}
				}
			}
		}
	}
	return ""
}

// pageWords cuts page text into folded words (Sécurité → securite,
// full-width Ａｍｅｌｉ → ameli), and joins a run of three or more
// single letters into one word ("a m e l i", "a.m.e.l.i" → ameli).
func pageWords(text string) []string {
	raw := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !(r >= 0xFF10 && r <= 0xFF5A)
	})
	words := make([]string, 0, len(raw))
	run := []string(nil)
	flush := func() {
		if len(run) >= 3 {
			words = append(words, strings.Join(run, ""))
		} else {
			words = append(words, run...)
		}
		run = run[:0]
	}
	for _, w := range raw {
		if !skeleton.IsASCII(w) {
			w = skeleton.Fold(halfWidth(w))
		}
		if utf8.RuneCountInString(w) == 1 {
			run = append(run, w)
			continue
		}
		flush()
		words = append(words, w)
	}
	flush()
	return words
}

// halfWidth maps full-width ASCII forms (Ｕ+FF01–FF5E) to ASCII.
func halfWidth(w string) string {
	if !strings.ContainsFunc(w, func(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E }) {
		return w
	}
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return unicode.ToLower(r - 0xFEE0)
		}
		return r
	}, w)
}

// leet reads the digits of a word that mixes letters and digits as the
// letters they stand for (amel1 → ameli, 1mp0ts → impots), 1 as one; a
// number alone is left as it is.
func leet(w string, one rune) string {
	letters, digits := false, false
	for _, r := range w {
		letters = letters || unicode.IsLetter(r)
		digits = digits || r >= '0' && r <= '9'
	}
	if !letters || !digits {
		return w
	}
	return skeleton.ReadDigits(w, byte(one), true)
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
