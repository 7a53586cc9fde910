package engine

import "strings"

// BlockedDomains returns the domains the list in force blocks, for the
// browser's own rule engine (declarativeNetRequest), which stops every
// request to them and their subdomains without asking the extension: with
// the worker stopped, starting, or not yet installed. Only a domain the
// engine judges lookalike, with no official entry or local site at or
// below it, goes there; the rest is left to the engine's own verdict.
// ok is false when the engine failed (a panic, recovered): the caller
// keeps the rules it has.
func (e *Engine) BlockedDomains() (out []string, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	st := e.st.Load()
	if st.ix == nil {
		return nil, true
	}
	for _, d := range st.ix.Blocked() {
		// check, not Check: these verdicts would push the navigations'
		// own out of the verdict cache.
		if st.overlay.below(d) || check(st, d).Kind != Lookalike {
			continue
		}
		out = append(out, d)
	}
	return out, true
}

// below: some local site is d or under it.
func (o overlay) below(d string) bool {
	for l := range o {
		if l == d || strings.HasSuffix(l, "."+d) {
			return true
		}
	}
	return false
}
