// The mediator's rights in the worker: the PIN record and failed attempts
// are stored here, but set and checked in Go (vigie.pinHash, pinCheck); an
// unlock lasts ten minutes, in session storage.
"use strict";
const VigieMediator = {
  UNLOCK_MS: 10 * 60 * 1000,

  // The PIN record: the policy's if the IT service set one.
  async record() {
    const { mediatorPinHash } = await VigiePolicy.managed();
    if (mediatorPinHash) return mediatorPinHash;
    const { pinRecord } = await chrome.storage.local.get("pinRecord");
    return pinRecord || "";
  },
  async status() {
    const rec = await VigieMediator.record();
    return { set: !!rec, unlocked: await VigieMediator.unlocked() };
  },
  async unlocked() {
    const { mediatorUntil = 0 } = await chrome.storage.session.get("mediatorUntil");
    return Date.now() < mediatorUntil;
  },
  async grant() {
    await chrome.storage.session.set({ mediatorUntil: Date.now() + VigieMediator.UNLOCK_MS });
  },
  // The first PIN is chosen at first run; changing it needs the console open.
  async set(api, pin) {
    if ((await VigiePolicy.managed()).mediatorPinHash) return { ok: false, error: "managed" };
    if ((await VigieMediator.record()) && !(await VigieMediator.unlocked())) return { ok: false, error: "locked" };
    const rec = api.pinHash(pin);
    if (!rec) return { ok: false, error: "weak" };
    await chrome.storage.local.set({ pinRecord: rec, pinAttempts: {} });
    await VigieMediator.grant();
    return { ok: true };
  },
  async unlock(api, pin) {
    const rec = await VigieMediator.record();
    if (!rec) return { ok: false, error: "unset" };
    const { pinAttempts = {} } = await chrome.storage.local.get("pinAttempts");
    const r = api.pinCheck(pin, rec, pinAttempts, Date.now());
    if (r.attempts) await chrome.storage.local.set({ pinAttempts: r.attempts });
    if (r.ok) await VigieMediator.grant();
    return r;
  },
  // Opening a lookalike anyway, for this session only. In strict mode it
  // takes the PIN (checked in Go like any unlock).
  async proceed(api, url, pin) {
    const { strictMode } = await VigiePolicy.settings();
    if (strictMode !== false) {
      const r = await VigieMediator.unlock(api, pin);
      if (!r.ok) return r;
    }
    const v = VigieUI.decode(api.check(url));
    if (!v.host) return { ok: false };
    const { proceedHosts = [] } = await chrome.storage.session.get("proceedHosts");
    proceedHosts.push(v.host);
    await chrome.storage.session.set({ proceedHosts });
    VigieGate.proceed.add(v.host); // the gate lets the next request through at once
    return { ok: true };
  },
  async allowed(host) {
    const { proceedHosts = [] } = await chrome.storage.session.get("proceedHosts");
    return proceedHosts.includes(host);
  },
  // One refused download let through by the mediator: the next download
  // of that exact file name passes, once.
  async allowDownload(api, name, pin) {
    const r = await VigieMediator.unlock(api, pin);
    if (!r.ok) return r;
    await chrome.storage.session.set({ downloadOnce: name });
    return { ok: true };
  },
  async takeDownload(name) {
    const { downloadOnce } = await chrome.storage.session.get("downloadOnce");
    if (!downloadOnce || downloadOnce !== name) return false;
    await chrome.storage.session.remove("downloadOnce");
    return true;
  },

  // Other extensions on a shared terminal: a spyware extension is the
  // easiest keylogger. Lists them for the mediator (needs "management").
  async audit() {
    if (!chrome.management) return { ok: false, error: "unavailable" };
    const self = chrome.runtime.id;
    const { allowedExtensions = [] } = await VigiePolicy.settings();
    const all = await chrome.management.getAll();
    return { ok: true, extensions: all.filter((e) => e.id !== self && e.type === "extension" && !allowedExtensions.includes(e.id))
      .map((e) => ({ name: e.name, id: e.id, enabled: e.enabled, installType: e.installType })) };
  },
};
