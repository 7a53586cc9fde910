// Package passwords decides what happens to a password typed on a page,
// without ever keeping the password: only HMAC-SHA256(session key,
// password), truncated, with the registrable domains where it was used.
// The session key is random, lives in memory and in the browser's session
// storage only, and dies with the visitor's session (Wipe).
//
// Decisions (docs/passwords.md):
//   - a password already used on an official site, typed on a page that is
//     not official: blocked, naming the site it belongs to;
//   - on an official site's new-password form, a password already used on
//     another official site: blocked;
//   - logging in on official site B with the password of official site A:
//     allowed, with advice to change it;
//   - any password on a lookalike or suspicious page: blocked.
package passwords

import (
	"encoding/base64"
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"vigie/wasm/random"
	"vigie/wasm/sha2"
)

// TagSize is the length kept of each HMAC: 128 bits. Collisions between
// the handful of passwords of one session are out of reach (2^-128 per
// pair), and the tag never leaves the terminal, so a longer one would buy
// nothing; a much shorter one (Password Alert keeps 37 bits of a salted
// hash, for one password) would, with many passwords, start to confuse them.
const TagSize = 16

// MaxPassword bounds what is hashed: no real password is longer.
const MaxPassword = 4096

// maxTags bounds the memory of a session.
const maxTags = 256

type tag [TagSize]byte

// Use is a registrable domain where a password was used.
type Use struct {
	Domain   string
	Official bool
}

// Vault holds the session key and the tags, and the length (in
// characters) of each official password, so that a password can be
// recognised in what is being typed (Typed).
type Vault struct {
	mu   sync.Mutex
	key  [32]byte
	uses map[tag][]Use
	lens map[tag]int
}

// MaxTyped bounds the typed text a page is judged on: the last MaxTyped
// characters. A longer password is recognised when committed only.
const MaxTyped = 64

// New returns a vault with a fresh random key.
func New() (*Vault, error) {
	v := &Vault{}
	return v, v.Wipe()
}

// Wipe forgets every tag and draws a new key: the end of a session.
func (v *Vault) Wipe() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := random.Read(v.key[:]); err != nil {
		return err
	}
	v.uses = map[tag][]Use{}
	v.lens = map[tag]int{}
	return nil
}

func (v *Vault) tag(password string) tag {
	m := sha2.HMAC256(v.key[:], []byte(password))
	var t tag
	copy(t[:], m[:])
	return t
}

// Field is the kind of password field.
type Field string

const (
	Login       Field = "login"
	NewPassword Field = "new-password"
)

// Page is what the engine knows of the page where the password is typed.
type Page struct {
	Registrable string // eTLD+1 of the frame
	Official    bool
	Dangerous   bool // lookalike or suspicious
}

// Action is what the content script must do.
type Action string

const (
	Allow Action = "allow"
	Warn  Action = "warn"  // allow, with advice shown
	Block Action = "block" // stop the submission, clear the field, explain
)

// Decision is the verdict on one password commit.
type Decision struct {
	Action Action
	// Reason: "phishing" (official password on a non-official page),
	// "reuse-new" (new password already used on another official site),
	// "reuse-login" (login with another official site's password),
	// "dangerous-page" (any password on a lookalike or suspicious page),
	// "ok".
	Reason string
	// Site is the official site the password belongs to, when it matters.
	Site string
}

// Decide judges one commit of a password field and records the use when
// the password is allowed on an official site. The password is hashed and
// not kept.
func (v *Vault) Decide(password string, p Page, f Field) Decision {
	if password == "" || len(password) > MaxPassword {
		return Decision{Action: Allow, Reason: "ok"}
	}
	t := v.tag(password)
	v.mu.Lock()
	defer v.mu.Unlock()
	uses := v.uses[t]
	otherOfficial := ""
	for _, u := range uses {
		if u.Official && u.Domain != p.Registrable {
			otherOfficial = u.Domain
			break
		}
	}
	switch {
	case !p.Official && otherOfficial != "":
		return Decision{Action: Block, Reason: "phishing", Site: otherOfficial}
	case !p.Official && sameOfficial(uses, p.Registrable):
		// The registrable domain of an official site, now not official:
		// cannot happen with one list; stay safe.
		return Decision{Action: Block, Reason: "phishing", Site: p.Registrable}
	case p.Dangerous:
		return Decision{Action: Block, Reason: "dangerous-page"}
	case !p.Official:
		return Decision{Action: Allow, Reason: "ok"} // unknown sites are not recorded
	case f == NewPassword && otherOfficial != "":
		return Decision{Action: Block, Reason: "reuse-new", Site: otherOfficial}
	}
	v.record(t, Use{Domain: p.Registrable, Official: true})
	if n := utf8.RuneCountInString(password); n <= MaxTyped && len(v.uses) <= maxTags {
		v.lens[t] = n
	}
	if otherOfficial != "" {
		return Decision{Action: Warn, Reason: "reuse-login", Site: otherOfficial}
	}
	return Decision{Action: Allow, Reason: "ok"}
}

// Typed looks for an official password at the end of what is being typed
// on a page (the last MaxTyped characters, from any field): for each
// length of a recorded password, the keyed hash of that many last
// characters is compared with the tags. It returns the official site
// whose password it is, unless the page is that site. Nothing is
// recorded; the text is hashed and dropped.
func (v *Vault) Typed(text string, p Page) (site string, found bool) {
	if p.Official || text == "" {
		return "", false
	}
	runes := []rune(text)
	if len(runes) > MaxTyped {
		runes = runes[len(runes)-MaxTyped:]
	}
	v.mu.Lock()
	lens := map[int]bool{}
	for _, n := range v.lens {
		lens[n] = true
	}
	v.mu.Unlock()
	for n := range lens {
		if n > len(runes) {
			continue
		}
		t := v.tag(string(runes[len(runes)-n:]))
		v.mu.Lock()
		uses := v.uses[t]
		v.mu.Unlock()
		for _, u := range uses {
			if u.Official && u.Domain != p.Registrable {
				return u.Domain, true
			}
		}
	}
	return "", false
}

func sameOfficial(uses []Use, d string) bool {
	for _, u := range uses {
		if u.Official && u.Domain == d {
			return true
		}
	}
	return false
}

func (v *Vault) record(t tag, u Use) {
	for _, x := range v.uses[t] {
		if x == u {
			return
		}
	}
	if len(v.uses) >= maxTags {
		return
	}
	v.uses[t] = append(v.uses[t], u)
}

// State is the vault in a form the worker keeps in chrome.storage.session
// (memory only, cleared with the browser session), so that it survives the
// worker's sleep. It holds the key and the tags, never a password. It is
// plain text, written and read here without reflection (encoding/json
// alone would add about 70 KB to the compressed WebAssembly):
//
//	v2 KEY TAG:LEN:oDOMAIN,uDOMAIN TAG:…
//
// KEY and TAG in base64, LEN the password's length in characters (0 when
// not kept), "o" before an official domain, "u" before another. Domains
// are host names: they hold no space, ":" or ","; tags are written in
// order, so that one vault always gives the same text. A "v1" state
// (before lengths) is still read.
const stateVersion = "v2"

// State returns the vault's state.
func (v *Vault) State() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var b strings.Builder
	b.WriteString(stateVersion + " " + base64.StdEncoding.EncodeToString(v.key[:]))
	tags := make([]string, 0, len(v.uses))
	for t := range v.uses {
		tags = append(tags, string(t[:]))
	}
	sort.Strings(tags)
	for _, t := range tags {
		b.WriteString(" " + base64.StdEncoding.EncodeToString([]byte(t)) + ":" + strconv.Itoa(v.lens[tag([]byte(t))]) + ":")
		for i, u := range v.uses[tag([]byte(t))] {
			if i > 0 {
				b.WriteByte(',')
			}
			if u.Official {
				b.WriteByte('o')
			} else {
				b.WriteByte('u')
			}
			b.WriteString(u.Domain)
		}
	}
	return b.String()
}

// Restore replaces the vault's key and tags with a state written by State.
// On any error the vault is left as it was.
func (v *Vault) Restore(s string) error {
	f := strings.Fields(s)
	if len(f) < 2 || (f[0] != stateVersion && f[0] != "v1") {
		return errors.New("passwords: not a vault state")
	}
	k, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil || len(k) != len(v.key) {
		return errors.New("passwords: bad session key")
	}
	if len(f)-2 > maxTags {
		return errors.New("passwords: too many tags")
	}
	uses := make(map[tag][]Use, len(f)-2)
	lens := map[tag]int{}
	for _, e := range f[2:] {
		ts, list, ok := strings.Cut(e, ":")
		n := 0
		if f[0] == stateVersion {
			var ls string
			ls, list, ok = strings.Cut(list, ":")
			var err error
			if n, err = strconv.Atoi(ls); err != nil || n < 0 || n > MaxTyped {
				return errors.New("passwords: bad length")
			}
		}
		b, err := base64.StdEncoding.DecodeString(ts)
		if !ok || err != nil || len(b) != TagSize || list == "" {
			return errors.New("passwords: bad tag")
		}
		var t tag
		copy(t[:], b)
		if n > 0 {
			lens[t] = n
		}
		for _, d := range strings.Split(list, ",") {
			if len(d) < 2 || (d[0] != 'o' && d[0] != 'u') {
				return errors.New("passwords: bad domain")
			}
			uses[t] = append(uses[t], Use{Domain: d[1:], Official: d[0] == 'o'})
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	copy(v.key[:], k)
	v.uses = uses
	v.lens = lens
	return nil
}

// Domains lists the registrable domains with a recorded password (for
// tests and the mediator's counters; no tag, no key).
func (v *Vault) Domains() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	seen := map[string]bool{}
	for _, us := range v.uses {
		for _, u := range us {
			seen[u.Domain] = true
		}
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}
