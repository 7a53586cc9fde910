package e2e

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// driver is what a scenario needs of a browser, whichever it is: a
// scenario written once against it runs in Chromium (chromedp, Vigie
// force-installed by policy) and in Firefox ESR (WebDriver BiDi) as the
// subtests chromium/ and firefox/ of one test (eachBrowser). A tab is a
// string: Chromium's target ID, Firefox's browsing context.
//
// Typing and clicking are trusted input (CDP Input events, BiDi
// input.performActions), never a script setting a value: Vigie's password
// recognition listens to trusted keys only.
type driver interface {
	name() string
	site() *site
	// tab opens a new tab on about:blank.
	tab(t testing.TB) string
	// tabs lists the open tabs (popups included).
	tabs(t testing.TB) []string
	// locations lists the open tabs' addresses.
	locations(t testing.TB) []string
	// downloads is the folder files are saved to (browserOptions.downloads).
	downloads() string
	// navigate loads url and waits for it, or for what Vigie replaced it with.
	navigate(t testing.TB, tab, url string)
	// location is the tab's address.
	location(t testing.TB, tab string) string
	// eval runs JavaScript in the tab (a promise is awaited) and returns
	// its value: a string as it is, anything else as JSON.
	eval(t testing.TB, tab, js string) string
	// typeIn focuses the element with this id and types text.
	typeIn(t testing.TB, tab, id, text string)
	// click presses the mouse over the element with this id.
	click(t testing.TB, tab, id string)
	// closeTab closes the tab.
	closeTab(t testing.TB, tab string)
	// vigiePage opens one of Vigie's pages, where chrome.* answers.
	vigiePage(t testing.TB) string
	// openVigie opens Vigie's page at path ("pages/welcome.html?x") in a
	// new tab, once it has loaded.
	openVigie(t testing.TB, path string) string
	// isVigiePage says whether the address is one of Vigie's pages (path
	// such as "pages/warning.html").
	isVigiePage(address, path string) bool
}

// eachBrowser runs the scenario in each browser as a subtest. The suites
// of the two browsers run as two processes (make test-e2e-both):
// VIGIE_E2E_BROWSERS names the browsers of this one (default: both).
func eachBrowser(t *testing.T, scenario func(t *testing.T, d driver)) {
	eachBrowserWith(t, browserOptions{}, scenario)
}

// browserOptions: what a scenario needs set when its browser starts.
type browserOptions struct {
	downloads bool // downloads saved without asking, to the driver's downloads()
}

func eachBrowserWith(t *testing.T, o browserOptions, scenario func(t *testing.T, d driver)) {
	for _, name := range e2eBrowsers() {
		t.Run(name, func(t *testing.T) {
			switch name {
			case "chromium":
				b := newBrowser(t)
				c := chromiumOf(b)
				if o.downloads {
					c.dir = t.TempDir()
					if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
						Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: c.dir}); err != nil {
						t.Fatal(err)
					}
				}
				scenario(t, c)
			case "firefox":
				var prefs map[string]any
				dir := ""
				if o.downloads {
					dir = t.TempDir()
					prefs = downloadPrefs(dir)
				}
				scenario(t, &firefoxDriver{f: newFirefoxWith(t, prefs), dir: dir})
			}
		})
	}
}

func e2eBrowsers() []string {
	all := []string{"chromium", "firefox"}
	v := os.Getenv("VIGIE_E2E_BROWSERS")
	if v == "" {
		return all
	}
	var out []string
	for _, n := range strings.Split(v, ",") {
		if slices.Contains(all, n) {
			out = append(out, n)
		}
	}
	return out
}

// evalWrap makes any value a string, as driver.eval returns it.
func evalWrap(js string) string {
	return `Promise.resolve((` + js + `)).then(v => typeof v === "string" ? v : JSON.stringify(v))`
}

type chromiumDriver struct {
	b        *browser
	tabsByID map[string]context.Context
	dir      string // downloads
}

func (c *chromiumDriver) downloads() string { return c.dir }

// chromiumOf drives a browser a Chromium-only test started.
func chromiumOf(b *browser) *chromiumDriver {
	return &chromiumDriver{b: b, tabsByID: map[string]context.Context{}}
}

// adopt gives a tab the test opened itself its driver's name.
func (c *chromiumDriver) adopt(ctx context.Context) string {
	id := string(chromedp.FromContext(ctx).Target.TargetID)
	c.tabsByID[id] = ctx
	return id
}

func (c *chromiumDriver) name() string { return "chromium" }
func (c *chromiumDriver) site() *site  { return c.b.site }

func (c *chromiumDriver) tab(t testing.TB) string {
	return c.adopt(c.b.tab(t))
}

// ctx is the tab's chromedp context, attached on first use (a popup).
func (c *chromiumDriver) ctx(t testing.TB, tab string) context.Context {
	if ctx, ok := c.tabsByID[tab]; ok {
		return ctx
	}
	ctx, cancel := chromedp.NewContext(c.b.ctx, chromedp.WithTargetID(target.ID(tab)))
	t.Cleanup(cancel)
	c.tabsByID[tab] = ctx
	return ctx
}

// pages maps each open tab to f of its target.
func (c *chromiumDriver) pages(t testing.TB, f func(*target.Info) string) []string {
	targets, err := chromedp.Targets(c.b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tg := range targets {
		if tg.Type == "page" {
			out = append(out, f(tg))
		}
	}
	return out
}

func (c *chromiumDriver) tabs(t testing.TB) []string {
	return c.pages(t, func(tg *target.Info) string { return string(tg.TargetID) })
}

func (c *chromiumDriver) navigate(t testing.TB, tab, url string) { navigate(c.ctx(t, tab), url) }

func (c *chromiumDriver) locations(t testing.TB) []string {
	return c.pages(t, func(tg *target.Info) string { return tg.URL })
}

func (c *chromiumDriver) location(t testing.TB, tab string) string {
	l, _ := chromedp.Run(c.ctx(t, tab), chromedp.Location())
	return l
}

func (c *chromiumDriver) eval(t testing.TB, tab, js string) string {
	t.Helper()
	return eval[string](t, c.ctx(t, tab), evalWrap(js))
}

func (c *chromiumDriver) typeIn(t testing.TB, tab, id, text string) {
	if err := chromedp.Do(c.ctx(t, tab), chromedp.SendKeys(chromedp.ID(id), text)); err != nil {
		t.Fatal(err)
	}
}

func (c *chromiumDriver) click(t testing.TB, tab, id string) {
	if err := chromedp.Do(c.ctx(t, tab), chromedp.Click(chromedp.ID(id))); err != nil {
		t.Fatal(err)
	}
}

func (c *chromiumDriver) closeTab(t testing.TB, tab string) {
	chromedp.Cancel(c.ctx(t, tab))
	delete(c.tabsByID, tab)
}

func (c *chromiumDriver) vigiePage(t testing.TB) string {
	id := c.tab(t)
	c.navigate(t, id, c.b.extURL("pages/popup.html"))
	return id
}

func (c *chromiumDriver) openVigie(t testing.TB, path string) string {
	id := c.tab(t)
	c.navigate(t, id, c.b.extURL(path))
	return id
}

func (c *chromiumDriver) isVigiePage(address, path string) bool {
	return strings.HasPrefix(address, c.b.extURL(path))
}

type firefoxDriver struct {
	f   *firefox
	dir string // downloads
}

func (d *firefoxDriver) downloads() string { return d.dir }

func (d *firefoxDriver) name() string                           { return "firefox" }
func (d *firefoxDriver) site() *site                            { return d.f.site }
func (d *firefoxDriver) tab(t testing.TB) string                { return d.f.tab(t) }
func (d *firefoxDriver) navigate(t testing.TB, tab, url string) { d.f.navigate(t, tab, url) }
func (d *firefoxDriver) typeIn(t testing.TB, tab, id, text string) {
	d.f.typeIn(t, tab, id, text)
}
func (d *firefoxDriver) click(t testing.TB, tab, id string) { d.f.clickOn(t, tab, id) }

func (d *firefoxDriver) tabs(t testing.TB) []string {
	var tree struct {
		Contexts []struct{ Context string }
	}
	if err := d.f.bidi.call("browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range tree.Contexts {
		out = append(out, c.Context)
	}
	return out
}

func (d *firefoxDriver) locations(t testing.TB) []string {
	return strings.Split(d.f.location(t, ""), "\n")
}

// location is the top document's address (the firefox helper adds its
// frames' after "\n").
func (d *firefoxDriver) location(t testing.TB, tab string) string {
	l, _, _ := strings.Cut(d.f.location(t, tab), "\n")
	return l
}

func (d *firefoxDriver) eval(t testing.TB, tab, js string) string {
	t.Helper()
	return d.f.eval(t, tab, evalWrap(js))
}

func (d *firefoxDriver) closeTab(t testing.TB, tab string) {
	d.f.bidi.call("browsingContext.close", map[string]any{"context": tab}, nil)
}

// vigiePage: Firefox opens no moz-extension address from the driver; the
// warning page of a lookalike is one of Vigie's pages (one that scenarios
// do not open past the warning).
func (d *firefoxDriver) vigiePage(t testing.TB) string { return d.f.vigiePage(t, "amelii.fr") }

func (d *firefoxDriver) openVigie(t testing.TB, path string) string {
	page := d.vigiePage(t)
	l := d.location(t, page)
	tab := d.f.extTab(t, page, l[:strings.Index(l, "/pages/")+1]+path)
	d.closeTab(t, page)
	return tab
}

func (d *firefoxDriver) isVigiePage(address, path string) bool {
	return strings.HasPrefix(address, "moz-extension://") && strings.Contains(address, "/"+path)
}

// loginOnAmeli: the visitor logs in on the real ameli.fr (its page set by
// the caller), typing secret: from now on Vigie knows that password.
func loginOnAmeli(t *testing.T, d driver) {
	real := d.tab(t)
	d.navigate(t, real, "http://www.ameli.fr/")
	d.typeIn(t, real, "pw", secret)
	d.click(t, real, "go")
	waitFor(t, "the real login", func() bool { return len(d.site().postsTo("www.ameli.fr")) == 1 })
}

// newTabAfter runs open and returns the tab it opened (a popup).
func newTabAfter(t testing.TB, d driver, what string, open func()) string {
	before := d.tabs(t)
	open()
	var opened string
	waitFor(t, what, func() bool {
		for _, tab := range d.tabs(t) {
			if !slices.Contains(before, tab) {
				opened = tab
				return true
			}
		}
		return false
	})
	return opened
}
