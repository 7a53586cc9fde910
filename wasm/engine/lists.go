package engine

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"vigie/lists"
	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/source"
)

// ListInfo describes the list in force.
type ListInfo struct {
	Name    string
	Version uint64 // 0: the list built into the extension
	Created time.Time
	Expires time.Time
	KeyID   string
	// Publisher is the signing key's name (from its trust line), or "".
	Publisher string
	// Revokes: key ids the bundle in force revokes (hex), for the
	// extension to keep: later bundles signed by them are refused.
	Revokes  []string
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

// Trust is what a terminal accepts as the signer of its list: the keys
// pinned in the build and those the policy gives, less revoked ones.
type Trust struct {
	Keys    bundle.Keyring
	Revoked map[bundle.KeyID]bool
}

// NewTrust builds the terminal's trust. policyKeys are added to the pinned
// keys; policyRevoked (key ids or key lines) revokes any key, policy keys
// included; listRevoked (what accepted bundles revoked) revokes every key
// but those the policy gives: the IT service's word is not overruled by a
// bundle (a stolen key could otherwise revoke the key that replaces it).
func NewTrust(policyKeys, policyRevoked, listRevoked []string) (Trust, error) {
	keys, err := TrustedKeys(policyKeys...)
	if err != nil {
		return Trust{}, err
	}
	given, err := bundle.NewKeyring(policyKeys...)
	if err != nil {
		return Trust{}, err
	}
	t := Trust{Keys: keys, Revoked: map[bundle.KeyID]bool{}}
	for _, s := range policyRevoked {
		id, err := bundle.ParseKeyID(s)
		if err != nil {
			return Trust{}, err
		}
		t.Revoked[id] = true
	}
	for _, s := range listRevoked {
		if id, err := bundle.ParseKeyID(s); err == nil && !given.Has(id) {
			t.Revoked[id] = true
		}
	}
	return t, nil
}

// DefaultTrust is the build's pinned keys, nothing revoked.
func DefaultTrust() (Trust, error) { return NewTrust(nil, nil, nil) }

// BundlePayload checks a signed bundle as far as it can without its
// payload inflated (bundle.Check: signer, signature, claims, the
// compressed payload's hash) and returns where that payload is in b and
// how long it is once inflated: the extension has the browser inflate it
// (the module carries no inflater), then calls LoadBundle.
func (e *Engine) BundlePayload(b []byte, trust Trust, now time.Time) (start, end, inflated int, err error) {
	bu, err := bundle.Check(b, e.policy(trust, now))
	if err != nil {
		return 0, 0, 0, err
	}
	start = len(b) - bundle.SignatureSize - len(bu.Payload)
	return start, start + len(bu.Payload), int(bu.Header.IndexLen), nil
}

// LoadBundle verifies a signed bundle whose payload the caller inflated
// to packed (bundle.VerifyInflated: packed must be the exact index the
// publisher signed) and, if it is good, puts it in force atomically.
// packed is consumed. A refused bundle changes nothing; the error says why
// (errors.Is with the bundle.Err* values).
func (e *Engine) LoadBundle(b, packed []byte, trust Trust, now time.Time) (ListInfo, error) {
	cur := e.st.Load()
	h, ix, err := bundle.VerifyInflated(b, packed, e.policy(trust, now))
	if err != nil {
		return cur.info, err
	}
	var revokes []string
	for _, id := range h.Revoked {
		revokes = append(revokes, id.String())
	}
	return e.putInForce(ix, ListInfo{Name: h.Name, Version: h.Version, Created: h.Created, Expires: h.Expires,
		KeyID: h.KeyID.String(), Publisher: trust.Keys[h.KeyID].Name, Revokes: revokes, Entries: ix.Len()})
}

// policy is what a bundle must meet to replace the list in force.
func (e *Engine) policy(trust Trust, now time.Time) bundle.Policy {
	cur := e.st.Load()
	name := cur.info.Name
	if name == "" {
		name = DefaultListName
	}
	return bundle.Policy{Keys: trust.Keys, Revoked: trust.Revoked, Name: name, Current: cur.info.Version, Now: now}
}

// Recheck takes the list in force out of force if its signer is no longer
// trusted (the policy revoked it, or stopped giving it): the list built
// into the extension protects until a bundle from a trusted key comes.
// It returns why, or nil if the list stays. The local overlay stays.
func (e *Engine) Recheck(trust Trust) error {
	for {
		old := e.st.Load()
		if old.info.Embedded {
			return nil
		}
		id, err := bundle.ParseKeyID(old.info.KeyID)
		switch {
		case err != nil:
		case !trust.Keys.Has(id):
			err = fmt.Errorf("%w (key id %s)", bundle.ErrUnknownKey, id)
		case trust.Revoked[id]:
			err = fmt.Errorf("%w (key id %s)", bundle.ErrRevoked, id)
		default:
			return nil
		}
		builtin, n := e.builtin.Load(), 0
		if builtin != nil {
			n = builtin.Len()
		}
		info := ListInfo{Name: old.info.Name, Embedded: true, Entries: n, Local: old.info.Local}
		if e.st.CompareAndSwap(old, newState(builtin, old.overlay, info)) {
			return err
		}
	}
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
		{bundle.ErrRevoked, "revoked"},
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
//
// Its signer must still be trusted: a key revoked or no longer given by
// policy since takes the kept list out of force too.
func (e *Engine) LoadVerified(raw []byte, info ListInfo, trust Trust) (ListInfo, error) {
	id, err := bundle.ParseKeyID(info.KeyID)
	if err != nil {
		return e.Info(), fmt.Errorf("%w: %v", bundle.ErrPayload, err)
	}
	key, ok := trust.Keys[id]
	if !ok {
		return e.Info(), fmt.Errorf("%w (key id %s)", bundle.ErrUnknownKey, id)
	}
	if trust.Revoked[id] {
		return e.Info(), fmt.Errorf("%w (key id %s)", bundle.ErrRevoked, id)
	}
	info.Publisher = key.Name
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
