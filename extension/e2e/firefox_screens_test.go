package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// In Firefox ESR: the warning's way back skips the shortener (see
// TestWarningWayBack), and the banner reduces from the keyboard.
func TestFirefoxScreens(t *testing.T) {
	f := newFirefox(t)
	serveWayBack(f.site)
	t.Run("the way back skips the redirector", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://www.mairie-exemple.fr/")
		f.eval(t, tab, `document.getElementById("l").click(), "ok"`)
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, "arneli.fr") })
		waitFor(t, "the warning's buttons", func() bool { return f.eval(t, tab, `document.activeElement ? document.activeElement.id : ""`) == "go" })
		f.eval(t, tab, `document.getElementById("back").click(), "ok"`)
		f.waitLocation(t, tab, "the innocent page", func(l string) bool { return l == "http://www.mairie-exemple.fr/" })
		time.Sleep(1500 * time.Millisecond)
		if l := f.location(t, tab); l != "http://www.mairie-exemple.fr/" {
			t.Fatalf("after going back the tab went on to %q", l)
		}
	})
	t.Run("with nothing safe before, the welcome page", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://arneli.fr/")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, "arneli.fr") })
		waitFor(t, "the warning's buttons", func() bool { return f.eval(t, tab, `document.activeElement ? document.activeElement.id : ""`) == "go" })
		f.eval(t, tab, `document.getElementById("back").click(), "ok"`)
		f.waitLocation(t, tab, "the welcome page", func(l string) bool {
			return strings.HasPrefix(l, "moz-extension://") && strings.HasSuffix(l, "/pages/welcome.html")
		})
	})
	t.Run("the banner reduces from the keyboard", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://caf.net/")
		height := func() float64 {
			v, _ := strconv.ParseFloat(f.eval(t, tab, `(() => { const h = document.querySelector("vigie-banner"); return String(h ? h.getBoundingClientRect().height : -1) })()`), 64)
			return v
		}
		waitFor(t, "the banner", func() bool { return height() > 0 })
		if h := height(); h > 90 {
			t.Errorf("the banner is %.0f px tall at 100 %%", h)
		}
		f.keys(t, tab, "\uE004", "\uE004", "\uE007") // Tab, Tab, Enter
		waitFor(t, "the banner reduced", func() bool { return height() == 0 })
		if f.eval(t, tab, `String(document.querySelector("vigie-banner") === null)`) == "true" {
			t.Fatal("reducing removed the banner")
		}
	})
}

// clickOnElement presses the mouse at the middle of the element a
// JavaScript expression gives, as a visitor's click (trusted events).
func (f *firefox) clickOnElement(t testing.TB, ctx, element string) {
	xy := strings.Split(f.eval(t, ctx, `(() => { const r = `+element+`.getBoundingClientRect();
		return Math.round(r.x + r.width / 2) + "," + Math.round(r.y + r.height / 2); })()`), ",")
	x, _ := strconv.Atoi(xy[0])
	y, _ := strconv.Atoi(xy[1])
	if err := f.bidi.call("input.performActions", map[string]any{"context": ctx, "actions": []map[string]any{{
		"type": "pointer", "id": "souris", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []map[string]any{{"type": "pointerMove", "x": x, "y": y}, {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}},
	}}}, nil); err != nil {
		t.Fatal(err)
	}
}

// keys types WebDriver key values (U+E004 Tab, U+E007 Enter) in the tab.
func (f *firefox) keys(t testing.TB, ctx string, keys ...string) {
	var actions []map[string]any
	for _, k := range keys {
		actions = append(actions, map[string]any{"type": "keyDown", "value": k}, map[string]any{"type": "keyUp", "value": k})
	}
	if err := f.bidi.call("input.performActions", map[string]any{"context": ctx, "actions": []map[string]any{
		{"type": "key", "id": "clavier", "actions": actions},
	}}, nil); err != nil {
		t.Fatal(err)
	}
}
