package hostname

import (
	"sync"

	"golang.org/x/net/publicsuffix"
)

// publicsuffix.PublicSuffix first tries netip.ParseAddr on its argument,
// and the failed parse allocates an error for every ordinary host name. A
// small direct-mapped cache of its answers keeps the hosts a terminal visits
// again and again (the official ones above all) free of allocations, and
// spares the lookup itself.
const cacheSlots = 512

type suffixEntry struct {
	host      string
	suffixLen int
	icann     bool
}

var suffixCache struct {
	sync.Mutex
	slots [cacheSlots]suffixEntry
}

func publicSuffix(host string) (string, bool) {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(host); i++ {
		h = (h ^ uint32(host[i])) * 16777619
	}
	slot := &suffixCache.slots[h%cacheSlots]
	suffixCache.Lock()
	if slot.host == host && host != "" {
		e := *slot
		suffixCache.Unlock()
		return host[len(host)-e.suffixLen:], e.icann
	}
	suffixCache.Unlock()
	s, icann := publicsuffix.PublicSuffix(host)
	suffixCache.Lock()
	*slot = suffixEntry{host: host, suffixLen: len(s), icann: icann}
	suffixCache.Unlock()
	return s, icann
}
