// Vigie service worker: moves navigation events to the Go engine (vigie.wasm)
// and its verdicts to the page. It decides nothing itself.
"use strict";
// Start-up timings, read by make bench (performance.now() is relative to
// the worker's start).
const timings = { start: performance.now() };
globalThis.__vigieTimings = timings;
// Chromium runs this file as a service worker and loads the others here;
// Firefox lists them all in its manifest (build/firefox.go).
if (typeof importScripts === "function") {
  importScripts("wasm_exec.js", "protocol.js", "verdicts.js", "policy.js", "lists.js", "session.js", "mediator.js", "gate.js", "rules.js", "offscreen.js", "downloads.js");
}

// ---- The engine: instantiated once per worker wake, again if Go exits ----
let engine = null; // Promise<globalThis.vigie>
let engineReady = null; // the same engine once its list is restored: the gate's synchronous verdicts

function startEngine() {
  engine = (async () => {
    // Read what was kept while the module loads.
    const kept = VigieLists.kept();
    kept.catch(() => {});
    const session = chrome.storage.session.get("pw"); // the session key and tags, never a password
    session.catch(() => {});
    const go = new Go();
    const ready = new Promise((resolve) => { globalThis.__vigieReady = resolve; });
    const { instance } = await WebAssembly.instantiateStreaming(
      fetch(chrome.runtime.getURL("vigie.wasm")), go.importObject);
    timings.instantiated = performance.now();
    globalThis.__vigieMemory = () => instance.exports.mem.buffer.byteLength;
    // When the Go program exits (a fatal error), forget it: the next call
    // instantiates a fresh one.
    go.run(instance).finally(() => { engine = null; engineReady = null; });
    await ready;
    timings.goReady = performance.now();
    const api = globalThis.vigie;
    api.checkURL = VigieUI.checker(api, instance.exports.mem);
    // The kept signed list, or the list built into the extension (without
    // a list every verdict is "suspicious", and the console says so).
    await VigieLists.restore(api, kept.catch(() => undefined)); // the signed list and local sites kept from before
    const { pw } = await session.catch(() => ({}));
    if (pw) api.restorePasswords(pw);
    timings.restored = performance.now();
    engineReady = api;
    VigieOffscreen.sync(api); // the kept engine takes the same list
    VigieRules.syncBlocked(api); // and the browser's rules its blocked domains
    VigieGate.judgeCold(api); // what was cancelled unjudged while it started
    return api;
  })();
  engine.catch(() => { engine = null; engineReady = null; });
  return engine;
}

// verdict never throws: any failure of the engine gives the fail-safe
// verdict "suspicious", never a silent "allow".
async function verdict(url) {
  try {
    const api = await (engine || startEngine());
    const v = VigieUI.decode(api.checkURL(url));
    if (!timings.firstVerdict) {
      timings.firstVerdict = performance.now();
      chrome.storage.session.set({ vigieTimings: timings }); // for make bench, read from a Vigie page
    }
    return v;
  } catch (e) {
    engine = null;
    engineReady = null;
    // unavailable: no engine answered at all (the gate's hold page waits).
    return { ...VigieProtocol.FAILSAFE, unavailable: true };
  }
}
// Start the engine at once, to overlap its start with the navigation that
// woke us; unless the kept engine (offscreen.js) holds our list: compiling
// the module takes the CPU of these 2-core machines for hundreds of ms,
// so while a navigation waits on the hold page, the kept engine serves it
// first, and the worker's own engine starts when no hold is waiting (or
// when anything needs it: verdict() starts it at once).
let ownStart = 0;
function startOwnIn(ms) {
  clearTimeout(ownStart);
  ownStart = setTimeout(() => engine || startEngine(), ms);
}
let keptLikely = null; // not known until session storage answers
let holdWaiting = false;
chrome.storage.session.get("engineStamp").then(({ engineStamp }) => {
  keptLikely = !!engineStamp && !!globalThis.chrome.offscreen;
  if (!keptLikely) startOwnIn(0);
  else if (!holdWaiting) startOwnIn(300);
}, () => startOwnIn(0));

// ---- The gate: requests judged before they leave (gate.js) ----
// One address stopped is one stop, whichever path answered first: after a
// worker stop, the kept engine's verdict sent on (sendOn), the hold page
// (hold) and the gate's own answer can each meet the same navigation.
const stopsCounted = VigieGate.brief();
VigieGate.onBlocked = (d, v) => {
  if (d.type === "main_frame" && d.tabId >= 0) {
    VigieUI.showIcon(d.tabId, v);
    saveTabVerdict(d.tabId, v);
  }
  if (stopsCounted.has(d.url)) return Promise.resolve();
  stopsCounted.add(d.url);
  return countEvent("lookalikeBlocked");
};
VigieGate.install(() => engineReady, verdict, (d) => {
  if (!engine && keptLikely !== false) { // the held navigation comes first
    holdWaiting = true;
    startOwnIn(3000);
  }
  const early = VigieOffscreen.judge(d.url);
  // The kept engine answers within tens of ms, before the hold page has
  // even loaded (≈ 100 ms): the worker sends the tab on itself.
  early.then((v) => { if (v && d.tabId >= 0) sendOn(d, v); });
  return early;
});

// sendOn continues a held navigation from the worker with the kept
// engine's verdict: to the warning, or to the address, let through once.
const sentOn = VigieGate.brief(); // addresses sent on, that the hold page must not load again
function sendOn(d, v) {
  VigieGate.measured(d.timeStamp, 2, performance.timeOrigin + performance.now() - d.timeStamp);
  const blocked = v.kind === "lookalike" && !VigieGate.proceed.has(v.host);
  VigieGate.learn(d.url, v.kind);
  if (blocked) VigieRules.judged(v.host);
  if (!blocked) VigieGate.pass(d.url);
  sentOn.add(d.url);
  startOwnIn(0);
  // A stop counted before the warning shows: a worker stopped just after
  // would lose the count otherwise (a few ms; the lookalike waits anyway).
  (blocked ? VigieGate.onBlocked(d, v) : Promise.resolve()).then(() =>
    chrome.tabs.update(d.tabId, { url: blocked ? VigieUI.warningURL(v, d.url) : d.url })).catch(() => {});
}

// Keep the engine warm: a stopped worker costs the next navigation a wait
// on the hold page while the module compiles. An extension API call every
// 20 s keeps the worker (and its Go instance) alive; the alarm starts it
// again if the browser stopped it all the same.
setInterval(() => { chrome.runtime.getPlatformInfo().catch(() => {}); }, 20000);
chrome.alarms.create("vigie-warm", { periodInMinutes: 1 });

// Frames found imitating an official service ("tab:frame" → site).
const impersonating = new Map();

// Counters for the mediator: numbers only, never an address. Each event
// is its own key, one write that nothing can lose (a read-modify-write
// lost counts when a worker was stopped or two overlapped); the console
// sums them (counters), and folds past days into the totals.
function countEvent(name) {
  const key = ["ev", new Date().toISOString().slice(0, 10), name, Date.now(), Math.random().toString(36).slice(2, 8)].join(":");
  return chrome.storage.local.set({ [key]: 1 }).catch(() => {});
}
async function counters() {
  const all = await chrome.storage.local.get(null);
  const c = { day: new Date().toISOString().slice(0, 10), today: {}, ...(all.counters || {}) };
  c.today = {};
  const past = [];
  for (const k of Object.keys(all)) {
    if (!k.startsWith("ev:")) continue;
    const [, day, name, at] = k.split(":");
    c[name] = (c[name] || 0) + 1;
    if (day === c.day) c.today[name] = (c.today[name] || 0) + 1;
    else past.push([k, name]);
    c.since = Math.min(c.since || Infinity, Number(at) || Date.now());
  }
  if (past.length) { // fold the days before today into the kept totals
    const kept = all.counters || {};
    for (const [, name] of past) kept[name] = (kept[name] || 0) + 1;
    kept.since = kept.since || c.since;
    await chrome.storage.local.set({ counters: kept });
    await chrome.storage.local.remove(past.map(([k]) => k));
  }
  return c;
}

// ---- Per-tab state, kept in session storage so a sleeping worker remembers ----
function saveTabVerdict(tabId, v) {
  chrome.storage.session.set({ ["tab:" + tabId]: { kind: v.kind, host: v.host, imitates: v.imitates || "" } });
}

// ---- The way back from a warning ----
// The last pages of each tab that were neither flagged nor a page that
// sent the visitor on by itself: the warning's "go back" leads there,
// never to a redirector that would lead to the fake site again.
let wayBackQueue = Promise.resolve();
function rememberWayBack(d, v) {
  const key = "back:" + d.tabId;
  wayBackQueue = wayBackQueue.then(async () => {
    const { [key]: b = { list: [], last: "", at: 0 } } = await chrome.storage.session.get(key);
    const top = b.list[b.list.length - 1];
    // A web page that sent the visitor on by itself is a redirector, no way
    // back. Chromium says so (client_redirect); Firefox does not for a
    // script, so a page that led to the warning within seconds of opening
    // counts as one too. (Vigie's hold page redirects: it is not "last" as
    // a web page; a server redirect never commits its first address.)
    const redirected = (d.transitionQualifiers || []).includes("client_redirect");
    const toWarning = d.url.startsWith(chrome.runtime.getURL("pages/warning.html"));
    if (top === b.last && (redirected || (toWarning && d.timeStamp - b.at < 5000))) b.list.pop();
    if (/^https?:/i.test(d.url) && ["official", "unknown", "local"].includes(v.kind) && b.list[b.list.length - 1] !== d.url) b.list.push(d.url);
    b.last = d.url;
    b.at = d.timeStamp;
    b.list = b.list.slice(-10);
    await chrome.storage.session.set({ [key]: b });
  }).catch(() => {});
}
async function wayBack(tabId) {
  await wayBackQueue;
  const { ["back:" + tabId]: b = { list: [] } } = await chrome.storage.session.get("back:" + tabId);
  return { url: b.list.length ? b.list[b.list.length - 1] : chrome.runtime.getURL("pages/welcome.html") };
}
chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(["back:" + tabId, "tab:" + tabId]);
  VigieGate.releaseTab(tabId);
});
// A tab held because a password was recognised there: released when it
// leaves that page; held again by a restarted worker.
chrome.webNavigation.onCommitted.addListener((d) => { if (d.frameId === 0) VigieGate.releaseTab(d.tabId); });
VigieGate.ready.then(() => chrome.storage.session.get("heldTabs")).then(({ heldTabs = [] }) => {
  for (const [tabId, host] of heldTabs) VigieGate.holdTab(tabId, host, false);
}).catch(() => {});

// ---- Navigation ----
async function onNavigation(details) {
  if (details.frameId !== 0) return;
  // Vigie's own pages and blank tabs are no web address: nothing to judge,
  // and no reason to start the engine (a hold page must not wait for it).
  // The way back still notes them (a warning reached from a redirector).
  if (details.url.startsWith(chrome.runtime.getURL("")) || /^about:/i.test(details.url)) {
    if (details.transitionType !== undefined) rememberWayBack(details, { kind: "" });
    return;
  }
  // With the gate, the request is judged before it leaves; the start of a
  // navigation then has nothing to do here, and the worker stays free for
  // the gate's synchronous answer. onCommitted still draws the icon. A
  // fresh worker learns its mode a moment after it starts: it waits for
  // it, or a navigation the gate stopped would be judged and counted here too.
  if (details.transitionType === undefined) {
    await VigieGate.ready;
    if (VigieGate.mode === "gate") return;
  }
  const v = await verdict(details.url);
  if (details.transitionType === undefined) { // onBeforeNavigate: the start of the navigation
    timings.navToVerdict = performance.timeOrigin + performance.now() - details.timeStamp;
    chrome.storage.session.set({ vigieTimings: timings }); // for make bench, read from a Vigie page
  }
  VigieUI.showIcon(details.tabId, v);
  saveTabVerdict(details.tabId, v);
  if (details.transitionType !== undefined) rememberWayBack(details, v);
  // With the gate, a lookalike that commits all the same (a bug, a path
  // the gate does not see) is still replaced here.
  if (v.kind === "lookalike" && !(await VigieMediator.allowed(v.host))) {
    VigieRules.judged(v.host);
    if (details.transitionType === undefined) VigieGate.onBlocked({ tabId: -1, url: details.url }, v); // the icon is drawn above
    chrome.tabs.update(details.tabId, { url: VigieUI.warningURL(v, details.url) });
  }
}
// onBeforeNavigate fires before the request leaves; onCommitted catches
// server redirects (an official site redirecting to a lookalike). With the
// gate, the start of a navigation is the gate's: the browser is told to
// stop sending that event, so the worker is free for the gate's answer.
chrome.webNavigation.onBeforeNavigate.addListener(onNavigation);
chrome.webNavigation.onCommitted.addListener(onNavigation);
VigieGate.onGate = () => chrome.webNavigation.onBeforeNavigate.removeListener(onNavigation);

// judgePage asks the engine whether the frame's text imitates an official
// service; if so, the tab is marked, every frame's password and card
// fields take no typing, and the top frame shows the banner.
function judgePage(api, tabId, frameId, url, text) {
  const site = api.page(url, String(text || "").slice(0, 32768));
  if (!site) return "";
  impersonating.set(tabId + ":" + frameId, site);
  if (tabId >= 0) {
    VigieUI.showIcon(tabId, { kind: "suspicious" });
    chrome.tabs.sendMessage(tabId, { type: "lockFields", site }).catch(() => {});
    chrome.tabs.sendMessage(tabId, { type: "banner", v: { kind: "suspicious", imitatesName: site, realURL: "https://" + site + "/" } }, { frameId: 0 }).catch(() => {});
  }
  return site;
}

// frameURL is the address a frame is judged by: its own, or, for frames
// with none of their own (about:blank, about:srcdoc, data:), the origin
// they run in (a blob: address carries its origin: the engine reads it).
// The content script gives location.origin where the browser gives no
// sender.origin (Firefox).
function frameURL(sender, msg) {
  const url = sender.url || "";
  const origin = sender.origin || (msg && typeof msg.origin === "string" ? msg.origin : "");
  if (/^(about|data):/i.test(url) && /^https?:\/\//i.test(origin)) return origin + "/";
  return url;
}

// ---- Messages from content scripts and extension pages ----
// Who may send what, what needs the advisor's code and what each answers
// on failure: protocol.js. Every handler returns its answer (a promise);
// a failure gets the route's fail-safe answer.
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const route = VigieProtocol.route(msg, sender, chrome.runtime.getURL(""));
  if (!route) return false;
  const api = () => engine || startEngine();
  const run = route.code
    ? () => VigieMediator.unlocked().then((ok) => (ok ? handleMediator(msg, api) : { ok: false, error: "locked" }))
    : () => handle(msg, sender, api);
  const answer = Promise.resolve().then(run);
  if (route.silent) {
    answer.catch(() => {});
    return false;
  }
  answer.then(sendResponse, (e) => sendResponse(VigieProtocol.failed(route, e)));
  return true;
});

// handle answers one message whose sender protocol.js allowed.
async function handle(msg, sender, api) {
  const tabId = sender.tab ? sender.tab.id : -1;
  switch (msg.type) {
    case "verdict": { // a content script asks about its own frame
      const url = sender.url || "";
      const v = await verdict(url);
      if (v.kind === "lookalike" && sender.tab && sender.frameId === 0 && !(await VigieMediator.allowed(v.host))) {
        chrome.tabs.update(tabId, { url: VigieUI.warningURL(v, url) });
      }
      return v;
    }
    case "fieldLock": { // a frame asks whether its fields must take no typing
      const frameKey = tabId + ":" + sender.frameId;
      const [v, st] = await Promise.all([verdict(frameURL(sender, msg)), chrome.storage.session.get("tab:" + tabId)]);
      const top = st["tab:" + tabId] || {};
      const site = impersonating.get(frameKey) || impersonating.get(tabId + ":0") || v.imitates || top.imitates || "";
      const dangerous = (k) => k === "suspicious" || k === "lookalike";
      return {
        locked: dangerous(v.kind) || dangerous(top.kind) || impersonating.has(frameKey) || impersonating.has(tabId + ":0"), site,
        official: v.kind === "official",
      };
    }
    case "typed": { // what is being typed in some frame: an official password?
      const a = await api();
      const site = a.typed(String(msg.text || "").slice(-64), frameURL(sender, msg));
      if (site && sender.tab) {
        countEvent("passwordBlocked");
        let host = "";
        try { host = new URL(sender.url || "").hostname; } catch (e) { /* keep "" */ }
        VigieGate.holdTab(tabId, host); // nothing more leaves that page
      }
      return { site };
    }
    case "password": { // a field was committed in some frame
      const url = frameURL(sender, msg);
      const a = await api();
      // A frame inherits what its top page imitates (the brand on the
      // page, the form in a frame of another site).
      const imp = impersonating.get(tabId + ":" + sender.frameId) || impersonating.get(tabId + ":0") || "";
      const kind = a.fieldKind(String(msg.autocomplete || ""), String(msg.hints || ""), Number(msg.count) || 1, String(msg.context || ""));
      const [action, reason, site, changeURL] = a.password(String(msg.value || ""), url, kind, imp).split("\x1f");
      msg.value = ""; // nothing of it is kept here
      // The page waits for the answer, not for storage.
      chrome.storage.session.set({ pw: a.passwordState() });
      if (action === "block") countEvent("passwordBlocked");
      return { action, reason, site, changeURL };
    }
    case "bannerHidden": { // the page hides the banner (banner.js watch): the full-page warning instead
      if (!sender.tab || sender.frameId !== 0) return;
      const url = sender.url || "";
      const v = await verdict(url);
      if (!(v.kind === "suspicious" || v.kind === "lookalike") || await VigieMediator.allowed(v.host)) return;
      await chrome.storage.session.set({ ["hidden:" + tabId]: url });
      chrome.tabs.update(tabId, { url: VigieUI.warningURL(v, url) });
      return;
    }
    case "page": { // a page with a password or sensitive field describes itself
      const a = await api();
      let site = judgePage(a, tabId, sender.frameId, frameURL(sender, msg), msg.text);
      // A frame that names nobody, in a page that may: the name on the
      // top page, the form in a frame of another site. Ask the top page
      // to describe itself too.
      if (!site && sender.frameId !== 0 && tabId >= 0 && !impersonating.has(tabId + ":0")) {
        const top = await chrome.tabs.sendMessage(tabId, { type: "describeText" }, { frameId: 0 }).catch(() => null);
        if (top && typeof top.text === "string") site = judgePage(a, tabId, 0, sender.tab.url || "", top.text);
      }
      return { site };
    }
    case "pinStatus": return VigieMediator.status();
    case "pinSet": return VigieMediator.set(await api(), String(msg.pin || ""));
    case "pinCheck": return { result: String((await api()).pinCheck(String(msg.pin || ""))) };
    case "pinUnlock": return VigieMediator.unlock(await api(), String(msg.pin || ""));
    case "pinLock": return VigieMediator.lock();
    case "counters": return counters();
    case "proceed": return VigieMediator.proceed(await api(), String(msg.url || ""), String(msg.pin || ""));
    case "allowDownload": return VigieMediator.allowDownload(await api(), String(msg.name || ""), String(msg.pin || ""));
    case "settings": return VigiePolicy.settings();
    case "demoClaim": return demoClaim(sender, String(msg.token || ""), String(msg.url || ""));
    case "hold": return hold(String(msg.url || ""), Number(msg.t) || 0, !!msg.startup, tabId);
    case "wayBack": return wayBack(tabId);
    case "check": { // the warning page of a tab whose page hid the banner says so
      const v = await verdict(String(msg.url || ""));
      const key = "hidden:" + tabId;
      const st = await chrome.storage.session.get(key);
      return st[key] && st[key] === msg.url ? { ...v, hiddenBanner: true } : v;
    }
    case "status": {
      const a = await api();
      await VigieGate.ready;
      // since: when this worker started (a restarted worker tells a new one).
      const { lastSessionEnd = null } = await chrome.storage.local.get("lastSessionEnd");
      return { ...(await VigieLists.status(a)), mode: VigieGate.mode, since: performance.timeOrigin, lastSessionEnd };
    }
    case "endSession": {
      const a = await api();
      impersonating.clear();
      const r = await VigieSession.end(a, String(msg.reason || "visitor"));
      VigieOffscreen.sync(a); // the wipe emptied session storage, its stamp too
      return r;
    }
    case "tabState": return chrome.storage.session.get("tab:" + msg.tabId).then((r) => r["tab:" + msg.tabId] || null);
    case "wipePasswords": {
      (await api()).wipePasswords();
      impersonating.clear();
      await chrome.storage.session.remove("pw");
      return { ok: true };
    }
  }
  throw new Error("no handler for " + msg.type); // protocol.js lists a message handled nowhere
}

// hold answers the hold page: where a navigation held while the engine
// started goes, once the engine has judged it.
async function hold(url, start, startup, tabId) {
  if (!/^https?:\/\//i.test(url)) return { go: "about:blank" };
  // Only an address the gate held, or a tab the startup rules sent here:
  // the hold page is no way for a web page to send a tab on.
  if (startup) await VigieGate.armed; // the rules are off before the tab goes on
  if (!(await VigieGate.wasHeld(url)) && !(startup && await VigieRules.startupSent(tabId))) {
    return { go: chrome.runtime.getURL("pages/welcome.html") };
  }
  // A cold worker asks the kept engine (offscreen.js) first, then its own.
  // The kept engine was asked when the gate held the navigation, and the
  // worker may have sent the tab on already (sendOn): this page is being
  // left, it waits.
  const early = VigieGate.prefetched(url);
  let v = early ? await early : null;
  if (sentOn.delete(url)) return { wait: true };
  const asked = performance.timeOrigin + performance.now() - start;
  if (!v && !early && !engineReady) v = await VigieOffscreen.judge(url);
  const kept = !!v;
  startOwnIn(0);
  if (!v) v = await verdict(url);
  if (v.unavailable) return { error: "engine" }; // nothing leaves without a verdict
  if (start) VigieGate.measured(start, kept ? 2 : 1, kept ? asked : 0);
  VigieGate.learn(url, v.kind);
  if (v.kind === "lookalike" && !VigieGate.proceed.has(v.host)) {
    VigieRules.judged(v.host);
    VigieGate.onBlocked({ type: "main_frame", tabId: -1, url }, v);
    return { go: VigieUI.warningURL(v, url) };
  }
  // Judged already: the gate lets this address through once, even if the
  // worker's own engine is still starting when it comes back.
  if (!engineReady) VigieGate.pass(url);
  return { go: url };
}

// A policy changed its keys: the list in force must still be signed by a
// trusted key (docs/keys.md); if not, the list built into the extension
// protects until a trusted list comes.
chrome.storage.onChanged.addListener((ch, area) => {
  if (area !== "managed" || !(ch.publisherKeys || ch.revokedKeys) || !engine) return;
  engine.then((api) => changeList(api, async () => {
    await VigieLists.ensureBuiltin(api); // what a refused list falls back on
    const r = api.recheck(await VigieLists.trust());
    if (r.ok) return;
    await VigieLists.forget();
    await VigieLists.record({ result: "refused", error: r.error, message: r.message, source: "policy" });
  })).catch(() => {});
});

// changeList runs a change of the worker's list: the kept engine's
// verdicts are not used from its start until the kept engine holds the
// new list too.
async function changeList(api, change) {
  await VigieOffscreen.forget();
  try {
    return await change();
  } finally {
    VigieOffscreen.sync(api);
    await VigieRules.syncBlocked(api);
    await rejudgeTabs();
  }
}

// rejudgeTabs judges every open page again with the list now in force: a
// page opened before the list condemned its host goes to the warning, and
// its host to the browser's rules (nothing more leaves for it, even posted
// by that page while the worker sleeps).
async function rejudgeTabs() {
  const tabs = await chrome.tabs.query({}).catch(() => []);
  for (const tab of tabs) {
    if (!/^https?:/i.test(tab.url || "")) continue;
    const v = await verdict(tab.url);
    if (v.kind !== "lookalike" || await VigieMediator.allowed(v.host)) continue;
    VigieRules.judged(v.host);
    VigieGate.onBlocked({ type: "main_frame", tabId: tab.id, url: tab.url }, v);
    chrome.tabs.update(tab.id, { url: VigieUI.warningURL(v, tab.url) }).catch(() => {});
  }
}

// The advisor's reports of Vigie's mistakes: the host and what Vigie said,
// kept on this computer (never sent; exported on request), at most 500.
async function addReport(kind, link) {
  if (kind !== "false-alarm" && kind !== "missed") return { ok: false };
  const v = await verdict(link);
  const { reports = [] } = await chrome.storage.local.get("reports");
  reports.push({ at: Date.now(), host: v.host || "", kind, verdict: v.kind, imitates: v.imitates || "" });
  await chrome.storage.local.set({ reports: reports.slice(-500) });
  return { ok: true, count: Math.min(reports.length, 500) };
}

// The practice warning's address, and the claim of its token: once, by a
// warning page of that address only (a token reused on a real warning
// would dress it as practice and hide its way out).
const DEMO_URL = "http://arneli.fr/";
async function demoClaim(sender, token, url) {
  const page = chrome.runtime.getURL("pages/warning.html");
  if (!sender.url || !sender.url.startsWith(page) || !token) return { ok: false };
  const { demoToken } = await chrome.storage.session.get("demoToken");
  if (!demoToken || demoToken !== token) return { ok: false };
  await chrome.storage.session.remove("demoToken"); // spent, even on a wrong address
  return { ok: url === DEMO_URL };
}

// Requests that change the protection: only after the mediator's PIN.
async function handleMediator(msg, api) {
  const a = await api();
  switch (msg.type) {
    case "updateNow": return changeList(a, () => VigieLists.update(a, "mediator"));
    case "importBundle": return changeList(a, () => VigieLists.apply(a, VigieLists.fromBase64(msg.data), "", "file"));
    case "setLocal": return changeList(a, () => VigieLists.setLocal(a, msg.domains));
    case "setIdle": {
      if ((await VigiePolicy.settings()).managed.idleMinutes) return { ok: false, error: "managed" };
      const n = Math.min(240, Math.max(1, Number(msg.minutes) || VigieSession.IDLE_DEFAULT));
      await chrome.storage.local.set({ idleMinutes: n });
      await VigieSession.watchIdle();
      return { ok: true, minutes: n };
    }
    case "setStrict": {
      if ((await VigiePolicy.settings()).managed.strictMode) return { ok: false, error: "managed" };
      await chrome.storage.local.set({ strictMode: !!msg.strict });
      return { ok: true };
    }
    case "audit": return VigieMediator.audit();
    case "report": return addReport(String(msg.kind || ""), String(msg.link || ""));
    case "reports": return chrome.storage.local.get("reports").then((r) => ({ ok: true, reports: r.reports || [] }));
    case "reportsExport": { // the file, written in Go: dates as text, cells a spreadsheet cannot run
      const { reports = [] } = await chrome.storage.local.get("reports");
      return { ok: true, text: a.reportsTSV(reports.map((x) => ({ ...x, at: new Date(x.at).toISOString() }))) };
    }
    case "clearReports": return chrome.storage.local.remove("reports").then(() => ({ ok: true }));
    case "demoWarning": { // a practice warning: only the console can open one
      const token = crypto.randomUUID();
      await chrome.storage.session.set({ demoToken: token });
      return { ok: true, url: chrome.runtime.getURL("pages/warning.html") + "?u=" + encodeURIComponent(DEMO_URL) + "&demo=" + token };
    }
  }
  return { ok: false };
}

// ---- Scheduled list updates ----
chrome.alarms.onAlarm.addListener((a) => {
  if (a.name === "vigie-warm") (engine || startEngine()).catch(() => {});
  if (a.name === VigieLists.ALARM) (engine || startEngine()).then((api) => changeList(api, () => VigieLists.update(api, "schedule")));
});
chrome.runtime.onInstalled.addListener(async (details) => {
  // Only a first install is fresh: an update, or an unpacked extension that
  // Chromium "installs" again at each start, finds its own storage there.
  if (details.reason === "install") {
    const { firstRunDone } = await chrome.storage.local.get("firstRunDone");
    if (!firstRunDone) chrome.storage.local.set({ installedAt: Date.now(), firstRunDone: true });
  }
  VigieLists.schedule();
  VigieSession.watchIdle();
});
chrome.runtime.onStartup.addListener(() => {
  VigieLists.schedule();
  VigieSession.watchIdle();
});

// A new version the IT service pushes: the browser waits for this handler
// to apply it. It is marked first, so that the new version's worker, which
// finds session storage empty as after a browser start, does not clean the
// terminal in the middle of a visitor's session (closing their tabs).
chrome.runtime.onUpdateAvailable.addListener(async () => {
  await chrome.storage.local.set({ updatingAt: Date.now() });
  chrome.runtime.reload();
});

// A terminal starts clean: at the first wake of a browser session, whatever
// the last visitor left is removed. Session storage is emptied when the
// browser closes, so a missing mark there means a new start — which does
// not depend on onStartup, not sent in every setup. The start that
// installed Vigie has nothing to clean.
(async () => {
  const { browserSession } = await chrome.storage.session.get("browserSession");
  if (browserSession) return;
  await chrome.storage.session.set({ browserSession: Date.now() });
  await new Promise((r) => setTimeout(r, 1000)); // let onInstalled record a fresh install
  const { installedAt = 0, updatingAt = 0 } = await chrome.storage.local.get(["installedAt", "updatingAt"]);
  // The update's mark is spent by the start it spares, and counts for a
  // minute at most: a browser start later on cleans as always.
  if (updatingAt) await chrome.storage.local.remove("updatingAt");
  if (Date.now() - installedAt < 30000 || Date.now() - updatingAt < 60000) return;
  (engine || startEngine()).then((api) => VigieSession.end(api, "startup"), () => VigieSession.end(null, "startup"));
})();

// ---- The visitor leaves: idle detection with a countdown ----
chrome.idle.onStateChanged.addListener((state) => VigieSession.onIdleState(state));

// ---- Downloads: programs and scripts are refused (downloads.js, decided in Go) ----
VigieDownloads.onRefused = (name, family, entry) => {
  countEvent("downloadBlocked");
  const q = new URLSearchParams({ f: name, r: family, e: entry });
  chrome.tabs.create({ url: chrome.runtime.getURL("pages/download.html") + "?" + q });
};
VigieDownloads.install(() => engine || startEngine(), () => VigiePolicy.settings());
