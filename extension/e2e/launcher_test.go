package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// hostDir is where Debian's Chromium reads the machine's native messaging
// hosts (Google Chrome: /etc/opt/chrome/native-messaging-hosts).
const hostDir = "/etc/chromium/native-messaging-hosts"

// The terminal as docs/deploy.md §6 ships it: Chromium started by
// extension/terminal/vigie-chromium, its native host installed, the policy
// file of docs/deploy. After a visitor's session ends (by the visitor, at
// the idle countdown, or by a power cut), no file under the launcher's
// folder (the profile, Vigie's kept storage) nor in the downloads folder
// holds what the visitor visited, typed, posted or downloaded. The control:
// the same search finds it in the profile before the end. The advisor's
// lock-out, which lives in Vigie's storage, is kept from one visitor to
// the next.
func TestTerminalLauncherLeavesNothing(t *testing.T) {
	term := newTerminal(t)
	b := term.connect(t)
	// The advisor's code locked by five wrong tries: it must stay locked
	// for the next visitor (the year bound of SECURITY.md).
	p := b.extPage(t)
	waitPolicy(t, p)
	// A terminal where Vigie was installed long ago: the start that installs
	// it has nothing to clean, the next ones open the welcome page. Written
	// once this start has read the install time (a second after the worker
	// starts), or this start would clean now, closing this page.
	time.Sleep(1500 * time.Millisecond)
	eval[bool](t, p, `chrome.storage.local.set({installedAt: 1}).then(() => true)`)
	unlock := func(p context.Context, code string) string {
		return eval[string](t, p, `chrome.runtime.sendMessage({type: "pinUnlock", pin: "`+code+`"}).then(r => r.ok ? "open" : r.locked ? "locked" : "refused")`)
	}
	for i := 0; i < 5; i++ {
		if unlock(p, "000000") == "open" {
			t.Fatal("a wrong code opened the console")
		}
	}
	if r := unlock(p, mediatorPIN); r != "locked" {
		t.Fatalf("the right code after five wrong ones: %s, want locked", r)
	}

	ends := []struct{ name, how string }{
		{"the visitor's button", "visitor"},
		{"the idle countdown", "idle"},
		{"a power cut", ""},
	}
	for i, end := range ends {
		secrets := term.visit(t, b, i)
		// The control: Chromium writes each of them to the profile (its
		// session log, history, databases) within moments.
		for _, s := range secrets {
			waitForLong(t, fmt.Sprintf("control (%s): %q written in the profile before the end", end.name, s), 30*time.Second,
				func() bool { return len(grepTree(term.root, s)) > 0 })
		}
		if end.how == "" {
			term.powerCut(t)
			term.start(t)
		} else {
			p := b.extPage(t)
			chromedp.Run(p, chromedp.Evaluate[bool](`chrome.runtime.sendMessage({type: "endSession", reason: "`+end.how+`"}), true`))
		}
		b = term.connect(t)
		waitFor(t, "the welcome page in the new browser", func() bool { return b.isOpen(b.extURL("pages/welcome.html")) })
		for _, s := range secrets {
			for _, dir := range []string{term.root, term.home} {
				if hits := grepTree(dir, s); len(hits) != 0 {
					t.Errorf("after %s: %q is still on the disk: %v", end.name, s, hits)
				}
			}
		}
		if files := filesIn(term.downloads); len(files) != 0 {
			t.Errorf("after %s: downloaded files left: %v", end.name, files)
		}
		p := b.extPage(t)
		waitPolicy(t, p)
		if r := unlock(p, mediatorPIN); r != "locked" {
			t.Fatalf("after %s the advisor's code is %s: the lock-out was lost with the profile", end.name, r)
		}
	}
}

// waitPolicy waits for the policy's extension settings (given a moment
// after the install).
func waitPolicy(t *testing.T, p context.Context) {
	waitFor(t, "the policy's settings", func() bool {
		return eval[bool](t, p, `chrome.storage.managed.get("mediatorPinHash").then(r => !!r.mediatorPinHash)`)
	})
}

// terminal is vigie-chromium running, as a visitors' session starts it.
type terminal struct {
	site                  *site
	root, home, downloads string
	logs                  string // the launcher's output, outside what is searched
	args                  []string
	cmd                   *exec.Cmd
	port                  string // the DevTools port of the browser last connected to
}

func newTerminal(t *testing.T) *terminal {
	extensionDir(t)
	term := &terminal{site: newSite(t), root: t.TempDir(), home: t.TempDir(), logs: t.TempDir()}
	term.downloads = filepath.Join(term.home, "Telechargements-visiteurs")
	policy := docPolicy(t, "chromium-linux-vigie.json", builtID)
	policy = strings.Replace(policy, `"DeveloperToolsAvailability": 2`, `"DeveloperToolsAvailability": 1`, 1)
	file := filepath.Join(policyDir, "vigie-e2e-launcher.json")
	os.MkdirAll(policyDir, 0o755)
	if err := os.WriteFile(file, []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(file) })
	// The native host, as docs/deploy.md installs it, pointing at the
	// repository's script.
	var host map[string]any
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "extension", "terminal", "fr.vigie.terminal.json"))
	if err != nil || json.Unmarshal(b, &host) != nil {
		t.Fatalf("the host manifest: %v", err)
	}
	host["path"] = filepath.Join(repoRoot(t), "extension", "terminal", "vigie-terminal-host")
	host["allowed_origins"] = []string{"chrome-extension://" + builtID + "/"}
	b, _ = json.Marshal(host)
	os.MkdirAll(hostDir, 0o755)
	hostFile := filepath.Join(hostDir, "fr.vigie.terminal.json")
	if err := os.WriteFile(hostFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(hostFile) })
	term.args = []string{"--headless=new", "--remote-debugging-port=0", "--window-size=1280,800"}
	for _, f := range commonFlags(term.site) {
		if f.value == true {
			term.args = append(term.args, "--"+f.name)
		} else {
			term.args = append(term.args, fmt.Sprintf("--%s=%v", f.name, f.value))
		}
	}
	term.start(t)
	t.Cleanup(func() { term.powerCut(t) })
	return term
}

// start runs the launcher, in a process group of its own (the power cut
// kills the whole group at once).
func (term *terminal) start(t *testing.T) {
	cmd := exec.Command(filepath.Join(repoRoot(t), "extension", "terminal", "vigie-chromium"), term.args...)
	cmd.Env = append(os.Environ(), "VIGIE_BROWSER="+chromiumPath, "VIGIE_PROFILE_ROOT="+term.root,
		"VIGIE_EXTENSION_ID="+builtID, "HOME="+term.home, "LANGUAGE=fr", "LANG=fr_FR.UTF-8")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log, err := os.Create(filepath.Join(term.logs, "launcher.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = log // the browser's too: read on failure
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(log.Name())
			t.Logf("the launcher's output (last 3000 bytes):\n%s", b[max(0, len(b)-3000):])
		}
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	term.cmd = cmd
}

// powerCut kills the launcher and the browser at once, as a power cut
// would: nothing of theirs runs after it.
func (term *terminal) powerCut(t *testing.T) {
	if term.cmd == nil {
		return
	}
	syscall.Kill(-term.cmd.Process.Pid, syscall.SIGKILL)
	term.cmd.Wait()
	term.cmd = nil
}

// connect waits for the launcher's next browser (a DevTools port other than
// the last one) and for Vigie in it.
func (term *terminal) connect(t *testing.T) *browser {
	var port, path string
	waitForLong(t, "a browser started by the launcher", 60*time.Second, func() bool {
		b, err := os.ReadFile(filepath.Join(term.root, "profile", "DevToolsActivePort"))
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if err != nil || len(lines) != 2 || lines[0] == term.port {
			return false
		}
		port, path = lines[0], lines[1]
		return true
	})
	term.port = port
	actx, cancelA := remote.NewAllocator(context.Background(), "ws://127.0.0.1:"+port+path)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("connecting to the launcher's browser: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: term.downloads}); err != nil {
		t.Fatal(err)
	}
	b := &browser{ctx: ctx, site: term.site, profile: filepath.Join(term.root, "profile"), stop: func() {}, policy: true}
	b.extID = waitExtension(t, ctx, builtID)
	return b
}

// visit does what a visitor does, and returns what of it must not stay:
// a host visited, a value typed and posted, the address of a file
// downloaded, a tab they closed.
func (term *terminal) visit(t *testing.T, b *browser, i int) []string {
	host := fmt.Sprintf("mairie-visite-%d-5821.example.org", i)
	typed := fmt.Sprintf("0612345678-valeur-tapee-%d", i)
	dossier := fmt.Sprintf("dossier-CAF-%d-4471", i)
	closedRef := fmt.Sprintf("ref-onglet-ferme-%d-8830", i)
	term.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	tab := b.tab(t)
	navigate(tab, "http://"+host+"/")
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("tel"), typed), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the form sent", func() bool { return len(term.site.postsTo(host)) == 1 })
	navigate(tab, "http://"+host+"/attestation.pdf?n="+dossier)
	waitFor(t, "the downloaded file", func() bool { return len(filesIn(term.downloads)) >= 1 })
	closed := b.tab(t)
	navigate(closed, "http://"+host+"/suivi?"+closedRef)
	chromedp.Cancel(closed)
	return []string{host, typed, dossier, closedRef}
}
