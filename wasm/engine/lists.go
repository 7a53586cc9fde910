package engine

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"vigie/lists"
	"vigie/lists/bundle"
	"vigie/lists/source"
	"vigie/wasm/index"
)

// ListInfo describes the list in force.
type ListInfo struct {
	Name     string
	Version  uint64 // 0: the list built into the extension
	Created  time.Time
	Expires  time.Time
	KeyID    string
	Entries  int
	Embedded bool
	Local    int // entries of the local overlay
}

// state is everything a verdict reads, swapped as one. Its verdict cache
// goes with it: a new list or new local sites start an empty one.
type state struct {
	ix      *index.Index
	overlay overlay // the mediator's own official domains; may be nil
	info    ListInfo
	cache   *verdictCache
}

func newState(ix *index.Index, ov overlay, info ListInfo) *state {
	return &state{ix: ix, overlay: ov, info: info, cache: new(verdictCache)}
}

// DefaultListName is the list the extension follows unless configured.
const DefaultListName = "default"

// TrustedKeys returns the pinned publisher keys plus extra ones (managed
// policy). Malformed extra keys are reported, pinned ones cannot be.
func TrustedKeys(extra ...string) (bundle.Keyring, error) {
	return bundle.NewKeyring(append(lists.PublisherKeys(), extra...)...)
}

// LoadBundle verifies a signed bundle and, if it is good, puts it in force
// atomically. A refused bundle changes nothing; the error says why
// (errors.Is with the bundle.Err* values).
func (e *Engine) LoadBundle(b []byte, keys bundle.Keyring, now time.Time) (ListInfo, error) {
	cur := e.st.Load()
	name := cur.info.Name
	if name == "" {
		name = DefaultListName
	}
	h, ix, err := bundle.Verify(b, bundle.Policy{Keys: keys, Name: name, Current: cur.info.Version, Now: now})
	if err != nil {
		return cur.info, err
	}
	return e.putInForce(ix, ListInfo{Name: h.Name, Version: h.Version, Created: h.Created, Expires: h.Expires,
		KeyID: h.KeyID.String(), Entries: ix.Len()})
}

// putInForce swaps ix in, keeping the overlay, unless a list as new or
// newer is already in force (two updates racing, or a rollback).
func (e *Engine) putInForce(ix *index.Index, info ListInfo) (ListInfo, error) {
	for {
		old := e.st.Load()
		if old.info.Version >= info.Version {
			return old.info, fmt.Errorf("%w: version %d, in force %d", bundle.ErrRollback, info.Version, old.info.Version)
		}
		info.Local = old.info.Local
		if e.st.CompareAndSwap(old, newState(ix, old.overlay, info)) {
			return info, nil
		}
	}
}

// SetOverlay replaces the mediator's local official domains (the town's
// own site). The overlay is separate from the signed list: an update never
// erases it, and it can only add official sites, never remove one.
func (e *Engine) SetOverlay(domains []string) (int, error) {
	if len(domains) > maxOverlay {
		return 0, errors.New("too many local domains")
	}
	var ov overlay
	for _, d := range domains {
		a, err := source.Domain(d)
		if err != nil {
			return 0, err
		}
		if ov == nil {
			ov = overlay{}
		}
		ov[a] = struct{}{}
	}
	for {
		old := e.st.Load()
		info := old.info
		info.Local = len(ov)
		if e.st.CompareAndSwap(old, newState(old.ix, ov, info)) {
			return len(ov), nil
		}
	}
}

// overlay is the set of local official domains: a handful, set by the
// mediator, so a plain set rather than an index (building an index would
// link the publisher's index builder into the WebAssembly module).
type overlay map[string]struct{}

// official returns the domain of the overlay that makes host official: the
// host or a parent at or below its registrable domain, as for the plain
// entries of the list.
func (o overlay) official(host, registrable string) (string, bool) {
	if len(o) == 0 {
		return "", false
	}
	for h := host; len(h) >= len(registrable); {
		if _, ok := o[h]; ok {
			return h, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return "", false
}

// maxOverlay bounds the local list: a town's handful of sites, not a list.
const maxOverlay = 1000

// Info returns what is in force.
func (e *Engine) Info() ListInfo { return e.st.Load().info }

// ErrorCode is a stable key for a refusal, for the extension's messages.
func ErrorCode(err error) string {
	for _, c := range []struct {
		err  error
		code string
	}{
		{bundle.ErrTooLarge, "too-large"}, {bundle.ErrTruncated, "truncated"}, {bundle.ErrFormat, "format"},
		{bundle.ErrUnknownKey, "unknown-key"}, {bundle.ErrSignature, "signature"}, {bundle.ErrPayload, "payload"},
		{bundle.ErrName, "name"}, {bundle.ErrRollback, "rollback"}, {bundle.ErrExpired, "expired"},
	} {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return "error"
}

// LoadVerified puts in force an index that this engine verified earlier
// (from a signed bundle) and that the extension kept in its own storage,
// so that a waking service worker does not verify and inflate the same
// bundle again. The layout is still checked; a version not newer than the
// one in force is refused like any rollback.
func (e *Engine) LoadVerified(raw []byte, info ListInfo) (ListInfo, error) {
	ix, err := index.Load(raw)
	if err != nil {
		return e.Info(), fmt.Errorf("%w: %v", bundle.ErrPayload, err)
	}
	if ix.Len() != info.Entries {
		return e.Info(), fmt.Errorf("%w: %d entries, %d recorded", bundle.ErrPayload, ix.Len(), info.Entries)
	}
	info.Embedded = false
	return e.putInForce(ix, info)
}
