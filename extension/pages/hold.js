// The hold page: a navigation that came while the engine was starting
// waits here, and nothing of it leaves the computer until the engine has
// judged it. Then this page goes where the worker says: the site itself,
// or the warning. It decides nothing: the address it goes to comes from
// the worker, which accepts only web addresses.
"use strict";
(() => {
  if (window.top !== window) return; // a main-frame page only
  const p = new URLSearchParams(location.search);
  const url = p.get("u") || "";
  const t = (k) => chrome.i18n.getMessage(k);
  let tries = 0;
  async function go() {
    tries++;
    try {
      const r = await chrome.runtime.sendMessage({ type: "hold", url, t: Number(p.get("t")) || 0 });
      if (r && typeof r.go === "string") {
        location.replace(r.go);
        return;
      }
    } catch (e) { /* the worker restarted: ask again */ }
    if (tries < 5) {
      setTimeout(go, 300 * tries);
      return;
    }
    document.getElementById("text").textContent = t("hold_failed");
    const b = document.getElementById("retry");
    b.hidden = false;
    b.onclick = () => { b.hidden = true; tries = 0; go(); };
  }
  // The address was a file: the browser downloads it and this page stays.
  // Go back to the page the visitor clicked on (or say so, if none).
  chrome.runtime.onMessage.addListener((msg) => {
    if (!msg || msg.type !== "downloadStarted") return;
    if (!([msg.url, msg.finalUrl].includes(url) || msg.url === location.href)) return;
    if (history.length > 1) history.back();
    else document.getElementById("text").textContent = t("hold_download");
  });
  go();
})();
