package e2e

import (
	"testing"
)

// typeIn focuses the element and types text as a visitor would (trusted
// key events over WebDriver BiDi).
func (f *firefox) typeIn(t testing.TB, ctx, id, text string) {
	f.eval(t, ctx, `document.getElementById("`+id+`").focus(), "ok"`)
	var keys []string
	for _, r := range text {
		if r == '\r' || r == '\n' {
			r = '\uE007' // WebDriver's Enter
		}
		keys = append(keys, string(r))
	}
	f.keys(t, ctx, keys...)
}

// clickOn presses and releases the mouse over the element's centre.
func (f *firefox) clickOn(t testing.TB, ctx, id string) {
	f.clickOnElement(t, ctx, `document.getElementById("`+id+`")`)
}
