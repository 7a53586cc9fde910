package e2e

// The Firefox ESR harness: Debian's firefox-esr, headless, driven over
// WebDriver BiDi, with Vigie's Firefox build installed as a temporary
// add-on, and every host name sent to the test server through a local
// HTTP proxy (Firefox has no host resolver rules). Nothing leaves the
// machine.

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const firefoxPath = "/usr/bin/firefox-esr"

type firefox struct {
	bidi    *bidiConn
	site    *site
	profile string
	ctx     string // the first tab's browsing context
	stop    func()
	exited  chan struct{} // closed when the Firefox process has ended
}

// firefoxPrefs: the proxy to the test site, no network of its own, French
// UI, unsigned add-ons allowed (tests install the unsigned build), and
// BiDi clients from the harness's origin.
func firefoxPrefs(port int) map[string]any {
	return map[string]any{
		"network.proxy.type":                                1,
		"network.proxy.http":                                "127.0.0.1",
		"network.proxy.http_port":                           port,
		"network.proxy.ssl":                                 "127.0.0.1",
		"network.proxy.ssl_port":                            port,
		"network.proxy.allow_hijacking_localhost":           true,
		"network.proxy.no_proxies_on":                       "",
		"dom.security.https_first":                          false,
		"dom.security.https_only_mode":                      false,
		"xpinstall.signatures.required":                     false,
		"remote.allowed-origins":                            "http://localhost",
		"devtools.console.stdout.content":                   true,
		"intl.locale.requested":                             "fr",
		"browser.shell.checkDefaultBrowser":                 false,
		"browser.startup.homepage_override.mstone":          "ignore",
		"browser.aboutwelcome.enabled":                      false,
		"datareporting.policy.dataSubmissionEnabled":        false,
		"toolkit.telemetry.reportingpolicy.firstRunURL":     "",
		"app.update.disabledForTesting":                     true,
		"network.captive-portal-service.enabled":            false,
		"network.connectivity-service.enabled":              false,
		"browser.safebrowsing.malware.enabled":              false,
		"browser.safebrowsing.phishing.enabled":             false,
		"browser.safebrowsing.downloads.enabled":            false,
		"extensions.update.enabled":                         false,
		"extensions.getAddons.cache.enabled":                false,
		"browser.region.network.url":                        "",
		"network.dns.disablePrefetch":                       true,
		"network.http.speculative-parallel-limit":           0,
		"browser.newtabpage.activity-stream.feeds.topsites": false,
		"dom.disable_open_during_load":                      false,
	}
}

// downloadPrefs: downloads saved to dir without asking, PDFs included.
func downloadPrefs(dir string) map[string]any {
	return map[string]any{
		"browser.download.dir":                                  dir,
		"browser.download.folderList":                           2,
		"browser.download.useDownloadDir":                       true,
		"browser.download.always_ask_before_handling_new_types": false,
		"pdfjs.disabled":                                        true,
	}
}

func newFirefox(t testing.TB) *firefox { return newFirefoxWith(t, nil) }

// newFirefoxWith sets more preferences (extensions.background.idle.timeout
// makes the background page sleep sooner).
func newFirefoxWith(t testing.TB, prefs map[string]any) *firefox {
	return startFirefox(t, prefs, nil)
}

// profilePref, given in prefs, names the profile folder to start Firefox
// in (a restart on the same profile); it is not written to user.js.
const profilePref = "vigie.e2e.profile"

// startFirefox: with setup, the test prepares the site and the profile
// (a policies.json, say) and installs Vigie itself; without, Vigie is
// installed as a temporary add-on over BiDi.
func startFirefox(t testing.TB, prefs map[string]any, setup func(s *site, profile string)) *firefox {
	if _, err := os.Stat(firefoxPath); err != nil {
		t.Fatalf("%s is missing: install Debian's firefox-esr (apt-get install firefox-esr firefox-esr-l10n-fr; .ci/deps does it)", firefoxPath)
	}
	ext := filepath.Join(filepath.Dir(extensionDir(t)), "firefox")
	s := newSite(t)
	profile := t.TempDir()
	if p, ok := prefs[profilePref].(string); ok {
		profile = p // a profile used before: a restart
	}
	if setup != nil {
		setup(s, profile)
	}
	var js strings.Builder
	all := firefoxPrefs(s.port)
	for k, v := range prefs {
		if k != profilePref {
			all[k] = v
		}
	}
	for k, v := range all {
		b, _ := jsonValue(v)
		fmt.Fprintf(&js, "user_pref(%q, %s);\n", k, b)
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(js.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	cmd := exec.Command(firefoxPath, "--headless", "--no-remote", "--profile", profile,
		"--remote-debugging-port", fmt.Sprint(port), "--remote-allow-origins", "http://localhost", "about:blank")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8", "LANGUAGE=fr", "MOZ_CRASHREPORTER_DISABLE=1")
	logf, _ := os.Create(filepath.Join(profile, "firefox.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cmd.Process.Kill()
			<-exited
			logf.Close()
		}
	}
	t.Cleanup(stop)
	var c *bidiConn
	deadline := time.Now().Add(30 * time.Second)
	for {
		var err error
		if c, err = dialBiDi(fmt.Sprintf("ws://127.0.0.1:%d/session", port)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(profile, "firefox.log"))
			t.Fatalf("Firefox's BiDi endpoint never answered: %v\n%s", err, log)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Cleanup(c.close)
	if err := c.call("session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		t.Fatal(err)
	}
	if setup == nil {
		var inst struct{ Extension string }
		if err := c.call("webExtension.install", map[string]any{"extensionData": map[string]any{"type": "path", "path": ext}}, &inst); err != nil {
			t.Fatalf("installing Vigie: %v", err)
		}
	}
	var tree struct {
		Contexts []struct{ Context, URL string }
	}
	if err := c.call("browsingContext.getTree", map[string]any{}, &tree); err != nil || len(tree.Contexts) == 0 {
		t.Fatalf("no tab: %v", err)
	}
	return &firefox{bidi: c, site: s, profile: profile, ctx: tree.Contexts[0].Context, stop: stop, exited: exited}
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// tab opens a new tab and returns its browsing context.
func (f *firefox) tab(t testing.TB) string {
	var r struct{ Context string }
	if err := f.bidi.call("browsingContext.create", map[string]any{"type": "tab"}, &r); err != nil {
		t.Fatal(err)
	}
	return r.Context
}

// navigate loads url and waits for it (or for what Vigie replaced it with).
func (f *firefox) navigate(t testing.TB, ctx, url string) {
	// An aborted or redirected navigation is not an error here.
	f.bidi.call("browsingContext.navigate", map[string]any{"context": ctx, "url": url, "wait": "complete"}, nil)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if l := f.location(t, ctx); !strings.Contains(l, "/pages/hold.html?") {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// location is the address of the context, and of its frames after "\n";
// with ctx "", the addresses of every tab, one a line.
func (f *firefox) location(t testing.TB, ctx string) string {
	var tree struct {
		Contexts []struct {
			URL      string
			Children []struct{ URL string }
		}
	}
	params := map[string]any{}
	if ctx != "" {
		params["root"] = ctx
	}
	if err := f.bidi.call("browsingContext.getTree", params, &tree); err != nil || len(tree.Contexts) == 0 {
		return ""
	}
	var lines []string
	for _, c := range tree.Contexts {
		lines = append(lines, c.URL)
		for _, ch := range c.Children {
			lines = append(lines, ch.URL)
		}
	}
	return strings.Join(lines, "\n")
}

// eval runs JavaScript in the context (awaiting a promise) and returns its
// value as a string.
func (f *firefox) eval(t testing.TB, ctx, js string) string {
	var r struct {
		Type   string
		Result struct {
			Type  string
			Value any
		}
		ExceptionDetails struct{ Text string }
	}
	if err := f.bidi.call("script.evaluate", map[string]any{"expression": js, "target": map[string]any{"context": ctx},
		"awaitPromise": true, "userActivation": true}, &r); err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	if r.Type == "exception" {
		t.Fatalf("evaluating %s: %s", js, r.ExceptionDetails.Text)
	}
	return fmt.Sprint(r.Result.Value)
}

func (f *firefox) waitLocation(t testing.TB, ctx, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	l := ""
	for time.Now().Before(deadline) {
		if l = f.location(t, ctx); ok(l) {
			return l
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: the tab is at %q", what, l)
	return ""
}

// isWarning: one of the addresses in l is Vigie's warning for host.
func isWarning(l, host string) bool {
	for _, u := range strings.Split(l, "\n") {
		if strings.HasPrefix(u, "moz-extension://") && strings.Contains(u, "/pages/warning.html?") && strings.Contains(u, host) {
			return true
		}
	}
	return false
}

func jsonValue(v any) ([]byte, error) { return json.Marshal(v) }
