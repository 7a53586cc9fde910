// The mediator's rights in the worker: the PIN record and failed attempts
// are stored here, but set and checked in Go (vigie.pinHash, pinCharge,
// pinVerify). The code grants exactly what it was typed for: the console
// (its own form: open while in use, locked after five idle minutes, at the
// end of a session or by its lock button), one site for the session (the
// warning page), or one download (the download page).
"use strict";
const VigieMediator = {
  UNLOCK_MS: 5 * 60 * 1000,
  queue: Promise.resolve(), // attempts, one at a time

  // The PIN record: the policy's if the IT service set one.
  async record() {
    const { mediatorPinHash } = await VigiePolicy.managed();
    if (mediatorPinHash) return mediatorPinHash;
    const { pinRecord } = await chrome.storage.local.get("pinRecord");
    return pinRecord || "";
  },
  // The rescue code's record: the policy's with a policy PIN, else the
  // one drawn when the mediator chose the PIN.
  async rescueRecord() {
    const { mediatorPinHash, mediatorRescueHash } = await VigiePolicy.managed();
    if (mediatorPinHash) return mediatorRescueHash || "";
    const { rescueRecord } = await chrome.storage.local.get("rescueRecord");
    return rescueRecord || "";
  },
  async status() {
    const rec = await VigieMediator.record();
    return { set: !!rec, unlocked: await VigieMediator.unlocked() };
  },
  async unlocked() {
    const { mediatorUntil = 0 } = await chrome.storage.session.get("mediatorUntil");
    if (Date.now() >= mediatorUntil) return false;
    await VigieMediator.grant(); // in use: five more minutes
    return true;
  },
  async grant() {
    await chrome.storage.session.set({ mediatorUntil: Date.now() + VigieMediator.UNLOCK_MS });
  },
  async lock() {
    await chrome.storage.session.remove("mediatorUntil");
    return { ok: true };
  },
  // The first PIN is chosen at first run; changing it needs the console open.
  async set(api, pin) {
    if ((await VigiePolicy.managed()).mediatorPinHash) return { ok: false, error: "managed" };
    if ((await VigieMediator.record()) && !(await VigieMediator.unlocked())) return { ok: false, error: "locked" };
    const rec = String(api.pinHash(pin));
    if (!rec.startsWith("pbkdf2-")) return { ok: false, error: rec === "trivial" ? "trivial" : "weak" };
    // A new code starts a new count: guesses at the old one say nothing
    // of it. Its rescue code is shown once, here.
    const rescue = api.rescueNew();
    if (!rescue) return { ok: false, error: "random" };
    await chrome.storage.local.set({ pinRecord: rec, rescueRecord: rescue.record, pinAttempts: {} });
    await VigieMediator.grant();
    return { ok: true, rescue: rescue.code };
  },
  // verify checks a code (the PIN, or the rescue code: Go tells them
  // apart and keeps a count for each) and grants nothing. Attempts run
  // one at a time (concurrent messages would each read the same count),
  // and each is charged and stored in storage.local, which a restart or
  // a reload keeps, before the slow hash: five failures mean five, even
  // across a worker that stops in the middle.
  verify(api, pin) {
    const run = VigieMediator.queue.then(async () => {
      const rec = await VigieMediator.record();
      if (!rec) return { ok: false, error: "unset" };
      const code = String(pin);
      const { pinAttempts = {} } = await chrome.storage.local.get("pinAttempts");
      const c = api.pinCharge(pinAttempts, Date.now(), code);
      await chrome.storage.local.set({ pinAttempts: c.attempts });
      if (c.locked) return { ok: false, locked: true, lockedUntil: c.lockedUntil };
      const against = c.rescue ? await VigieMediator.rescueRecord() : rec;
      const v = against ? api.pinVerify(code, against) : { ok: false };
      if (v.error) return { ok: false, error: v.error };
      if (v.ok) {
        await chrome.storage.local.set({ pinAttempts: api.pinRefund(c.attempts, Date.now(), code) });
        return { ok: true };
      }
      const locked = c.lockedUntil > Date.now();
      return { ok: false, locked, lockedUntil: c.lockedUntil, remaining: c.remaining };
    });
    VigieMediator.queue = run.catch(() => {});
    return run;
  },
  // unlock opens the console: only from the console's own form.
  async unlock(api, pin) {
    const r = await VigieMediator.verify(api, pin);
    if (r.ok) await VigieMediator.grant();
    return r;
  },
  // Opening a lookalike anyway, for this session only. In strict mode it
  // takes the PIN (checked in Go like any unlock).
  async proceed(api, url, pin) {
    const { strictMode } = await VigiePolicy.settings();
    if (strictMode !== false) {
      const r = await VigieMediator.verify(api, pin); // this site only, not the console
      if (!r.ok) return r;
    }
    const v = VigieUI.decode(api.check(url));
    if (!v.host) return { ok: false };
    const { proceedHosts = [] } = await chrome.storage.session.get("proceedHosts");
    proceedHosts.push(v.host);
    await chrome.storage.session.set({ proceedHosts });
    await VigieRules.proceed(proceedHosts); // above the browser's rules too
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
    const r = await VigieMediator.verify(api, pin); // this file only, not the console
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
