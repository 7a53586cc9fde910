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
})();
