// The kept engine (offscreen.js): the same vigie.wasm as the service
// worker's, in a dedicated worker of the offscreen document, with the
// list the service worker verified (its IndexedDB cache), the local
// sites and the trust (keys, revocations) it was given. It answers
// verdicts and its list's stamp.
"use strict";
importScripts("wasm_exec.js", "verdicts.js", "lists.js");

let api = null;
let stamp = "";
let ready = null;

async function start(local, trust) {
  const go = new Go();
  const goReady = new Promise((resolve) => { self.__vigieReady = resolve; });
  const { instance } = await WebAssembly.instantiateStreaming(fetch("vigie.wasm"), go.importObject);
  go.run(instance).finally(() => { api = null; stamp = ""; }); // a dead engine answers nothing
  await goReady;
  const a = self.vigie;
  a.checkURL = VigieUI.checker(a, instance.exports.mem);
  if (local.length) a.setOverlay(local);
  // The signed list the worker kept, or else the list built into the
  // extension, as the worker does (VigieLists.restore).
  const cached = await VigieLists.idb("readonly", (s) => s.get("list")).catch(() => null);
  if (!(cached && cached.index && a.loadVerified(new Uint8Array(cached.index), cached.info, trust).ok)) {
    const b = await fetch("builtin.idx").then((r) => r.arrayBuffer()).then((x) => new Uint8Array(x), () => null);
    if (!b || !a.loadBuiltin(b).ok) return; // no list: no stamp, the worker's own engine judges
  }
  stamp = VigieLists.stamp(a.listInfo(), local);
  api = a;
}

self.onmessage = async (e) => {
  const m = e.data || {};
  if (m.type === "start") {
    ready = start(Array.isArray(m.local) ? m.local.map(String) : [], m.trust || {}).catch(() => {});
    return;
  }
  await ready;
  const out = { id: m.id, stamp };
  try {
    if (api && m.type === "judge") out.verdict = api.checkURL(m.url);
  } catch (err) {
    out.stamp = ""; // no verdict rather than a wrong one
  }
  self.postMessage(out);
};
