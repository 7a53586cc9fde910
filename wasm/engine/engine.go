// Package engine gives the verdict on one navigation: official, lookalike,
// suspicious, unknown, local or invalid. It is the only entry point the
// WebAssembly bridge and listctl use.
package engine

import (
	"fmt"
	"strings"
	"sync/atomic"

	"vigie/lists"
	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/source"
	"vigie/wasm/hostname"
	"vigie/wasm/lookalike"
)

// Kind is the class of a verdict.
type Kind string

const (
	Official   Kind = "official"
	Lookalike  Kind = "lookalike"
	Suspicious Kind = "suspicious"
	Unknown    Kind = "unknown"
	Invalid    Kind = "invalid"
	Local      Kind = "local"
)

// Verdict is what the extension acts on.
type Verdict struct {
	Kind        Kind
	Host        string // A-label form
	Display     string // U-label form, for people ("" when it equals Host)
	Registrable string
	// Imitates is the official domain a lookalike or suspicious host
	// copies; for an official host, the list entry that makes it official.
	Imitates      string
	ImitatesLabel string
	// ImitatesName is how a warning names it: the domain ("ameli.fr"), or
	// the label for a rule that has no single site ("un site de l'État").
	ImitatesName string
	// RealURL is where "go to the real site" leads.
	RealURL string
	Family  string
	Score   int
	// Reason is a message key: "official", "lookalike", "suspicious",
	// "unknown", "local", "invalid.scheme", "engine-error"…
	Reason string
}

// Engine judges hosts against an official list that can be swapped at any
// time: each verdict reads the list once, so it is judged by the old list
// or the new one, never half of each.
type Engine struct {
	st      atomic.Pointer[state]
	noCache atomic.Bool
	builtin atomic.Pointer[index.Index] // the list built into the extension, to fall back on
}

// New returns an engine using ix as its built-in list.
func New(ix *index.Index) *Engine {
	e := &Engine{}
	e.builtin.Store(ix)
	n := 0
	if ix != nil {
		n = ix.Len()
	}
	e.st.Store(newState(ix, nil, ListInfo{Name: DefaultListName, Embedded: true, Entries: n}))
	return e
}

// NewDefault returns an engine on the embedded default list, loaded from
// its precompiled index: nothing is built at start.
func NewDefault() (*Engine, error) {
	ix, err := index.Load(lists.DefaultIndex)
	if err != nil {
		return nil, fmt.Errorf("embedded default index: %w (run go generate ./lists)", err)
	}
	return New(ix), nil
}

// SetBuiltin gives the engine the list built into the extension (the
// national and public-sector lists, compiled by the build into
// builtin.idx, read by the worker from the extension's own files). It is
// in force at once unless a signed list is, and is what Recheck falls
// back on.
func (e *Engine) SetBuiltin(raw []byte) error {
	ix, err := index.Load(raw)
	if err != nil {
		return fmt.Errorf("%w: %v", bundle.ErrPayload, err)
	}
	e.builtin.Store(ix)
	for {
		old := e.st.Load()
		if !old.info.Embedded {
			return nil
		}
		info := old.info
		info.Entries = ix.Len()
		if e.st.CompareAndSwap(old, newState(ix, old.overlay, info)) {
			return nil
		}
	}
}

// Index returns the list in force.
func (e *Engine) Index() *index.Index { return e.st.Load().ix }

// Swap puts a new list in force, keeping the overlay and the version (for
// tools and tests; signed updates go through LoadBundle).
func (e *Engine) Swap(ix *index.Index) {
	old := e.st.Load()
	info := old.info
	info.Entries = ix.Len()
	e.st.Store(newState(ix, old.overlay, info))
}

// Check judges a URL or a bare host. It never panics: an internal error
// answers a fail-safe "suspicious" verdict, so a bug can never turn into
// silently allowing a page.
func (e *Engine) Check(raw string) (v Verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = Verdict{Kind: Suspicious, Reason: "engine-error"}
		}
	}()
	st := e.st.Load()
	if st.ix == nil {
		// No list yet (the built-in list not given): nothing can be called
		// official or unknown.
		return Verdict{Kind: Suspicious, Reason: "no-list"}
	}
	key, cacheable := verdictKey(raw)
	cacheable = cacheable && !e.noCache.Load()
	slot := 0
	if cacheable {
		var hit bool
		if v, slot, hit = st.cache.get(key); hit {
			return v
		}
	}
	v = check(st, raw)
	if cacheable {
		st.cache.put(slot, key, v)
	}
	return v
}

// SetCache turns the verdict cache on (the default) or off: off, every
// verdict does the engine's whole work, as make bench measures it.
func (e *Engine) SetCache(on bool) { e.noCache.Store(!on) }

func check(st *state, raw string) Verdict {
	h := hostname.Parse(raw)
	v := Verdict{Host: h.ASCII, Display: h.Unicode, Registrable: h.Registrable}
	switch h.Class {
	case hostname.Local:
		v.Kind, v.Reason = Local, "local"
		return v
	case hostname.Invalid:
		if judgedScheme(h) {
			// The browser may load what the engine cannot judge (a host
			// too long, empty labels...): never a silent allow.
			v.Kind, v.Reason = Suspicious, "suspicious.unjudged"
			return v
		}
		v.Kind, v.Reason = Invalid, "invalid."+h.Reason
		return v
	}
	ix := st.ix
	if !h.IP {
		if d, ok := st.overlay.official(h.ASCII, h.Registrable); ok {
			v.Kind, v.Reason, v.Imitates, v.ImitatesLabel = Official, "official", d, d
			return v
		}
		if i, ok := ix.Official(h.ASCII, h.Registrable); ok {
			en := ix.Entry(i)
			// A rule (every registrable domain under gouv.fr) vouches for
			// names nobody listed: a homoglyph of a brand under it
			// (xn--impts-lye.gouv.fr) is judged, not trusted.
			if !en.Suffix || h.Unicode == "" || !imitates(ix, h) {
				v.Kind, v.Reason, v.Imitates, v.ImitatesLabel = Official, "official", en.Domain, en.Label
				return v
			}
		}
	}
	if !h.IP {
		if i, kind, ok := ix.Listed(h.ASCII, h.Registrable); ok {
			if kind == source.Honest { // declared legitimate: no family judges it
				v.Kind, v.Reason = Unknown, "unknown.honest"
				return v
			}
			return reported(ix, v, ix.Entry(i))
		}
	}
	m := lookalike.Detect(ix, h)
	// Asked only of a host the families flag: most hosts are not, and pay
	// nothing for it.
	if m.Score >= lookalike.ScoreSuspicious && !h.IP && stateTwin(ix, h.Registrable) {
		v.Kind, v.Reason = Unknown, "unknown.stateTwin"
		return v
	}
	switch {
	case m.Score >= lookalike.ScoreLookalike:
		v.Kind = Lookalike
	case m.Score >= lookalike.ScoreSuspicious:
		v.Kind = Suspicious
	default:
		v.Kind, v.Reason = Unknown, "unknown"
		return v
	}
	en := ix.Entry(m.Entry)
	v.Imitates, v.ImitatesLabel, v.RealURL = en.Domain, en.Label, realURL(en)
	v.ImitatesName = en.Domain
	if en.Suffix {
		v.ImitatesName = en.Label
	}
	v.Family, v.Score = string(m.Family), m.Score
	v.Reason = string(v.Kind) + "." + string(m.Family)
	return v
}

// reported is the verdict on a host the publisher's feeds reported as
// fraudulent: a lookalike, of the official site the feed names when the
// list has it. (Official sites are judged first: a feed's mistake cannot
// take one down.)
func reported(ix *index.Index, v Verdict, en index.Entry) Verdict {
	v.Kind, v.Family, v.Score, v.Reason = Lookalike, "reported", 100, "lookalike.reported"
	if en.Label != en.Domain {
		if i, ok := ix.Find(en.Label); ok {
			off := ix.Entry(i)
			v.Imitates, v.ImitatesLabel, v.RealURL, v.ImitatesName = off.Domain, off.Label, realURL(off), off.Domain
			if off.Suffix {
				v.ImitatesName = off.Label
			}
		}
	}
	return v
}

// judgedScheme: a web URL (or a bare host) that the engine must judge.
func judgedScheme(h hostname.Host) bool {
	switch h.Scheme {
	case "http", "https", "ws", "wss", "ftp":
		return true
	case "":
		return h.Reason != "empty"
	}
	return false
}

// imitates reports that an IDN host official only by a suffix rule
// imitates a listed brand.
func imitates(ix *index.Index, h hostname.Host) bool {
	return lookalike.Detect(ix, h).Score >= lookalike.ScoreLookalike
}

// realURL is where "go to the real site" leads: a suffix rule (*.gouv.fr)
// has no site of its own, so it leads to the State's portal.
func realURL(en index.Entry) string {
	if en.Suffix {
		return "https://www.service-public.fr/"
	}
	return "https://" + en.Domain + "/"
}

// stateTwin: registrable is the .fr twin of a .gouv.fr site the list
// names, label for label (impots.fr beside impots.gouv.fr). The .fr naming
// charter reserves the terms of the State's working to the State (AFNIC,
// "termes réservés"): a third party cannot register the twin, which the
// State keeps to redirect to its site; no family judges it. Only an exact
// twin: impots-fr.com, impots.com or a look-alike label are judged as
// before, and a twin is not called official (the list does not say so).
func stateTwin(ix *index.Index, registrable string) bool {
	label, ok := strings.CutSuffix(registrable, ".fr")
	if !ok || label == "" || strings.IndexByte(label, '.') >= 0 {
		return false
	}
	if _, ok := ix.Find(label + ".gouv.fr"); ok {
		return true
	}
	_, ok = ix.Find("www." + label + ".gouv.fr")
	return ok
}
