// The full-page warning shown instead of a lookalike. What it says comes
// from the service worker's verdict on the blocked address, never from
// the address it was opened with.
"use strict";
(async () => {
  // The page is reachable by web pages (the gate redirects their
  // navigations here): it takes nothing from its address but the blocked
  // URL, asks the worker for the verdict, and never runs inside a frame,
  // where a page could dress it up or make people click in it.
  if (window.top !== window) {
    document.body.textContent = "";
    return;
  }
  // The form never submits itself (its code would land in the address):
  // held from the first moment, handled once the page knows its verdict.
  let onProceed = null;
  let early = false; // submitted before the page was ready: run it then
  document.getElementById("proceedForm").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (onProceed) onProceed();
    else early = true;
  });
  const p = new URLSearchParams(location.search);
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);
  // r=1: sent here by the browser's rules (rules.js), the address last
  // and unescaped.
  const raw = location.href.indexOf("&u=");
  const blocked = p.get("r") === "1" && raw >= 0 ? location.href.slice(raw + 3) : p.get("u") || "";
  const v = await chrome.runtime.sendMessage({ type: "check", url: blocked }).catch(() => null);
  // A suspicious page that hid Vigie's banner gets this page instead.
  const hid = !!(v && v.kind === "suspicious" && v.hiddenBanner);
  if (!v || (v.kind !== "lookalike" && !hid)) {
    // Not a lookalike (an address made up to show a warning, or a site the
    // list no longer names): nothing to warn about, and this page sends
    // nobody anywhere they did not choose: the welcome page.
    location.replace(chrome.runtime.getURL("pages/welcome.html"));
    return;
  }
  const target = v.imitates || "";
  const name = v.imitatesName || target;
  const real = v.realURL || "";
  // Reported by the publisher's feeds: say so, with the site it imitates
  // when the feed names it.
  document.getElementById("imitates").textContent = hid ? t("warning_hidesBanner")
    : v.family === "reported"
    ? (name ? t("warning_reportedImitates", name) : t("warning_reported"))
    : t("warning_imitates", name);
  document.getElementById("host").textContent = v.display || v.host || "";
  document.title = t("warning_pageTitle");
  const go = document.getElementById("go");
  // Only https links to the official site.
  if (/^https:\/\/[a-z0-9.-]+\/$/.test(real)) {
    go.href = real;
    go.textContent = t("warning_goReal", real.slice(8, -1));
  } else {
    go.hidden = true;
  }
  // Back to the last page of this tab that was safe, not to the previous
  // history entry: that may be the page that redirected here, which would
  // send the visitor to the fake site again.
  document.getElementById("back").addEventListener("click", async () => {
    const r = await chrome.runtime.sendMessage({ type: "wayBack" }).catch(() => null);
    location.replace(r && r.url ? r.url : chrome.runtime.getURL("pages/welcome.html"));
  });
  go.focus();
  // A practice warning opened from the console (the token it stored, for
  // the practice address, claimed once): say so, and nothing can be
  // opened from it.
  const demo = p.get("demo");
  if (demo) {
    const claim = await chrome.runtime.sendMessage({ type: "demoClaim", token: demo, url: blocked }).catch(() => null);
    document.body.dataset.practice = claim && claim.ok ? "yes" : "no"; // decided (for tests)
    if (claim && claim.ok) {
      document.getElementById("demo").hidden = false;
      document.getElementById("proceed").hidden = true;
      go.removeAttribute("href");
      go.addEventListener("click", (ev) => { ev.preventDefault(); document.getElementById("bravo").hidden = false; });
      return;
    }
  }

  // Going on anyway: in strict mode (the default on public terminals) only
  // with the mediator's PIN; otherwise the visitor may, after this page.
  chrome.runtime.sendMessage({ type: "settings" }).then((s) => {
    const strict = !s || s.strictMode !== false;
    if (!strict) {
      document.getElementById("pin").hidden = true;
      document.querySelector("label[for=pin]").hidden = true;
    }
    onProceed = async () => {
      const pin = document.getElementById("pin").value;
      document.getElementById("pin").value = "";
      const r = await chrome.runtime.sendMessage({ type: "proceed", url: blocked, pin });
      if (r && r.ok) location.replace(blocked);
      else document.getElementById("proceedResult").textContent = r && r.locked ? t("pin_locked") : t("warning_proceedRefused");
    };
    if (early) onProceed();
  });
})();
