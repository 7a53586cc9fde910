// The welcome page: the terminal's own sentence (policy), whether the last
// visitor's session was wholly erased, and a first step: large buttons to
// the sites people come for, and the place's own (policy). A button is
// shown only for an address the engine judges official.
"use strict";
const VigieWelcome = {
  // The sites most visitors of France Services come for.
  SITES: [
    ["welcome_siteAmeli", "https://www.ameli.fr/"],
    ["welcome_siteCaf", "https://www.caf.fr/"],
    ["welcome_siteImpots", "https://www.impots.gouv.fr/"],
    ["welcome_siteTravail", "https://www.francetravail.fr/"],
    ["welcome_siteAnts", "https://ants.gouv.fr/"],
  ],

  async settings() {
    return chrome.runtime.sendMessage({ type: "settings" }).catch(() => ({}));
  },

  local(s) {
    const p = document.getElementById("local");
    p.textContent = s && s.welcomeText ? String(s.welcomeText).slice(0, 500) : "";
    p.hidden = !p.textContent;
  },

  // The policy's sites: "Label https://address", the address last.
  policySites(s) {
    const out = [];
    for (const line of (s && Array.isArray(s.welcomeSites) ? s.welcomeSites : []).slice(0, 8)) {
      const i = String(line).lastIndexOf(" ");
      if (i > 0) out.push([String(line).slice(0, i).trim().slice(0, 80), String(line).slice(i + 1)]);
    }
    return out;
  },

  async sites(s) {
    const all = VigieWelcome.SITES.map(([k, u]) => [chrome.i18n.getMessage(k), u]).concat(VigieWelcome.policySites(s));
    const judged = await Promise.all(all.map(([, u]) =>
      chrome.runtime.sendMessage({ type: "check", url: u }).then((v) => v && v.kind === "official", () => false)));
    const nav = document.getElementById("sites");
    nav.replaceChildren(...all.filter((_, i) => judged[i] && /^https:\/\//.test(all[i][1])).map(([label, u]) => {
      const a = document.createElement("a");
      a.className = "site";
      a.href = u;
      a.textContent = label;
      return a;
    }));
  },

  async erased() {
    const st = await chrome.runtime.sendMessage({ type: "status" }).catch(() => null);
    const last = st && st.lastSessionEnd;
    const failed = !st || (last && Array.isArray(last.failed) && last.failed.length > 0);
    document.getElementById("clean").hidden = !!failed;
    document.getElementById("notClean").hidden = !failed;
  },

  async show() {
    const s = await VigieWelcome.settings();
    VigieWelcome.local(s);
    await VigieWelcome.sites(s);
  },
};
VigieWelcome.show();
VigieWelcome.erased();
// Policies reach a force-installed extension a moment after it starts:
// the page follows them.
chrome.storage.onChanged.addListener((c, area) => { if (area === "managed") VigieWelcome.show(); });
