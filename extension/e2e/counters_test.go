package e2e

import (
	"encoding/json"
	"testing"
)

// countersScript notes the counters (the page that runs it may have been
// counted), writes a stop counted on a past day and one of today, as
// countEvent does (one key each), then asks the worker for the counters
// twice: the past day is in the total, not in today, and folded into the
// kept totals (its key removed) without changing the sums.
const countersScript = `(async () => {
  const today = new Date().toISOString().slice(0, 10);
  const before = await chrome.runtime.sendMessage({type: "counters"});
  await chrome.storage.local.set({
    "ev:2020-01-02:lookalikeBlocked:1577923200000:aaaa": 1,
    ["ev:" + today + ":lookalikeBlocked:" + Date.now() + ":bbbb"]: 1,
  });
  const first = await chrome.runtime.sendMessage({type: "counters"});
  const left = Object.keys(await chrome.storage.local.get(null)).filter(k => k.startsWith("ev:2020"));
  const second = await chrome.runtime.sendMessage({type: "counters"});
  return JSON.stringify({before, first, second, left: left.length});
})()`

type counters struct {
	Total int            `json:"lookalikeBlocked"`
	Today map[string]int `json:"today"`
	Since float64        `json:"since"`
}

type countersResult struct {
	Before, First, Second counters
	Left                  int
}

func checkCounters(t *testing.T, raw string) {
	var r countersResult
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	for _, c := range []counters{r.First, r.Second} {
		if c.Total != r.Before.Total+2 || c.Today["lookalikeBlocked"] != r.Before.Today["lookalikeBlocked"]+1 || c.Since != 1577923200000 {
			t.Fatalf("counters: %s", raw)
		}
	}
	if r.Left != 0 {
		t.Fatalf("the past day's event was not folded: %s", raw)
	}
}

func TestCountersFoldPastDays(t *testing.T) {
	b := newBrowser(t)
	checkCounters(t, eval[string](t, b.extPage(t), countersScript))
}

func TestFirefoxCountersFoldPastDays(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "amelii.fr")
	checkCounters(t, f.eval(t, page, countersScript))
}
