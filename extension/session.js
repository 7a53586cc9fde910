// The end of a visitor's session on a public terminal: everything the
// visitor left in the browser is removed, Vigie's password key and tags
// are wiped, every tab is closed and the welcome page opens. Triggered by
// the visitor (popup), after N idle minutes with a visible countdown, and
// at browser start-up.
"use strict";
const VigieSession = {
  IDLE_DEFAULT: 15,

  // What browsingData may remove. Firefox refuses some of Chromium's keys
  // (cacheStorage, fileSystems, webSQL) and a refused key cancels the whole
  // call: each is removed on its own, and one that fails is retried once,
  // then reported, never silent.
  DATA: ["cookies", "localStorage", "indexedDB", "serviceWorkers", "cacheStorage", "cache", "fileSystems",
    "webSQL", "formData", "passwords", "history", "downloads"],

  async end(api, reason) {
    // Tabs first: a tab closed after the wipe would be in "recently closed"
    // (Ctrl+Shift+T), with its address and form content.
    const before = await chrome.tabs.query({});
    const welcome = await chrome.tabs.create({ url: chrome.runtime.getURL("pages/welcome.html"), active: true });
    const others = before.map((t) => t.id).filter((id) => id !== welcome.id);
    if (others.length) await chrome.tabs.remove(others).catch(() => {});
    // The files downloaded in the session, then the list of them.
    const filesLeft = await VigieSession.removeDownloads();
    // Every web origin's data; the extension's own storage stays (its
    // signed list and settings are not the visitor's).
    const failed = [];
    await Promise.all(VigieSession.DATA.map(async (key) => {
      if (!(await VigieSession.remove(key)) && !(await VigieSession.remove(key)) && VigieSession.needed(key)) failed.push(key);
    }));
    await VigieSession.forgetClosed();
    if (api) api.wipePasswords();
    const { browserSession } = await chrome.storage.session.get("browserSession");
    await chrome.storage.session.clear(); // the console's unlock, sites let through, password key
    await VigieRules.clearSession(); // the hosts stopped and let through in this session
    await chrome.storage.session.set({ browserSession: browserSession || Date.now() }); // still this browser session
    await countEvent("sessionsEnded"); // background.js
    if (filesLeft) failed.push("files");
    await chrome.storage.local.set({ lastSessionEnd: { at: new Date().toISOString(), reason, failed } });
    // What the browser itself keeps (its session log, its databases'
    // journals, per-site scores) no extension can erase: on a terminal
    // started by vigie-chromium, the browser is closed and starts again on
    // a new profile (docs/deploy.md). A start has nothing left to erase.
    if (reason !== "startup") await VigieSession.restartBrowser();
    return { ok: failed.length === 0, failed };
  },

  // restartBrowser asks the terminal's launcher, through its native host,
  // to close the browser; without one (no launcher, Firefox) nothing happens.
  async restartBrowser() {
    if (!chrome.runtime.sendNativeMessage) return false;
    try {
      const r = await chrome.runtime.sendNativeMessage(VigieSession.HOST, { type: "end" });
      return !!(r && r.ok);
    } catch (e) {
      return false;
    }
  },
  HOST: "fr.vigie.terminal",

  async remove(key) {
    try {
      await chrome.browsingData.remove({ since: 0 }, { [key]: true });
      return true;
    } catch (e) {
      return false;
    }
  },

  // needed: a key this browser knows. Firefox has no cacheStorage,
  // fileSystems or webSQL (its "cache" and "localStorage" cover them).
  needed(key) {
    return !(VigieUI.firefox && ["cacheStorage", "fileSystems", "webSQL"].includes(key));
  },

  // removeDownloads deletes from the disk every file downloaded in this
  // browser session (erasing the list alone leaves them for the next
  // person), and reports how many could not be deleted.
  async removeDownloads() {
    let left = 0;
    const items = await chrome.downloads.search({}).catch(() => []);
    for (const item of items) {
      if (item.state === "in_progress") await chrome.downloads.cancel(item.id).catch(() => {});
      if (item.exists !== false && item.state !== "interrupted") {
        await chrome.downloads.removeFile(item.id).catch(async () => {
          const [now] = await chrome.downloads.search({ id: item.id }).catch(() => []);
          if (now && now.exists) left++; // still on the disk
        });
      }
    }
    await chrome.downloads.erase({}).catch(() => {});
    return left;
  },

  // forgetClosed empties "recently closed" where the browser lets an
  // extension do it (Firefox); Chromium empties it with the history.
  async forgetClosed() {
    if (!chrome.sessions || !chrome.sessions.forgetClosedTab) return;
    const closed = await chrome.sessions.getRecentlyClosed({}).catch(() => []);
    for (const c of closed) {
      if (c.tab) await chrome.sessions.forgetClosedTab(c.tab.windowId, c.tab.sessionId).catch(() => {});
      if (c.window) await chrome.sessions.forgetClosedWindow(c.window.sessionId).catch(() => {});
    }
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
