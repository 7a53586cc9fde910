// The welcome page adds the terminal's own sentence when the IT service
// set one by policy (name of the place, opening hours).
"use strict";
function showLocal() {
  chrome.runtime.sendMessage({ type: "settings" }).then((s) => {
    if (s && s.welcomeText) {
      const p = document.getElementById("local");
      p.textContent = String(s.welcomeText).slice(0, 500);
      p.hidden = false;
    }
  }).catch(() => {});
}
showLocal();
// Policies reach a force-installed extension a moment after it starts:
// the page follows them.
chrome.storage.onChanged.addListener((c, area) => { if (area === "managed") showLocal(); });
