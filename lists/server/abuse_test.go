package server

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vigie/lists/bundle"
)

// The attack that took the server from 31 MB to 527 MB: many uploads that
// each send almost 8 MiB and stall. Run on loopback against the native
// server as `listctl serve` builds it, with and without a publisher token.
// Asserted: the heap stays bounded, GETs keep answering, stalled uploads
// are cut at the body deadline, and the publisher can publish afterwards.
func TestStalledUploadsKeepMemoryBounded(t *testing.T) {
	for _, withToken := range []bool{false, true} {
		t.Run(fmt.Sprintf("token=%v", withToken), func(t *testing.T) {
			stalledUploads(t, withToken)
		})
	}
}

func stalledUploads(t *testing.T, withToken bool) {
	const attackers = 60
	p := newPublisher(t)
	kr := bundle.Keyring{p.key.Public().ID(): p.key.Public()}
	h := New(&MemStore{}, kr)
	h.BodyTimeout = 3 * time.Second
	if withToken {
		h.Token = p.token
	}
	// Clients named by a test header, so that the publisher is not the
	// attackers (in production: the connection's address).
	h.ClientIP = func(r *http.Request) string { return r.Header.Get("X-Test-Client") }
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(h)
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	c := client{t, base, p.token}
	v1 := p.bundle(t, "default", 1)
	if code, msg := c.put("default", v1); code != 201 {
		t.Fatalf("first publish: %d %s", code, msg)
	}

	// A head that a stranger can forge: the publisher's key id is public,
	// the signature comes only after the payload.
	v2 := p.bundle(t, "default", 2)
	size := bundle.MaxSize - 1
	forged := forgeSize(t, v2, size)

	runtime.GC()
	base0 := heapInuse()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				if m := heapInuse(); m > peak.Load() {
					peak.Store(m)
				}
			}
		}
	}()

	var wg sync.WaitGroup
	codes := make(chan string, attackers)
	for i := 0; i < attackers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes <- stall(base, forged, size, fmt.Sprintf("attacker-%d", i%6))
		}(i)
	}
	// GETs keep answering while the attack runs.
	slowest := time.Duration(0)
	for i := 0; i < 20; i++ {
		start := time.Now()
		resp, body := c.do(http.MethodGet, "/v1/lists/default", nil, nil)
		if d := time.Since(start); d > slowest {
			slowest = d
		}
		if resp.StatusCode != 200 || !bytes.Equal(body, v1) {
			t.Fatalf("GET during the attack: %d", resp.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	wg.Wait()
	close(stop)
	close(codes)
	seen := map[string]int{}
	for c := range codes {
		seen[c]++
	}
	grown := int64(peak.Load()) - int64(base0)
	t.Logf("answers to %d stalled uploads: %v; heap grew by %.1f MB at most; slowest GET %v", attackers, seen, float64(grown)/1e6, slowest)
	limit := int64(h.MaxUploads)*bundle.MaxSize + 16<<20
	if withToken {
		limit = 16 << 20 // nothing is read without the token
		if seen["401"] != attackers {
			t.Errorf("without the token: %v, want %d × 401", seen, attackers)
		}
	}
	if grown > limit {
		t.Errorf("the heap grew by %d bytes, bound %d", grown, limit)
	}
	if slowest > 2*time.Second {
		t.Errorf("a GET took %v during the attack", slowest)
	}
	// The publisher still publishes.
	req, _ := http.NewRequest(http.MethodPut, base+"/v1/lists/default", bytes.NewReader(v2))
	req.Header.Set("X-Test-Client", "publisher")
	req.Header.Set("Authorization", "Bearer "+p.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("publish after the attack: %d", resp.StatusCode)
	}
}

// forgeSize rewrites a bundle's declared payload length so that the whole
// file would be size bytes, and returns its head (magic, length, header).
func forgeSize(t *testing.T, b []byte, size int) []byte {
	_, head, _, err := bundle.ReadHead(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	head = bytes.Clone(head)
	name := int(head[len(bundle.Magic)+2+2])
	at := len(bundle.Magic) + 2 + 2 + 1 + name + 8*4 + 4 + 4
	binary.LittleEndian.PutUint32(head[at:], uint32(size-len(head)-64))
	if _, _, got, err := bundle.ReadHead(bytes.NewReader(head)); err != nil || got != size {
		t.Fatalf("forged head: %d, %v", got, err)
	}
	return head
}

// stall sends a PUT of size bytes, all but the last, then waits for the
// server's answer; it returns the status (or what ended the connection).
func stall(base string, head []byte, size int, who string) string {
	conn, err := net.Dial("tcp", base[len("http://"):])
	if err != nil {
		return "dial"
	}
	defer conn.Close()
	fmt.Fprintf(conn, "PUT /v1/lists/default HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nX-Test-Client: %s\r\n\r\n", size, who)
	answered := make(chan string, 1)
	go func() {
		buf := make([]byte, 12)
		if _, err := io.ReadFull(conn, buf); err != nil {
			answered <- "closed"
			return
		}
		answered <- string(buf[9:12])
	}()
	conn.Write(head)
	chunk := make([]byte, 64<<10)
	for sent := len(head); sent < size-1; {
		n := min(len(chunk), size-1-sent)
		conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Write(chunk[:n]); err != nil {
			break // the server answered and closed
		}
		sent += n
	}
	select {
	case s := <-answered:
		return s
	case <-time.After(15 * time.Second):
		return "no answer"
	}
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// One client may start PerClient uploads a minute; the next gets 429 and
// Retry-After, another client is not affected, and a minute later it may
// again.
func TestPerClientRate(t *testing.T) {
	p := newPublisher(t)
	h := New(&MemStore{}, bundle.Keyring{p.key.Public().ID(): p.key.Public()})
	h.PerClient = 3
	now := time.Now()
	h.Now = func() time.Time { return now }
	put := func(from string) (int, string) {
		req, _ := http.NewRequest(http.MethodPut, "/v1/lists/default", bytes.NewReader([]byte("pas un bundle")))
		req.RemoteAddr = from + ":4000"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code, w.Header().Get("Retry-After")
	}
	for i := 0; i < 3; i++ {
		if code, _ := put("192.0.2.1"); code != 400 {
			t.Fatalf("upload %d: %d", i+1, code)
		}
	}
	if code, retry := put("192.0.2.1"); code != 429 || retry == "" {
		t.Fatalf("fourth upload in a minute: %d, Retry-After %q", code, retry)
	}
	if code, _ := put("192.0.2.2"); code != 400 {
		t.Fatalf("another client: %d", code)
	}
	now = now.Add(61 * time.Second)
	if code, _ := put("192.0.2.1"); code != 400 {
		t.Fatalf("a minute later: %d", code)
	}
}

// Wrong publisher tokens: a guesser sending 500 gets 429 after ten, and
// its later tries are not compared (the right token, from it, is refused
// too until the window passes); the publisher elsewhere publishes.
// Behind a reverse proxy, the client is the one the proxy names, only
// when the proxy is trusted: the control, without -trusted-proxy, is the
// publisher locked out by the junk of another client of the same proxy.
func TestTokenFailuresPerClient(t *testing.T) {
	p := newPublisher(t)
	v1 := p.bundle(t, "default", 1)
	serve := func(proxies string) *Server {
		h := New(&MemStore{}, bundle.Keyring{p.key.Public().ID(): p.key.Public()})
		h.Token = p.token
		h.PerClient = 1000
		nets, err := ParseProxies(proxies)
		if err != nil {
			t.Fatal(err)
		}
		h.TrustedProxies = nets
		return h
	}
	put := func(h *Server, from, forwarded, token string, body []byte) int {
		req, _ := http.NewRequest(http.MethodPut, "/v1/lists/default", bytes.NewReader(body))
		req.RemoteAddr = from + ":4000"
		req.Header.Set("Authorization", "Bearer "+token)
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	count := func(h *Server, from, forwarded string) (unauthorized, limited int) {
		for i := 0; i < 500; i++ {
			switch put(h, from, forwarded, "devine", []byte("x")) {
			case 401:
				unauthorized++
			case 429:
				limited++
			}
		}
		return
	}

	h := serve("")
	if u, l := count(h, "192.0.2.66", ""); u != DefaultTokenFailures || l != 500-DefaultTokenFailures {
		t.Fatalf("500 wrong tokens: %d compared (401), %d refused (429)", u, l)
	}
	if code := put(h, "192.0.2.66", "", p.token, v1); code != 429 {
		t.Fatalf("the right token from the guesser during the window: %d", code)
	}
	if code := put(h, "192.0.2.7", "", p.token, v1); code != 201 {
		t.Fatalf("the publisher from elsewhere: %d", code)
	}
	// A forged X-Forwarded-For from an untrusted address changes nothing.
	if code := put(h, "192.0.2.66", "198.51.100.1", p.token, v1); code != 429 {
		t.Fatalf("a forged X-Forwarded-For: %d", code)
	}

	// Behind a proxy (10.0.0.2), without trusting it: everyone is the proxy.
	h = serve("")
	count(h, "10.0.0.2", "203.0.113.9")
	if code := put(h, "10.0.0.2", "198.51.100.7", p.token, v1); code != 429 {
		t.Fatalf("control: the publisher behind an untrusted proxy got %d, want 429 (locked out)", code)
	}
	// Trusting it: each client is itself, even with a forged first hop.
	h = serve("10.0.0.0/8")
	if u, _ := count(h, "10.0.0.2", "1.2.3.4, 203.0.113.9"); u != DefaultTokenFailures {
		t.Fatalf("the junk client behind the proxy: %d compared", u)
	}
	if code := put(h, "10.0.0.2", "1.2.3.4, 198.51.100.7", p.token, v1); code != 201 {
		t.Fatalf("the publisher behind a trusted proxy: %d", code)
	}
	if code := put(h, "10.0.0.2", "203.0.113.9, 10.0.0.3", p.token, v1); code != 429 {
		t.Fatalf("the junk client through two proxies: %d", code)
	}
	if _, err := ParseProxies("10.0.0.0/33"); err == nil {
		t.Fatal("a bad network was accepted")
	}
}
