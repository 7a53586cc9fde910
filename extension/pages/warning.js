// The full-page warning shown instead of a lookalike. Its parameters come
// from the service worker (extension pages cannot be opened by web pages).
"use strict";
(() => {
  const p = new URLSearchParams(location.search);
  const t = (k, ...a) => chrome.i18n.getMessage(k, a);
  const target = p.get("t") || "";
  const name = p.get("n") || target;
  const real = p.get("r") || "";
  document.getElementById("imitates").textContent = t("warning_imitates", name);
  document.getElementById("host").textContent = p.get("h") || "";
  document.title = t("warning_pageTitle");
  const go = document.getElementById("go");
  // Only https links to the official site: never a link built from the page.
  if (/^https:\/\/[a-z0-9.-]+\/$/.test(real)) {
    go.href = real;
    go.textContent = t("warning_goReal", real.slice(8, -1));
  } else {
    go.hidden = true;
  }
  document.getElementById("back").addEventListener("click", () => {
    if (history.length > 1) history.back();
    else location.replace("about:blank");
  });
  go.focus();

  // Going on anyway: in strict mode (the default on public terminals) only
  // with the mediator's PIN; otherwise the visitor may, after this page.
  const blocked = p.get("u") || "";
  chrome.runtime.sendMessage({ type: "settings" }).then((s) => {
    const strict = !s || s.strictMode !== false;
    if (!strict) {
      document.getElementById("pin").hidden = true;
      document.querySelector("label[for=pin]").hidden = true;
    }
    document.getElementById("proceedForm").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const pin = document.getElementById("pin").value;
      document.getElementById("pin").value = "";
      const r = await chrome.runtime.sendMessage({ type: "proceed", url: blocked, pin });
      if (r && r.ok) location.replace(blocked);
      else document.getElementById("proceedResult").textContent = r && r.locked ? t("pin_locked") : t("warning_proceedRefused");
    });
  });
})();
