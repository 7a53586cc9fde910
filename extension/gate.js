// The navigation gate: every top-level and frame request is judged before
// it leaves, so a lookalike's server never receives it. It needs blocking
// webRequest, which Chromium keeps in Manifest V3 for policy-installed
// extensions only (how terminals get Vigie) and Firefox gives to all.
// Without it, background.js falls back to replacing the page after the
// navigation started ("reduced" mode), and the popup and console say so.
"use strict";
const VigieGate = {
  mode: "unknown", // then "gate" (the listener blocks) or "reduced" (it cannot)
  ready: null, // Promise: the mode is known
  proceed: new Set(), // hosts the mediator let open for this session
  onBlocked: null, // (details, verdict) → counters and icon, set by background.js
  onGate: null, // called once the gate is known to block

  // install registers the listener; engine() returns the ready engine or
  // null (not started yet), judge(url) the verdict once it is, and
  // early(details) a verdict of the kept engine (offscreen.js) or null.
  install(engine, judge, early) {
    VigieGate.early = early;
    const firefox = VigieUI.firefox;
    const listener = (d) => {
      if (VigieGate.mode === "reduced") return {}; // its answer would be ignored
      const frame = d.type === "main_frame" || d.type === "sub_frame";
      const entered = performance.now();
      const api = engine();
      if (api) {
        try {
          const s = api.checkURL(d.url);
          // Every other request (images, scripts, fetch, beacons, sockets,
          // <object>, a site's service worker...): only a lookalike
          // matters, and nothing is decoded for the others.
          if (!frame && !s.startsWith("lookalike\x1f")) return {};
          const r = VigieGate.response(d, VigieUI.decode(s));
          if (frame) VigieGate.measured(d.timeStamp, false, performance.now() - entered);
          return r;
        } catch (e) { /* held until the engine answers */ }
      }
      // The hold page's verdict came from the kept engine (offscreen.js).
      if (d.type === "main_frame" && VigieGate.takePass(d.url)) return {};
      // Firefox lets a blocking listener wait for the verdict.
      if (firefox) {
        return judge(d.url).then((v) => {
          if (!v.unavailable) return VigieGate.response(d, v);
          return frame ? VigieGate.hold(d) : { cancel: true }; // never a silent allow
        });
      }
      // A form sent to its own page's origin goes: that origin was judged
      // when the page loaded, and a hold would turn the post into a visit
      // and lose what was typed. A list update since cannot have made it
      // a lookalike unseen: the list's blocked domains are the browser's
      // rules (rules.js), and every open page is judged again with the
      // new list (background.js, rejudgeTabs).
      if (d.method !== "GET" && d.type === "main_frame" && d.initiator && VigieGate.sameOrigin(d.initiator, d.url)) return {};
      // Chromium wants an answer now: a navigation waits on Vigie's own
      // page, which continues when the engine answers. Nothing leaves.
      if (frame) return VigieGate.hold(d);
      return VigieGate.cold(d);
    };
    // Chromium accepts the listener even without the permission (it then
    // never blocks): the permission itself tells the mode. Firefox grants
    // it to every extension.
    VigieGate.ready = (async () => {
      try {
        chrome.webRequest.onBeforeRequest.addListener(listener, { urls: ["http://*/*", "https://*/*", "ws://*/*", "wss://*/*"] }, ["blocking"]);
      } catch (e) {
        VigieGate.mode = "reduced"; // no blocking webRequest at all
        return;
      }
      const can = firefox || await chrome.permissions.contains({ permissions: ["webRequestBlocking"] }).catch(() => false);
      VigieGate.mode = can ? "gate" : "reduced";
      if (can && VigieGate.onGate) VigieGate.onGate();
    })();
    VigieGate.armed = VigieGate.ready.then(() => VigieRules.startupOff());
    chrome.storage.session.get("proceedHosts").then(({ proceedHosts = [] }) => {
      proceedHosts.forEach((h) => VigieGate.proceed.add(h));
    });
    chrome.storage.onChanged.addListener((ch, area) => {
      if (area === "session" && ch.proceedHosts) VigieGate.proceed = new Set(ch.proceedHosts.newValue || []);
    });
  },

  // response is what the gate answers for a request given its verdict.
  response(d, v) {
    if (v.kind !== "lookalike" || VigieGate.proceed.has(v.host)) return {};
    // The browser's own rule engine stops the host from now on, whatever
    // the worker's state (rules.js).
    VigieRules.judged(v.host);
    const frame = d.type === "main_frame" || d.type === "sub_frame";
    // Icon, counters and storage after the answer: the request waits for
    // the verdict only. A page or a frame is a stop; what a page sends on
    // its own is not counted.
    if (frame && VigieGate.onBlocked) setTimeout(() => VigieGate.onBlocked(d, v), 0);
    if (d.type === "main_frame") return { redirectUrl: VigieUI.warningURL(v, d.url) };
    if (d.type === "sub_frame") return { redirectUrl: VigieGate.notice("frame_blocked", v.imitatesName || v.imitates || "", "") };
    return { cancel: true };
  },

  sameOrigin(origin, url) {
    try {
      return new URL(url).origin === origin;
    } catch (e) {
      return false;
    }
  },

  // known: the verdicts the kept engine gave this worker (sendOn, hold),
  // by host as the browser writes it, for what must be answered before the
  // worker's own engine runs. At most 2,000, the oldest forgotten. (Once
  // the worker's engine runs, nothing reads it: it is not filled then.)
  known: new Map(),
  learn(url, kind) {
    const host = VigieGate.hostOf(url);
    if (!host) return;
    VigieGate.known.delete(host);
    VigieGate.known.set(host, kind);
    if (VigieGate.known.size > 2000) VigieGate.known.delete(VigieGate.known.keys().next().value);
  },
  hostOf(url) {
    try {
      return new URL(url).hostname;
    } catch (e) {
      return "";
    }
  },

  // cold answers a request that is neither a page nor a frame while the
  // worker's engine starts (Chromium wants the answer now): a host already
  // judged here goes or not by that verdict; a request of a page judged
  // official goes; anything else is cancelled (fail-safe: the page may
  // miss an image; its host receives nothing unjudged). The hosts already
  // judged lookalike or blocked by the list never get this far: the
  // browser's rules stop them first.
  cold(d) {
    const kind = VigieGate.known.get(VigieGate.hostOf(d.url));
    if (kind === "lookalike") return { cancel: true };
    if (kind) return {};
    if (d.initiator && VigieGate.known.get(VigieGate.hostOf(d.initiator)) === "official") return {};
    // Judged once the engine runs: a lookalike then joins the browser's
    // rules, which stop what the page tries again (an EventSource
    // reconnects every few seconds) whatever the worker's state.
    if (VigieGate.coldQueue.length < 200) VigieGate.coldQueue.push(d.url);
    return { cancel: true };
  },
  coldQueue: [],
  // judgeCold judges what cold() cancelled, with the engine now running.
  judgeCold(api) {
    const urls = VigieGate.coldQueue.splice(0);
    for (const url of urls) {
      try {
        const s = api.checkURL(url);
        if (s.startsWith("lookalike\x1f")) VigieGate.response({ type: "other", url }, VigieUI.decode(s));
      } catch (e) { /* judged at its next request */ }
    }
  },

  // prefetched: the kept engine's answer asked for when the navigation
  // was held, once.
  asked: new Map(), // url → Promise<verdict|null>
  prefetched(url) {
    const p = VigieGate.asked.get(url);
    VigieGate.asked.delete(url);
    return p;
  },

  // brief is a set of addresses kept for one navigation's time (10 s):
  // what one path did to a navigation that another may meet too.
  brief() {
    const s = new Set();
    return {
      add(url) {
        s.add(url);
        setTimeout(() => s.delete(url), 10000);
      },
      has: (url) => s.has(url),
      delete: (url) => s.delete(url), // true if it was there
    };
  },

  // pass lets one address through once, within seconds, while the
  // worker's engine starts: the hold page had it judged elsewhere.
  pass(url) {
    VigieGate.passes.add(url);
  },
  takePass(url) {
    return VigieGate.passes.delete(url);
  },

  // hold keeps a request that the engine cannot judge yet: a page waits on
  // Vigie's hold page; a frame (which cannot show Vigie's pages) on a small
  // page that asks for it again in a moment, until the engine answers.
  hold(d) {
    if (d.type === "sub_frame") return { redirectUrl: VigieGate.notice("frame_checking", "", d.url) };
    // The hold page goes on only to an address held here (a web page
    // that opens it with another gets nothing from it).
    VigieGate.remember(d.url);
    // Ask at once: the answer is there when the hold page asks for it.
    if (VigieGate.early) {
      VigieGate.asked.set(d.url, VigieGate.early(d));
      setTimeout(() => VigieGate.asked.delete(d.url), 10000);
    }
    return { redirectUrl: chrome.runtime.getURL("pages/hold.html") + "?u=" + encodeURIComponent(d.url) + "&t=" + d.timeStamp };
  },

  // remember keeps an address the gate held for a minute, in memory and
  // in session storage (the worker may stop before the hold page asks);
  // wasHeld tells whether it was.
  remember(url) {
    VigieGate.heldHere.add(url);
    VigieGate.heldQueue = VigieGate.heldQueue.then(async () => {
      const { heldURLs = [] } = await chrome.storage.session.get("heldURLs");
      const now = Date.now();
      await chrome.storage.session.set({ heldURLs: heldURLs.filter(([, at]) => now - at < 60000).concat([[url, now]]).slice(-50) });
    }).catch(() => {});
  },
  heldQueue: Promise.resolve(),
  async wasHeld(url) {
    if (VigieGate.heldHere.has(url)) return true;
    await VigieGate.heldQueue;
    const { heldURLs = [] } = await chrome.storage.session.get("heldURLs").catch(() => ({}));
    return heldURLs.some(([u, at]) => u === url && Date.now() - at < 60000);
  },

  // measured keeps how long a navigation waited for its verdict, from the
  // navigation's own timestamp (for make bench; numbers only, never an
  // address), in session storage: the worker may stop between two.
  // held: 0 answered in the listener, 1 on the hold page by the worker's
  // engine, 2 on the hold page by the kept engine (offscreen.js).
  // work: of that wait, the time spent in the listener itself (warm), or
  // the time until the hold page asked (held by the kept engine).
  measured(start, held, work = 0) {
    const ms = performance.timeOrigin + performance.now() - start;
    if (!(ms >= 0 && ms < 60000)) return;
    VigieGate.pending.push([Math.round(ms * 100) / 100, Number(held) || 0, Math.round(work * 1000) / 1000]);
    if (VigieGate.pending.length > 1) return; // a write is on its way
    // Written a moment later, in one go, so that the worker stays free for
    // the next navigations; a hold (rare) at once, as its worker may stop.
    setTimeout(async () => {
      const { gateTimings = [] } = await chrome.storage.session.get("gateTimings");
      const all = gateTimings.concat(VigieGate.pending).slice(-500);
      VigieGate.pending = [];
      chrome.storage.session.set({ gateTimings: all });
    }, held ? 0 : 1000);
  },
  pending: [],

  // holdTab stops every request of a tab but a new page (an official
  // password was recognised as it was typed there), until the tab leaves
  // that page or closes (releaseTab). Kept in session storage: a worker
  // that restarts holds the tab again. Nothing to hold in reduced mode.
  held: new Map(), // tabId → listener
  holdTab(tabId, host, keep = true) {
    if (VigieGate.mode === "reduced" || tabId < 0 || VigieGate.held.has(tabId)) return;
    // Only a plain visit elsewhere leaves (the real site's link, another
    // address typed): no form post, nothing to the page's own host.
    const stop = (d) => {
      if (d.type === "main_frame" && d.method === "GET") {
        try {
          if (new URL(d.url).hostname !== host) return {};
        } catch (e) { /* not a URL: stop it */ }
      }
      return { cancel: true };
    };
    try {
      chrome.webRequest.onBeforeRequest.addListener(stop, { urls: ["<all_urls>"], tabId }, ["blocking"]);
    } catch (e) {
      return;
    }
    VigieGate.held.set(tabId, stop);
    if (keep) {
      chrome.storage.session.get("heldTabs").then(({ heldTabs = [] }) =>
        chrome.storage.session.set({ heldTabs: heldTabs.filter((h) => h[0] !== tabId).concat([[tabId, host]]) }));
    }
  },
  releaseTab(tabId) {
    const stop = VigieGate.held.get(tabId);
    if (!stop) return;
    chrome.webRequest.onBeforeRequest.removeListener(stop);
    VigieGate.held.delete(tabId);
    chrome.storage.session.get("heldTabs").then(({ heldTabs = [] }) =>
      chrome.storage.session.set({ heldTabs: heldTabs.filter((h) => h[0] !== tabId) }));
  },

  // notice is a data: page with one sentence (nothing of the lookalike,
  // nothing to click); with again, it loads that address again after a
  // second, and the gate judges it anew.
  notice(key, arg, again) {
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
    const text = chrome.i18n.getMessage(key, [arg]);
    const refresh = again ? `<meta http-equiv="refresh" content="1;url=${esc(again)}">` : "";
    return "data:text/html;charset=utf-8," + encodeURIComponent(
      `<!doctype html><html lang="${esc(chrome.i18n.getUILanguage())}"><meta charset="utf-8">${refresh}<title>Vigie</title>` +
      `<body style="margin:0;font:16px/1.4 system-ui,sans-serif;background:#fff3f0;color:#7a1400;padding:12px;border:3px solid #b3261e">` +
      `<strong>Vigie</strong> — ${esc(text)}</body></html>`);
  },
};
VigieGate.passes = VigieGate.brief(); // addresses let through once (pass)
VigieGate.heldHere = VigieGate.brief(); // addresses held by this worker
