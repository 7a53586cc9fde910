// Vigie service worker: moves navigation events to the Go engine (vigie.wasm)
// and its verdicts to the page. It decides nothing itself.
"use strict";
importScripts("wasm_exec.js", "verdicts.js");

// ---- The engine: instantiated once per worker wake, again if Go exits ----
let engine = null; // Promise<globalThis.vigie>

function startEngine() {
  engine = (async () => {
    const go = new Go();
    const ready = new Promise((resolve) => { globalThis.__vigieReady = resolve; });
    const { instance } = await WebAssembly.instantiateStreaming(
      fetch(chrome.runtime.getURL("vigie.wasm")), go.importObject);
    // When the Go program exits (a fatal error), forget it: the next call
    // instantiates a fresh one.
    go.run(instance).finally(() => { engine = null; });
    await ready;
    return globalThis.vigie;
  })();
  engine.catch(() => { engine = null; });
  return engine;
}

// verdict never throws: any failure of the engine gives the fail-safe
// verdict "suspicious", never a silent "allow".
async function verdict(url) {
  try {
    const api = await (engine || startEngine());
    return api.check(url);
  } catch (e) {
    engine = null;
    return { kind: "suspicious", reason: "engine-error", host: "", family: "", score: 0 };
  }
}
startEngine(); // overlap start-up with the navigation that woke us

// ---- Per-tab state, kept in session storage so a sleeping worker remembers ----
function saveTabVerdict(tabId, v) {
  chrome.storage.session.set({ ["tab:" + tabId]: { kind: v.kind, host: v.host, imitates: v.imitates || "" } });
}

// ---- Navigation ----
async function onNavigation(details) {
  if (details.frameId !== 0) return;
  const v = await verdict(details.url);
  VigieUI.showIcon(details.tabId, v);
  saveTabVerdict(details.tabId, v);
  if (v.kind === "lookalike") {
    chrome.tabs.update(details.tabId, { url: VigieUI.warningURL(v, details.url) });
  }
}
// onBeforeNavigate fires before the request leaves; onCommitted catches
// server redirects (an official site redirecting to a lookalike).
chrome.webNavigation.onBeforeNavigate.addListener(onNavigation);
chrome.webNavigation.onCommitted.addListener(onNavigation);

// ---- Messages from content scripts and extension pages ----
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== "string") return false;
  switch (msg.type) {
    case "verdict": { // a content script asks about its own frame
      const url = sender.url || "";
      verdict(url).then((v) => {
        if (v.kind === "lookalike" && sender.tab && sender.frameId === 0) {
          chrome.tabs.update(sender.tab.id, { url: VigieUI.warningURL(v, url) });
        }
        sendResponse(v);
      });
      return true;
    }
    case "check": { // extension pages only: the popup, tests
      if (!sender.url || !sender.url.startsWith(chrome.runtime.getURL(""))) return false;
      verdict(String(msg.url || "")).then(sendResponse);
      return true;
    }
  }
  return false;
});
