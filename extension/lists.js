// The official list in the worker: the signed bundle in force is kept in
// chrome.storage.local and handed back to the engine at every wake; updates
// come from the list server on a schedule or when the mediator asks.
// Verification happens in Go (vigie.bundlePayload, vigie.loadBundle): this
// file only moves bytes, and has the browser inflate the payload Go points
// to, which Go then checks against the index hash the publisher signed.
"use strict";
const VigieLists = {
  ALARM: "vigie-update",
  MAX_BYTES: 8 << 20,

  async getConfig() {
    return VigiePolicy.settings(); // policy, then console, then build defaults
  },

  // ensureBuiltin gives the engine the list built into the extension
  // (builtin.idx, the national and public-sector lists), once per engine:
  // at a wake only when no signed list is kept (a kept list stands in its
  // place: 1.5 MB less to read on the cold path), and before a recheck
  // that may fall back on it. Without it every verdict is "suspicious".
  async ensureBuiltin(api) {
    if (api.builtinLoaded) return;
    const b = await fetch(chrome.runtime.getURL("builtin.idx")).then((r) => r.arrayBuffer())
      .then((x) => new Uint8Array(x), () => null);
    api.builtinLoaded = !!b && api.loadBuiltin(b).ok;
    if (!api.builtinLoaded) console.error("vigie: the built-in list could not be read");
  },

  // trust is what the engine needs to judge a list's signer (Go decides,
  // docs/keys.md): the policy's keys and revocations, and the keys that
  // accepted bundles revoked.
  async trust() {
    const cfg = await VigieLists.getConfig();
    const { listRevokedKeys = [] } = await chrome.storage.local.get("listRevokedKeys");
    return { keys: cfg.publisherKeys || [], revoked: cfg.revokedKeys || [], listRevoked: listRevokedKeys };
  },

  // stamp names a list state (offscreen.js): two engines with the same
  // stamp give the same verdicts.
  stamp(info, localDomains) {
    return JSON.stringify([info.name, info.version, info.keyId, info.entries, info.embedded, localDomains || []]);
  },

  // keepRevocations adds what an accepted bundle revokes: for good.
  async keepRevocations(r) {
    if (!r.revokes || !r.revokes.length) return;
    const { listRevokedKeys = [] } = await chrome.storage.local.get("listRevokedKeys");
    await chrome.storage.local.set({ listRevokedKeys: Array.from(new Set(listRevokedKeys.concat(r.revokes))) });
  },

  // forget drops a kept list whose signer is no longer trusted, so that
  // the next update downloads a whole list (no If-None-Match).
  async forget() {
    await chrome.storage.local.remove(["bundle", "etag"]);
    await VigieLists.idb("readwrite", (s) => s.delete("list")).catch(() => {});
  },

  async schedule() {
    const cfg = await VigieLists.getConfig();
    const every = Math.max(15, Number(cfg.updateMinutes) || 360);
    const a = await chrome.alarms.get(VigieLists.ALARM);
    if (!a || a.periodInMinutes !== every) {
      chrome.alarms.create(VigieLists.ALARM, { delayInMinutes: 1, periodInMinutes: every });
    }
  },

  toBase64(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  },
  fromBase64(b64) {
    const s = atob(String(b64 || ""));
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  },

  async record(status) {
    status.at = new Date().toISOString();
    // failingSince: the first of an unbroken run of failed updates, for
    // the console to say "les mises à jour échouent depuis le …".
    if (status.result !== "updated" && status.result !== "unchanged") {
      const { listStatus } = await chrome.storage.local.get("listStatus");
      status.failingSince = (listStatus && listStatus.failingSince) || status.at;
    }
    await chrome.storage.local.set({ listStatus: status });
    return status;
  },

  // The verified index, kept in IndexedDB (binary, no base64), so that a
  // waking worker hands it back to the engine without verifying and
  // inflating the same bundle again. The signed bundle in storage.local
  // stays the reference: if the cache is missing or refused, it is used.
  db() {
    if (!VigieLists.dbp) {
      VigieLists.dbp = new Promise((resolve, reject) => {
        const req = indexedDB.open("vigie", 1);
        req.onupgradeneeded = () => req.result.createObjectStore("cache");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return VigieLists.dbp;
  },
  async idb(mode, fn) {
    const db = await VigieLists.db();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("cache", mode);
      const req = fn(tx.objectStore("cache"));
      tx.oncomplete = () => resolve(req && req.result);
      tx.onerror = () => reject(tx.error);
    });
  },
  async saveCache(api) {
    const x = api.exportIndex();
    if (!x) return;
    const { index, ...info } = x;
    await VigieLists.idb("readwrite", (s) => s.put({ index: index.buffer, info }, "list")).catch(() => {});
  },

  // kept reads what restore needs. The worker starts it before the engine,
  // so that reading storage overlaps fetching and compiling the module.
  // The signed bundle itself (hundreds of KB of base64) is read only if
  // the cache cannot be used; "etag" is written with it (apply), so its
  // presence tells that a bundle was accepted.
  async kept() {
    const st = await chrome.storage.local.get(["localDomains", "etag"]);
    const hasBundle = "etag" in st;
    const cached = hasBundle ? await VigieLists.idb("readonly", (s) => s.get("list")).catch(() => null) : null;
    return { localDomains: st.localDomains || [], hasBundle, cached };
  },

  // restore gives the engine, at wake, what was accepted before.
  async restore(api, kept) {
    const k = await (kept || VigieLists.kept());
    if (k.localDomains.length) api.setOverlay(k.localDomains);
    if (!(k.hasBundle && await VigieLists.restoreSigned(api, k))) await VigieLists.ensureBuiltin(api);
  },

  // restoreSigned puts the kept signed list back in force; false if there
  // is none or it is refused now.
  async restoreSigned(api, k) {
    const trust = await VigieLists.trust();
    if (k.cached && k.cached.index) {
      const r = api.loadVerified(new Uint8Array(k.cached.index), k.cached.info, trust);
      if (r.ok) return true;
    }
    const { bundle } = await chrome.storage.local.get("bundle");
    if (!bundle) return false;
    const r = await VigieLists.load(api, VigieLists.fromBase64(bundle), trust);
    if (!r.ok) {
      // Its signer revoked or no longer given: out of force for good.
      if (r.error === "revoked" || r.error === "unknown-key") await VigieLists.forget();
      await VigieLists.record({ result: "refused", error: r.error, message: r.message, source: "storage" });
      return false;
    }
    await VigieLists.saveCache(api);
    return true;
  },

  // load hands a bundle to the engine: Go checks all it can before the
  // payload is inflated (signer, signature, claims, the payload's hash),
  // the browser inflates that payload, Go checks the result against the
  // signed index hash and loads it. Go answers every refusal.
  async load(api, bytes, trust) {
    const p = api.bundlePayload(bytes, trust);
    if (!p.ok) return p;
    return api.loadBundle(bytes, trust, await VigieLists.inflate(bytes.subarray(p.start, p.end), p.inflated));
  },

  // inflate is DEFLATE (raw) by the browser, cut one byte past the length
  // the header gives so that a longer payload shows as one; an empty array
  // if the stream is not DEFLATE. The engine decides either way.
  async inflate(z, n) {
    const out = new Uint8Array(n + 1);
    let got = 0;
    try {
      // Fed whole through its writer, which Chromium inflates faster than
      // a Blob's stream piped through it.
      const ds = new DecompressionStream("deflate-raw");
      const w = ds.writable.getWriter();
      w.write(z).catch(() => {});
      w.close().catch(() => {});
      const reader = ds.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const take = Math.min(value.length, out.length - got);
        out.set(value.subarray(0, take), got);
        got += take;
        if (got === out.length) {
          reader.cancel().catch(() => {});
          break;
        }
      }
    } catch (e) {
      return new Uint8Array(0);
    }
    return out.subarray(0, got);
  },

  // apply verifies bytes in Go and keeps them only if they are accepted.
  async apply(api, bytes, etag, source) {
    if (!bytes || bytes.length === 0 || bytes.length > VigieLists.MAX_BYTES) {
      return VigieLists.record({ result: "refused", error: bytes && bytes.length ? "too-large" : "format", source });
    }
    const r = await VigieLists.load(api, bytes, await VigieLists.trust());
    if (!r.ok) return VigieLists.record({ result: "refused", error: r.error, message: r.message, source });
    await VigieLists.keepRevocations(r);
    await chrome.storage.local.set({ bundle: VigieLists.toBase64(bytes), etag: etag || "" });
    await VigieLists.saveCache(api);
    return VigieLists.record({ result: "updated", version: r.version, source });
  },

  async update(api, source) {
    const cfg = await VigieLists.getConfig();
    if (!cfg.listURL) return VigieLists.record({ result: "no-server", source });
    const { etag } = await chrome.storage.local.get("etag");
    let resp;
    try {
      resp = await fetch(cfg.listURL, {
        cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
        headers: etag ? { "If-None-Match": etag } : {},
      });
    } catch (e) {
      return VigieLists.record({ result: "network", message: String(e), source });
    }
    if (resp.status === 304) return VigieLists.record({ result: "unchanged", source });
    if (!resp.ok) return VigieLists.record({ result: "http", message: String(resp.status), source });
    const len = Number(resp.headers.get("Content-Length") || 0);
    if (len > VigieLists.MAX_BYTES) return VigieLists.record({ result: "refused", error: "too-large", source });
    const bytes = new Uint8Array(await resp.arrayBuffer());
    return VigieLists.apply(api, bytes, resp.headers.get("ETag"), source);
  },

  async setLocal(api, domains) {
    const list = Array.from(new Set((domains || []).map((d) => String(d).trim().toLowerCase()).filter(Boolean)));
    const r = api.setOverlay(list);
    if (r.ok) await chrome.storage.local.set({ localDomains: list });
    return r;
  },

  async status(api) {
    const st = await chrome.storage.local.get(["listStatus", "localDomains"]);
    const cfg = await VigieLists.getConfig();
    return { info: api.listInfo(), status: st.listStatus || null, localDomains: st.localDomains || [], listURL: cfg.listURL || "" };
  },
};
