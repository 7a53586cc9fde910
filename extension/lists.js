// The official list in the worker: the signed bundle in force is kept in
// chrome.storage.local and handed back to the engine at every wake; updates
// come from the list server on a schedule or when the mediator asks.
// Verification happens in Go (vigie.loadBundle): this file only moves bytes.
"use strict";
const VigieLists = {
  ALARM: "vigie-update",
  MAX_BYTES: 8 << 20,
  config: null,

  async getConfig() {
    if (!VigieLists.config) {
      VigieLists.config = fetch(chrome.runtime.getURL("config.json"))
        .then((r) => r.json()).catch(() => ({}));
    }
    return VigieLists.config;
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
    await chrome.storage.local.set({ listStatus: status });
    return status;
  },

  // restore gives the engine, at wake, what was accepted before.
  async restore(api) {
    const st = await chrome.storage.local.get(["bundle", "localDomains"]);
    if (st.localDomains && st.localDomains.length) api.setOverlay(st.localDomains);
    if (st.bundle) {
      const r = api.loadBundle(VigieLists.fromBase64(st.bundle));
      if (!r.ok) await VigieLists.record({ result: "refused", error: r.error, message: r.message, source: "storage" });
    }
  },

  // apply verifies bytes in Go and keeps them only if they are accepted.
  async apply(api, bytes, etag, source) {
    if (!bytes || bytes.length === 0 || bytes.length > VigieLists.MAX_BYTES) {
      return VigieLists.record({ result: "refused", error: bytes && bytes.length ? "too-large" : "format", source });
    }
    const r = api.loadBundle(bytes);
    if (!r.ok) return VigieLists.record({ result: "refused", error: r.error, message: r.message, source });
    await chrome.storage.local.set({ bundle: VigieLists.toBase64(bytes), etag: etag || "" });
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
