package e2e

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// bannerAttacks are suspicious sites whose page tries to hide Vigie's
// banner without touching it (issue 11): a modal dialog over the whole
// window, opened after the banner (top layer), and the whole page clipped
// below the banner's place. The control does nothing.
var bannerAttacks = []struct{ host, html string }{
	{"caf.org", `<!doctype html><title>Accueil</title><body><p>Bienvenue</p></body>`}, // the control
	{"caf.net", `<!doctype html><title>Accueil</title><style>dialog{width:100vw;height:100vh;max-width:none;max-height:none;margin:0;border:0;background:#fff}</style>
<body><dialog id="d"><p>Bienvenue</p></dialog><script>setTimeout(() => document.getElementById("d").showModal(), 600);
setInterval(() => { const d = document.getElementById("d"); if (!d.open) d.showModal(); }, 300);</script></body>`},
	{"ants.org", `<!doctype html><title>Accueil</title><style>html{clip-path:inset(140px 0 0 0)}</style><body><p>Bienvenue</p></body>`},
}

// bannerPainted: the top 50 px of the screenshot hold the banner's colour
// (#fff4e5) over most of the width.
func bannerPainted(t *testing.T, shot []byte) bool {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	n, total := 0, 0
	for y := b.Min.Y + 4; y < b.Min.Y+50 && y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			total++
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, 0xff) && near(g>>8, 0xf4) && near(bl>>8, 0xe5) {
				n++
			}
		}
	}
	return n > total/3
}

func near(a, b uint32) bool { return a+6 >= b && b+6 >= a }

// A page cannot hide the banner: after the attack has run, either the
// banner's pixels are on the screen, or Vigie has shown the full-page
// warning instead ("il cache l'alerte"). Asserted on a screenshot.
func TestBannerCannotBeHidden(t *testing.T) {
	b := newBrowser(t)
	for _, a := range bannerAttacks {
		b.site.setPage(a.host, a.html)
	}
	for _, a := range bannerAttacks {
		t.Run(a.host, func(t *testing.T) {
			tab := b.tab(t)
			navigate(tab, "http://"+a.host+"/")
			time.Sleep(3 * time.Second) // the attack runs, Vigie answers
			loc := eval[string](t, tab, `location.href`)
			if strings.HasPrefix(loc, b.extURL("pages/warning.html")) {
				if a.host == bannerAttacks[0].host {
					t.Fatal("the control page was replaced by the warning")
				}
				waitFor(t, "the warning's text", func() bool {
					return strings.Contains(eval[string](t, tab, `document.body.innerText`), "cache l'alerte")
				})
				return
			}
			shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if !bannerPainted(t, shot) {
				screenshot(t, tab, "banner-hidden-"+a.host)
				t.Fatalf("the banner is not on the screen and the page is still shown (%s)", loc)
			}
		})
	}
}

// The same in Firefox ESR.
func TestFirefoxBannerCannotBeHidden(t *testing.T) {
	f := newFirefox(t)
	for _, a := range bannerAttacks {
		f.site.setPage(a.host, a.html)
	}
	for _, a := range bannerAttacks {
		t.Run(a.host, func(t *testing.T) {
			tab := f.tab(t)
			f.navigate(t, tab, "http://"+a.host+"/")
			time.Sleep(3 * time.Second)
			loc := f.location(t, tab)
			if strings.Contains(loc, "/pages/warning.html?") {
				if a.host == bannerAttacks[0].host {
					t.Fatal("the control page was replaced by the warning")
				}
				waitFor(t, "the warning's text", func() bool {
					return strings.Contains(f.eval(t, tab, `document.body.innerText`), "cache l'alerte")
				})
				return
			}
			var r struct{ Data string }
			if err := f.bidi.call("browsingContext.captureScreenshot", map[string]any{"context": tab}, &r); err != nil {
				t.Fatal(err)
			}
			shot, err := base64.StdEncoding.DecodeString(r.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !bannerPainted(t, shot) {
				t.Fatalf("the banner is not on the screen and the page is still shown (%s)", loc)
			}
		})
	}
}
