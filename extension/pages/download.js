"use strict";
(() => {
  const q = new URLSearchParams(location.search);
  document.getElementById("f").textContent = q.get("f") || "";
  // The reason of the family that refused the file (docs/downloads.md).
  const why = chrome.i18n.getMessage("download_why_" + (q.get("r") || "").replace(/-/g, "_"));
  if (why) document.getElementById("why").textContent = why;
  if (q.get("e")) {
    document.getElementById("entryName").textContent = q.get("e");
    document.getElementById("entry").hidden = false;
  }
})();
document.getElementById("close").addEventListener("click", () => window.close());
document.getElementById("allowForm").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const t = (k) => chrome.i18n.getMessage(k);
  const pin = document.getElementById("pin").value;
  document.getElementById("pin").value = "";
  const name = new URLSearchParams(location.search).get("f") || "";
  const r = await chrome.runtime.sendMessage({ type: "allowDownload", name, pin });
  document.getElementById("allowResult").textContent = r && r.ok ? t("download_allowed")
    : r && r.locked ? t("pin_locked") : t("warning_proceedRefused");
});
