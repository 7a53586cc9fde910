package lookalike

import (
	"strings"

	"vigie/lists/index"
)

// maxTokens bounds the work on hosts with many labels and hyphens.
const maxTokens = 16

// embeddingFamily: an official domain standing inside a host that is not
// it — ameli.fr.secure-login.com, impots.gouv.fr-aide.com,
// www-impots-gouv-fr.xyz — or a brand word in a subdomain
// (ameli.secure-login.com). It guards local entries too, but for them only
// the real dotted form counts (mairie-x.fr.evil.com), so that hotel-paris.fr
// does not embed paris.fr.
func embeddingFamily(ix *index.Index, x *host) Match {
	h := x.h.ASCII
	// Tokens split on dots and hyphens; sep[k] is the separator before
	// token k. The tokens of the host's own public suffix cannot be part
	// of an embedded domain: in hotel-paris.fr, "fr" is the real TLD.
	var start, end [maxTokens]int
	var sep [maxTokens]byte
	nt := 0
	suffixAt := len(h) - len(x.h.Suffix)
	lastFree := -1 // last token before the suffix
	for i, s := 0, 0; i <= len(h) && nt < maxTokens; i++ {
		if i == len(h) || h[i] == '.' || h[i] == '-' {
			if i > s {
				start[nt], end[nt] = s, i
				if s > 0 {
					sep[nt] = h[s-1]
				}
				if s < suffixAt {
					lastFree = nt
				}
				nt++
			}
			s = i + 1
		}
	}
	var m Match
	var buf [256]byte
	for i := 0; i <= lastFree; i++ {
		n := copy(buf[:], h[start[i]:end[i]])
		dotted := true
		for j := i + 1; j <= lastFree+1 && j < nt; j++ {
			if sep[j] != '.' {
				dotted = false
			}
			buf[n] = '.'
			n++
			n += copy(buf[n:], h[start[j]:end[j]])
			if j == nt-1 || end[j] == len(h) {
				continue // the host's own end: not embedded
			}
			if !ix.MayEndDomain(h[start[j]:end[j]]) {
				continue // no listed domain ends with this label
			}
			e, ok := ix.Find(string(buf[:n]))
			if !ok {
				continue
			}
			s := scoreEmbedBrand
			if !isBrand(ix, e) {
				if !dotted {
					continue
				}
				s = scoreEmbedLocal
			}
			if s > m.Score || (s == m.Score && n > len(ix.Entry(m.Entry).Domain)) {
				m = Match{Family: TargetEmbedding, Entry: e, Score: s}
			}
		}
	}
	if m.Found() || x.sub == "" {
		return m
	}
	// A brand word in a subdomain label: ameli.secure-login.com.
	for sub := x.sub; sub != ""; {
		l := sub
		if i := strings.IndexByte(sub, '.'); i >= 0 {
			l, sub = sub[:i], sub[i+1:]
		} else {
			sub = ""
		}
		if len(l) > 63 || l == "www" {
			continue // "www", the most common subdomain, names no service
		}
		w := wordsIn(ix, l)
		if !w.Found() && len(l) > index.MinEditName && !ix.IsExcept(l) {
			// A whole label one typo from a brand name of 6+ letters, as
			// a registrable label would be (impogs.tourkeep.shop): the
			// subdomain is the phisher's to choose.
			// Brands only: a local name's neighbours are honest words.
			if t := nearFormFunc(ix, l, func(form string) bool { return len(form) > index.MinEditName }); t.Found() && isBrand(ix, t.Entry) {
				w = Match{Entry: t.Entry, Score: scoreComboWord}
			}
		}
		if !w.Found() {
			continue
		}
		s := scoreSubdomainShortWord
		if w.Score >= scoreComboWord {
			s = scoreSubdomainWord
		}
		m = better(m, Match{Family: TargetEmbedding, Entry: w.Entry, Score: s})
	}
	return m
}
