// The browser's own rule engine (declarativeNetRequest) as the gate's
// floor: the hosts the list blocks and those the engine judged lookalike
// are stopped by the browser itself, for every kind of request, whatever
// the worker is doing (stopped, starting, busy). The rules decide nothing:
// they hold what the Go engine said.
//  - Dynamic rules (kept across browser restarts): the list's blocked
//    domains (api.blockedDomains), rewritten after every list change.
//  - Session rules: the hosts judged lookalike in this browser session, and
//    an "allow" above them for the hosts the advisor let open.
//  - The static ruleset "startup" (built by build/rules.go, enabled at
//    every install and update): until the worker knows its gate runs,
//    every page waits on the hold page and every other request is stopped.
"use strict";
const VigieRules = {
  LIST_PAGE: 1, LIST_OTHER: 2, // dynamic
  JUDGED_PAGE: 3, JUDGED_OTHER: 4, PROCEED: 5, // session
  MAX_JUDGED: 5000,

  available() {
    return typeof chrome !== "undefined" && !!chrome.declarativeNetRequest;
  },

  // block makes the two rules that stop domains: a page goes to the
  // warning (which asks the engine why), anything else is cancelled.
  block(pageId, otherId, domains) {
    if (!domains.length) return [];
    const warning = chrome.runtime.getURL("pages/warning.html");
    return [
      { id: pageId, priority: 1, action: { type: "redirect", redirect: { regexSubstitution: warning + "?r=1&u=\\0" } },
        condition: { regexFilter: "^https?://[^#]*", requestDomains: domains, resourceTypes: ["main_frame"] } },
      { id: otherId, priority: 1, action: { type: "block" },
        condition: { requestDomains: domains, resourceTypes: VigieRules.other() } },
    ];
  },
  // other: every type this browser knows but a page, from its own list
  // (Firefox has more than Chromium: beacon, speculative, json...; an
  // unknown type would make a rule invalid).
  other() {
    return Object.values(chrome.declarativeNetRequest.ResourceType).filter((t) => t !== "main_frame");
  },

  // syncBlocked puts the list's blocked domains in the dynamic rules when
  // the list in force (or the local sites) changed since they were
  // written: a worker waking on the same list does not read the whole list
  // again. One at a time.
  queue: Promise.resolve(),
  syncBlocked(api) {
    if (!VigieRules.available()) return Promise.resolve();
    VigieRules.queue = VigieRules.queue.then(async () => {
      const { localDomains = [], blockedStamp = "" } = await chrome.storage.local.get(["localDomains", "blockedStamp"]);
      const stamp = VigieLists.stamp(api.listInfo(), localDomains);
      if (stamp === blockedStamp) return;
      const had = (await chrome.declarativeNetRequest.getDynamicRules()).find((r) => r.id === VigieRules.LIST_OTHER);
      const list = api.blockedDomains();
      if (typeof list !== "string") throw new Error("the engine could not list the blocked domains"); // the rules in place stay
      const domains = list.split("\n").filter(Boolean);
      const before = new Set(had ? had.condition.requestDomains : []);
      await chrome.declarativeNetRequest.updateDynamicRules({
        removeRuleIds: [VigieRules.LIST_PAGE, VigieRules.LIST_OTHER],
        addRules: VigieRules.block(VigieRules.LIST_PAGE, VigieRules.LIST_OTHER, domains),
      });
      await chrome.storage.local.set({ blockedStamp: stamp });
      VigieRules.forgetWorkers(domains.filter((d) => !before.has(d)));
    }).catch((e) => console.error("vigie: rules:", e));
    return VigieRules.queue;
  },

  // judged adds a host the engine judged lookalike to the session rules.
  judgedHosts: null, // Set, read back from the session rules at the first use
  judged(host) {
    if (!VigieRules.available() || !host) return;
    if (VigieRules.judgedHosts && VigieRules.judgedHosts.has(host)) return; // every request of a lookalike page comes here
    VigieRules.queue = VigieRules.queue.then(async () => {
      if (!VigieRules.judgedHosts) {
        const rules = await chrome.declarativeNetRequest.getSessionRules();
        const r = rules.find((x) => x.id === VigieRules.JUDGED_OTHER);
        VigieRules.judgedHosts = new Set(r ? r.condition.requestDomains : []);
      }
      if (VigieRules.judgedHosts.has(host)) return;
      VigieRules.judgedHosts.add(host);
      const hosts = [...VigieRules.judgedHosts].slice(-VigieRules.MAX_JUDGED);
      VigieRules.judgedHosts = new Set(hosts);
      await chrome.declarativeNetRequest.updateSessionRules({
        removeRuleIds: [VigieRules.JUDGED_PAGE, VigieRules.JUDGED_OTHER],
        addRules: VigieRules.block(VigieRules.JUDGED_PAGE, VigieRules.JUDGED_OTHER, hosts),
      });
      VigieRules.forgetWorkers([host]);
    }).catch((e) => console.error("vigie: rules:", e));
  },

  // proceed lets the hosts the advisor opened through the rules above.
  proceed(hosts) {
    if (!VigieRules.available()) return Promise.resolve();
    return chrome.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [VigieRules.PROCEED],
      addRules: hosts.length ? [{ id: VigieRules.PROCEED, priority: 2, action: { type: "allow" },
        condition: { requestDomains: hosts, resourceTypes: ["main_frame", ...VigieRules.other()] } }] : [],
    }).catch((e) => console.error("vigie: rules:", e));
  },

  // clearSession forgets, at the end of a visitor's session, the hosts
  // they were stopped from and let through (the next visitor's gate judges
  // them anew; the list's blocked domains stay).
  clearSession() {
    if (!VigieRules.available()) return Promise.resolve();
    VigieRules.judgedHosts = new Set();
    return chrome.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [VigieRules.JUDGED_PAGE, VigieRules.JUDGED_OTHER, VigieRules.PROCEED],
    }).catch(() => {});
  },

  // forgetWorkers removes the service workers (and their caches) of hosts
  // now stopped: a site's worker could otherwise answer a visit from what
  // it kept, without any request.
  forgetWorkers(hosts) {
    if (!hosts.length || !chrome.browsingData) return;
    const where = VigieUI.firefox ? { hostnames: hosts } : { origins: hosts.flatMap((h) => ["https://" + h, "http://" + h]) };
    chrome.browsingData.remove(where, VigieUI.firefox ? { serviceWorkers: true } : { serviceWorkers: true, cacheStorage: true }).catch(() => {});
  },

  // startupOff disables the static "startup" ruleset once the gate is in
  // place.
  async startupOff() {
    if (!VigieRules.available()) return;
    try {
      const on = await chrome.declarativeNetRequest.getEnabledRulesets();
      if (!on.includes("startup")) return;
      await chrome.declarativeNetRequest.updateEnabledRulesets({ disableRulesetIds: ["startup"] });
    } catch (e) {
      console.error("vigie: startup rules:", e);
    }
  },
  // startupSent: the startup rules sent this tab to the hold page in the
  // last minute (the browser's record of matched rules): a web page that
  // opens the hold page itself was not.
  async startupSent(tabId) {
    if (!VigieRules.available() || !chrome.declarativeNetRequest.getMatchedRules || tabId < 0) return false; // Firefox has no record
    const { rulesMatchedInfo = [] } = await chrome.declarativeNetRequest.getMatchedRules({ tabId, minTimeStamp: Date.now() - 60000 }).catch(() => ({}));
    return rulesMatchedInfo.some((m) => m.rule.rulesetId === "startup" && m.rule.ruleId === 1);
  },
};
