package engine

import (
	"strings"
	"sync"

	"vigie/wasm/hostname"
)

// A verdict depends on the list in force and on the URL's scheme and
// authority only, never on its path. The worker asks about the same host
// again and again: at the start of a navigation, when it commits, when
// the page's script asks, and for every page of the site that follows. A
// small direct-mapped cache of verdicts, keyed by the URL up to its path,
// answers those without parsing and searching again. It belongs to the
// state it was filled from (newState), so a new list or new local sites
// never see an old verdict.
const (
	cacheSlots = 1024
	// maxCachedURL bounds what a slot keeps alive: a verdict's host fields
	// are slices of the URL it came from.
	maxCachedURL = 512
)

type cachedVerdict struct {
	key string
	v   Verdict
}

type verdictCache struct {
	mu    sync.Mutex
	slots [cacheSlots]cachedVerdict
}

// verdictKey is raw up to the end of its authority ("https://a.fr" of
// "https://a.fr/x?y"), where hostname.Parse stops reading; ok is false
// for what is not worth keeping (no "scheme://", or a long URL).
func verdictKey(raw string) (key string, ok bool) {
	if len(raw) > maxCachedURL {
		return "", false
	}
	i := strings.Index(raw, "://")
	// "https:///a.fr" reads its host after every slash: its key would be
	// "https://" alone, shared by every such URL. Not kept.
	if i <= 0 || i+3 >= len(raw) || raw[i+3] == '/' || raw[i+3] == '\\' {
		return "", false
	}
	return raw[:i+3+hostname.AuthorityEnd(raw[i+3:])], true
}

func slotOf(key string) int {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return int(h % cacheSlots)
}

// get returns the verdict kept for key, if any, and the slot where put
// keeps one (the key is hashed once).
func (c *verdictCache) get(key string) (Verdict, int, bool) {
	slot := slotOf(key)
	s := &c.slots[slot]
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.key == key && s.key != "" {
		return s.v, slot, true
	}
	return Verdict{}, slot, false
}

// put keeps v for key. Check reaches it only when the engine answered:
// the fail-safe verdict of a recovered panic is never kept.
func (c *verdictCache) put(slot int, key string, v Verdict) {
	s := &c.slots[slot]
	c.mu.Lock()
	s.key, s.v = key, v
	c.mu.Unlock()
}
