// A second engine that outlives the service worker (Chromium only).
// After a worker stop, the gate must answer the next navigation at once
// and cannot: it holds it on Vigie's hold page until an engine judges it.
// The worker's own engine takes 150–500 ms to start again; this one runs
// in a dedicated worker of an offscreen document, which the browser keeps
// while the service worker sleeps, and answers in a few milliseconds.
// It is used only when its list is exactly the worker's (same stamp):
// otherwise the hold waits for the worker's own engine, as before.
"use strict";
const VigieOffscreen = {
  PAGE: "pages/engine.html",
  available() {
    return typeof chrome !== "undefined" && !!chrome.offscreen && VigieGate.mode === "gate";
  },

  // forget is called before the worker's list changes: until sync, no
  // verdict of the kept engine is used.
  forget() {
    return chrome.storage.session.remove("engineStamp").catch(() => {});
  },

  // sync makes the kept engine hold the worker's list (after a wake, an
  // update, new local sites). One at a time.
  queue: Promise.resolve(),
  sync(api) {
    VigieOffscreen.queue = VigieOffscreen.queue.then(() => VigieOffscreen.syncNow(api)).catch(() => {});
    return VigieOffscreen.queue;
  },
  async syncNow(api) {
    await VigieGate.ready;
    if (!VigieOffscreen.available()) return;
    const { localDomains = [] } = await chrome.storage.local.get("localDomains");
    const stamp = VigieLists.stamp(api.listInfo(), localDomains);
    const r = await VigieOffscreen.ask({ type: "stamp" }, 3000);
    if (!r || r.stamp !== stamp) {
      await chrome.offscreen.closeDocument().catch(() => {}); // none open: nothing to close
      const q = new URLSearchParams({ local: JSON.stringify(localDomains), trust: JSON.stringify(await VigieLists.trust()) });
      await chrome.offscreen.createDocument({
        url: VigieOffscreen.PAGE + "?" + q,
        reasons: ["WORKERS"],
        justification: "Vigie's verdict engine, kept running while the service worker sleeps",
      });
      // The document is loaded; its engine may still be compiling. The
      // stamp is written once it answers with this list: a stamp means
      // "ready to judge", never "starting".
      const ready = await VigieOffscreen.ask({ type: "stamp" }, 10000);
      if (!ready || ready.stamp !== stamp) return;
    }
    await chrome.storage.session.set({ engineStamp: stamp });
  },

  // judge asks the kept engine; null when it is absent, slow, or does not
  // hold the worker's list.
  async judge(url) {
    await VigieGate.ready; // a fresh worker learns its mode a moment after it starts
    if (!VigieOffscreen.available()) return null;
    const [st, r] = await Promise.all([
      chrome.storage.session.get("engineStamp").catch(() => ({})),
      VigieOffscreen.ask({ type: "judge", url }, 400),
    ]);
    if (!r || !st.engineStamp || r.stamp !== st.engineStamp || typeof r.verdict !== "string") return null;
    return VigieUI.decode(r.verdict);
  },

  ask(msg, ms) {
    const answer = chrome.runtime.sendMessage({ ...msg, target: "vigie-engine" }).catch(() => null);
    const late = new Promise((resolve) => setTimeout(() => resolve(null), ms));
    return Promise.race([answer, late]);
  },
};
