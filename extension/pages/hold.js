// The hold page: a navigation that came while the engine was starting
// waits here, and nothing of it leaves the computer until the engine has
// judged it. Then this page goes where the worker says: the site itself,
// or the warning. It decides nothing: the address it goes to comes from
// the worker, which accepts only web addresses.
"use strict";
(() => {
  if (window.top !== window) return; // a main-frame page only
  const p = new URLSearchParams(location.search);
  // s=1: sent here by the startup rules (rules.js), with the address as the
  // browser wrote it, last and unescaped (or none, where the rules cannot
  // name this page's origin).
  const startup = p.get("s") === "1";
  const raw = location.href.indexOf("&u=");
  const url = startup ? (raw >= 0 ? location.href.slice(raw + 3) : "") : p.get("u") || "";
  const t = (k) => chrome.i18n.getMessage(k);
  if (!url) { // Vigie was starting and could not keep the address
    // This script runs in the head, before the text and i18n.js exist.
    document.addEventListener("DOMContentLoaded", () => { document.getElementById("text").textContent = t("hold_startup"); });
    return;
  }
  let tries = 0;
  async function go() {
    tries++;
    try {
      const r = await chrome.runtime.sendMessage({ type: "hold", url, t: Number(p.get("t")) || 0, startup });
      if (r && typeof r.go === "string") {
        location.replace(r.go);
        return;
      }
      if (r && r.wait) { // the worker is sending this tab on; if not, ask again
        setTimeout(go, 2000);
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
  // Back from the site: this page is a step the visitor never chose; step
  // over it (if there is nothing before it, it goes on to the site).
  const back = () => { history.back(); setTimeout(go, 1000); };
  window.addEventListener("pageshow", (e) => { if (e.persisted) back(); });
  const nav = performance.getEntriesByType("navigation")[0];
  if (nav && nav.type === "back_forward") back();
  else go();
})();
