package e2e

// The harness: a real Debian Chromium, headless, with the unpacked
// extension loaded, resolving every host name to a test server on loopback.
// Nothing leaves the machine.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"vigie/lists/bundle"
	"vigie/lists/publish"
	"vigie/lists/server"
)

const chromiumPath = "/usr/bin/chromium"

// repoRoot finds the folder holding go.mod.
func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// The tests build their own extension once, as a deployment would: the
// product build plus a throw-away publisher key pinned with -trust and the
// list server of the test site (lists.vigie.test) configured with -list-url,
// packaged as a CRX signed with a throw-away key and served, with its
// updates.xml, by the test site at updates.vigie.test.
var (
	buildOnce sync.Once
	builtDir  string // the unpacked build (same key, so same ID, as the CRX)
	pkgDir    string // vigie.crx, updates.xml, extension-id.txt
	builtID   string
	buildErr  error
	testKey   publish.PrivateKey
)

const (
	listURL   = "http://lists.vigie.test/v1/lists/default"
	updateURL = "http://updates.vigie.test/"
)

func extensionDir(t testing.TB) string {
	buildOnce.Do(func() {
		// Policy files a killed run left behind would name an old build.
		stale, _ := filepath.Glob(filepath.Join(policyDir, "vigie-e2e-*.json"))
		for _, f := range stale {
			os.Remove(f)
		}
		removeStaleFirefoxPolicies()
		out, err := os.MkdirTemp("", "vigie-e2e-build-")
		if err != nil {
			buildErr = err
			return
		}
		if testKey, err = publish.GenerateKey(); err != nil {
			buildErr = err
			return
		}
		pub := filepath.Join(out, "test.pub")
		os.WriteFile(pub, []byte(testKey.Public().String()), 0o644)
		cmd := exec.Command("go", "run", "./build", "-out", out, "-trust", pub, "-list-url", listURL,
			"-crx-key", filepath.Join(out, "crx-test-key.pem"), "-crx-key-create", "-update-url", updateURL)
		cmd.Dir = repoRoot(t)
		if b, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("building the extension: %v\n%s", err, b)
			return
		}
		id, err := os.ReadFile(filepath.Join(out, "extension-id.txt"))
		if err != nil {
			buildErr = err
			return
		}
		builtDir, pkgDir, builtID = filepath.Join(out, "chrome"), out, strings.TrimSpace(string(id))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtDir
}

// artifactDir is where screenshots go, to be looked at by a person.
func artifactDir(t testing.TB) string {
	d := os.Getenv("VIGIE_ARTIFACTS")
	if d == "" {
		d = filepath.Join(os.TempDir(), "vigie-e2e")
	} else if !filepath.IsAbs(d) {
		d = filepath.Join(repoRoot(t), d)
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// site is the loopback web server: it answers for every host name and
// records which hosts were asked for.
type site struct {
	srv   *http.Server
	port  int
	mu    sync.Mutex
	hits  map[string]int
	pages map[string]string // host → HTML; others get a plain page
	lists *server.Server    // answers for lists.vigie.test
	store *server.MemStore
	// mirror, when set, is served for lists.vigie.test instead: a
	// compromised mirror that serves whatever it likes.
	mirror []byte
	posts  []string          // "host path body" of every POST received
	asked  []string          // "host path?query" of every request received
	hellos map[string]int    // TLS handshakes by server name
	delay  time.Duration     // how long every page takes to answer (a slow server)
	files  map[string][]byte // "host/path" → body, served as is (other CRX packages)
}

func newSite(t testing.TB) *site {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{port: ln.Addr().(*net.TCPAddr).Port, hits: map[string]int{}, pages: map[string]string{}, store: &server.MemStore{}}
	s.lists = server.New(s.store, bundle.Keyring{testKey.Public().ID(): testKey.Public()})
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(sniffListener{ln, s}) // http and https on one port (tls_test.go)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	if r.Method == http.MethodConnect {
		// Firefox reaches https and ws hosts through this server as its
		// proxy: a tunnel asked for is a request to that host.
		s.mu.Lock()
		s.hits[host]++
		s.asked = append(s.asked, host+" CONNECT")
		s.mu.Unlock()
		http.Error(w, "no tunnel", http.StatusBadGateway)
		return
	}
	s.mu.Lock()
	s.hits[host]++
	s.asked = append(s.asked, host+" "+r.URL.RequestURI())
	page, ok := s.pages[host]
	s.mu.Unlock()
	s.mu.Lock()
	file, isFile := s.files[host+r.URL.Path]
	s.mu.Unlock()
	if isFile {
		if strings.HasPrefix(r.URL.Path, "/telecharger/") { // a file the visitor downloads
			w.Header().Set("Content-Disposition", "attachment; filename="+path.Base(r.URL.Path))
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		switch path.Ext(r.URL.Path) { // a site's script (its service worker), its style
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case ".crx": // a new version on the IT service's update server
			w.Header().Set("Content-Type", "application/x-chrome-extension")
		}
		w.Write(file)
		return
	}
	if host == "updates.vigie.test" {
		// The IT service's update server: updates.xml and vigie.crx.
		switch r.URL.Path {
		case "/updates.xml":
			w.Header().Set("Content-Type", "text/xml")
		case "/vigie.crx":
			w.Header().Set("Content-Type", "application/x-chrome-extension")
		default:
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join(pkgDir, r.URL.Path[1:]))
		return
	}
	if host == "lists.vigie.test" {
		s.mu.Lock()
		m := s.mirror
		s.mu.Unlock()
		if m != nil {
			w.Header().Set("ETag", server.ETag(m))
			w.Write(m)
			return
		}
		s.lists.ServeHTTP(w, r)
		return
	}
	s.mu.Lock()
	delay := s.delay
	s.mu.Unlock()
	time.Sleep(delay)
	if r.URL.Path == "/favicon.ico" {
		http.NotFound(w, r)
		return
	}
	if r.URL.Path == "/redirect" { // an innocent-looking link shortener
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		return
	}
	switch r.URL.Path {
	case "/setup.exe", "/attestation.pdf":
		w.Header().Set("Content-Disposition", "attachment; filename="+strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Type", map[bool]string{true: "application/pdf", false: "application/octet-stream"}[strings.HasSuffix(r.URL.Path, ".pdf")])
		fmt.Fprint(w, "%PDF-1.4 test file for Vigie")
		return
	case "/whoami":
		c, _ := r.Cookie("session")
		v := ""
		if c != nil {
			v = c.Value
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>whoami</title><p id="who">%s</p>`, v)
		return
	case "/login-cookie":
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "visiteur-1", Path: "/", MaxAge: 3600})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>connecté</title><script>localStorage.setItem("secret-du-visiteur", "1")</script><p>Connecté.</p>`)
		return
	}
	if r.Method == http.MethodPost {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		s.mu.Lock()
		s.posts = append(s.posts, host+" "+r.URL.Path+" "+string(body))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>ok</title><p id="done">Reçu.</p>`)
		return
	}
	if !ok {
		page = fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%s</title></head>
<body style="font:18px sans-serif;margin:3rem"><h1>Page de test : %s</h1><p>Contenu de démonstration.</p></body></html>`, host, host)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, page)
}

func (s *site) setDelay(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

func (s *site) setFile(hostPath string, body []byte) {
	s.mu.Lock()
	if s.files == nil {
		s.files = map[string][]byte{}
	}
	s.files[hostPath] = body
	s.mu.Unlock()
}

func (s *site) setPage(host, html string) {
	s.mu.Lock()
	s.pages[host] = html
	s.mu.Unlock()
}

// postsTo returns the POSTs received by host.
func (s *site) postsTo(host string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.posts {
		if strings.HasPrefix(p, host+" ") {
			out = append(out, p)
		}
	}
	return out
}

// askedFor returns "path?query" of every request host received.
func (s *site) askedFor(host string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, a := range s.asked {
		if strings.HasPrefix(a, host+" ") {
			out = append(out, strings.TrimPrefix(a, host+" "))
		}
	}
	return out
}

// hitsLike counts the requests to every host that contains part (a name
// written with extra dots arrives as written).
func (s *site) hitsLike(part string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for h, c := range s.hits {
		if strings.Contains(h, part) {
			n += c
		}
	}
	return n
}

func (s *site) hitsFor(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[host]
}

// browser is one Chromium with the extension installed.
type browser struct {
	ctx     context.Context // the first tab
	extID   string
	site    *site
	profile string // the user data folder, to search for secrets afterwards
	stop    func() // closes Chromium
	policy  bool   // force-installed by policy (blocking webRequest), or unpacked
	rescue  string // the rescue code the console showed when the PIN was chosen
}

// newBrowser starts Chromium with Vigie installed as terminals get it:
// the CRX force-installed by ExtensionInstallForcelist from the IT
// service's update server, which is also what grants blocking webRequest.
func newBrowser(t testing.TB) *browser { return newBrowserWith(t) }

// newBrowserWith also loads other unpacked extensions (an intruder, for the
// audit).
func newBrowserWith(t testing.TB, others ...string) *browser {
	return launch(t, t.TempDir(), others...)
}

// newUnpackedBrowser loads Vigie unpacked, as a developer or a plain
// install would: no blocking webRequest, the reduced mode.
func newUnpackedBrowser(t testing.TB) *browser {
	return start(t, t.TempDir(), unpacked)
}

// newPlainBrowser has no Vigie at all: the baseline of what Vigie costs.
func newPlainBrowser(t testing.TB) *browser {
	return start(t, t.TempDir(), none)
}

// How Vigie is installed in a test browser.
type install int

const (
	policy   install = iota // force-installed CRX: the gate (terminals)
	unpacked                // --load-extension: the reduced mode
	none                    // no Vigie: baselines
)

// launch starts Chromium on the profile folder given, Vigie force-installed:
// the same folder twice is a terminal restarted.
func launch(t testing.TB, profile string, others ...string) *browser {
	return start(t, profile, policy, others...)
}

// policyDir is where Debian's Chromium reads the machine's mandatory
// policies. The tests write their file there while their browser runs.
const policyDir = "/etc/chromium/policies/managed"

// writePolicy adds a policy file for the lifetime of the test, or until
// the function it returns is called. Chromium merges the files of the
// folder but takes a policy from one file only: two browsers' force-install
// lists must not be there at once.
func writePolicy(t testing.TB, name string, policy map[string]any) (remove func()) {
	if err := os.MkdirAll(policyDir, 0o755); err != nil {
		t.Fatalf("cannot write Chromium's policy folder (run as root, as CI does): %v", err)
	}
	stale, _ := filepath.Glob(filepath.Join(policyDir, "vigie-e2e-*-"+name+".json")) // left by a killed run
	for _, f := range stale {
		os.Remove(f)
	}
	file := filepath.Join(policyDir, fmt.Sprintf("vigie-e2e-%d-%s.json", os.Getpid(), name))
	b, _ := json.Marshal(policy)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	remove = func() { os.Remove(file) }
	t.Cleanup(remove)
	return remove
}

func start(t testing.TB, profile string, how install, others ...string) *browser {
	return startWith(t, profile, how, nil, others...)
}

// startWith lets setup prepare the site (and policies) before Chromium starts.
func startWith(t testing.TB, profile string, how install, setup func(*site), others ...string) *browser {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("%s is missing: install Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)", chromiumPath)
	}
	ext := extensionDir(t) // first: it makes the test key the site trusts
	s := newSite(t)
	if setup != nil {
		setup(s)
	}
	load := others
	unpolicy := func() {}
	switch how {
	case policy:
		unpolicy = writePolicy(t, "forcelist", map[string]any{
			"ExtensionInstallForcelist": []string{builtID + ";" + updateURL + "updates.xml"},
			// The default (0) forbids DevTools on policy-installed extensions,
			// which the tests use to look inside the worker. Terminals set 2.
			"DeveloperToolsAvailability": 1,
		})
	case unpacked:
		load = append([]string{ext}, others...)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", "new"),
		chromedp.Env("LANGUAGE=fr", "LANG=fr_FR.UTF-8"),
		chromedp.WindowSize(1280, 800),
	}
	for _, f := range commonFlags(s) {
		opts = append(opts, chromedp.Flag(f.name, f.value))
	}
	if how == unpacked {
		// The extension updater is what fetches a force-installed CRX (and
		// the baselines must run with the same flags): only the unpacked
		// set can do without it.
		opts = append(opts, chromedp.Flag("disable-background-networking", true))
	}
	if len(load) > 0 {
		opts = append(opts, chromedp.Flag("load-extension", strings.Join(load, ",")))
		if how != policy {
			opts = append(opts, chromedp.Flag("disable-extensions-except", strings.Join(load, ",")))
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	closed := false
	stop := func() {
		if !closed {
			closed = true
			cancelT()
			cancelC()
			cancelA()
			unpolicy()
		}
	}
	t.Cleanup(stop)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	b := &browser{ctx: ctx, site: s, profile: profile, stop: stop, policy: how == policy}
	if how != none {
		b.extID = waitExtension(t, ctx, builtID)
	}
	return b
}

// A command-line flag of Chromium: true, or a value.
type flag struct {
	name  string
	value any
}

// commonFlags are every test browser's flags, whoever starts it (chromedp,
// or the terminal's launcher): the site's hosts on loopback, nothing
// fetched from outside.
func commonFlags(s *site) []flag {
	return []flag{
		{"no-sandbox", true},
		{"disable-gpu", true},
		{"no-first-run", true},
		{"no-default-browser-check", true},
		{"disable-component-update", true},
		{"disable-sync", true},
		{"disable-dev-shm-usage", true},
		{"disable-quic", true},
		{"disable-features", "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"},
		{"host-resolver-rules", fmt.Sprintf("MAP * 127.0.0.1:%d, EXCLUDE 127.0.0.1", s.port)},
		// Service workers need a secure origin: these hosts count as one
		// (the scenarios of a site's own worker).
		{"unsafely-treat-insecure-origin-as-secure", swOrigins},
		{"ignore-certificate-errors", true}, // the site's one self-signed certificate
		{"lang", "fr"},
	}
}

// waitExtension waits for Vigie's service worker (a force-installed CRX is
// fetched and installed after start) and returns its id.
func waitExtension(t testing.TB, ctx context.Context, id string) string {
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			if tg.Type == "service_worker" && strings.HasPrefix(tg.URL, "chrome-extension://"+id+"/") {
				return id
			}
		}
		time.Sleep(10 * time.Millisecond) // "just appeared", for the install-window tests
	}
	t.Fatalf("Vigie's service worker (%s) never started: was the extension installed?", id)
	return ""
}

// worker attaches to the extension's service worker, to look inside it.
// An attached DevTools session keeps the worker alive.
// It waits for a worker whose scripts have run: a force-installed
// extension's first worker can be replaced just after the install.
func (b *browser) worker(t testing.TB) context.Context {
	deadline := time.Now().Add(15 * time.Second)
	for {
		ctx, cancel, ok := b.attachWorker(t)
		if ok {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof VigieSession + typeof VigieGate`))
			if err == nil && v == "objectobject" {
				t.Cleanup(cancel)
				return ctx
			}
			cancel()
		}
		if time.Now().After(deadline) {
			t.Fatal("no running service worker to attach to")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// attachWorker attaches to the worker if it runs; cancel detaches.
func (b *browser) attachWorker(t testing.TB) (context.Context, context.CancelFunc, bool) {
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "service_worker" && strings.HasPrefix(tg.URL, "chrome-extension://"+b.extID+"/") {
			ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(tg.TargetID))
			return ctx, cancel, true
		}
	}
	return nil, nil, false
}

// stopWorker stops the extension's service worker, as Chromium does after
// 30 s idle: the next event starts it again from nothing.
func (b *browser) stopWorker(t testing.TB) { stopWorkerOf(t, b, b.extID) }

func stopWorkerOf(t testing.TB, b *browser, extID string) {
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "service_worker" && strings.HasPrefix(tg.URL, "chrome-extension://"+extID+"/") {
			if _, err := chromedp.CallBrowser(b.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: tg.TargetID}); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}

// openPage returns the address of an open page whose address matches, or "".
func (b *browser) openPage(match func(url string) bool) string {
	targets, _ := chromedp.Targets(b.ctx)
	for _, tg := range targets {
		if match(tg.URL) {
			return tg.URL
		}
	}
	return ""
}

// stoppedAt opens host's path in a new tab and asserts that the warning
// shows and that the host's server received nothing.
func (b *browser) stoppedAt(t testing.TB, host, path string) {
	t.Helper()
	tab := b.tab(t)
	navigate(tab, "http://"+host+path)
	b.waitWarning(t, tab, host)
	time.Sleep(300 * time.Millisecond)
	if h := b.site.hitsFor(host); h != 0 {
		t.Fatalf("the server of %s received %d request(s)", host, h)
	}
}

// attachPage drives the open page at exactly url.
func (b *browser) attachPage(t testing.TB, url string) context.Context {
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.URL == url {
			ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(tg.TargetID))
			t.Cleanup(cancel)
			return ctx
		}
	}
	t.Fatalf("no page at %s", url)
	return nil
}

// isOpen reports whether the page at exactly url is open.
func (b *browser) isOpen(url string) bool {
	return b.openPage(func(u string) bool { return u == url }) != ""
}

// tab opens a new tab.
func (b *browser) tab(t testing.TB) context.Context {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// extPage opens an extension page, from which chrome.* APIs can be asked
// what the worker did (icon titles, verdicts).
func (b *browser) extPage(t testing.TB) context.Context {
	ctx := b.tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(b.extURL("pages/popup.html"))); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func (b *browser) extURL(path string) string { return "chrome-extension://" + b.extID + "/" + path }

// navigate starts a navigation that the extension may replace: an aborted
// navigation is not an error here.
// A navigation that waits on Vigie's hold page (the engine was starting)
// is over when the page it continues to has loaded.
//
// A navigation that Vigie's worker sent on itself (the kept engine judged
// it while the hold page was loading) aborts the one the test started:
// the tab's address then changes within a moment, and its page is waited
// for; an aborted navigation that goes nowhere (a download) is over.
func navigate(ctx context.Context, url string) error {
	before, _ := chromedp.Run(ctx, chromedp.Location())
	err := chromedp.Do(ctx, chromedp.Navigate(url))
	if err != nil && (strings.Contains(err.Error(), "ERR_ABORTED") || errors.Is(err, context.Canceled)) {
		moved := false
		for end := time.Now().Add(2 * time.Second); time.Now().Before(end) && !moved; time.Sleep(50 * time.Millisecond) {
			loc, err := chromedp.Run(ctx, chromedp.Location())
			moved = err == nil && loc != before
		}
		if !moved {
			return nil
		}
	} else if err != nil {
		return err
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && !strings.Contains(loc, "/pages/hold.html?") {
			state, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.readyState"))
			if err == nil && state == "complete" {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// waitLocation polls the tab's address until match says yes.
func waitLocation(t testing.TB, ctx context.Context, what string, match func(string) bool) string {
	deadline := time.Now().Add(15 * time.Second)
	loc := ""
	for time.Now().Before(deadline) {
		l, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil {
			loc = l
			if match(loc) {
				return loc
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: tab is at %q", what, loc)
	return ""
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func screenshot(t testing.TB, ctx context.Context, name string) {
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(artifactDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}
