package server

// One HTTP test suite for every deployment of the list server: the native
// handler in-process here, and the Workers build under `wrangler dev`
// (worker_test.go). Each test talks HTTP to a base URL only.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
)

// publisher signs test bundles.
type publisher struct {
	key   publish.PrivateKey
	ix    *index.Index
	token string // the server's publisher token
}

func newPublisher(t testing.TB) *publisher {
	k, err := publish.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build([]source.Entry{{Domain: "ameli.fr", Tier: source.Brand, Label: "ameli"}})
	if err != nil {
		t.Fatal(err)
	}
	return &publisher{key: k, ix: ix, token: "jeton-de-test-" + k.Public().ID().String()}
}

func (p *publisher) bundle(t testing.TB, name string, version uint64) []byte {
	return p.bundleWith(t, p.key, name, version, time.Now().Add(24*time.Hour))
}

func (p *publisher) bundleWith(t testing.TB, k publish.PrivateKey, name string, version uint64, exp time.Time) []byte {
	b, err := publish.Build(k, name, version, time.Now().Add(-time.Hour), exp, p.ix)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type client struct {
	t     *testing.T
	base  string
	token string
}

func (c client) do(method, path string, body io.Reader, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	resp, b, err := c.try(method, path, body, hdr)
	if err != nil {
		c.t.Error(err)
		return &http.Response{StatusCode: -1, Header: http.Header{}}, nil
	}
	return resp, b
}

func (c client) try(method, path string, body io.Reader, hdr map[string]string) (*http.Response, []byte, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return nil, nil, err
	}
	if c.token != "" && method == http.MethodPut {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range hdr {
		if k == "Content-Length" { // a streamed body of a declared length
			req.ContentLength, _ = strconv.ParseInt(v, 10, 64)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b, nil
}

func (c client) put(name string, b []byte) (int, string) {
	c.t.Helper()
	resp, body := c.do(http.MethodPut, "/v1/lists/"+name, bytes.NewReader(b), nil)
	var e struct{ Error string }
	json.Unmarshal(body, &e)
	return resp.StatusCode, e.Error
}

// runSuite is the shared contract. name must be unused on the server.
func runSuite(t *testing.T, base string, p *publisher, name string) {
	c := client{t, base, p.token}

	t.Run("healthz", func(t *testing.T) {
		resp, body := c.do(http.MethodGet, "/healthz", nil, nil)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
	})
	t.Run("missing list is 404 with a JSON error", func(t *testing.T) {
		resp, body := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil)
		if resp.StatusCode != 404 || !strings.Contains(resp.Header.Get("Content-Type"), "json") || !strings.Contains(string(body), "error") {
			t.Fatalf("%d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	})
	v1 := p.bundle(t, name, 1)
	t.Run("publish then fetch, with ETag and 304", func(t *testing.T) {
		if code, msg := c.put(name, v1); code != 201 {
			t.Fatalf("PUT: %d %s", code, msg)
		}
		resp, body := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil)
		if resp.StatusCode != 200 || !bytes.Equal(body, v1) {
			t.Fatalf("GET latest: %d, %d bytes", resp.StatusCode, len(body))
		}
		etag := resp.Header.Get("ETag")
		if etag == "" || strings.HasPrefix(etag, "W/") || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
			t.Fatalf("ETag %q Cache-Control %q", etag, resp.Header.Get("Cache-Control"))
		}
		resp, body = c.do(http.MethodGet, "/v1/lists/"+name, nil, map[string]string{"If-None-Match": etag})
		if resp.StatusCode != 304 || len(body) != 0 {
			t.Fatalf("If-None-Match: %d, %d bytes", resp.StatusCode, len(body))
		}
		resp, body = c.do(http.MethodGet, "/v1/lists/"+name+"/1", nil, nil)
		if resp.StatusCode != 200 || !bytes.Equal(body, v1) || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Fatalf("GET version: %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		if resp, _ := c.do(http.MethodGet, "/v1/lists/"+name+"/99", nil, nil); resp.StatusCode != 404 {
			t.Fatalf("missing version: %d", resp.StatusCode)
		}
	})
	t.Run("refusals keep the list whole", func(t *testing.T) {
		other, _ := publish.GenerateKey()
		tampered := p.bundle(t, name, 5)
		tampered[len(tampered)-100] ^= 1
		for _, cse := range []struct {
			what string
			b    []byte
			want int
		}{
			{"same version", p.bundle(t, name, 1), 409},
			{"unknown key", p.bundleWith(t, other, name, 5, time.Now().Add(time.Hour)), 403},
			{"tampered", tampered, 403},
			{"another list's bundle", p.bundle(t, name+"-other", 5), 400},
			{"expired", p.bundleWith(t, p.key, name, 5, time.Now().Add(-time.Minute)), 400},
			{"garbage", []byte("not a bundle"), 400},
		} {
			if code, msg := c.put(name, cse.b); code != cse.want || msg == "" {
				t.Errorf("%s: %d %q, want %d with a message", cse.what, code, msg, cse.want)
			}
		}
		resp, body := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil)
		if resp.StatusCode != 200 || !bytes.Equal(body, v1) {
			t.Fatalf("after refusals: %d", resp.StatusCode)
		}
	})
	t.Run("a 100 MiB body is refused", func(t *testing.T) {
		c := client{t, base, p.token}
		body := io.LimitReader(zeros{}, 100<<20)
		resp, rb, err := c.try(http.MethodPut, "/v1/lists/"+name, body, nil)
		// The server answers 411 to a body of unknown length, 413 to one
		// over the limit; a runtime may also reset the connection while the
		// client is still sending.
		if err == nil && resp.StatusCode != 413 && resp.StatusCode != 411 {
			t.Fatalf("%d %s", resp.StatusCode, rb)
		}
		if err != nil && !strings.Contains(err.Error(), "reset") && !strings.Contains(err.Error(), "broken pipe") {
			t.Fatal(err)
		}
		if resp, body := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil); resp.StatusCode != 200 || !bytes.Equal(body, v1) {
			t.Fatalf("after the oversized upload: %d", resp.StatusCode)
		}
	})
	t.Run("concurrent PUTs of N+1 and N+2 end at N+2", func(t *testing.T) {
		for round := uint64(0); round < 5; round++ {
			n := 10 + 2*round
			a, b := p.bundle(t, name, n+1), p.bundle(t, name, n+2)
			var wg sync.WaitGroup
			for _, x := range [][]byte{a, b} {
				wg.Add(1)
				go func(x []byte) { defer wg.Done(); c.put(name, x) }(x)
			}
			wg.Wait()
			resp, body := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil)
			if !bytes.Equal(body, b) {
				t.Fatalf("round %d: latest is not N+2 (status %d, version %s)", round, resp.StatusCode, resp.Header.Get("X-Vigie-Version"))
			}
		}
	})
	t.Run("an upload without the publisher token is refused", func(t *testing.T) {
		for _, tok := range []string{"", "faux-jeton", p.token + "x"} {
			c := client{t, base, tok}
			if code, _ := c.put(name, p.bundle(t, name, 1000)); code != 401 {
				t.Errorf("token %q: %d, want 401", tok, code)
			}
		}
		if resp, _ := c.do(http.MethodGet, "/v1/lists/"+name, nil, nil); resp.Header.Get("X-Vigie-Version") == "1000" {
			t.Fatal("an upload without the token was stored")
		}
	})
	t.Run("bad paths and methods", func(t *testing.T) {
		for _, cse := range []struct {
			method, path string
			want         int
		}{
			{"GET", "/v1/lists/", 404}, {"GET", "/v1/lists/BAD NAME", 400}, {"DELETE", "/v1/lists/" + name, 405},
			{"GET", "/v1/lists/" + name + "/x", 400}, {"GET", "/nope", 404},
		} {
			resp, _ := c.do(cse.method, strings.ReplaceAll(cse.path, " ", "%20"), nil, nil)
			if resp.StatusCode != cse.want {
				t.Errorf("%s %s: %d, want %d", cse.method, cse.path, resp.StatusCode, cse.want)
			}
		}
	})
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}
