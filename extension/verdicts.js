// Presentation of verdicts in the browser chrome: toolbar icon, title, and
// the address of the warning page. Shared by the service worker and pages.
"use strict";
const VigieUI = {
  // The engine answers vigie.check(url) with one string, fields separated
  // by U+001F, in this order (wasm/cmd/vigie/main.go, toJS).
  verdictFields: ["kind", "host", "display", "registrable", "imitates", "imitatesLabel",
    "imitatesName", "realURL", "family", "score", "reason"],
  decode(s) {
    const f = String(s).split("\x1f");
    const v = {};
    VigieUI.verdictFields.forEach((k, i) => { v[k] = f[i] || ""; });
    v.score = Number(v.score) || 0;
    return v;
  },
  iconState(kind) {
    switch (kind) {
      case "official": return "official";
      case "lookalike": return "lookalike";
      case "suspicious": return "suspicious";
      default: return "unknown";
    }
  },
  showIcon(tabId, v) {
    const s = VigieUI.iconState(v.kind);
    chrome.action.setIcon({ tabId, path: { 16: `icons/${s}-16.png`, 32: `icons/${s}-32.png` } }).catch(() => {});
    chrome.action.setTitle({ tabId, title: chrome.i18n.getMessage("icon_" + s) }).catch(() => {});
  },
  warningURL(v, blocked) {
    const p = new URLSearchParams({
      u: blocked, h: v.display || v.host || "", t: v.imitates || "", n: v.imitatesName || v.imitates || "",
      r: v.realURL || "", f: v.family || "",
    });
    return chrome.runtime.getURL("pages/warning.html") + "?" + p.toString();
  },
};
