// The offscreen document that keeps a second engine (offscreen.js): it
// starts the engine's dedicated worker and passes the service worker's
// questions to it. It decides nothing and shows nothing.
"use strict";
(() => {
  const q = new URLSearchParams(location.search);
  const engine = new Worker("../engineworker.js");
  engine.postMessage({ type: "start", local: JSON.parse(q.get("local") || "[]"), trust: JSON.parse(q.get("trust") || "{}") });
  let next = 0;
  const waiting = new Map();
  engine.onmessage = (e) => {
    const answer = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (answer) answer(e.data);
  };
  const worker = chrome.runtime.getURL("background.js");
  chrome.runtime.onMessage.addListener((msg, sender, reply) => {
    // Only the service worker asks (never a page, never a content script).
    if (!msg || msg.target !== "vigie-engine" || sender.url !== worker) return false;
    const id = ++next;
    waiting.set(id, reply);
    engine.postMessage({ id, type: msg.type, url: String(msg.url || "") });
    return true;
  });
})();
