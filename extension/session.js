// The end of a visitor's session on a public terminal: everything the
// visitor left in the browser is removed, Vigie's password key and tags
// are wiped, every tab is closed and the welcome page opens. Triggered by
// the visitor (popup), after N idle minutes with a visible countdown, and
// at browser start-up.
"use strict";
const VigieSession = {
  IDLE_DEFAULT: 15,

  async end(api, reason) {
    // Every web origin's data; the extension's own storage stays (its
    // signed list and settings are not the visitor's).
    await chrome.browsingData.remove({ since: 0 }, {
      cache: true, cacheStorage: true, cookies: true, downloads: true, fileSystems: true,
      formData: true, history: true, indexedDB: true, localStorage: true, passwords: true,
      serviceWorkers: true, webSQL: true,
    });
    if (api) api.wipePasswords();
    const { browserSession } = await chrome.storage.session.get("browserSession");
    await chrome.storage.session.clear();
    await chrome.storage.session.set({ browserSession: browserSession || Date.now() }); // still this browser session
    const before = await chrome.tabs.query({});
    const welcome = await chrome.tabs.create({ url: chrome.runtime.getURL("pages/welcome.html"), active: true });
    const others = before.map((t) => t.id).filter((id) => id !== welcome.id);
    if (others.length) await chrome.tabs.remove(others).catch(() => {});
    const { counters = {} } = await chrome.storage.local.get("counters");
    counters.sessionsEnded = (counters.sessionsEnded || 0) + 1;
    await chrome.storage.local.set({ counters, lastSessionEnd: { at: new Date().toISOString(), reason } });
    return { ok: true };
  },

  async idleMinutes() {
    const { idleMinutes } = await VigiePolicy.settings();
    return Math.max(1, Number(idleMinutes) || VigieSession.IDLE_DEFAULT);
  },

  // After N−1 idle minutes a countdown page appears for the last minute;
  // any activity closes it and nothing happens.
  async watchIdle() {
    const n = await VigieSession.idleMinutes();
    chrome.idle.setDetectionInterval(Math.max(15, (n - 1) * 60));
  },

  async onIdleState(state) {
    const url = chrome.runtime.getURL("pages/countdown.html");
    const open = await chrome.tabs.query({ url });
    if (state === "active") {
      if (open.length) chrome.tabs.remove(open.map((t) => t.id)).catch(() => {});
      return;
    }
    if (!open.length) chrome.tabs.create({ url, active: true });
  },
};
