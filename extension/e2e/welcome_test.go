package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// The welcome page gives a first step: one large button a site, for the
// five sites people come for and the place's own (settings), each shown
// only when the engine judges its address official (a look-alike given
// as the place's own site is not shown: the control is the official one
// given beside it). It says the computer is clean only when the last end
// of session erased everything.
func TestBothWelcomeFirstStep(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		ext := d.vigiePage(t)
		d.eval(t, ext, `chrome.storage.local.set({
			welcomeSites: ["Mairie de Cherbourg-en-Cotentin https://www.cherbourg.fr/", "Mairie (fausse) https://arneli.fr/"],
			lastSessionEnd: {at: new Date().toISOString(), reason: "visitor", failed: []}}).then(() => true)`)
		w := d.openVigie(t, "pages/welcome.html")
		links := func() string {
			return d.eval(t, w, `[...document.querySelectorAll("#sites a")].map(a => a.textContent + " " + a.href).join("\n")`)
		}
		waitFor(t, "the buttons", func() bool { return strings.Count(links(), "\n") >= 5 })
		got := links()
		for _, want := range []string{"https://www.ameli.fr/", "https://www.caf.fr/", "https://www.impots.gouv.fr/",
			"https://www.francetravail.fr/", "https://ants.gouv.fr/", "Mairie de Cherbourg-en-Cotentin https://www.cherbourg.fr/"} {
			if !strings.Contains(got, want) {
				t.Errorf("no button for %s in:\n%s", want, got)
			}
		}
		if strings.Contains(got, "arneli") {
			t.Errorf("a look-alike given as the place's site has a button:\n%s", got)
		}
		shown := func(id string) bool {
			return d.eval(t, w, `String(!document.getElementById("`+id+`").hidden)`) == "true"
		}
		waitFor(t, "the clean sentence", func() bool { return shown("clean") })
		if shown("notClean") {
			t.Fatal("both sentences are shown")
		}

		// The last end of session failed to remove the files: the page
		// says so and does not claim the computer is clean.
		d.eval(t, ext, `chrome.storage.local.set({lastSessionEnd: {at: new Date().toISOString(), reason: "visitor", failed: ["files"]}}).then(() => true)`)
		w = d.openVigie(t, "pages/welcome.html")
		waitFor(t, "the failure said", func() bool { return shown("notClean") })
		if shown("clean") {
			t.Fatal(`after a failed wipe the page says "Rien de la personne précédente n'est resté"`)
		}
		if txt := d.eval(t, w, `document.getElementById("notClean").textContent`); !strings.Contains(txt, "Demandez à la personne") {
			t.Fatalf("the failure says %q", txt)
		}
	})
}

// Red is for danger only: ending one's session is a calm blue, a doubtful
// verdict is orange.
func TestBothCalmColours(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		p := d.openVigie(t, "pages/popup.html")
		if c := d.eval(t, p, `getComputedStyle(document.getElementById("end")).backgroundColor`); c != "rgb(31, 78, 140)" {
			t.Errorf("the end-of-session button is %s, want the calm blue rgb(31, 78, 140)", c)
		}
		if c := d.eval(t, p, `(() => { const e = document.createElement("p"); e.className = "verdict suspicious"; document.body.append(e);
			return getComputedStyle(e).color; })()`); c != "rgb(138, 75, 0)" {
			t.Errorf("a doubtful verdict is %s, want orange rgb(138, 75, 0)", c)
		}
	})
}

// The idle countdown shows the minute left as a bar that shrinks, for
// someone who does not read the number.
func TestBothCountdownBarShrinks(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		c := d.openVigie(t, "pages/countdown.html")
		width := func() float64 {
			var w float64
			fmt.Sscan(d.eval(t, c, `String(document.getElementById("bar").getBoundingClientRect().width / document.getElementById("bar").parentElement.getBoundingClientRect().width)`), &w)
			return w
		}
		first := width()
		if first < 0.9 {
			t.Fatalf("the bar starts at %.2f of its length", first)
		}
		waitFor(t, "the bar to shrink", func() bool { return width() < first-0.03 })
		d.closeTab(t, c) // before its minute ends the session
	})
}
