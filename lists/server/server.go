// Package server is the list server: one http.Handler that serves signed
// bundles and accepts new ones from the publisher. Storage sits behind a
// small interface, so the same handler runs natively (a directory) and on
// Cloudflare Workers (KV or R2, lists/worker).
//
//	GET  /v1/lists/{name}            latest bundle (strong ETag, If-None-Match → 304)
//	GET  /v1/lists/{name}/{version}  one version (immutable)
//	PUT  /v1/lists/{name}            a new bundle: signed by a configured key,
//	                                 for that name, newer than the latest
//	GET  /healthz
//
// Uploads are read as an attacker would send them: an optional publisher
// token first, then a per-client rate and a cap on uploads read at once,
// then the bundle's header alone (key, name, version, expiry, declared
// size), and only then the payload, within a deadline. Memory stays
// bounded by MaxUploads × bundle.MaxSize whatever arrives.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"vigie/lists/bundle"
	"vigie/lists/publish"
)

// ErrNotFound is returned by a Storage that has no such list or version.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned by a Storage when a newer or equal version is
// already stored: the caller lost a race with another upload.
var ErrConflict = errors.New("version not newer than the latest")

// Storage keeps bundles. Put must be atomic: a reader sees the old latest
// bundle or the new one, whole, never a part; and it must refuse a version
// that is not newer than the latest with ErrConflict.
type Storage interface {
	Latest(ctx context.Context, name string) (version uint64, body []byte, err error)
	Get(ctx context.Context, name string, version uint64) ([]byte, error)
	Put(ctx context.Context, name string, version uint64, body []byte) error
}

// Server is the handler.
type Server struct {
	Store Storage
	Keys  bundle.Keyring
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// MaxAge is the Cache-Control max-age of the latest bundle.
	MaxAge time.Duration
	// Token, when set, is required for PUT (Authorization: Bearer …): only
	// the publisher may make the server read an upload at all. Signatures
	// still decide what is accepted.
	Token string
	// MaxUploads bounds the uploads read at once (more get 503 at once,
	// not a queue); PerClient the uploads one client may start in a
	// minute (more get 429); BodyTimeout the time to send one bundle.
	MaxUploads  int
	PerClient   int
	BodyTimeout time.Duration
	// ClientIP names the client for PerClient and token failures; nil:
	// the connection's address, or, from a TrustedProxies address, the
	// client that proxy names in X-Forwarded-For.
	ClientIP func(*http.Request) string
	// TrustedProxies are the networks of the reverse proxies in front:
	// only a request from them may name its client. Behind a proxy
	// without this, every client is the proxy, and one junk uploader
	// would lock the publisher out.
	TrustedProxies []*net.IPNet
	// TokenFailures wrong tokens a client may send in TokenWindow; then
	// its uploads get 429 without the token being compared.
	TokenFailures int
	TokenWindow   time.Duration

	initOnce sync.Once
	uploads  chan struct{}
	rate     *limiter
	fails    *limiter

	mu    sync.Mutex // serialises PUTs in this process
	cache sync.Map   // name → *latest: ETag and body, refreshed on PUT and every cacheTTL
	// highest remembers the newest version this process stored, per name:
	// a storage with stale reads (Workers KV) must not let an older upload
	// that arrives second replace a newer one.
	highest sync.Map // name → uint64
}

type latest struct {
	version uint64
	body    []byte
	etag    string
	fetched time.Time
}

// cacheTTL: how long a process trusts its copy of the latest bundle before
// asking the storage again (another process may have published).
const cacheTTL = 2 * time.Second

// New returns a server over store, accepting bundles signed by keys.
func New(store Storage, keys bundle.Keyring) *Server {
	return &Server{Store: store, Keys: keys, MaxAge: 5 * time.Minute}
}

// Defaults of the upload limits (a publisher uploads a few bundles a day).
const (
	DefaultMaxUploads  = 2
	DefaultPerClient   = 10
	DefaultBodyTimeout = 30 * time.Second
	// Ten wrong tokens in ten minutes: a publisher mistypes once or
	// twice; a guesser is held to one a minute.
	DefaultTokenFailures = 10
	DefaultTokenWindow   = 10 * time.Minute
)

func (s *Server) init() {
	s.initOnce.Do(func() {
		if s.MaxUploads <= 0 {
			s.MaxUploads = DefaultMaxUploads
		}
		if s.PerClient <= 0 {
			s.PerClient = DefaultPerClient
		}
		if s.BodyTimeout <= 0 {
			s.BodyTimeout = DefaultBodyTimeout
		}
		if s.TokenFailures <= 0 {
			s.TokenFailures = DefaultTokenFailures
		}
		if s.TokenWindow <= 0 {
			s.TokenWindow = DefaultTokenWindow
		}
		s.uploads = make(chan struct{}, s.MaxUploads)
		s.rate = &limiter{per: s.PerClient, window: time.Minute, seen: map[string][]time.Time{}}
		s.fails = &limiter{per: s.TokenFailures, window: s.TokenWindow, seen: map[string][]time.Time{}}
	})
}

// HTTPServer wraps h with the timeouts the list server needs natively:
// short for headers and request bodies (the handler sets a tighter
// deadline on an upload's body), longer for sending a bundle to a
// terminal on a slow line.
func HTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ETag is the strong validator of a bundle: its SHA-256.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Path == "/healthz" {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			fail(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, `{"status":"ok"}`+"\n")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/lists/")
	if !ok || rest == "" {
		fail(w, http.StatusNotFound, "no such path; try /v1/lists/{name}")
		return
	}
	name, ver, hasVer := strings.Cut(rest, "/")
	if !validName(name) {
		fail(w, http.StatusBadRequest, "bad list name")
		return
	}
	switch {
	case hasVer && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		s.getVersion(w, r, name, ver)
	case !hasVer && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		s.getLatest(w, r, name)
	case !hasVer && r.Method == http.MethodPut:
		s.put(w, r, name)
	default:
		w.Header().Set("Allow", "GET, HEAD, PUT")
		fail(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func (s *Server) latest(ctx context.Context, name string) (*latest, error) {
	var cached *latest
	if v, ok := s.cache.Load(name); ok {
		cached = v.(*latest)
		if s.now().Sub(cached.fetched) < cacheTTL {
			return cached, nil
		}
	}
	ver, body, err := s.Store.Latest(ctx, name)
	if err != nil {
		return nil, err
	}
	if cached != nil && cached.version > ver {
		return cached, nil // the storage has not caught up with our own upload
	}
	l := &latest{version: ver, body: body, etag: ETag(body), fetched: s.now()}
	s.cache.Store(name, l)
	return l, nil
}

func (s *Server) getLatest(w http.ResponseWriter, r *http.Request, name string) {
	l, err := s.latest(r.Context(), name)
	if errors.Is(err, ErrNotFound) {
		fail(w, http.StatusNotFound, "no such list")
		return
	} else if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	h := w.Header()
	h.Set("ETag", l.etag)
	h.Set("Cache-Control", fmt.Sprintf("public, max-age=%d, must-revalidate", int(s.MaxAge.Seconds())))
	h.Set("X-Vigie-Version", strconv.FormatUint(l.version, 10))
	if match(r.Header.Get("If-None-Match"), l.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeBundle(w, r, l.body)
}

func (s *Server) getVersion(w http.ResponseWriter, r *http.Request, name, ver string) {
	v, err := strconv.ParseUint(ver, 10, 64)
	if err != nil || v == 0 {
		fail(w, http.StatusBadRequest, "bad version")
		return
	}
	body, err := s.Store.Get(r.Context(), name, v)
	if errors.Is(err, ErrNotFound) {
		fail(w, http.StatusNotFound, "no such version")
		return
	} else if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	etag := ETag(body)
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	if match(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeBundle(w, r, body)
}

func writeBundle(w http.ResponseWriter, r *http.Request, body []byte) {
	w.Header().Set("Content-Type", "application/vnd.vigie.bundle")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// match implements If-None-Match for strong ETags (and "*").
func match(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == etag || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func (s *Server) put(w http.ResponseWriter, r *http.Request, name string) {
	s.init()
	client := s.clientIP(r)
	if s.Token != "" {
		if s.fails.full(client, s.now()) {
			w.Header().Set("Retry-After", strconv.Itoa(int(s.TokenWindow.Seconds())))
			fail(w, http.StatusTooManyRequests, "too many wrong publisher tokens from this client; wait")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.Token)) != 1 {
			s.fails.allow(client, s.now())
			w.Header().Set("WWW-Authenticate", `Bearer realm="vigie-lists"`)
			fail(w, http.StatusUnauthorized, "publisher token required")
			return
		}
	}
	if r.ContentLength <= 0 { // unknown (chunked), or empty: no bundle
		fail(w, http.StatusLengthRequired, "Content-Length required")
		return
	}
	if r.ContentLength > bundle.MaxSize {
		fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("bundle larger than %d bytes", bundle.MaxSize))
		return
	}
	if !s.rate.allow(client, s.now()) {
		w.Header().Set("Retry-After", "60")
		fail(w, http.StatusTooManyRequests, "too many uploads from this client; wait a minute")
		return
	}
	select {
	case s.uploads <- struct{}{}:
		defer func() { <-s.uploads }()
	default:
		w.Header().Set("Retry-After", "10")
		fail(w, http.StatusServiceUnavailable, "other uploads in progress; try again shortly")
		return
	}
	// Natively, the body must arrive within BodyTimeout (Workers: the
	// platform bounds it; ErrNotSupported is fine there).
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.BodyTimeout))
	body, err := s.readBundle(r, name)
	if err != nil {
		fail(w, status(err), err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := uint64(0)
	if v, _, err := s.Store.Latest(r.Context(), name); err == nil {
		cur = v
	} else if !errors.Is(err, ErrNotFound) {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	if v, ok := s.highest.Load(name); ok && v.(uint64) > cur {
		cur = v.(uint64)
	}
	h, _, err := publish.Verify(body, bundle.Policy{Keys: s.Keys, Name: name, Current: cur, Now: s.now()})
	if err != nil {
		fail(w, status(err), err.Error())
		return
	}
	if err := s.Store.Put(r.Context(), name, h.Version, body); errors.Is(err, ErrConflict) {
		fail(w, http.StatusConflict, err.Error())
		return
	} else if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	s.highest.Store(name, h.Version)
	s.cache.Store(name, &latest{version: h.Version, body: body, etag: ETag(body), fetched: s.now()})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", fmt.Sprintf("/v1/lists/%s/%d", name, h.Version))
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{"name": name, "version": h.Version, "etag": ETag(body)})
}

// status is the HTTP status of a refused bundle.
func status(err error) int {
	var re *readError
	switch {
	case errors.As(err, &re):
		return re.status
	case errors.Is(err, bundle.ErrUnknownKey), errors.Is(err, bundle.ErrSignature), errors.Is(err, bundle.ErrPayload):
		return http.StatusForbidden
	case errors.Is(err, bundle.ErrRollback):
		return http.StatusConflict
	case errors.Is(err, bundle.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

type readError struct {
	status int
	msg    string
}

func (e *readError) Error() string { return e.msg }

// readBundle reads the header alone, refuses what the header already
// condemns (unknown key, another name, an old version, expired, a size
// that is not the Content-Length), and only then reads the payload.
func (s *Server) readBundle(r *http.Request, name string) ([]byte, error) {
	h, head, size, err := bundle.ReadHead(r.Body)
	if err != nil {
		return nil, err
	}
	if int64(size) != r.ContentLength {
		return nil, &readError{http.StatusBadRequest, fmt.Sprintf("the bundle's header says %d bytes, Content-Length %d", size, r.ContentLength)}
	}
	cur := uint64(0)
	if v, ok := s.highest.Load(name); ok {
		cur = v.(uint64)
	}
	if l, err := s.latest(r.Context(), name); err == nil && l.version > cur {
		cur = l.version
	}
	if err := (bundle.Policy{Keys: s.Keys, Name: name, Current: cur, Now: s.now()}).Precheck(h); err != nil {
		return nil, err
	}
	body := make([]byte, size)
	copy(body, head)
	if _, err := io.ReadFull(r.Body, body[len(head):]); err != nil {
		return nil, &readError{http.StatusBadRequest, "the body ended or stalled before the bundle's end"}
	}
	return body, nil
}

func (s *Server) clientIP(r *http.Request) string {
	if s.ClientIP != nil {
		return s.ClientIP(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !s.trusted(host) {
		return host
	}
	// From a trusted proxy: the client is the last address the proxies
	// did not add themselves (the ones before it, the client may forge).
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if ip := net.ParseIP(hop); ip == nil {
			break // a proxy wrote nonsense: the proxy is the client
		} else if !s.trusted(hop) {
			return ip.String()
		}
	}
	return host
}

func (s *Server) trusted(addr string) bool {
	ip := net.ParseIP(addr)
	for _, n := range s.TrustedProxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// ParseProxies reads a comma-separated list of networks (CIDR) or
// single addresses.
func ParseProxies(list string) ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			if ip := net.ParseIP(p); ip != nil && ip.To4() != nil {
				p += "/32"
			} else {
				p += "/128"
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %v", p, err)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

// limiter counts each client's events in the last window.
type limiter struct {
	mu     sync.Mutex
	per    int
	window time.Duration
	seen   map[string][]time.Time
}

// allow records an event unless the client already has per of them.
func (l *limiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	ts := l.recent(client, now)
	if len(ts) >= l.per {
		return false
	}
	l.seen[client] = append(ts, now)
	return true
}

// full: the client has per events in the window (none recorded now).
func (l *limiter) full(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(client, now)) >= l.per
}

func (l *limiter) recent(client string, now time.Time) []time.Time {
	cut := now.Add(-l.window)
	if len(l.seen) > 10000 { // forget idle clients rather than grow
		for c, ts := range l.seen {
			if len(ts) == 0 || ts[len(ts)-1].Before(cut) {
				delete(l.seen, c)
			}
		}
	}
	ts := l.seen[client]
	for len(ts) > 0 && ts[0].Before(cut) {
		ts = ts[1:]
	}
	l.seen[client] = ts
	return ts
}

func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func validName(n string) bool {
	if n == "" || len(n) > bundle.MaxName {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') || n == "." || n == ".." {
			return false
		}
	}
	return true
}
