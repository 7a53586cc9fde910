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
    const r = JSON.parse(api.pinCheck(pin, rec, JSON.stringify(pinAttempts), Date.now()));
    if (r.attempts) await chrome.storage.local.set({ pinAttempts: r.attempts });
    if (r.ok) await VigieMediator.grant();
    return r;
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
