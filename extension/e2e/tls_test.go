package e2e

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The site's port answers TLS too (the first byte of a connection tells):
// every handshake's server name is counted, which is what a lookalike's
// server learns from a connection that never sends an HTTP byte.
type sniffListener struct {
	net.Listener
	s *site
}

func (l sniffListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &sniffConn{Conn: c, s: l.s}, nil
}

// sniffConn decides at its first read or write whether it is TLS.
type sniffConn struct {
	net.Conn
	s     *site
	once  sync.Once
	inner net.Conn
}

type bufConn struct {
	net.Conn
	r *bufio.Reader
}

func (b bufConn) Read(p []byte) (int, error) { return b.r.Read(p) }

func (c *sniffConn) init() {
	c.once.Do(func() {
		br := bufio.NewReader(c.Conn)
		plain := bufConn{c.Conn, br}
		c.inner = plain
		if b, err := br.Peek(1); err == nil && b[0] == 0x16 {
			c.inner = tls.Server(plain, c.s.tlsConfig())
		}
	})
}

func (c *sniffConn) Read(p []byte) (int, error)  { c.init(); return c.inner.Read(p) }
func (c *sniffConn) Write(p []byte) (int, error) { c.init(); return c.inner.Write(p) }

var (
	tlsOnce sync.Once
	tlsCert tls.Certificate
)

// tlsConfig: one self-signed certificate for every name (the test browsers
// ignore certificate errors), and the count of handshakes by server name.
func (s *site) tlsConfig() *tls.Config {
	tlsOnce.Do(func() {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "vigie-test"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), DNSNames: []string{"*"}}
		der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		tlsCert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	})
	return &tls.Config{
		Certificates: []tls.Certificate{tlsCert},
		GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
			s.mu.Lock()
			if s.hellos == nil {
				s.hellos = map[string]int{}
			}
			s.hellos[h.ServerName]++
			s.mu.Unlock()
			return nil, nil
		},
	}
}

// hellosFor counts the TLS handshakes that named host.
func (s *site) hellosFor(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hellos[host]
}

// tlsLinkPage: an https link to a lookalike, to click, and a preconnect
// hint to another.
func tlsLinkPage(click, hint string) string {
	return `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Votre dossier</title>
<link rel="preconnect" href="https://` + hint + `">
<a id="a" href="https://` + click + `/connexion" style="display:block;font-size:48px;padding:40px">Voir mon dossier</a>`
}

// With the deployment's policies (NetworkPredictionOptions 2), the
// lookalike's server learns nothing of a click that the gate stops: no TLS
// handshake names it, from the click or from a page's preconnect hint.
// The control: the same browser without that policy, where Chromium opens
// connections to the lookalike while the gate judges.
func TestGateNoConnectionToLookalike(t *testing.T) {
	run := func(t *testing.T, prediction bool, n string) (click, hint int) {
		if !prediction {
			writePolicy(t, "prediction", map[string]any{"NetworkPredictionOptions": 2})
		}
		b := newBrowser(t)
		clickHost, hintHost := "tls-clic"+n+".arneli.fr", "tls-indice"+n+".arneli.fr"
		b.site.setPage("dossier"+n+".example.org", tlsLinkPage(clickHost, hintHost))
		tab := b.tab(t)
		navigate(tab, "http://dossier"+n+".example.org/")
		time.Sleep(500 * time.Millisecond)
		clickOn(t, tab, "#a")
		b.waitWarning(t, tab, clickHost)
		time.Sleep(time.Second)
		if h := b.site.hitsFor(clickHost) + b.site.hitsFor(hintHost); h != 0 {
			t.Fatalf("the lookalike's server received %d HTTP request(s)", h)
		}
		return b.site.hellosFor(clickHost), b.site.hellosFor(hintHost)
	}
	t.Run("control: without the policy", func(t *testing.T) {
		click, hint := run(t, true, "1")
		t.Logf("TLS handshakes naming the lookalike: %d from the click, %d from the hint", click, hint)
		if click+hint == 0 {
			t.Fatal("no connection to the lookalike even without the policy: this test would test nothing")
		}
	})
	t.Run("with NetworkPredictionOptions 2", func(t *testing.T) {
		click, hint := run(t, false, "2")
		if click+hint != 0 {
			t.Fatalf("TLS handshakes naming the lookalike: %d from the click, %d from the hint", click, hint)
		}
	})
}

// clickOn moves the mouse over the element, rests there a moment (hover)
// and clicks, as a person does.
func clickOn(t *testing.T, tab context.Context, sel string) {
	box := eval[[]float64](t, tab, `(() => { const r = document.querySelector("`+sel+`").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
	x, y := box[0], box[1]
	for _, ev := range []input.DispatchMouseEventParams{
		{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y},
		{Type: input.DispatchMouseEventTypeMousePressed, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1},
		{Type: input.DispatchMouseEventTypeMouseReleased, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1},
	} {
		if _, err := chromedp.Call(tab, input.DispatchMouseEvent, ev); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// The same in Firefox ESR. The lookalike's names resolve to this machine
// (network.dns.localDomains), outside the test's proxy, where a TLS
// listener on port 443 counts the handshakes by server name. The control
// is Firefox's own default (speculative connections on); with the
// deployment's NetworkPrediction policy and its locked preference that
// stops speculative connections, no handshake names the lookalike.
func TestFirefoxGateNoConnectionToLookalike(t *testing.T) {
	counter := &site{} // its handshake count only
	ln, err := net.Listen("tcp", "127.0.0.1:443")
	if err != nil {
		t.Fatalf("a TLS listener on 127.0.0.1:443 (root, as CI runs): %v", err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				tls.Server(c, counter.tlsConfig()).Handshake()
			}()
		}
	}()
	run := func(t *testing.T, n string) (click, hint int) {
		clickHost, hintHost := "tls-clic"+n+".arneli.fr", "tls-indice"+n+".arneli.fr"
		f := newFirefoxWith(t, map[string]any{
			"network.http.speculative-parallel-limit": 6, "network.dns.disablePrefetch": false,
			"network.dns.localDomains": clickHost + "," + hintHost, "network.proxy.no_proxies_on": clickHost + "," + hintHost,
		})
		f.site.setPage("dossier"+n+".example.org", tlsLinkPage(clickHost, hintHost))
		tab := f.tab(t)
		f.navigate(t, tab, "http://dossier"+n+".example.org/")
		time.Sleep(500 * time.Millisecond)
		f.clickOn(t, tab, "a")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, clickHost) })
		time.Sleep(time.Second)
		return counter.hellosFor(clickHost), counter.hellosFor(hintHost)
	}
	t.Run("control: Firefox's defaults", func(t *testing.T) {
		click, hint := run(t, "1")
		t.Logf("TLS handshakes naming the lookalike: %d from the click, %d from the hint", click, hint)
		if click+hint == 0 {
			t.Fatal("no connection to the lookalike even with Firefox's defaults: this test would test nothing")
		}
	})
	t.Run("with the deployment's policies", func(t *testing.T) {
		var doc struct{ Policies map[string]any }
		b, _ := os.ReadFile(filepath.Join(repoRoot(t), "docs", "deploy", "firefox-policies.json"))
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		prefs, _ := doc.Policies["Preferences"].(map[string]any)
		writeFirefoxPolicy(t, map[string]any{"NetworkPrediction": doc.Policies["NetworkPrediction"], "Preferences": prefs})
		click, hint := run(t, "2")
		if click+hint != 0 {
			t.Fatalf("TLS handshakes naming the lookalike: %d from the click, %d from the hint", click, hint)
		}
	})
}

// writeFirefoxPolicy writes the machine's Firefox policies for the test's
// lifetime.
func writeFirefoxPolicy(t *testing.T, policies map[string]any) {
	removeStaleFirefoxPolicies()
	if _, err := os.Stat(firefoxPolicies); err == nil {
		t.Fatalf("%s exists already: this test would overwrite the machine's policies", firefoxPolicies)
	}
	os.MkdirAll(filepath.Dir(firefoxPolicies), 0o755)
	b, _ := json.Marshal(map[string]any{"policies": policies, "vigie-e2e": true}) // marked: a killed run's file is removed
	if err := os.WriteFile(firefoxPolicies, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(firefoxPolicies) })
}
