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
package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"vigie/lists/bundle"
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
	if r.ContentLength > bundle.MaxSize {
		fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("bundle larger than %d bytes", bundle.MaxSize))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, bundle.MaxSize))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("bundle larger than %d bytes", bundle.MaxSize))
			return
		}
		fail(w, http.StatusBadRequest, "could not read the body")
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
	h, _, err := bundle.Verify(body, bundle.Policy{Keys: s.Keys, Name: name, Current: cur, Now: s.now()})
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, bundle.ErrUnknownKey), errors.Is(err, bundle.ErrSignature), errors.Is(err, bundle.ErrPayload):
			status = http.StatusForbidden
		case errors.Is(err, bundle.ErrRollback):
			status = http.StatusConflict
		case errors.Is(err, bundle.ErrTooLarge):
			status = http.StatusRequestEntityTooLarge
		}
		fail(w, status, err.Error())
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
