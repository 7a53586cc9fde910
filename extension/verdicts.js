// Presentation of verdicts in the browser chrome: toolbar icon, title, and
// the address of the warning page. Shared by the service worker and pages.
"use strict";
const VigieUI = {
  // firefox: this is Firefox (its background page, event page rules,
  // browsingData keys and blocking listeners differ from Chromium's).
  firefox: typeof browser !== "undefined" && !!(browser.runtime && browser.runtime.getBrowserInfo),
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
  // checker returns check(url) → the encoded verdict, through two buffers
  // in the engine's memory (vigie.io, vigie.checkIO; wasm/cmd/vigie/io.go):
  // no JS string crosses into Go, which makes a verdict cost little more
  // than an empty call. A URL too long for the buffer, or any refusal,
  // goes the string way (vigie.check), which is never cut short.
  checker(api, memory) {
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    const { in: inAt, inSize, out: outAt } = api.io;
    return (url) => {
      url = String(url);
      // A fresh view each time: the buffer is replaced when memory grows.
      const r = enc.encodeInto(url, new Uint8Array(memory.buffer, inAt, inSize));
      if (r.read < url.length) return api.check(url);
      const n = api.checkIO(r.written);
      if (typeof n !== "number" || n < 0) return api.check(url);
      return dec.decode(new Uint8Array(memory.buffer, outAt, n));
    };
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
  // The warning page takes the blocked address only, and asks the worker
  // what it imitates: a page that opens it with made-up words gets the
  // engine's verdict, never its own text.
  warningURL(v, blocked) {
    return chrome.runtime.getURL("pages/warning.html") + "?u=" + encodeURIComponent(blocked);
  },
};
